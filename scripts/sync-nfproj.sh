#!/usr/bin/env bash
# Keeps the nanoFramework project files in step with the .cs files on disk and the pinned package versions.
#
#   bash scripts/sync-nfproj.sh            # rewrite the projects of this repository, then check them
#   bash scripts/sync-nfproj.sh --check    # change nothing; exit 1 and list every problem, one a line
#   bash scripts/sync-nfproj.sh --root DIR # work on another checkout
#
# It writes the <Compile> items of the .nfproj files (every .cs file under the project's source folders,
# listed in tools/NfProj/ProjectExpectations.cs, except bin/ and obj/; relative to the project, with
# backslashes, sorted case-insensitively), and the package versions of each packages.config and of the
# Reference/HintPath items from the one list of pinned versions, tools/NfProj/NanoPackageGraph.cs (adding
# any dependency that is missing). Everything else is left byte for byte; running it twice changes nothing.
# Exit codes: 0 all in order, 1 problems left (listed), 2 a usage error or a file it cannot rewrite.
#
# The rules live once, in tools/NfProj, which this runs (dotnet run --project tools/NfProj -- sync|check
# [--root DIR]); the ProjectFiles tests of DeviceFirmware.Tests/Host/HostTests call the same code.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$repo"
command="sync"
while [ $# -gt 0 ]; do
  case "$1" in
    --check) command="check"; shift ;;
    --root)
      [ $# -ge 2 ] || { echo "sync-nfproj: --root needs a directory" >&2; exit 2; }
      root="$(cd "$2" && pwd)"; shift 2 ;;
    -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "sync-nfproj: unknown argument '$1' (use --check, --root DIR)" >&2; exit 2 ;;
  esac
done

if ! command -v dotnet >/dev/null 2>&1; then
  echo "sync-nfproj: the .NET 10 SDK is required (https://dot.net); 'dotnet' is not on PATH" >&2
  exit 2
fi

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
exec dotnet run --project "$repo/tools/NfProj" -c Release -- "$command" --root "$root"
