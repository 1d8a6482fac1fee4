#!/usr/bin/env bash
# Builds and runs the fleet benchmark (Release): N simulated devices on a private mosquitto, all
# reconfigured with one `mmsctl --broker … --all set mqtt.qos 1`, timed until every device's next
# telemetry arrives at QoS 1, beside the wire time of configuring N boards one by one over a UART.
# Arguments go to the benchmark: --devices N (repeatable), --interval MS, --runs R, --baud B.
set -euo pipefail
cd "$(dirname "$0")/../../.."
dotnet run -c Release --project tools/Benchmarks/FleetBenchmark -- "$@"
