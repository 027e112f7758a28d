#!/usr/bin/python3
"""PyTorch eager baseline for the SNN step benchmark (BENCHMARKS.md, "## snn-runtime").

Steps the paper's 18-256-128-4 network one control tick at a time, as a Python flight loop would: Linear -> LIF ->
Linear -> LIF -> Linear -> tanh with snnTorch Leaky semantics (subtract reset applied one step late, strict threshold,
per-neuron beta clamped to [0, 1]), written in plain torch because snnTorch is not installed here. Membranes persist
between calls. Prints p50/p99/mean nanoseconds per step for the thread counts asked for.

Run: /usr/bin/python3 src/reference/torch_snn_step.py [--steps 20000] [--threads 1]
"""
import argparse
import json
import platform
import time

import torch


class PaperSnn(torch.nn.Module):
    def __init__(self, sizes=(18, 256, 128, 4)):
        super().__init__()
        self.fc = torch.nn.ModuleList(torch.nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:]))
        self.beta = torch.nn.ParameterList(torch.nn.Parameter(torch.rand(n)) for n in sizes[1:-1])
        self.threshold = torch.nn.ParameterList(torch.nn.Parameter(torch.rand(n)) for n in sizes[1:-1])
        self.mem = [torch.zeros(n) for n in sizes[1:-1]]

    def reset(self):
        self.mem = [torch.zeros_like(m) for m in self.mem]

    def forward(self, x):
        for k, fc in enumerate(self.fc[:-1]):
            current = fc(x)
            theta = self.threshold[k]
            reset = (self.mem[k] - theta > 0).float()          # from the previous membrane
            mem = self.beta[k].clamp(0, 1) * self.mem[k] + current - reset * theta
            self.mem[k] = mem
            x = (mem - theta > 0).float()                      # spikes of this step
        return torch.tanh(self.fc[-1](x))


def measure(steps, threads, seed):
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    net = PaperSnn().eval()
    obs = torch.randn(1024, 18)
    times = []
    with torch.no_grad():
        for i in range(2000):                                  # warm-up
            net(obs[i % 1024])
        for i in range(steps):
            t0 = time.perf_counter_ns()
            net(obs[i % 1024])
            times.append(time.perf_counter_ns() - t0)
        # CPU time of this thread per step in batches of 100 (excludes time spent waiting for a core on a shared
        # machine; meaningful with one thread)
        batches = []
        for b in range(max(1, steps // 100)):
            c0 = time.thread_time_ns()
            for i in range(100):
                net(obs[(b * 100 + i) % 1024])
            batches.append((time.thread_time_ns() - c0) / 100)
    times.sort()
    batches.sort()
    return {
        "threads": threads,
        "steps": steps,
        "p50_ns": times[len(times) // 2],
        "p99_ns": times[int(len(times) * 0.99)],
        "mean_ns": sum(times) / len(times),
        "cpu_p50_ns_per_step_batches_of_100": batches[len(batches) // 2],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=20000)
    parser.add_argument("--threads", type=int, nargs="+", default=[1])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for threads in args.threads:
        result = measure(args.steps, threads, args.seed)
        result.update({"torch": torch.__version__, "python": platform.python_version(), "seed": args.seed})
        print(json.dumps(result))


if __name__ == "__main__":
    main()
