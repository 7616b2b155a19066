# shellcheck shell=bash
# Commands are the files scripts/cmd/<name>.sh. A file either defines cmd_<name> (called with the
# arguments) or does its work when sourced. A "# help: ..." line near its top describes it, and an
# optional "# usage: ..." line shows its arguments.

MERCATO_COMMANDS=$MERCATO_ROOT/scripts/cmd

command_file() { echo "$MERCATO_COMMANDS/$1.sh"; }

command_names() {
  local file name
  for file in "$MERCATO_COMMANDS"/*.sh; do
    name=${file##*/}
    echo "${name%.sh}"
  done
}

# The value of a "# <key>: ..." comment in the first lines of a command file.
command_header() {
  awk -v key="# $2:" 'NR > 8 { exit } index($0, key) == 1 { sub(/^# [a-z]+: */, ""); print; exit }' "$(command_file "$1")"
}

run_command() {
  local name=$1
  shift
  local file
  file=$(command_file "$name")
  [[ $name =~ ^[a-z][a-z0-9-]*$ && -f $file ]] ||
    die "Unknown command '$name'." "Run ./mercato help for the list."
  # shellcheck source=/dev/null
  source "$file" "$@"
  local function=cmd_${name//-/_}
  if declare -F "$function" >/dev/null; then "$function" "$@"; fi
}
