#!/usr/bin/python3
"""Generates the large models used to measure model loading (see docs/PERFORMANCE.md).

Run with Debian's python3-onnx:  /usr/bin/python3 tools/bench/make_perf_models.py OUT_DIR
Writes (deterministically, seed 0):
  weights512.onnx  4 MatMul layers whose float32 weights total 512 MiB, stored inline (raw_data)
  synth18k.onnx    2,000 blocks of 9 nodes (18,000 nodes) with scoped names /block_K/...
The files are too large to commit; they are regenerated for each measurement.
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def weights512(path):
    rng = np.random.default_rng(0)
    width = 5792  # 4 layers of width x width float32 = 4 * 5792^2 * 4 B ~= 512 MiB
    nodes, inits = [], []
    prev = "x"
    for i in range(4):
        w = rng.standard_normal((width, width), dtype=np.float32)
        inits.append(numpy_helper.from_array(w, f"w{i}"))
        nodes.append(helper.make_node("MatMul", [prev, f"w{i}"], [f"h{i}"], name=f"/layer.{i}/MatMul"))
        prev = f"h{i}"
    graph = helper.make_graph(nodes, "weights512",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", width])],
                              [helper.make_tensor_value_info(prev, TensorProto.FLOAT, ["batch", width])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="loupe-bench")
    with open(path, "wb") as f:
        f.write(model.SerializeToString())


def synth18k(path, blocks=2000, width=16):
    rng = np.random.default_rng(0)
    nodes, inits = [], []
    prev = "x"
    for b in range(blocks):
        s = f"/block_{b}"
        w = rng.standard_normal((width, width), dtype=np.float32)
        inits.append(numpy_helper.from_array(w, f"{s}/w"))
        inits.append(numpy_helper.from_array(np.ones(width, np.float32), f"{s}/gamma"))
        inits.append(numpy_helper.from_array(np.zeros(width, np.float32), f"{s}/beta"))
        nodes += [
            helper.make_node("MatMul", [prev, f"{s}/w"], [f"{s}/mm"], name=f"{s}/MatMul"),
            helper.make_node("Relu", [f"{s}/mm"], [f"{s}/relu"], name=f"{s}/Relu"),
            helper.make_node("Add", [f"{s}/relu", prev], [f"{s}/res"], name=f"{s}/Add"),
            helper.make_node("LayerNormalization", [f"{s}/res", f"{s}/gamma", f"{s}/beta"], [f"{s}/ln"], name=f"{s}/LayerNorm"),
            helper.make_node("Mul", [f"{s}/ln", f"{s}/ln"], [f"{s}/sq"], name=f"{s}/Mul"),
            helper.make_node("Sigmoid", [f"{s}/sq"], [f"{s}/sig"], name=f"{s}/Sigmoid"),
            helper.make_node("Sub", [f"{s}/ln", f"{s}/sig"], [f"{s}/sub"], name=f"{s}/Sub"),
            helper.make_node("Tanh", [f"{s}/sub"], [f"{s}/tanh"], name=f"{s}/Tanh"),
            helper.make_node("Identity", [f"{s}/tanh"], [f"{s}/out"], name=f"{s}/Identity"),
        ]
        prev = f"{s}/out"
    graph = helper.make_graph(nodes, "synth18k",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", width])],
                              [helper.make_tensor_value_info(prev, TensorProto.FLOAT, ["batch", width])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="loupe-bench")
    onnx.checker.check_model(model)
    onnx.save(model, path)


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/loupe-perf"
    os.makedirs(out, exist_ok=True)
    weights512(os.path.join(out, "weights512.onnx"))
    synth18k(os.path.join(out, "synth18k.onnx"))
    print("wrote", out)
