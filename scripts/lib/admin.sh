# shellcheck shell=bash
# Logging in as the platform's admin (demo, dlq). The identity service creates the admin once, with the password
# ./mercato up passes it (MERCATO_ADMIN_PASSWORD, else .mercato/admin-password), and keeps it in its database: a
# second clone generates another password that the shared database does not know.

# Prints an access token for the admin; dies with one sentence when there is no password or the login is refused.
admin_token() {
  local email=${MERCATO_ADMIN_EMAIL:-admin@mercato.local} password=${MERCATO_ADMIN_PASSWORD:-}
  local file=$MERCATO_STATE/admin-password url body response status wait token
  [[ -n $password || ! -s $file ]] || password=$(cat "$file")
  [[ -n $password ]] ||
    die "No admin password: set MERCATO_ADMIN_PASSWORD, or run ./mercato up from this clone (it writes $(display_path "$file"))."
  url=$(service_url gateway)
  body=$(python3 -c 'import json,sys; print(json.dumps({"email": sys.argv[1], "password": sys.argv[2]}))' "$email" "$password")
  response=$(curl -s -m 10 -w '\n%header{retry-after}\n%{http_code}' -X POST "$url/v1/auth/login" \
    -H 'Content-Type: application/json' --data-binary @- <<<"$body") || die "Could not reach the gateway at $url to log in as $email."
  status=$(tail -n 1 <<<"$response")
  wait=$(tail -n 2 <<<"$response" | head -n 1)
  response=$(sed '$d' <<<"$response" | sed '$d')
  case $status in
    200) ;;
    401)
      # Each refused login counts: five in a row lock the account for a while (identity's login throttle).
      if [[ -n ${MERCATO_ADMIN_PASSWORD:-} ]]; then
        die "The identity service refused $email with MERCATO_ADMIN_PASSWORD: set it to the password of the clone that first ran ./mercato up, or ./mercato down and drop the mercato_* databases."
      fi
      die "The admin password in $(display_path "$file") does not match the admin in database $(service_databases identity) (created by another clone?): set MERCATO_ADMIN_PASSWORD to that clone's password, or ./mercato down and drop the mercato_* databases."
      ;;
    429)
      if [[ $wait =~ ^[0-9]+$ ]]; then wait="$wait s"; else wait='a while'; fi
      die "The identity service refuses logins as $email for $wait after too many failed ones (HTTP 429): check the password, then wait."
      ;;
    *) die "Could not log in as $email: the gateway answered HTTP $status." ;;
  esac
  token=$(python3 -c 'import json,sys
try: print(json.load(sys.stdin)["accessToken"])
except Exception: pass' <<<"$response")
  [[ -n $token ]] || die "Could not log in as $email: the login answer has no access token."
  echo "$token"
}
