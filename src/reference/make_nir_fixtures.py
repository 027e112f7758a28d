#!/usr/bin/python3
"""Writes the NIR (.nir, HDF5) test fixtures of the calibration module's NIR importer, with h5py only (the `nir`
package is not installable here), following the layout of nir/serialization.py: a root string dataset `version`, a
group `node` holding the top-level graph (`type` = "NIRGraph", group `nodes/<name>/` with a `type` string and the
node's field datasets, dataset `edges` of [source, target] name pairs).

Also writes golden traces (`<name>.trace.h5`: `inputs` [T, n_in], `actions_zero_immediate` and
`actions_subtract_delayed` [T, n_out]) computed here in float64 numpy from the NIR equations discretised with forward
Euler at the stated dt, independent of the Java code:

    v <- v + dt/tau * (v_leak - v + r * I),   I = W x + b
    zero-immediate:     z = v > v_threshold;  v <- 0 where z          (NIR: z => v = v_reset = 0)
    subtract-delayed:   v <- v - theta * [v_prev > theta] (before the spike test)   (snnTorch Leaky default)
    action = tanh(W_out s + b_out)

Run from the repository root: /usr/bin/python3 src/reference/make_nir_fixtures.py
"""
import os

import h5py
import numpy as np

OUT = os.path.join("calibration", "src", "test", "resources", "io", "spikepilot", "calibration", "nir")
STR = h5py.string_dtype()


def write_graph(path, nodes, edges, version="1.0.0", compression="gzip", param_dtype=np.float32):
    with h5py.File(path, "w") as f:
        f.create_dataset("version", data=version, dtype=STR)
        g = f.create_group("node")
        g.create_dataset("type", data="NIRGraph", dtype=STR)
        ng = g.create_group("nodes")
        for name, fields in nodes.items():
            n = ng.create_group(name)
            for key, value in fields.items():
                if isinstance(value, str):
                    n.create_dataset(key, data=value, dtype=STR)
                else:
                    arr = np.asarray(value)
                    if arr.dtype.kind == "f":
                        arr = arr.astype(np.float32 if key in ("weight", "bias") else param_dtype)
                    n.create_dataset(key, data=arr, compression=compression if arr.ndim > 0 else None)
        g.create_dataset("edges", data=np.array(edges, dtype="S"))


def chain(layers, n_in):
    """nodes and edges of input -> fc0 -> lif0 -> ... -> fcN -> output; layers = [(name, node), ...]."""
    nodes = {"input": {"type": "Input", "shape": np.array([n_in], dtype=np.int64)}}
    order = ["input"]
    for name, node in layers:
        nodes[name] = node
        order.append(name)
    last = layers[-1][1]
    n_out = np.asarray(last["weight"]).shape[0] if "weight" in last else np.asarray(last["tau"]).shape[0]
    nodes["output"] = {"type": "Output", "shape": np.array([n_out], dtype=np.int64)}
    order.append("output")
    return nodes, [[a, b] for a, b in zip(order[:-1], order[1:])]


def simulate(layers, inputs, dt, rule):
    """float64 reference of the chain; returns actions [T, n_out]."""
    state = {}
    actions = []
    for x in inputs:
        h = x.astype(np.float64)
        for name, node in layers:
            t = node["type"]
            if t in ("Affine", "Linear"):
                h = np.asarray(node["weight"], np.float64) @ h + (np.asarray(node["bias"], np.float64)
                                                                   if t == "Affine" else 0.0)
            elif t == "LIF":
                tau = np.asarray(node["tau"], np.float64)
                r = np.asarray(node["r"], np.float64)
                leak = np.asarray(node["v_leak"], np.float64)
                theta = np.asarray(node["v_threshold"], np.float64)
                v = state.get(name, np.zeros_like(tau))
                prev_above = v > theta
                v = v + dt / tau * (leak - v + r * h)
                if rule == "subtract-delayed":
                    v = v - theta * prev_above
                    z = v > theta
                else:
                    z = v > theta
                    v = np.where(z, 0.0, v)
                state[name] = v
                h = z.astype(np.float64)
            else:
                raise ValueError(t)
        actions.append(np.tanh(h))
    return np.array(actions)


def lif(n, rng, tau, r, v_leak=0.0, v_threshold=None):
    return {"type": "LIF", "tau": np.full(n, tau) if np.isscalar(tau) else tau,
            "r": np.full(n, r) if np.isscalar(r) else r,
            "v_leak": np.full(n, v_leak), "v_threshold": v_threshold if v_threshold is not None
            else rng.uniform(0.05, 0.5, n), "v_reset": np.zeros(n)}


