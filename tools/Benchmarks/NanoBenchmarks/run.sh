#!/usr/bin/env bash
# Runs the nanoCLR benchmarks: the core compiled for nanoFramework and run on a real nanoCLR built on
# this machine by the nanoCLR lab (../shared/nanoclr-lab, see its README.md). Optional, like
# scripts/nanoclr-test.sh: nothing in .ci/run needs it, and nothing it compiles is written here.
#
#   bash tools/Benchmarks/NanoBenchmarks/run.sh interpreter|heap|all [--lab DIR] [--scripts DIR]
#                                              [--runtime-native NFPROJ]
#
#   interpreter      InterpreterBenchmark.cs: us per request on the interpreter beside the UART wire time
#   heap             HeapBenchmark.cs: managed heap kept by each part of the composed core, in bytes;
#                    then the same figure for one whole Device, as a check on the sum; without
#                    sensors (the core's own figures), then again with the board's three sensors
#   --lab DIR        what the lab's build.sh built (default /tmp/nanoclr)
#   --scripts DIR    the lab's scripts (default ../shared/nanoclr-lab beside this repository)
#   --runtime-native the nanoFramework.Runtime.Native project, for GC.Run (heap only); default
#                    /tmp/nanoclr-extra/Runtime.Native/nanoFramework.Runtime.Native/nanoFramework.Runtime.Native.nfproj.
#                    Take it from github:nanoframework/nanoFramework.Runtime.Native at a7c24bd4983163ba1a3febbedc23d13cb17cdf36
#                    (main, native version 100.0.10.0, the one the lab's nanoCLR implements), for example
#                    git --git-dir=MIRROR archive a7c24bd4 | tar -x -C /tmp/nanoclr-extra/Runtime.Native
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
lab=/tmp/nanoclr
scripts="$repo/../shared/nanoclr-lab"
native=/tmp/nanoclr-extra/Runtime.Native/nanoFramework.Runtime.Native/nanoFramework.Runtime.Native.nfproj
what="${1:-}"
[ $# -gt 0 ] && shift
while [ $# -gt 0 ]; do
  case "$1" in
    --lab) lab="$2"; shift 2 ;;
    --scripts) scripts="$2"; shift 2 ;;
    --runtime-native) native="$2"; shift 2 ;;
    *) echo "run.sh: unknown argument '$1' (see the comment at the top of this file)" >&2; exit 2 ;;
  esac
done

case "$what" in
  interpreter|heap|all) ;;
  *) sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac

[ -f "$scripts/nanoclr-run.sh" ] || { echo "run.sh: the nanoCLR lab scripts are not at $scripts (use --scripts DIR)" >&2; exit 2; }
[ -x "$lab/bin/nanoFramework.nanoCLR.test" ] || { echo "run.sh: no nanoCLR at $lab: build it with $scripts/build.sh, or pass --lab DIR" >&2; exit 2; }

core="$repo/DeviceFirmware/Core/DeviceFirmware.Core.nfproj"
run() {
  bash "$scripts/nanoclr-run.sh" --lab "$lab" --main "$@" --source "$here/BenchParts.cs" 2>&1 \
    | grep -v '^\[nanoclr-run.sh' | grep -v '^Done\.$' | grep -v '^Exiting\.$'
}

if [ "$what" = interpreter ] || [ "$what" = all ]; then
  run --lib "$core" --source "$here/InterpreterBenchmark.cs"
fi

if [ "$what" = heap ] || [ "$what" = all ]; then
  [ -f "$native" ] || { echo "run.sh: nanoFramework.Runtime.Native project not found at $native (use --runtime-native NFPROJ)" >&2; exit 2; }
  run --lib "$native" --lib "$core" --source "$here/HeapBenchmark.cs"
  run --lib "$native" --lib "$core" --source "$here/HeapBenchmark.cs" --define DEVICE_CHECK
  echo
  run --lib "$native" --lib "$core" --source "$here/HeapBenchmark.cs" --define BOARD_SENSORS
  run --lib "$native" --lib "$core" --source "$here/HeapBenchmark.cs" --define BOARD_SENSORS --define DEVICE_CHECK
fi
