#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the simulator and the tests need, if any are missing:
# the mosquitto broker and clients, the Eclipse Paho MQTT C library (runtime and header, the header
# is used to check our P/Invoke struct layouts), gcc for that check, socat, and openssl (the TLS
# tests make their certificates with it).
# Needs the .NET 10 SDK already on PATH. Uses sudo when not run as root.
set -euo pipefail

missing=()
command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || missing+=(mosquitto)
command -v mosquitto_sub >/dev/null 2>&1 || missing+=(mosquitto-clients)
ldconfig -p 2>/dev/null | grep -q 'libpaho-mqtt3c\.so\.1' || missing+=(libpaho-mqtt1.3)
[ -f /usr/include/MQTTClient.h ] || missing+=(libpaho-mqtt-dev)
command -v gcc >/dev/null 2>&1 || missing+=(gcc)
command -v socat >/dev/null 2>&1 || missing+=(socat)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)

if ! command -v dotnet >/dev/null 2>&1; then
  echo "install-deps: the .NET 10 SDK is required (https://dot.net); 'dotnet' is not on PATH" >&2
  exit 2
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" >/dev/null