def affine(n_out, n_in, rng, scale=1.0):
    bound = scale / np.sqrt(n_in)
    return {"type": "Affine", "weight": rng.uniform(-bound, bound, (n_out, n_in)).astype(np.float32),
            "bias": rng.uniform(-bound, bound, n_out).astype(np.float32)}


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261128)
    inputs = rng.normal(0.0, 1.0, (60, 18))

    # snnTorch export_nir of Leaky(beta): tau = dt/(1-beta), r = tau/dt, v_leak = 0, v_reset = 0, dt = 1e-4
    dt = 1e-4
    beta1 = rng.uniform(0.3, 0.95, 8)
    beta2 = rng.uniform(0.3, 0.95, 6)
    tau1 = dt / (1 - beta1)
    tau2 = dt / (1 - beta2)
    layers = [("fc1", affine(8, 18, rng, 3.0)), ("lif1", lif(8, rng, tau1, tau1 / dt)),
              ("fc2", affine(6, 8, rng, 3.0)), ("lif2", lif(6, rng, tau2, tau2 / dt)),
              ("fc3", affine(4, 6, rng))]
    nodes, edges = chain(layers, 18)
    write_graph(os.path.join(OUT, "snntorch_leaky.nir"), nodes, edges)
    write_trace("snntorch_leaky", layers, inputs, dt)

    # Norse LIFBoxCell export: LIF(tau = 1/tau_mem_inv, r = 1), float64 parameters, uncompressed (older files), a
    # Linear (no bias) input layer and a non-zero v_leak, at dt = 1e-3
    dt = 1e-3
    layers = [("linear", {"type": "Linear", "weight": rng.uniform(-2, 2, (8, 18)).astype(np.float32)}),
              ("lif", lif(8, rng, 1 / 100.0, 1.0, v_leak=0.5, v_threshold=np.full(8, 0.02))),
              ("readout", affine(4, 8, rng))]
    nodes, edges = chain(layers, 18)
    write_graph(os.path.join(OUT, "norse_lifbox.nir"), nodes, edges, version="0.2.0", compression=None,
                param_dtype=np.float64)
    write_trace("norse_lifbox", layers, inputs, dt)

    # Refused: CubaLIF with a synaptic time constant longer than any useful dt (synaptic current state)
    layers = [("fc1", affine(8, 18, rng)),
              ("cuba", {"type": "CubaLIF", "tau_syn": np.full(8, 5e-3), "tau_mem": np.full(8, 1e-2),
                        "r": np.ones(8), "v_leak": np.zeros(8), "v_threshold": np.ones(8), "w_in": np.ones(8)}),
              ("fc2", affine(4, 8, rng))]
    nodes, edges = chain(layers, 18)
    write_graph(os.path.join(OUT, "cuba_synaptic.nir"), nodes, edges, compression=None)

    # Refused: reset to a non-zero v_reset
    node = lif(8, rng, 1e-3, 10.0)
    node["v_reset"] = np.full(8, -0.1)
    layers = [("fc1", affine(8, 18, rng)), ("lif1", node), ("fc2", affine(4, 8, rng))]
    nodes, edges = chain(layers, 18)
    write_graph(os.path.join(OUT, "nonzero_reset.nir"), nodes, edges, compression=None)

    # Refused: recurrent LIF (snnTorch RLeaky-like: lif -> w_rec -> lif)
    layers = [("fc1", affine(8, 18, rng)), ("lif1", lif(8, rng, 1e-3, 10.0)), ("fc2", affine(4, 8, rng))]
    nodes, edges = chain(layers, 18)
    nodes["w_rec"] = {"type": "Linear", "weight": rng.uniform(-0.1, 0.1, (8, 8)).astype(np.float32)}
    edges += [["lif1", "w_rec"], ["w_rec", "lif1"]]
    write_graph(os.path.join(OUT, "recurrent.nir"), nodes, edges, compression=None)

    # Refused: stateful leaky-integrator readout
    layers = [("fc1", affine(8, 18, rng)), ("lif1", lif(8, rng, 1e-3, 10.0)), ("fc2", affine(4, 8, rng)),
              ("li", {"type": "LI", "tau": np.full(4, 5e-3), "r": np.ones(4), "v_leak": np.zeros(4)})]
    nodes, edges = chain(layers, 18)
    write_graph(os.path.join(OUT, "li_readout.nir"), nodes, edges, compression=None)

    # Refused: a LIF node without v_threshold (corrupt)
    layers = [("fc1", affine(8, 18, rng)), ("lif1", lif(8, rng, 1e-3, 10.0)), ("fc2", affine(4, 8, rng))]
    del layers[1][1]["v_threshold"]
    nodes, edges = chain(layers, 18)
    write_graph(os.path.join(OUT, "missing_threshold.nir"), nodes, edges, compression=None)


def write_trace(name, layers, inputs, dt):
    with h5py.File(os.path.join(OUT, name + ".trace.h5"), "w") as f:
        f.create_dataset("dt", data=dt)
        f.create_dataset("inputs", data=inputs.astype(np.float32))
        for rule in ("zero-immediate", "subtract-delayed"):
            actions = simulate(layers, inputs.astype(np.float32), dt, rule)
            f.create_dataset("actions_" + rule.replace("-", "_"), data=actions)


if __name__ == "__main__":
    main()
