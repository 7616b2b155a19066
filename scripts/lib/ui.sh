# shellcheck shell=bash
# Terminal output: messages, colours, a spinner, timings.

if [[ -t 1 && -z ${NO_COLOR:-} ]]; then
  UI_TTY=1 UI_BOLD=$'\e[1m' UI_DIM=$'\e[2m' UI_RED=$'\e[31m' UI_GREEN=$'\e[32m' UI_YELLOW=$'\e[33m' UI_RESET=$'\e[0m'
else
  UI_TTY='' UI_BOLD='' UI_DIM='' UI_RED='' UI_GREEN='' UI_YELLOW='' UI_RESET=''
fi
if [[ ${LC_ALL:-${LC_CTYPE:-${LANG:-}}} == *[Uu][Tt][Ff]*8* ]]; then
  UI_OK='✓' UI_FAIL='✗' UI_MORE='…' UI_SPINNER='⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏'
else
  UI_OK='ok' UI_FAIL='!!' UI_MORE='...' UI_SPINNER='|/-'\\
fi

section() { printf '\n%s%s%s\n' "$UI_BOLD" "$*" "$UI_RESET"; }
info() { printf '  %s\n' "$*"; }
ok() { printf '  %s%s%s %s\n' "$UI_GREEN" "$UI_OK" "$UI_RESET" "$*"; }
note() { printf '  %s%s%s\n' "$UI_DIM" "$*" "$UI_RESET"; }
warn() { printf '  %s%s%s\n' "$UI_YELLOW" "$*" "$UI_RESET" >&2; }
fail() { printf '  %s%s %s%s\n' "$UI_RED" "$UI_FAIL" "$*" "$UI_RESET" >&2; }
die() {
  printf '\n%serror:%s %s\n' "$UI_RED$UI_BOLD" "$UI_RESET" "$1" >&2
  shift
  local line
  for line in "$@"; do printf '  %s\n' "$line" >&2; done
  exit 1
}

# Milliseconds since the epoch; whole seconds where neither bash 5 nor GNU date can do better.
now_ms() {
  if [[ -n ${EPOCHREALTIME:-} ]]; then
    local micros=${EPOCHREALTIME/[.,]/}
    echo $((micros / 1000))
    return
  fi
  local nanos
  nanos=$(date +%s%N)
  if [[ $nanos == *N ]]; then echo $((${nanos%N} * 1000)); else echo $((nanos / 1000000)); fi
}

# "12.3 s" since a now_ms value.
elapsed_since() {
  local tenths=$((($(now_ms) - $1) / 100))
  echo "$((tenths / 10)).$((tenths % 10)) s"
}

# One frame of a progress line, redrawn in place on a terminal and silent elsewhere.
progress_frame() {
  [[ -n $UI_TTY ]] || return 0
  local tick=$1 text=$2
  local frame=${UI_SPINNER:$((tick % ${#UI_SPINNER})):1}
  printf '\r\e[K  %s%s%s %s' "$UI_YELLOW" "$frame" "$UI_RESET" "$text"
}

progress_clear() {
  [[ -z $UI_TTY ]] || printf '\r\e[K'
}

# A path for messages: relative when it lies under the current directory.
display_path() {
  case $1 in
    "$PWD"/*) echo "${1#"$PWD"/}" ;;
    *) echo "$1" ;;
  esac
}

# A signal ends the script through its EXIT trap, and a spinner line does not linger.
trap 'progress_clear; exit 130' INT
trap 'exit 143' TERM

# Commands run when the script exits, however it exits (Ctrl-C included), last registered first.
EXIT_HOOKS=()
on_exit() {
  EXIT_HOOKS+=("$*")
  trap run_exit_hooks EXIT
}
run_exit_hooks() {
  local index
  for ((index = ${#EXIT_HOOKS[@]} - 1; index >= 0; index--)); do eval "${EXIT_HOOKS[index]}" || true; done
}
