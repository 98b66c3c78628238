# The benchmark's user: registered once, then logged in for a token. Sourced by run.sh.

# create_user GATEWAY_URL USER PASSWORD: 201 when created; a 409 (taken) is fine too.
create_user() {
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -H 'Content-Type: application/json' \
    -d "{\"username\":\"$2\",\"password\":\"$3\"}" "$1/auth/register") || true
  case $status in
    201 | 409) ;;
    *) die "register at $1 answered $status, expected 201" ;;
  esac
}

# login_token GATEWAY_URL USER PASSWORD: prints the token from the JSON login answer.
login_token() {
  local body
  body=$(curl -sf --max-time 30 -H 'Content-Type: application/json' \
    -d "{\"username\":\"$2\",\"password\":\"$3\"}" "$1/auth/login") || die "login at $1 failed"
  python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])' <<<"$body"
}

# check_protected NAME: with the cookie the bench path answers 200; for a gateway, without it 401.
check_protected() {
  local name=$1 url=${TARGET_URL[$1]}$BENCH_PATH status
  status=$(http_status "$url" -H "Cookie: $BENCH_COOKIE")
  [ "$status" = 200 ] || die "$name answered $status with the token on $BENCH_PATH, expected 200"
  if [[ $name == gateway* ]]; then
    status=$(http_status "$url")
    [ "$status" = 401 ] || die "$name answered $status without a token on $BENCH_PATH, expected 401"
  fi
}
