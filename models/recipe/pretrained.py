"""ImageNet-pretrained features, for films where a thousand labelled ones are all there is.

Darknet Tiny (Redmon's ImageNet classifier: 16 convolutions, batch norm, leaky ReLU, 4 max-pools; 1.05 M
parameters) as ml5.js publishes it in TensorFlow.js layers format, from the public repository
ml5js/ml5-data-and-models (`models/darknetclassifier/darknettiny/`: model.json + 31 float32 shards;
the repository is MIT-licensed, the weights come from the Darknet project, public domain / MIT).
This reads the shards with numpy (no TensorFlow here) into a PyTorch module that stops at the
stride-16 features (512 channels), before the ImageNet classifier.

  pretrained.py --weights DIR     (checks that the weights load and prints the feature shape)
"""
import argparse
import json
import os

import numpy as np
import torch
import torch.nn as nn

from data import MEAN, STD


def read_tfjs_layers(folder):
    """(layers of the Keras topology, {weight name: numpy array}) of a TF.js layers model."""
    with open(os.path.join(folder, "model.json")) as f:
        model = json.load(f)
    weights = {}
    for group in model["weightsManifest"]:
        buffer = b"".join(open(os.path.join(folder, p), "rb").read() for p in group["paths"])
        offset = 0
        for w in group["weights"]:
            if w.get("dtype", "float32") != "float32":
                raise SystemExit(f"{w['name']}: {w['dtype']} weights are not read here")
            count = int(np.prod(w["shape"]))
            weights[w["name"]] = np.frombuffer(buffer, np.float32, count, offset).reshape(w["shape"]).copy()
            offset += 4 * count
    return model["modelTopology"]["model_config"]["config"]["layers"], weights


class DarknetTinyFeatures(nn.Module):
    """Darknet Tiny up to its stride-16, 512-channel features, on one-channel model input
    (data.model_pixels); the first convolution's RGB kernels are summed, as a grey film is R = G = B."""

    CHANNELS = 512

    def __init__(self, layers, weights):
        super().__init__()
        modules, conv = [], None
        for layer in layers:
            kind, config = layer["class_name"], layer["config"]
            name = config["name"]
            if kind == "Conv2D":
                if config["filters"] == 128 and config["kernel_size"] == [1, 1] and conv is not None and conv.out_channels == 512:
                    break  # the classifier's bottleneck: the features end here
                kernel = torch.from_numpy(weights[f"{name}/kernel"].transpose(3, 2, 0, 1).copy())
                if kernel.shape[1] == 3:
                    kernel = kernel.sum(dim=1, keepdim=True)
                conv = nn.Conv2d(kernel.shape[1], kernel.shape[0], kernel.shape[2], padding=kernel.shape[2] // 2, bias=False)
                conv.weight.data.copy_(kernel)
                modules.append(conv)
            elif kind == "BatchNormalization":
                bn = nn.BatchNorm2d(conv.out_channels, eps=config["epsilon"])
                for attr, key in (("weight", "gamma"), ("bias", "beta"), ("running_mean", "moving_mean"), ("running_var", "moving_variance")):
                    getattr(bn, attr).data.copy_(torch.from_numpy(weights[f"{name}/{key}"]))
                modules.append(bn)
            elif kind == "LeakyReLU":
                modules.append(nn.LeakyReLU(config["alpha"], inplace=True))
            elif kind == "MaxPooling2D":
                modules.append(nn.MaxPool2d(2, 2))
        self.body = nn.Sequential(*modules)

    def forward(self, pixels):
        # Back from the model's normalisation to the 0..1 Darknet was trained on.
        return self.body(pixels * STD + MEAN)


def darknet_tiny(folder):
    return DarknetTinyFeatures(*read_tfjs_layers(folder))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", required=True)
    args = ap.parse_args()
    net = darknet_tiny(args.weights).eval()
    with torch.no_grad():
        out = net(torch.zeros(1, 1, 160, 160))
    print(f"Darknet Tiny features: {sum(p.numel() for p in net.parameters()) / 1e6:.2f} M parameters, {tuple(out.shape)} at 160 px")


if __name__ == "__main__":
    main()
