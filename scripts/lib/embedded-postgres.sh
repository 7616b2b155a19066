# shellcheck shell=bash
# An embedded PostgreSQL from the io.zonky.test.postgres binaries on Maven Central, used when
# no PostgreSQL is reachable. Its data lives under .mercato/embedded and survives `down`.

: "${MERCATO_EMBEDDED_PG_VERSION:=17.6.0}"
EMBEDDED_PG_HOME=$MERCATO_STATE/embedded/postgres
EMBEDDED_PG_BINARIES=$EMBEDDED_PG_HOME/$MERCATO_EMBEDDED_PG_VERSION
EMBEDDED_PG_DATA=$EMBEDDED_PG_HOME/data-${MERCATO_EMBEDDED_PG_VERSION%%.*}
EMBEDDED_PG_LOG=$MERCATO_LOGS/postgres.log
EMBEDDED_PG_STARTED_NOW=''

embedded_pg_artifact() {
  local arch
  arch=$(platform_arch)
  [[ $arch == arm64 ]] && arch=arm64v8
  local artifact
  artifact=embedded-postgres-binaries-$(platform_os)-$arch
  platform_is_musl && artifact+=-alpine
  echo "io.zonky.test.postgres:$artifact:$MERCATO_EMBEDDED_PG_VERSION:jar"
}

# PostgreSQL refuses to run as root, so under root it runs as an unprivileged account.
embedded_pg_os_user() {
  if id postgres >/dev/null 2>&1; then echo postgres; else echo nobody; fi
}

as_pg_user() {
  if [[ $(id -u) != 0 ]]; then
    "$@"
  elif have runuser; then
    runuser -u "$(embedded_pg_os_user)" -- "$@"
  else
    die "The embedded PostgreSQL cannot run as root and runuser is not available; run ./mercato as a normal user."
  fi
}

embedded_pg_install() {
  [[ -x $EMBEDDED_PG_BINARIES/bin/pg_ctl ]] && return
  local coordinates download=$EMBEDDED_PG_HOME/download
  coordinates=$(embedded_pg_artifact)
  info "downloading $coordinates$UI_MORE"
  rm -rf "$download" "$EMBEDDED_PG_BINARIES.partial"
  maven_fetch "$coordinates" "$download"
  local jar member
  jar=$(ls "$download"/*.jar)
  member=$(zip_members "$jar" | grep '\.txz$' | head -n 1 || true)
  [[ -n $member ]] || die "$jar holds no PostgreSQL archive (*.txz)."
  mkdir -p "$EMBEDDED_PG_BINARIES.partial"
  unzip_member "$jar" "$member" | tar -xJf - -C "$EMBEDDED_PG_BINARIES.partial" ||
    die "Could not unpack the PostgreSQL binaries (tar with xz support is needed)."
  mv "$EMBEDDED_PG_BINARIES.partial" "$EMBEDDED_PG_BINARIES"
  rm -rf "$download"
}

embedded_pg_prepare_ownership() {
  [[ $(id -u) == 0 ]] || return 0
  local user
  user=$(embedded_pg_os_user)
  mkdir -p "$EMBEDDED_PG_DATA" "$MERCATO_LOGS"
  touch "$EMBEDDED_PG_LOG"
  chown "$user" "$EMBEDDED_PG_DATA" "$EMBEDDED_PG_LOG"
  chmod 700 "$EMBEDDED_PG_DATA"
  as_pg_user test -x "$EMBEDDED_PG_BINARIES/bin/postgres" ||
    die "The embedded PostgreSQL runs as user '$user' (it refuses root), who cannot reach $EMBEDDED_PG_BINARIES." \
      "Make the repository's parent directories world-readable, or run ./mercato as a normal user."
}

embedded_pg_init() {
  [[ -f $EMBEDDED_PG_DATA/PG_VERSION ]] && return
  info "initialising a database cluster in $(display_path "$EMBEDDED_PG_DATA")"
  as_pg_user "$EMBEDDED_PG_BINARIES/bin/initdb" -D "$EMBEDDED_PG_DATA" -U postgres -A trust -E UTF8 --no-locale \
    >"$MERCATO_LOGS/initdb.log" 2>&1 || die "initdb failed; see $(display_path "$MERCATO_LOGS/initdb.log")."
}

# The postmaster's pid, when the embedded server runs.
embedded_pg_pid() {
  local pid=''
  [[ -f $EMBEDDED_PG_DATA/postmaster.pid ]] && pid=$(head -n 1 "$EMBEDDED_PG_DATA/postmaster.pid" 2>/dev/null)
  pid_alive "$pid" && echo "$pid"
  return 0
}

embedded_pg_port() { sed -n 4p "$EMBEDDED_PG_DATA/postmaster.pid"; }

embedded_pg_start() {
  if [[ -z $(embedded_pg_pid) ]]; then
    tcp_reachable 127.0.0.1 "$MERCATO_EMBEDDED_PG_PORT" &&
      die "Port $MERCATO_EMBEDDED_PG_PORT, meant for the embedded PostgreSQL, is taken by another process." \
        "Set MERCATO_EMBEDDED_PG_PORT to a free port."
    embedded_pg_install
    embedded_pg_prepare_ownership
    embedded_pg_init
    # Throw-away development data: durability is traded for speed.
    as_pg_user "$EMBEDDED_PG_BINARIES/bin/pg_ctl" -D "$EMBEDDED_PG_DATA" -l "$EMBEDDED_PG_LOG" -w -t 60 start \
      -o "-p $MERCATO_EMBEDDED_PG_PORT -c listen_addresses=127.0.0.1 -k '' -c fsync=off -c synchronous_commit=off" \
      >/dev/null || die "The embedded PostgreSQL did not start; last lines of $(display_path "$EMBEDDED_PG_LOG"):" \
      "$(tail -n 15 "$EMBEDDED_PG_LOG")"
    EMBEDDED_PG_STARTED_NOW=1
  fi
  MERCATO_PG_HOST=127.0.0.1
  MERCATO_PG_PORT=$(embedded_pg_port)
}

embedded_pg_stop() {
  [[ -n $(embedded_pg_pid) ]] || return 0
  as_pg_user "$EMBEDDED_PG_BINARIES/bin/pg_ctl" -D "$EMBEDDED_PG_DATA" -m fast -w -t 30 stop >/dev/null
  ok "embedded PostgreSQL stopped"
}
