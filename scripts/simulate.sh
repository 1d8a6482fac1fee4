#!/usr/bin/env bash
# The main job: a DeviceFirmware board on this PC. Installs what is missing, builds the simulator and
# the mmsctl CLI, starts a local mosquitto broker on 127.0.0.1:1883 (or uses the one already there),
# then runs the device simulator in the foreground and prints how to configure it and watch its
# telemetry from a second terminal. Ctrl-C (or SIGTERM, SIGHUP) stops the simulator, then the broker it
# started.
# With --devices N it runs a fleet of N devices in one process instead (sim-0001 ... with their flash
# files in artifacts/simulator/fleet; the first device has the serial port).
#
#   bash scripts/simulate.sh [--interval MS] [--serial PATH] [--flash FILE] [--devices N]
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

interval=2000
serial=/tmp/devicefirmware/ttyDF0
state="$repo/artifacts/simulator"
flash="$state/flash.bin"
devices=1
while [ $# -gt 0 ]; do
  case "$1" in
    --interval) interval="$2"; shift 2 ;;
    --serial) serial="$2"; shift 2 ;;
    --flash) flash="$2"; shift 2 ;;
    --devices) devices="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "simulate: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done

bash scripts/install-deps.sh
echo "simulate: building the simulator and mmsctl"
dotnet build tools/DeviceSimulator -c Release -nologo -v quiet >/dev/null
dotnet build tools/MmsCtl -c Release -nologo -v quiet >/dev/null
mkdir -p "$state" "$(dirname "$serial")"

broker_pid=""
simulator_pid=""
cleanup() {
  # The simulator first (on SIGTERM each device publishes "disconnected"), then the broker.
  if [ -n "$simulator_pid" ] && kill -0 "$simulator_pid" 2>/dev/null; then
    kill -TERM "$simulator_pid" 2>/dev/null || true
    wait "$simulator_pid" 2>/dev/null || true
  fi
  if [ -n "$broker_pid" ] && kill -0 "$broker_pid" 2>/dev/null; then
    kill "$broker_pid" 2>/dev/null || true
    wait "$broker_pid" 2>/dev/null || true
    echo "simulate: broker stopped"
  fi
}
trap cleanup EXIT
# Ctrl-C, kill or a closed terminal: exit through the EXIT trap, which stops the simulator and the broker.
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Runs the simulator in the background and waits for it, so that a signal to this script reaches the
# traps above at once (bash runs traps only between commands, never during a foreground one).
run_simulator() {
  dotnet tools/DeviceSimulator/bin/Release/net10.0/DeviceSimulator.dll "$@" &
  simulator_pid=$!
  local status=0
  wait "$simulator_pid" || status=$?
  simulator_pid=""
  return "$status"
}

port_in_use() {
  (exec 3<>/dev/tcp/127.0.0.1/1883) 2>/dev/null
}

# Every simulated device holds one connection: mosquitto needs a descriptor for each, beyond the
# usual soft limit of 1024 for a large fleet. The simulator raises its own limit.
fds_needed=$((devices + 128))

if port_in_use; then
  echo "simulate: a broker already listens on 127.0.0.1:1883; using it"
  if [ "$devices" -gt 1 ]; then
    echo "simulate: it must accept $devices connections (mosquitto: max_connections, and 'ulimit -n' of at least $fds_needed)"
  fi
else
  mosquitto_bin=$(command -v mosquitto || echo /usr/sbin/mosquitto)
  conf="$state/mosquitto.conf"
  {
    echo "listener 1883 127.0.0.1"
    echo "allow_anonymous true"
    echo "persistence false"
    echo "log_dest file $state/mosquitto.log"
    echo "log_type error"
    echo "log_type warning"
    echo "log_type notice"
    # As root, mosquitto would switch to the 'mosquitto' user, which cannot write the log here.
    if [ "$(id -u)" -eq 0 ]; then echo "user root"; fi
  } >"$conf"
  if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$fds_needed" ]; then
    ulimit -n "$fds_needed" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
    if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$fds_needed" ]; then
      echo "simulate: warning: the open-file limit is $(ulimit -n) (hard limit $(ulimit -Hn)); mosquitto can serve fewer than $devices devices" >&2
    fi
  fi
  # In a session of its own, so that Ctrl-C reaches only the simulator: the broker must outlive the
  # devices' clean stop (each publishes "disconnected"); the EXIT trap stops it afterwards.
  if command -v setsid >/dev/null 2>&1; then
    setsid "$mosquitto_bin" -c "$conf" &
  else
    "$mosquitto_bin" -c "$conf" &
  fi
  broker_pid=$!
  for _ in $(seq 1 50); do
    port_in_use && break
    sleep 0.1
  done
  if ! port_in_use; then
    echo "simulate: mosquitto did not start; see $state/mosquitto.log" >&2
    exit 1
  fi
  echo "simulate: mosquitto started on 127.0.0.1:1883 (log: $state/mosquitto.log)"
fi

if [ "$devices" -gt 1 ]; then
  flash_dir="$state/fleet"
  cat <<EOF

A fleet of $devices devices, sim-0001 to sim-$(printf '%04d' "$devices"); each logs only its warnings, and a
summary line every 10 s counts them. In a second terminal, from $repo:

  Watch the whole fleet's status and telemetry:
    mosquitto_sub -h 127.0.0.1 -v -t 'DeviceFirmware/Server/+/Status' -t 'DeviceFirmware/Server/+/Telemetry'

  Configure the first device over its serial port, any device over MQTT (hex MMS, answer on MMSMessage):
    dotnet run --project tools/MmsCtl -- --port $serial set mqtt.qos 1
    mosquitto_sub -h 127.0.0.1 -v -t 'DeviceFirmware/Server/sim-0002/MMSMessage' &
    mosquitto_pub -h 127.0.0.1 -t 'DeviceFirmware/Device/sim-0002' -m AA0081040155D1118410D1118501018704020201028903C30101

Settings persist in $flash_dir (one file per device; delete it for factory defaults).
Stop with Ctrl-C.

EOF
  status=0
  run_simulator --devices "$devices" --flash-dir "$flash_dir" --serial "$serial" --interval "$interval" || status=$?
  exit "$status"
fi

cat <<EOF

In a second terminal, from $repo:

  Watch the telemetry (the payload's "qos" is the QoS it was published with):
    mosquitto_sub -h 127.0.0.1 -q 2 -v -t 'DeviceFirmware/Server/+/Telemetry'
  or with the QoS of each received packet:
    mosquitto_sub -h 127.0.0.1 -q 2 -t 'DeviceFirmware/Server/+/Telemetry' -F 'qos=%q %t %p'

  Change the QoS; the next message uses it, without a reconnect:
    dotnet run --project tools/MmsCtl -- --port $serial set mqtt.qos 2
    dotnet run --project tools/MmsCtl -- --port $serial get mqtt.qos
    dotnet run --project tools/MmsCtl -- --port $serial list

  Who it is, and a restart (a new "boot" in the telemetry; the settings stay):
    dotnet run --project tools/MmsCtl -- --port $serial info
    dotnet run --project tools/MmsCtl -- --port $serial reset

  The same through the broker (the device ID is in the first column of devices):
    dotnet run --project tools/MmsCtl -- --broker 127.0.0.1 devices
    dotnet run --project tools/MmsCtl -- --broker 127.0.0.1 --all set mqtt.qos 1

Settings persist in $flash (delete it for factory defaults).
Stop with Ctrl-C.

EOF

status=0
run_simulator --serial "$serial" --flash "$flash" --interval "$interval" || status=$?
exit "$status"
