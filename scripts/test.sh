#!/usr/bin/env bash
# Runs every test of DeviceFirmware, from a fresh clone: installs what is missing, builds the host
# solution, runs the shared unit tests (the same sources nanoCLR runs), the conformance and
# project-file checks, the integration tests against a real mosquitto and the end-to-end tests over
# a pseudo-terminal. The last line is "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh || exit 2

results="artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

if ! dotnet build DeviceFirmware.Host.slnx -c Release -nologo -v quiet; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test DeviceFirmware.Host.slnx -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results"
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
  # dotnet test failed without a failed test (a crashed test host, a missing result file).
  failed=1
fi

echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
