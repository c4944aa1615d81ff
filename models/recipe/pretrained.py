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


def _read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def read_tfjs_layers(folder):
    """(layers of the Keras topology, {weight name: numpy array}) of a TF.js layers model."""
    with open(os.path.join(folder, "model.json")) as f:
        model = json.load(f)
    weights = {}
    for group in model["weightsManifest"]:
        buffer = b"".join(_read_bytes(os.path.join(folder, p)) for p in group["paths"])
        offset = 0
        for w in group["weights"]:
            if w.get("dtype", "float32") != "float32":
                raise SystemExit(f"{w['name']}: {w['dtype']} weights are not read here")
            count = int(np.prod(w["shape"]))
            weights[w["name"]] = np.frombuffer(buffer, np.float32, count, offset).reshape(w["shape"]).copy()
            offset += 4 * count
    return model["modelTopology"]["model_config"]["config"]["layers"], weights


# Darknet Tiny's layers up to its stride-16 features: (filters, kernel size) of a convolution with
# batch norm and leaky ReLU, or "M" for a 2 x 2 max-pool. (Its classifier follows: a 1 x 1 to 128, one to 1000.)
DARKNET_TINY = [(16, 3), "M", (32, 3), "M", (16, 1), (128, 3), (16, 1), (128, 3), "M", (32, 1), (256, 3), (32, 1), (256, 3), "M",
                (64, 1), (512, 3), (64, 1), (512, 3)]


class DarknetTinyFeatures(nn.Module):
    """Darknet Tiny up to its stride-16, 512-channel features, on one-channel model input
    (data.model_pixels); load_tfjs puts the ImageNet weights in, the first convolution's RGB kernels
    summed, as a grey film is R = G = B."""

    CHANNELS = 512

    def __init__(self):
        super().__init__()
        modules, channels = [], 1
        for spec in DARKNET_TINY:
            if spec == "M":
                modules.append(nn.MaxPool2d(2, 2))
                continue
            filters, kernel = spec
            modules += [nn.Conv2d(channels, filters, kernel, padding=kernel // 2, bias=False), nn.BatchNorm2d(filters, eps=1e-3),
                        nn.LeakyReLU(0.1, inplace=True)]
            channels = filters
        self.body = nn.Sequential(*modules)

    def load_tfjs(self, folder):
        """The weights of ml5.js's Darknet Tiny (model.json + shards), layer by layer in order."""
        layers, weights = read_tfjs_layers(folder)
        convs = [m for m in self.body if isinstance(m, nn.Conv2d)]
        norms = [m for m in self.body if isinstance(m, nn.BatchNorm2d)]
        conv_names = [l["config"]["name"] for l in layers if l["class_name"] == "Conv2D"][: len(convs)]
        norm_names = [l["config"]["name"] for l in layers if l["class_name"] == "BatchNormalization"][: len(norms)]
        with torch.no_grad():
            for conv, name in zip(convs, conv_names):
                kernel = torch.from_numpy(weights[f"{name}/kernel"].transpose(3, 2, 0, 1).copy())
                if kernel.shape[1] == 3:
                    kernel = kernel.sum(dim=1, keepdim=True)
                if kernel.shape != conv.weight.shape:
                    raise SystemExit(f"{folder}: {name} is {tuple(kernel.shape)}, not Darknet Tiny's {tuple(conv.weight.shape)}")
                conv.weight.copy_(kernel)
            for bn, name in zip(norms, norm_names):
                for attr, key in (("weight", "gamma"), ("bias", "beta"), ("running_mean", "moving_mean"),
                                  ("running_var", "moving_variance")):
                    getattr(bn, attr).copy_(torch.from_numpy(weights[f"{name}/{key}"]))
        return self

    def forward(self, pixels):
        # Back from the model's normalisation to the 0..1 Darknet was trained on.
        return self.body(pixels * STD + MEAN)


def darknet_tiny(folder):
    return DarknetTinyFeatures().load_tfjs(folder)


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
