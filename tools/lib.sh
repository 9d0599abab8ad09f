# Shared by the tools/ test scripts: build the jar if needed, start the daemon on free
# ports, wait without guessing, and count results. Source it; do not run it.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/target/switchboard.jar"
PASSED=0
FAILED=0

ensure_jar() {
  if [ ! -f "$JAR" ]; then
    (cd "$ROOT" && mvn -B -q -ntp -DskipTests package) || { echo "build failed"; exit 1; }
  fi
}

ok()   { PASSED=$((PASSED + 1)); echo "ok   $1"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && printf '     %s\n' "$2"; }

# expect NAME EXPECTED ACTUAL
expect() {
  if [ "$2" == "$3" ]; then ok "$1"; else fail "$1" "expected $(printf %q "$2"), got $(printf %q "$3")"; fi
}

# wait_for SECONDS COMMAND...: polls COMMAND until it succeeds or the deadline passes.
wait_for() {
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do
    [ "$SECONDS" -ge "$deadline" ] && return 1
    sleep 0.1
  done
}

# The protocol list (app/Protocols, written to tools/protocols by tools/completion): PROTOCOLS
# holds every name, CLIENT_PROTOCOLS those `switchboard client` speaks, in the list's order.
PROTOCOLS=()
CLIENT_PROTOCOLS=()
while read -r name _port _header client; do
  case "$name" in ''|'#'*) continue ;; esac
  PROTOCOLS+=("$name")
  [ "$client" == yes ] && CLIENT_PROTOCOLS+=("$name")
done < "$ROOT/tools/protocols"

all_listening() { [ "$(grep -c '^listening ' "$1" 2>/dev/null)" -ge "${#PROTOCOLS[@]}" ]; }

# start_daemon [OPTIONS]: every listener on a free port; sets DAEMON_PID and PORT_<protocol>.
start_daemon() {
  WORK="$(mktemp -d)"
  local ports=() p
  for p in "${PROTOCOLS[@]}"; do ports+=("--$p-port" 0); done
  java -jar "$JAR" serve "${ports[@]}" "$@" >"$WORK/stdout" 2>"$WORK/stderr" &
  DAEMON_PID=$!
  if ! wait_for 30 all_listening "$WORK/stdout"; then
    echo "daemon did not start:"; cat "$WORK/stderr"; exit 1
  fi
  while read -r _ protocol address; do
    printf -v "PORT_$protocol" '%s' "${address##*:}"
  done < "$WORK/stdout"
}

# stop_daemon: SIGTERM, and the exit status must be 0.
stop_daemon() {
  kill -TERM "$DAEMON_PID"
  local status=0
  wait "$DAEMON_PID" || status=$?
  expect "SIGTERM exits 0" 0 "$status"
}

summary() {
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}
