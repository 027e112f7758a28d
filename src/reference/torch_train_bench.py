#!/usr/bin/python3
"""PyTorch reference for spikepilot's training throughput benchmark (BENCHMARKS.md, training section).

Does what io.spikepilot.benchmarks.training.TrainingThroughput does in Java, with the same shapes and semantics:
  actor:  spiking 18-256-128-4 (Linear -> LIF -> Linear -> LIF -> Linear -> tanh), snnTorch Leaky semantics
          (delayed subtractive reset, detached reset flag, learnable beta clamped to [0, 1] and threshold),
          fast-sigmoid surrogate 1/(1+k|x|)^2, BPTT over 100 steps from zero state, MSE on steps >= 50,
          forward + backward + Adam step per batch of 350 sequences.
  critic: MLP 150-256-128-1 with ReLU, MSE, forward + backward + Adam step per batch of rows.
The actor is measured in two equivalent forms and the faster one is reported as torch_actor: "time-major" (the usual
snnTorch loop: every layer once per time step) and "layer-major" (each Linear over all 100 x 350 rows at once, only
the LIF recurrence looped over time; what the Java trainer does). Both warm up for the same time as the Java side.
Prints one "RESULT <name> <value> <unit>" line per measurement. Run with Debian's python3 (python3-torch):
  /usr/bin/python3 src/reference/torch_train_bench.py --threads 2
"""
import argparse
import time

import torch


class FastSigmoidSpike(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, k):
        ctx.save_for_backward(x)
        ctx.k = k
        return (x > 0).to(x.dtype)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad / (1.0 + ctx.k * x.abs()) ** 2, None


class SpikingActor(torch.nn.Module):
    def __init__(self, sizes, slope):
        super().__init__()
        self.linears = torch.nn.ModuleList(torch.nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:]))
        self.betas = torch.nn.ParameterList(torch.nn.Parameter(torch.rand(h)) for h in sizes[1:-1])
        self.thresholds = torch.nn.ParameterList(torch.nn.Parameter(torch.rand(h)) for h in sizes[1:-1])
        self.slope = slope

    def forward_layer_major(self, obs):  # obs: [T, B, in]; the same graph, each Linear on all T x B rows at once
        x = obs
        for layer in range(len(self.betas)):
            currents = self.linears[layer](x).unbind(0)  # one backward node for all steps, not one per slice
            theta = self.thresholds[layer]
            beta = self.betas[layer].clamp(0, 1)
            mem = torch.zeros(obs.shape[1], theta.shape[0])
            spikes = []
            for current in currents:
                reset = (mem - theta > 0).to(x.dtype).detach()
                mem = beta * mem + current - reset * theta
                spikes.append(FastSigmoidSpike.apply(mem - theta, self.slope))
            x = torch.stack(spikes)
        return torch.tanh(self.linears[-1](x))

    def forward(self, obs):  # obs: [T, B, in]
        steps, batch, _ = obs.shape
        mems = [torch.zeros(batch, b.shape[0]) for b in self.betas]
        outs = []
        for t in range(steps):
            x = obs[t]
            for layer in range(len(self.betas)):
                current = self.linears[layer](x)
                theta = self.thresholds[layer]
                reset = (mems[layer] - theta > 0).to(x.dtype).detach()
                mem = self.betas[layer].clamp(0, 1) * mems[layer] + current - reset * theta
                mems[layer] = mem
                x = FastSigmoidSpike.apply(mem - theta, self.slope)
            outs.append(torch.tanh(self.linears[-1](x)))
        return torch.stack(outs)


def bench(step, work_per_step, seconds):
    warm_end = time.perf_counter() + min(5.0, seconds / 4)  # the Java side's warm-up
    step()
    while time.perf_counter() < warm_end:
        step()
    done = 0
    start = time.perf_counter()
    cpu_start = time.process_time()
    while True:
        step()
        done += work_per_step
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            cpu = time.process_time() - cpu_start
            print("  %.0f per wall-second, %.0f per CPU-second (%.2f cores busy)"
                  % (done / elapsed, done / cpu, cpu / elapsed), flush=True)
            return done / elapsed


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batch", type=int, default=350)
    p.add_argument("--steps", type=int, default=100)
    p.add_argument("--warmup", type=int, default=50)
    p.add_argument("--critic-rows", type=int, default=35000)
    p.add_argument("--seconds", type=float, default=20.0)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)

    actor = SpikingActor([18, 256, 128, 4], slope=2.0)
    actor_opt = torch.optim.Adam(actor.parameters(), lr=1e-3)
    obs = torch.randn(a.steps, a.batch, 18)
    target = 0.5 * torch.randn(a.steps, a.batch, 4)

    def actor_step(forward):
        actor_opt.zero_grad(set_to_none=True)
        out = forward(obs)
        loss = torch.nn.functional.mse_loss(out[a.warmup:], target[a.warmup:])
        loss.backward()
        actor_opt.step()

    with torch.no_grad():
        same = torch.equal(actor(obs), actor.forward_layer_major(obs))
    print("actor forms agree: %s" % same, flush=True)

    critic = torch.nn.Sequential(torch.nn.Linear(150, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128),
                                 torch.nn.ReLU(), torch.nn.Linear(128, 1))
    critic_opt = torch.optim.Adam(critic.parameters(), lr=3e-4)
    rows = torch.randn(a.critic_rows, 150)
    values = torch.randn(a.critic_rows, 1)

    def critic_step():
        critic_opt.zero_grad(set_to_none=True)
        loss = torch.nn.functional.mse_loss(critic(rows), values)
        loss.backward()
        critic_opt.step()

    print("torch %s, threads %d" % (torch.__version__, torch.get_num_threads()), flush=True)
    time_major = bench(lambda: actor_step(actor), a.batch * a.steps, a.seconds)
    print("RESULT torch_actor_time_major %.1f seq-steps/s" % time_major, flush=True)
    layer_major = bench(lambda: actor_step(actor.forward_layer_major), a.batch * a.steps, a.seconds)
    print("RESULT torch_actor_layer_major %.1f seq-steps/s" % layer_major, flush=True)
    print("RESULT torch_actor %.1f seq-steps/s" % max(time_major, layer_major), flush=True)
    critic_rate = bench(critic_step, a.critic_rows, a.seconds)
    print("RESULT torch_critic %.1f rows/s" % critic_rate, flush=True)


if __name__ == "__main__":
    main()
