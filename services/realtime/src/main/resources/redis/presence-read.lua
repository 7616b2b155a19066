-- Who is online and when each was last seen (Presence.read). KEYS: per user, their presence then their last seen.
-- ARGV[1] now (ms). Returns per user 1 or 0 (an instance's claim unexpired), then the last seen time or ''.
local result = {}
for i = 1, #KEYS, 2 do
  result[#result + 1] = redis.call('ZCOUNT', KEYS[i], '(' .. ARGV[1], '+inf') > 0 and 1 or 0
  result[#result + 1] = redis.call('GET', KEYS[i + 1]) or ''
end
return result
