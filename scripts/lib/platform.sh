# shellcheck shell=bash
# Operating system and CPU names as the embedded binaries' artifacts spell them.

platform_os() {
  case $(uname -s) in
    Linux) echo linux ;;
    Darwin) echo darwin ;;
    *) uname -s | tr '[:upper:]' '[:lower:]' ;;
  esac
}

platform_arch() {
  case $(uname -m) in
    x86_64 | amd64) echo amd64 ;;
    aarch64 | arm64) echo arm64 ;;
    *) uname -m ;;
  esac
}

platform_is_musl() { ldd --version 2>&1 | grep -i musl >/dev/null; }

# Extracts one member of a zip (jar) file to stdout.
unzip_member() {
  local archive=$1 member=$2
  if have unzip; then
    unzip -p "$archive" "$member"
  else
    local scratch
    scratch=$(mktemp -d)
    (cd "$scratch" && "$JAVA_HOME/bin/jar" xf "$archive" "$member") && cat "$scratch/$member"
    rm -rf "$scratch"
  fi
}

zip_members() {
  if have unzip; then unzip -Z1 "$1"; else "$JAVA_HOME/bin/jar" tf "$1"; fi
}
