#!/usr/bin/env bash
# A narrated tour of ecctl against a seeded ecmock: the everyday jobs of a Continuity
# administrator on real (mock) data. `make demo` builds the binaries and runs this.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${BIN:-bin}
workdir=$(mktemp -d)
mock_pid=""
cleanup() {
  if [ -n "$mock_pid" ] && kill -0 "$mock_pid" 2>/dev/null; then
    kill -TERM "$mock_pid" 2>/dev/null || true
    wait "$mock_pid" 2>/dev/null || true
  fi
  rm -rf "$workdir"
}
trap cleanup EXIT INT TERM

bold=""; reset=""
if [ -t 1 ]; then bold=$(tput bold 2>/dev/null || true); reset=$(tput sgr0 2>/dev/null || true); fi
say() { printf '\n%s# %s%s\n' "$bold" "$*" "$reset"; }
run() { printf '%s$ %s%s\n' "$bold" "$*" "$reset"; "$@"; }

# ecmock on a free port; its first stdout line is the base URL.
"$bin/ecmock" --addr 127.0.0.1:0 --seed 200 >"$workdir/mock.out" 2>"$workdir/mock.log" &
mock_pid=$!
for _ in $(seq 100); do
  [ -s "$workdir/mock.out" ] && break
  kill -0 "$mock_pid" 2>/dev/null || { cat "$workdir/mock.log" >&2; exit 1; }
  sleep 0.05
done
url=$(head -n 1 "$workdir/mock.out")
[ -n "$url" ] || { echo "ecmock did not start" >&2; exit 1; }

# A throw-away config home, so the demo never touches your own profiles.
export XDG_CONFIG_HOME="$workdir/config" XDG_STATE_HOME="$workdir/state"
export PATH="$PWD/$bin:$PATH"

say "ecmock serves the Email Continuity API at $url with 200 seeded users per customer."
say "Log in once: the credentials are checked with a count request and stored in a 0600 profile."
printf 'demo\n' | run ecctl auth login --endpoint "$url" --username demo --customer 44444 --password-stdin
run ecctl auth status

say "How many users does customer 44444 have, and how many are in failover?"
run ecctl users count
run ecctl users count --failover
run ecctl status

say "Who in the emea group has not activated the mailbox yet? (the first five)"
run ecctl users list --group emea --activation=false --limit 5

say "New hires arrive as a CSV export from the directory; every record is checked before anything is sent."
run cat scripts/demo/new-users.csv
run ecctl users create -f scripts/demo/new-users.csv
run ecctl users get anna.schmidt@demo-corp.example

say "Mail outage in EMEA: switch failover routing on for the emea group (counts before and after)."
run ecctl users count --group emea --failover
run ecctl flag set failover --group emea --yes
run ecctl users count --group emea --failover
say "The outage is over: switch it off again."
run ecctl flag unset failover --group emea --yes
run ecctl users count --group emea --failover

say "Anna needs to activate her mailbox: create a token, and she sets her password with it."
show_status() {
  printf '%s$ ecctl users get %s -o json | grep -A3 '"'"'"status"'"'"'%s\n' "$bold" "$1" "$reset"
  ecctl users get "$1" -o json | grep -A3 '"status"'
}
show_status anna.schmidt@demo-corp.example
# The token is a secret: keep it in a variable and never print it.
printf '%s$ token=$(ecctl token create anna.schmidt@demo-corp.example -o json | sed ...)%s\n' "$bold" "$reset"
token=$(ecctl token create anna.schmidt@demo-corp.example -o json | sed -n 's/.*"token": *"\([^"]*\)".*/\1/p')
[ -n "$token" ] || { echo "no token in the answer" >&2; exit 1; }
printf '%s$ printf %s | ecctl password set anna.schmidt@demo-corp.example --token "$token" --password-stdin%s\n' "$bold" "'<new password>\\n'" "$reset"
printf 'Summer2026x!\n' | ecctl password set anna.schmidt@demo-corp.example --token "$token" --password-stdin
show_status anna.schmidt@demo-corp.example

say "Diego left the company: delete his mailbox (scripts must say --yes)."
run ecctl users delete diego.ramirez@demo-corp.example --yes
run ecctl users count

say "Every change is in the audit journal."
run ecctl journal

say "Done. ecmock is stopped and the temporary config is removed."
