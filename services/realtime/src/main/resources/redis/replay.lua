-- What each channel holds after an id (EventLog.replay).
-- KEYS: the channel streams. ARGV[1] the id to replay after, ARGV[2] the most entries to read per channel.
-- Returns per channel {'missing'} when the stream does not exist, else
-- {max-deleted-entry-id, id1, event1, data1, id2, ...}: the history is complete after ARGV[1] only while no entry
-- after it was ever trimmed, which is what max-deleted-entry-id (Redis 7.0) tells.
local result = {}
for i, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 0 then
    result[i] = {'missing'}
  else
    local info = redis.call('XINFO', 'STREAM', key)
    local deleted = '0-0'
    for j = 1, #info, 2 do
      if info[j] == 'max-deleted-entry-id' then
        deleted = info[j + 1]
      end
    end
    local flat = {deleted}
    for _, entry in ipairs(redis.call('XRANGE', key, '(' .. ARGV[1], '+', 'COUNT', ARGV[2])) do
      local fields = entry[2]
      flat[#flat + 1] = entry[1]
      flat[#flat + 1] = fields[2]
      flat[#flat + 1] = fields[4]
    end
    result[i] = flat
  end
end
return result
