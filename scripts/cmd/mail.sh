# help: What the local SMTP server captured: to, subject, language, date (the text with --body)
# usage: mail [address] [--body]
# shellcheck shell=bash
#
# Reads the local GreenMail server that `up` starts, through its HTTP API (MERCATO_SMTP_API_PORT, 8025). The text part
# of a mail is printed with --body, or when only one mail matched.

cmd_mail() {
  local address='-' body='' argument
  for argument in "$@"; do
    case $argument in
      --body) body=--body ;;
      -h | --help) _mail_usage && return ;;
      -*) die "Unknown option '$argument'." "$(_mail_usage)" ;;
      *)
        [[ $address == - ]] || die "mail takes at most one address." "$(_mail_usage)"
        address=$argument
        ;;
    esac
  done
  load_infra_env
  curl -sf -m 2 -o /dev/null "$(local_smtp_api_url)/api/service/readiness" ||
    die "No local SMTP server answers at $(local_smtp_api_url) (start the platform with ./mercato up)."
  local_smtp_reader "$(local_smtp_api_url)" "$address" ${body:+"$body"}
}

_mail_usage() {
  cat <<'USAGE'
Usage: ./mercato mail                    every captured mail: date, recipient, Content-Language, subject
       ./mercato mail <address>          the mails to one address (with the body when there is just one)
       ./mercato mail [<address>] --body with the text part of each mail
USAGE
}
