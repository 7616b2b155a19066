-- Records the members a conversation's event named (ChatMembers.record): membership in chat only grows, so adding is
-- enough, and a redelivered or late event adds nothing new.
-- KEYS[1] the conversation's members. ARGV[1] ttl (s), ARGV[2] the conversation id, ARGV[3] the key prefix of a user's
-- conversations, ARGV[4..] the members.
redis.call('SADD', KEYS[1], unpack(ARGV, 4))
redis.call('EXPIRE', KEYS[1], ARGV[1])
for i = 4, #ARGV do
  local conversations = ARGV[3] .. ARGV[i]
  redis.call('SADD', conversations, ARGV[2])
  redis.call('EXPIRE', conversations, ARGV[1])
end
return #ARGV - 3
