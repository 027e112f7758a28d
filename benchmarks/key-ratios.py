#!/usr/bin/python3
"""Prints the speed ratios of one benchmarks/key-figures.sh run from the raw files it kept in OUT.

Run: /usr/bin/python3 benchmarks/key-ratios.py OUT
"""
import glob
import json
import os
import re
import sys


def jmh(path):
    """{(benchmark, params): primary result} of a JMH JSON file, with p50/p99 for sample-time runs."""
    results = {}
    if not os.path.exists(path):
        return results
    for run in json.load(open(path)):
        name = run["benchmark"].rsplit(".", 1)[-1]
        params = ",".join(f"{k}={v}" for k, v in sorted(run.get("params", {}).items()))
        primary = run["primaryMetric"]
        entry = {"score": primary["score"], "unit": primary["scoreUnit"]}
        pct = primary.get("scorePercentiles", {})
        if run["mode"] == "sample":
            entry.update(p50=pct.get("50.0"), p99=pct.get("99.0"))
        for key, metric in run.get("secondaryMetrics", {}).items():
            if key.endswith("gc.alloc.rate.norm"):
                entry["bytes_per_op"] = metric["score"]
        results[(name, params)] = entry
    return results


def main(out):
    print(open(os.path.join(out, "machine.txt")).read().strip())
    snn = jmh(os.path.join(out, "snn-step.json"))
    torch = [json.loads(line) for line in open(os.path.join(out, "snn-torch.txt")) if line.startswith("{")]
    torch_p50 = torch[0]["p50_ns"] if torch else None
    print("\nSNN step (JMH sample time, ns; PyTorch eager one tick per call, 1 thread)")
    for (name, params), r in sorted(snn.items()):
        line = f"  {params:50s} p50 {r['p50']:8.0f}  p99 {r['p99']:8.0f}  B/op {r.get('bytes_per_op', float('nan')):.3f}"
        if torch_p50 and "network=paper" in params:
            line += f"  PyTorch/Java {torch_p50 / r['p50']:.1f}x"
        print(line)
    if torch_p50:
        print(f"  PyTorch eager p50 {torch_p50} ns, p99 {torch[0]['p99_ns']} ns ({torch[0]['torch']})")
    vec = snn.get(("fixedPointStep", "kernel=VECTOR,network=paper"))
    sca = snn.get(("fixedPointStep", "kernel=SCALAR,network=paper"))
    if vec and sca:
        print(f"  vector kernel / scalar kernel (paper, p50): {sca['p50'] / vec['p50']:.2f}x faster")
    path = os.path.join(out, "training-throughput.txt")
    training = open(path).read() if os.path.exists(path) else "(not run)"
    print("\ntraining throughput (Java vs PyTorch, same run)")
    for line in training.splitlines():
        if re.search(r"(ratio|×|x PyTorch|seq-steps/s|rows/s)", line):
            print("  " + line.strip())
    for label, name in (("MAVLink codec", "bridge-codec.json"), ("full tick", "runtime-tick.json")):
        print(f"\n{label}")
        for (bench, params), r in sorted(jmh(os.path.join(out, name)).items()):
            extra = (f"p50 {r['p50']:.2f} p99 {r['p99']:.2f} {r['unit']}" if "p50" in r
                     else f"{r['score']:.1f} {r['unit']}")
            print(f"  {bench} {params} {extra} B/op {r.get('bytes_per_op', float('nan')):.3f}")
    counts = {}
    for path in glob.glob(os.path.join(out, "callgrind-*-*.out")):
        kernel, steps = re.search(r"callgrind-(\w+)-(\d+)\.out$", path).groups()
        for line in open(path):
            if line.startswith("summary:") or line.startswith("totals:"):
                counts[(kernel, int(steps))] = int(line.split()[1])
    for kernel in ("VECTOR", "SCALAR"):
        runs = sorted((s, c) for (k, s), c in counts.items() if k == kernel)
        if len(runs) == 2:
            (s0, c0), (s1, c1) = runs
            print(f"\ncallgrind {kernel}: {(c1 - c0) / (s1 - s0):.0f} instructions per step ({s0} vs {s1} steps)")


if __name__ == "__main__":
    main(sys.argv[1])
