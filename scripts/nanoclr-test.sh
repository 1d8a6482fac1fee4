#!/usr/bin/env bash
# Runs the shared unit tests (both nanoFramework test projects, DeviceFirmware.Tests.nfproj and
# Device/DeviceFirmware.Tests.Device.nfproj: the same sources the host runs) on a real
# nanoCLR, the interpreter the board runs, built on this machine by the nanoCLR lab
# (../shared/nanoclr-lab, see its README.md). Optional: only for machines that have built the lab;
# .ci/run and scripts/test.sh never need it. Nothing it compiles is written into the repository.
#
#   bash scripts/nanoclr-test.sh [--lab DIR] [--scripts DIR] [-- extra nanoclr-test.sh options]
#
#   --lab DIR      what the lab's build.sh built (default /tmp/nanoclr)
#   --scripts DIR  the lab's scripts (default ../shared/nanoclr-lab beside this repository)
#
# Prints each "Test passed/failed" line, the lab's "nanoCLR: N passed, N failed, N skipped" per
# project, and ends with the sum over both. Exit code: 0 all passed, otherwise the first project's
# non-zero lab code (1 a failure, 2 compile error, 3 nanoCLR crash/timeout).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lab=/tmp/nanoclr
scripts="$repo/../shared/nanoclr-lab"
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --lab) [ $# -ge 2 ] || { echo "nanoclr-test: --lab needs a directory" >&2; exit 2; }; lab="$2"; shift 2 ;;
    --scripts) [ $# -ge 2 ] || { echo "nanoclr-test: --scripts needs a directory" >&2; exit 2; }; scripts="$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "nanoclr-test: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

if [ ! -f "$scripts/nanoclr-test.sh" ]; then
  echo "nanoclr-test: the nanoCLR lab scripts are not at $scripts (use --scripts DIR)" >&2
  exit 2
fi

if [ ! -x "$lab/bin/nanoFramework.nanoCLR.test" ]; then
  echo "nanoclr-test: no nanoCLR at $lab: build it first with $scripts/build.sh (see its README.md), or pass --lab DIR" >&2
  exit 2
fi

projects=(
  "$repo/DeviceFirmware.Tests/DeviceFirmware.Tests.nfproj"
  "$repo/DeviceFirmware.Tests/Device/DeviceFirmware.Tests.Device.nfproj"
)
status=0
passed=0
failed=0
skipped=0
for project in "${projects[@]}"; do
  echo "== $(basename "$project")"
  log=$(mktemp)
  set +e
  bash "$scripts/nanoclr-test.sh" --lab "$lab" \
    --lib "$repo/DeviceFirmware/Core/DeviceFirmware.Core.nfproj" \
    --tests "$project" "${extra[@]}" | tee "$log"
  code=${PIPESTATUS[0]}
  set -e
  summary=$(grep -E '^nanoCLR: [0-9]+ passed' "$log" | tail -n 1 || true)
  rm -f "$log"
  if [ -n "$summary" ]; then
    read -r p f s <<<"$(sed -E 's/^nanoCLR: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped.*/\1 \2 \3/' <<<"$summary")"
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  fi
  if [ "$code" -ne 0 ] && [ "$status" -eq 0 ]; then
    status=$code
  fi
done

echo "nanoCLR, both projects: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
