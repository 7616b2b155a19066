# shellcheck shell=bash
# The local SMTP server: GreenMail standalone (com.icegreen:greenmail-standalone from Maven Central), started by `up`
# so that the notifications service has somewhere to send, capturing every mail (nothing leaves the machine). Its HTTP
# API is how `./mercato mail` reads what was captured. It keeps nothing on disk: `down` stops it and the mails go.

: "${MERCATO_GREENMAIL_VERSION:=2.1.13}"
LOCAL_SMTP_HOME=$MERCATO_STATE/embedded/greenmail/$MERCATO_GREENMAIL_VERSION
LOCAL_SMTP_JAR=$LOCAL_SMTP_HOME/greenmail-standalone-$MERCATO_GREENMAIL_VERSION.jar
LOCAL_SMTP_CLASSES=$LOCAL_SMTP_HOME/classes
LOCAL_SMTP_PID=$MERCATO_RUN/greenmail.pid
LOCAL_SMTP_LOG=$MERCATO_LOGS/greenmail.log

local_smtp_api_url() { echo "http://127.0.0.1:$MERCATO_SMTP_API_PORT"; }

local_smtp_install() {
  [[ -f $LOCAL_SMTP_JAR ]] && return
  mkdir -p "$MERCATO_LOGS"
  info "downloading com.icegreen:greenmail-standalone:$MERCATO_GREENMAIL_VERSION$UI_MORE"
  maven_fetch "com.icegreen:greenmail-standalone:$MERCATO_GREENMAIL_VERSION:jar" "$LOCAL_SMTP_HOME"
}

local_smtp_pid() {
  local pid=''
  [[ -f $LOCAL_SMTP_PID ]] && pid=$(cat "$LOCAL_SMTP_PID" 2>/dev/null)
  pid_alive "$pid" && echo "$pid"
  return 0
}

local_smtp_wait_until_ready() {
  local _
  for _ in $(seq 150); do
    curl -sf -m 1 -o /dev/null "$(local_smtp_api_url)/api/service/readiness" && return 0
    pid_alive "$(local_smtp_pid)" || break
    sleep 0.2
  done
  die "The local SMTP server (GreenMail) did not start; last lines of $(display_path "$LOCAL_SMTP_LOG"):" \
    "$(tail -n 15 "$LOCAL_SMTP_LOG" 2>/dev/null)"
}

# Starts GreenMail on 127.0.0.1 (SMTP and its API) unless this checkout's one runs already. SMTP accepts any sender
# and recipient without authentication; 64 MB of heap hold thousands of small mails.
local_smtp_start() {
  if [[ -z $(local_smtp_pid) ]]; then
    local port
    for port in "$MERCATO_SMTP_PORT" "$MERCATO_SMTP_API_PORT"; do
      tcp_reachable 127.0.0.1 "$port" &&
        die "Port $port, meant for the local SMTP server, is taken by another process." \
          "Set MERCATO_SMTP_PORT (SMTP) and MERCATO_SMTP_API_PORT (its HTTP API) to free ports."
    done
    local_smtp_install
    mkdir -p "$MERCATO_RUN" "$MERCATO_LOGS"
    local launcher=nohup
    have setsid && launcher=setsid
    # shellcheck disable=SC2016 # expanded by the inner shell
    "$launcher" bash -c 'echo $$ >"$0" && exec "$@"' "$LOCAL_SMTP_PID" \
      "$JAVA_HOME/bin/java" -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
      -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port="$MERCATO_SMTP_PORT" \
      -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port="$MERCATO_SMTP_API_PORT" \
      -Dgreenmail.auth.disabled -jar "$LOCAL_SMTP_JAR" >"$LOCAL_SMTP_LOG" 2>&1 </dev/null &
    local _
    for _ in $(seq 50); do
      [[ -s $LOCAL_SMTP_PID ]] && break
      sleep 0.1
    done
    local_smtp_wait_until_ready
  fi
  MERCATO_SMTP_HOST=127.0.0.1
  # the notifications service reads the captured mails from here for GET /v1/admin/mail
  export NOTIFICATIONS_LOCAL_MAIL_API
  NOTIFICATIONS_LOCAL_MAIL_API=$(local_smtp_api_url)
}

ensure_local_smtp() {
  local started
  started=$(now_ms)
  local_smtp_start
  ok "SMTP        $MERCATO_SMTP_HOST:$MERCATO_SMTP_PORT (local GreenMail, ready in $(elapsed_since "$started")): ./mercato mail"
}

local_smtp_stop() {
  local pid
  pid=$(local_smtp_pid)
  [[ -n $pid ]] || return 0
  terminate 10 "$pid"
  rm -f "$LOCAL_SMTP_PID"
  ok "local SMTP server stopped"
}

# The mail reader (scripts/java/MailBox.java), compiled once against GreenMail's jar, which carries Jakarta Mail and
# Jackson: run from source it took ~9 s per call on a busy machine.
local_smtp_reader() {
  local source=$MERCATO_ROOT/scripts/java/MailBox.java
  if [[ ! -f $LOCAL_SMTP_CLASSES/MailBox.class || $source -nt $LOCAL_SMTP_CLASSES/MailBox.class ]]; then
    local_smtp_install
    mkdir -p "$LOCAL_SMTP_CLASSES"
    "$JAVA_HOME/bin/javac" -nowarn -proc:none -cp "$LOCAL_SMTP_JAR" -d "$LOCAL_SMTP_CLASSES" "$source" ||
      die "Could not compile $(display_path "$source")."
  fi
  "$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -cp "$LOCAL_SMTP_CLASSES:$LOCAL_SMTP_JAR" MailBox "$@"
}
