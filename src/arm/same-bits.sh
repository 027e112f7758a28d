#!/usr/bin/env bash
# Same bits on ARM: runs the fixed-point policy over a recorded flight's observations, and a replay of that flight,
# on this x86 machine and on aarch64 (Debian bookworm's arm64 OpenJDK 17 under qemu-aarch64 user emulation), and
# compares the SHA-256 of every input code, membrane, spike count, output argument and action of the network, and of
# every replayed record (observation, action, mode, reasons, the SNN's, the PID's and the sent setpoints).
#
# Usage: src/arm/same-bits.sh [--trace T --policy P --config C] [--ticks N]
#   Without --trace it flies `spikepilot demo` (about a minute of real time) and uses its trace, policy and config.
#   --ticks N digests only the first N ticks (0, the default: all of them).
# Environment: SPIKEPILOT_ARM_ROOT  the arm64 root file system (default /var/tmp/spikepilot-arm64; built with
#              mmdebstrap on first use, about 10 minutes and 400 MB), SPIKEPILOT_JAR (default tools/target/spikepilot.jar).
# Needs root (mmdebstrap into a directory), and the apt packages mmdebstrap, qemu-user-static and binfmt-support
# (binfmt only for building the root: mmdebstrap runs the arm64 packages' scripts through it; the comparison itself
# calls qemu-aarch64-static directly).
# Exit status: 0 same bits, 1 a digest differs or the replay is not bit-identical, 2 cannot run here (says why).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
root="${SPIKEPILOT_ARM_ROOT:-/var/tmp/spikepilot-arm64}"
jar="${SPIKEPILOT_JAR:-$here/tools/target/spikepilot.jar}"
arm_java=/usr/lib/jvm/java-17-openjdk-arm64/bin/java
trace="" policy="" config="" ticks=0

while [ $# -gt 0 ]; do
  case "$1" in
    --trace) trace="$2"; shift 2 ;;
    --policy) policy="$2"; shift 2 ;;
    --config) config="$2"; shift 2 ;;
    --ticks) ticks="$2"; shift 2 ;;
    -h | --help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "same-bits: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
cannot() { echo "same-bits: cannot run here: $*" >&2; exit 2; }
stamp() { date +%s; }
[ -f "$jar" ] || cannot "no $jar (build it: mvn -B -q -DskipTests -pl tools -am package)"
command -v qemu-aarch64-static >/dev/null || cannot "qemu-aarch64-static is missing (apt-get install qemu-user-static)"
if [ -n "$trace" ] && { [ -z "$policy" ] || [ -z "$config" ]; }; then
  cannot "--trace needs --policy and --config (the policy that flew it and its flight.yaml)"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# 1. the arm64 root with Debian's OpenJDK 17
t0=$(stamp)
if [ ! -x "$root$arm_java" ]; then
  [ "$(id -u)" = 0 ] || cannot "building $root needs root (mmdebstrap into a directory)"
  command -v mmdebstrap >/dev/null || cannot "mmdebstrap is missing (apt-get install mmdebstrap)"
  if [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
    # mmdebstrap runs the arm64 maintainer scripts through binfmt_misc
    [ -e /proc/sys/fs/binfmt_misc/register ] || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc \
      || cannot "binfmt_misc is not mounted and cannot be mounted (a container without CAP_SYS_ADMIN?); build $root elsewhere and copy it"
    update-binfmts --enable qemu-aarch64 || cannot "cannot register qemu-aarch64 with binfmt_misc (apt-get install binfmt-support qemu-user-static)"
  fi
  echo "same-bits: building the arm64 root $root (Debian bookworm, openjdk-17-jre-headless)..." >&2
  rm -rf "$root.partial"
  mmdebstrap --arch=arm64 --variant=apt --include=openjdk-17-jre-headless bookworm "$root.partial" \
    http://deb.debian.org/debian >&2
  mv "$root.partial" "$root"
fi
t1=$(stamp)

# 2. a recorded flight
if [ -z "$trace" ]; then
  echo "same-bits: flying spikepilot demo for a trace (x86)..." >&2
  java -jar "$jar" demo --out "$work/demo" --mqtt off >"$work/demo.log" 2>&1 || { tail -20 "$work/demo.log" >&2; exit 1; }
  trace="$(ls "$work"/demo/flight-*.trace.csv)" policy="$work/demo/policy.safetensors" config="$work/demo/flight.yaml"
fi
t2=$(stamp)

# 3. the same digests on both CPUs
bits=(-jar "$jar" analyze bits --trace "$trace" --policy "$policy" --config "$config" --ticks "$ticks")
java "${bits[@]}" >"$work/x86.txt"
t3=$(stamp)
# -L: the guest's absolute paths are looked up in the arm64 root first, then on the host (the jar, the trace)
qemu-aarch64-static -L "$root" "$root$arm_java" "${bits[@]}" >"$work/arm.txt"
t4=$(stamp)

cat "$work/x86.txt" "$work/arm.txt"
echo "same-bits: times: arm64 root $((t1 - t0)) s, demo flight $((t2 - t1)) s, x86 run $((t3 - t2)) s, aarch64 run (qemu) $((t4 - t3)) s"
if diff <(grep -E '^(network|replay):' "$work/x86.txt") <(grep -E '^(network|replay):' "$work/arm.txt") >/dev/null \
    && grep -q 'bit-identical' "$work/arm.txt"; then
  echo "same-bits: SAME BITS on $(uname -m) and aarch64"
  exit 0
fi
echo "same-bits: DIFFERENT BITS between $(uname -m) and aarch64 (or a replay not bit-identical); see the lines above" >&2
exit 1
