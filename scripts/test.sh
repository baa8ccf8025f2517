#!/usr/bin/env bash
# Runs every test: unit, integration (SQLite and PostgreSQL) and browser (Playwright with Debian's chromium).
# Starts a throwaway PostgreSQL server on loopback unless SAFEGUARDING_TEST_POSTGRES already names one, and prints
# the totals as a line of its own: "N passed, N failed". SAFEGUARDING_TEST_RESULTS names a folder to keep the .trx
# files in (each test's duration is there).
set -uo pipefail
cd "$(dirname "$0")/.."

if [ -z "${SAFEGUARDING_TEST_POSTGRES:-}" ]; then
  eval "$(scripts/pg.sh start)" || { echo "Could not start PostgreSQL (apt-get install -y postgresql)" >&2; exit 1; }
  trap 'scripts/pg.sh stop' EXIT
fi
export SAFEGUARDING_TEST_POSTGRES
export SAFEGUARDING_CHROMIUM="${SAFEGUARDING_CHROMIUM:-$(command -v chromium || true)}"
[ -n "$SAFEGUARDING_CHROMIUM" ] || { echo "Browser tests need chromium (apt-get install -y chromium)" >&2; exit 1; }

results=$(mktemp -d /tmp/sg-test-results.XXXXXX)
dotnet build SafeguardingSite.sln -nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }
dotnet test SafeguardingSite.sln --no-build -nologo --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1   # the run broke without a failing test to show for it (a crashed test host, say)
fi
if [ -n "${SAFEGUARDING_TEST_RESULTS:-}" ]; then
  mkdir -p "$SAFEGUARDING_TEST_RESULTS" && cp "$results"/*.trx "$SAFEGUARDING_TEST_RESULTS"/ 2>/dev/null
fi
rm -rf "$results"
echo "$passed passed, $failed failed"
exit "$status"
