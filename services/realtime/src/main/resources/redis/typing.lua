-- A typing notification to the other members of a conversation, never stored (ChatMembers.typing).
-- KEYS[1] the conversation's members. ARGV[1] the typist, ARGV[2] the event's data, ARGV[3] the ephemeral channel.
-- Returns 0 when the typist is not a member (as the conversation's events named them), else 1.
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then
  return 0
end
local channels = {}
for _, member in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if member ~= ARGV[1] then
    channels[#channels + 1] = 'chat:' .. member
  end
end
if #channels > 0 then
  redis.call('PUBLISH', ARGV[3], cjson.encode({e = 'chat.typing', d = ARGV[2], c = channels}))
end
return 1
