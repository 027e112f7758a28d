#!/usr/bin/env bash
# Re-measures the figures the issues set goals for in one invocation, every Java/PyTorch pair back to back, keeps the
# raw output and prints the ratios (BENCHMARKS.md, "Key figures", shows only ratios from one such run). Takes about
# 15 minutes on 2 cores; run it on an otherwise idle machine (it records the load before and after).
# Usage: benchmarks/key-figures.sh [output-dir]   (default /tmp/spikepilot-bench)
# Environment: KEY_FIGURES_INSTALL=1 installs Debian's python3-torch and OpenBLAS first (apt-get, needs root);
#              KEY_FIGURES_CALLGRIND=1 also counts instructions per SNN step with valgrind (an hour or more: both runs
#              must get past C2 compilation, whose instructions valgrind counts too; 1000 vs 21000 steps did not).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-/tmp/spikepilot-bench}"
mkdir -p "$out"
python=/usr/bin/python3          # Debian's torch lives in the system Python, not in a pyenv one on PATH
vector=(--add-modules jdk.incubator.vector)
jmh=(java "${vector[@]}" -jar benchmarks/target/benchmarks.jar -f 1 -wi 3 -i 5 -w 1s -r 1s)
# PyTorch's fair setting here: OpenMP workers sleep instead of spinning between ops (on this 2-core VM ACTIVE halved
# the critic's throughput; see BENCHMARKS.md, training)
export OMP_WAIT_POLICY=PASSIVE

if [ "${KEY_FIGURES_INSTALL:-0}" = 1 ]; then
  apt-get install -y python3-torch libopenblas0
fi
mvn -B -q -pl benchmarks,tools -am package -DskipTests

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) CPUs; $(grep -o -w -E 'avx512f|avx2' /proc/cpuinfo | sort -u | tr '\n' ' '))"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "OMP_WAIT_POLICY=$OMP_WAIT_POLICY"
  "$python" - <<'PY'
import torch
torch.mm(torch.rand(64, 64), torch.rand(64, 64))  # loads the BLAS
libs = sorted({l.split()[-1] for l in open("/proc/self/maps") if "blas" in l.lower()})
print("torch:", torch.__version__, "threads", torch.get_num_threads())
print("torch BLAS (loaded):", " ".join(libs))
print("torch config:", " ".join(line.strip() for line in torch.__config__.show().splitlines() if "BLAS_INFO" in line or "CPU capability" in line))
PY
} | tee "$out/machine.txt"

# pair 1: one SNN step, Java (both kernels, paper network and the shipped X500 policy) then PyTorch eager
"${jmh[@]}" 'snn.SnnStepBenchmark.fixedPointStep' -p network=paper,x500-attitude-jsrl-fixed -p kernel=VECTOR,SCALAR \
    -prof gc -rf json -rff "$out/snn-step.json" > "$out/snn-step.txt"
"$python" src/reference/torch_snn_step.py --steps 10000 --threads 1 > "$out/snn-torch.txt"
# pair 2: training throughput, Java then PyTorch (the class runs src/reference/torch_train_bench.py itself)
java "${vector[@]}" -cp benchmarks/target/benchmarks.jar io.spikepilot.benchmarks.training.TrainingThroughput \
    --seconds 20 > "$out/training-throughput.txt"
# Java against Java: MAVLink codec (flyweight vs dronefleet), the full tick, the simulator
"${jmh[@]}" 'bridge.MavlinkCodecBenchmark' -prof gc -rf json -rff "$out/bridge-codec.json" > "$out/bridge-codec.txt"
"${jmh[@]}" 'runtime.FlightTickBenchmark' -prof gc -rf json -rff "$out/runtime-tick.json" > "$out/runtime-tick.txt"
"${jmh[@]}" 'simulator.QuadrotorStepBenchmark' > "$out/sim-rk4.txt"
"${jmh[@]}" 'simulator.EnvStepBenchmark' > "$out/sim-env.txt"
java "${vector[@]}" -jar tools/target/spikepilot.jar bench-loop --seconds 5 > "$out/runtime-loop.txt"

if [ "${KEY_FIGURES_CALLGRIND:-0}" = 1 ]; then
  # instructions per step, independent of load: the difference of two runs cancels start-up and JIT compilation
  for kernel in VECTOR SCALAR; do
    for steps in 200000 400000; do
      valgrind --tool=callgrind --smc-check=all --callgrind-out-file="$out/callgrind-$kernel-$steps.out" \
          java "${vector[@]}" -XX:+UseSerialGC -cp benchmarks/target/benchmarks.jar \
          io.spikepilot.benchmarks.snn.SnnStepLoop paper "$kernel" "$steps" > "$out/callgrind-$kernel-$steps.txt" 2>&1
    done
  done
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
"$python" benchmarks/key-ratios.py "$out" | tee "$out/ratios.txt"
echo "raw results in $out"
