#!/usr/bin/env bash
# Builds and runs the serial benchmark (Release): simulator + mmsctl over a pseudo-terminal versus a
# 115200-baud UART. Extra arguments go to the benchmark: --repeat N, --runs R, --baud B.
set -euo pipefail
cd "$(dirname "$0")/../../.."
dotnet run -c Release --project tools/Benchmarks/SerialBenchmark -- "$@"
