#!/usr/bin/env bash
# Re-measures the figures the issues set goals for, one after another on an otherwise idle machine, and keeps the
# raw output. Summarised in BENCHMARKS.md ("Key figures"). Takes about 8 minutes on 2 cores.
# Usage: benchmarks/key-figures.sh [output-dir]   (default /tmp/spikepilot-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-/tmp/spikepilot-bench}"
mkdir -p "$out"
jmh=(java -jar benchmarks/target/benchmarks.jar -f 1 -wi 3 -i 5 -w 1s -r 1s)

mvn -B -q -pl benchmarks,tools -am package -DskipTests
{ date -u; nproc; grep -m1 'model name' /proc/cpuinfo; java -version 2>&1 | head -1; uptime; } > "$out/machine.txt"

"${jmh[@]}" 'simulator.QuadrotorStepBenchmark' > "$out/sim-rk4.txt"
"${jmh[@]}" 'simulator.EnvStepBenchmark' > "$out/sim-env.txt"
"${jmh[@]}" 'snn.SnnStepBenchmark' -prof gc > "$out/snn-step.txt"
/usr/bin/python3 src/reference/torch_snn_step.py --steps 10000 --threads 1 > "$out/snn-torch.txt"
"${jmh[@]}" 'bridge.MavlinkCodecBenchmark' -prof gc > "$out/bridge-codec.txt"
"${jmh[@]}" 'runtime.FlightTickBenchmark' -prof gc > "$out/runtime-tick.txt"
java -jar tools/target/spikepilot.jar bench-loop --seconds 5 > "$out/runtime-loop.txt"
java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
    io.spikepilot.benchmarks.training.TrainingThroughput --seconds 20 \
    > "$out/training-throughput.txt"
echo "raw results in $out"
