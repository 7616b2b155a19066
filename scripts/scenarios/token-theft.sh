# shellcheck shell=bash
# about: a rotated refresh token is used again: the whole session is revoked
# needs: platform
scenario_token_theft() {
  local gateway email login r1 r2 reuse victim relogin
  gateway=$(service_url gateway)
  email=$(scenario_user theft)
  info "user $email logs in"
  login=$(curl -s -X POST "$gateway/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"scenario passphrase\"}")
  r1=$(json refreshToken <<<"$login")
  info "refresh token R1 = ${r1:0:12}…  (an attacker copies it)"

  local refreshed
  refreshed=$(curl -s -w '\n%{http_code}' -X POST "$gateway/v1/auth/refresh" -H 'Content-Type: application/json' \
    -d "{\"refreshToken\":\"$r1\"}")
  expect "the user refreshes with R1" "$(tail -n 1 <<<"$refreshed")" 200
  r2=$(head -n 1 <<<"$refreshed" | json refreshToken)
  info "refresh token R2 = ${r2:0:12}…  (R1 is now rotated)"

  reuse=$(http_code -X POST "$gateway/v1/auth/refresh" -H 'Content-Type: application/json' -d "{\"refreshToken\":\"$r1\"}")
  expect "the attacker presents R1 again" "$reuse" 401
  victim=$(http_code -X POST "$gateway/v1/auth/refresh" -H 'Content-Type: application/json' -d "{\"refreshToken\":\"$r2\"}")
  expect "the whole family is revoked: R2 fails too" "$victim" 401
  relogin=$(http_code -X POST "$gateway/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"scenario passphrase\"}")
  expect "the legitimate user logs in again" "$relogin" 200

  if have psql; then
    info "security events recorded for the user:"
    PGPASSWORD=$MERCATO_PG_PASSWORD psql -h "$MERCATO_PG_HOST" -p "$MERCATO_PG_PORT" -U "$MERCATO_PG_USER" \
      -d "${IDENTITY_DB_NAME:-mercato_identity}" -At -c \
      "select '    ' || e.occurred_at || '  ' || e.kind || '  ' || e.detail from security_event e
       join app_user u on u.id = e.user_id where u.email = '$email' order by e.id" || true
  fi
  scenario_verdict
}
