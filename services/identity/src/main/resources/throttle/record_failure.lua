-- Counts one failed login against each key; the period starts with the first failure.
-- KEYS: the counters; ARGV[1]: period in ms. Returns the new counts.
local counts = {}
for i = 1, #KEYS do
  local count = redis.call('INCR', KEYS[i])
  if count == 1 then
    redis.call('PEXPIRE', KEYS[i], ARGV[1])
  end
  counts[i] = count
end
return counts
