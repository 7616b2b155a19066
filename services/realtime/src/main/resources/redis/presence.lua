-- A user's first connection with the chat topic on this instance, or its last one gone (Presence.joined/left).
-- KEYS[1] the user's presence: a sorted set of instances, each scored with when its claim expires (ms), KEYS[2] when
-- the user was last seen. ARGV[1] 'join' or 'leave', ARGV[2] this instance, ARGV[3] now (ms), ARGV[4] the claim's
-- expiry (ms), ARGV[5] the presence key's ttl (s), ARGV[6] the last-seen ttl (s), ARGV[7] the user, ARGV[8] now
-- (RFC 3339), ARGV[9] the key prefix of a user's conversations, ARGV[10] that of a conversation's members,
-- ARGV[11] the ephemeral channel.
-- When the user went from offline to online or back (no instance's claim unexpired), chat.presence goes to everyone
-- who shares a conversation with them. Returns 1 then, else 0.
local key, last = KEYS[1], KEYS[2]
local now = ARGV[3]
local function online()
  return redis.call('ZCOUNT', key, '(' .. now, '+inf') > 0
end
redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
local was = online()
if ARGV[1] == 'join' then
  redis.call('ZADD', key, ARGV[4], ARGV[2])
  redis.call('EXPIRE', key, ARGV[5])
else
  redis.call('ZREM', key, ARGV[2])
end
redis.call('SET', last, ARGV[8], 'EX', ARGV[6])
local is = online()
if was == is then
  return 0
end
local user = ARGV[7]
local seen, channels = {}, {}
for _, conversation in ipairs(redis.call('SMEMBERS', ARGV[9] .. user)) do
  for _, member in ipairs(redis.call('SMEMBERS', ARGV[10] .. conversation)) do
    if member ~= user and not seen[member] then
      seen[member] = true
      channels[#channels + 1] = 'chat:' .. member
    end
  end
end
if #channels > 0 then
  local data = '{"userId":"' .. user .. '","status":"' .. (is and 'online' or 'offline') .. '","lastSeen":"'
      .. ARGV[8] .. '"}'
  redis.call('PUBLISH', ARGV[11], cjson.encode({e = 'chat.presence', d = data, c = channels}))
end
return 1
