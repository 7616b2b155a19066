-- Appends one incoming message's events, atomically and at most once (EventLog.append).
-- KEYS[1] the message's seen-marker, KEYS[2] the global stream, KEYS[3] the aggregate's state hash,
-- KEYS[4..] one channel stream per publication.
-- ARGV[1] seen ttl (s), ARGV[2] global stream length kept, ARGV[3] channel length kept, ARGV[4] channel ttl (s),
-- ARGV[5] the aggregate's version ('' = unversioned), ARGV[6] state ttl (s),
-- then per publication: channel, event, data, state field ('' = always), state value.
-- Returns the ids appended.
-- Streams are trimmed with XDEL, about a radix-tree node (100 entries) at a time: unlike MAXLEN trimming (Redis 7.0),
-- XDEL advances the stream's max-deleted-entry-id, which is how a resume or a backplane reader that fell behind learns
-- that entries after its id are gone.
local function trim(key, keep)
  local length = redis.call('XLEN', key)
  if length > keep + 100 then
    local oldest = redis.call('XRANGE', key, '-', '+', 'COUNT', length - keep)
    local trimmed = {}
    for _, entry in ipairs(oldest) do
      trimmed[#trimmed + 1] = entry[1]
    end
    redis.call('XDEL', key, unpack(trimmed))
  end
end

if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
  return {}
end
if ARGV[5] ~= '' then
  local known = tonumber(redis.call('HGET', KEYS[3], 'version') or '-1')
  if known >= tonumber(ARGV[5]) then
    return {}
  end
  redis.call('HSET', KEYS[3], 'version', ARGV[5])
  redis.call('EXPIRE', KEYS[3], ARGV[6])
end
local ids = {}
for i = 4, #KEYS do
  local base = 7 + (i - 4) * 5
  local channel, event, data = ARGV[base], ARGV[base + 1], ARGV[base + 2]
  local field, value = ARGV[base + 3], ARGV[base + 4]
  local changed = true
  if field ~= '' then
    changed = redis.call('HGET', KEYS[3], field) ~= value
    if changed then
      redis.call('HSET', KEYS[3], field, value)
      redis.call('EXPIRE', KEYS[3], ARGV[6])
    end
  end
  if changed then
    local id = redis.call('XADD', KEYS[2], '*', 'c', channel, 'e', event, 'd', data)
    -- the same id in the channel: ids of the global stream only grow, so they grow in every channel too
    redis.call('XADD', KEYS[i], id, 'e', event, 'd', data)
    redis.call('EXPIRE', KEYS[i], ARGV[4])
    trim(KEYS[i], tonumber(ARGV[3]))
    ids[#ids + 1] = id
  end
end
trim(KEYS[2], tonumber(ARGV[2]))
return ids
