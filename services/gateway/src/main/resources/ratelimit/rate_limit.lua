-- Decides one request against every rate-limit tier that applies to it, atomically and in one round trip.
-- Time comes from Redis, so every gateway instance uses the same clock.
--
-- KEYS[i]       one hash per tier and caller
-- ARGV          per tier, 4 values: algorithm (1 token bucket, 2 sliding window), limit, period in ms, burst
-- returns       { allowed (1/0), then per tier: allowed (1/0), remaining, reset in ms }
--
-- Nothing is consumed unless every tier allows the request. LocalRateLimiter.java mirrors this arithmetic.

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

local all_allowed = 1
local evaluations = {}

for i = 1, #KEYS do
  local base = (i - 1) * 4
  local algorithm = tonumber(ARGV[base + 1])
  local limit = tonumber(ARGV[base + 2])
  local period = tonumber(ARGV[base + 3])
  local burst = tonumber(ARGV[base + 4])
  local e = { key = KEYS[i], algorithm = algorithm, period = period }

  if algorithm == 1 then
    local rate = limit / period
    local state = redis.call('HMGET', KEYS[i], 't', 'at')
    local tokens = tonumber(state[1])
    if tokens == nil then
      tokens = burst
    else
      tokens = math.min(burst, tokens + (now - tonumber(state[2])) * rate)
    end
    e.allowed = tokens >= 1
    e.tokens = tokens
    e.remaining_before = math.floor(tokens)
    e.remaining_after = math.floor(math.max(0, tokens - 1))
    if e.allowed then
      e.reset = math.ceil((burst - (tokens - 1)) / rate)
    else
      e.reset = math.ceil((1 - tokens) / rate)
    end
    e.ttl = math.ceil(burst / rate) + 1000
  else
    local current = math.floor(now / period)
    local state = redis.call('HMGET', KEYS[i], 'w', 'c', 'p')
    local window = tonumber(state[1])
    local count, previous = 0, 0
    if window == current then
      count = tonumber(state[2])
      previous = tonumber(state[3])
    elseif window == current - 1 then
      previous = tonumber(state[2])
    end
    local elapsed = (now - current * period) / period
    local estimated = previous * (1 - elapsed) + count
    e.allowed = estimated + 1 <= limit
    e.window, e.count, e.previous = current, count, previous
    e.remaining_before = math.floor(math.max(0, limit - estimated))
    e.remaining_after = math.floor(math.max(0, limit - estimated - 1))
    if e.allowed then
      e.reset = period - (now - current * period)
    elseif count + 1 <= limit then
      e.reset = math.ceil(math.max(0, (1 - (limit - 1 - count) / previous) - elapsed) * period)
    else
      e.reset = math.ceil((1 - elapsed + math.max(0, 1 - (limit - 1) / count)) * period)
    end
    e.ttl = 2 * period
  end

  if not e.allowed then
    all_allowed = 0
  end
  evaluations[i] = e
end

local result = { all_allowed }
for i, e in ipairs(evaluations) do
  if all_allowed == 1 then
    if e.algorithm == 1 then
      redis.call('HSET', e.key, 't', tostring(e.tokens - 1), 'at', now)
    else
      redis.call('HSET', e.key, 'w', e.window, 'c', e.count + 1, 'p', e.previous)
    end
    redis.call('PEXPIRE', e.key, e.ttl)
  end
  local remaining = e.remaining_before
  if all_allowed == 1 then
    remaining = e.remaining_after
  end
  table.insert(result, e.allowed and 1 or 0)
  table.insert(result, remaining)
  table.insert(result, e.reset)
end
return result
