-- The heartbeat's renewal of this instance's claim for each user connected here with the chat topic
-- (Presence.refresh). KEYS: per user, their presence then their last seen. ARGV[1] this instance, ARGV[2] now (ms),
-- ARGV[3] the claim's expiry (ms), ARGV[4] the presence key's ttl (s), ARGV[5] the last-seen ttl (s), ARGV[6] now
-- (RFC 3339).
for i = 1, #KEYS, 2 do
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', ARGV[2])
  redis.call('ZADD', KEYS[i], ARGV[3], ARGV[1])
  redis.call('EXPIRE', KEYS[i], ARGV[4])
  redis.call('SET', KEYS[i + 1], ARGV[6], 'EX', ARGV[5])
end
return #KEYS / 2
