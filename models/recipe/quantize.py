"""Weight-only int8 quantization with the onnx Python API.

Every float weight with at least 2 dimensions and 256 values (MatMul, Gemm, Gather and
Conv weights) becomes an int8 initializer with per-channel scales (symmetric, zero point
0) followed by a DequantizeLinear node that restores the original name, so the rest of
the graph is unchanged. Activations stay fp32.

  quantize.py IN.onnx OUT.onnx
"""
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper

MIN_VALUES = 256


def channel_axis(name, consumers):
    """Quantize per output channel: columns of a MatMul right operand, rows otherwise."""
    for node in consumers.get(name, []):
        if node.op_type == "MatMul" and node.input[1] == name:
            return 1
    return 0


def quantize_model(model):
    graph = model.graph
    consumers = {}
    for node in graph.node:
        for i in node.input:
            consumers.setdefault(i, []).append(node)
    new_inits, new_nodes = [], []
    for init in graph.initializer:
        w = numpy_helper.to_array(init)
        if w.dtype != np.float32 or w.ndim < 2 or w.size < MIN_VALUES or init.name not in consumers:
            new_inits.append(init)
            continue
        axis = channel_axis(init.name, consumers)
        moved = np.moveaxis(w, axis, 0).reshape(w.shape[axis], -1)
        scale = np.maximum(np.abs(moved).max(axis=1), 1e-12) / 127.0
        shape = [1] * w.ndim
        shape[axis] = -1
        q = np.clip(np.round(w / scale.reshape(shape)), -127, 127).astype(np.int8)
        base = init.name
        new_inits += [
            numpy_helper.from_array(q, base + "_int8"),
            numpy_helper.from_array(scale.astype(np.float32), base + "_scale"),
            numpy_helper.from_array(np.zeros_like(scale, dtype=np.int8), base + "_zero"),
        ]
        new_nodes.append(helper.make_node("DequantizeLinear", [base + "_int8", base + "_scale", base + "_zero"], [base],
                                          axis=axis, name=base + "_dequant"))
    del graph.initializer[:]
    graph.initializer.extend(new_inits)
    nodes = list(graph.node)
    del graph.node[:]
    graph.node.extend(new_nodes + nodes)  # dequantized weights first: the graph stays topologically sorted
    onnx.checker.check_model(model)
    return model


def main():
    src, dst = sys.argv[1], sys.argv[2]
    model = onnx.load(src)
    onnx.save(quantize_model(model), dst)


if __name__ == "__main__":
    main()
