"""Exports the shipped network (weights/model.hwdw) to ONNX (weights/model.onnx), for comparisons with
other runtimes. The architecture comes from the weights file; see weights/ONNX.md for the inputs/outputs.

    /usr/bin/python3 training/export_onnx.py [--weights weights/model.hwdw] [--out weights/model.onnx]
"""
import argparse
import os
import sys

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from weights_file import CONV, DENSE, MAXPOOL, read_golden, read_weights  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OPSET = 13  # Conv, MaxPool, Relu, Flatten, Gemm: long supported by every ONNX runtime


def sequential(net):
    """The QuantizedNet as plain torch layers (tracing QuantizedNet turns its padding into a tensor)."""
    modules, flat = [], False
    for kind, weight, bias, relu in net.layers:
        if kind == CONV:
            conv = nn.Conv2d(weight.shape[1], weight.shape[0], weight.shape[-1], padding=weight.shape[-1] // 2)
            conv.weight.data.copy_(weight)
            conv.bias.data.copy_(bias)
            modules.append(conv)
        elif kind == MAXPOOL:
            modules.append(nn.MaxPool2d(2))
        elif kind == DENSE:
            if not flat:
                modules.append(nn.Flatten(1))  # (channel, height, width): read_weights reordered the weights
                flat = True
            dense = nn.Linear(weight.shape[1], weight.shape[0])
            dense.weight.data.copy_(weight)
            dense.bias.data.copy_(bias)
            modules.append(dense)
        if relu:
            modules.append(nn.ReLU())
    return nn.Sequential(*modules).eval()


def export(weights, out):
    """Writes the ONNX file; returns the QuantizedNet read from the weights and the exported module."""
    net = read_weights(weights).eval()
    model = sequential(net)
    example = torch.zeros(1, 1, net.side, net.side)
    with torch.no_grad():
        torch.onnx.export(
            model, example, out,
            input_names=["image"], output_names=["logits"],
            dynamic_axes={"image": {0: "batch"}, "logits": {0: "batch"}},
            opset_version=OPSET, do_constant_folding=True)
    return net, model


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--weights", default=os.path.join(ROOT, "weights", "model.hwdw"))
    parser.add_argument("--out", default=os.path.join(ROOT, "weights", "model.onnx"))
    parser.add_argument("--golden", default=os.path.join(ROOT, "weights", "golden.bin"))
    args = parser.parse_args()
    net, model = export(args.weights, args.out)
    print(f"wrote {args.out} ({os.path.getsize(args.out)} bytes): {net.classes} classes, "
          f"{len(net.layers)} layers, input [N,1,{net.side},{net.side}]")
    if os.path.exists(args.golden):
        images, logits = read_golden(args.golden)
        with torch.no_grad():
            error = (model(images) - logits).abs().max().item()
        print(f"exported module vs golden logits: max |difference| {error:.2e}")
        if error > 1e-3:
            sys.exit("the exported network does not reproduce the golden logits")


if __name__ == "__main__":
    main()
