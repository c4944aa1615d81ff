"""A labels-only baseline for real films: a small CNN trained from scratch on the image-level labels
alone (no boxes, no reports, no generated films), so the model card can say what the grounded model
gains over the simplest thing the same films support.

  baseline.py --train ../.work/nih-train --eval ../.work/nih-validation [--test ../.work/nih-test] --out RUN_DIR
              [--epochs 30] [--size 160] [--threads 2]
              [--arch encoder --init ../lucent-cxr-synth/pytorch/model.pt --label-pool attention]

--arch encoder trains the grounded model's own encoder and label head the same way (labels only,
optionally from a model's weights), and --arch darknet --weights DIR ImageNet-pretrained Darknet Tiny
features (pretrained.py) with a linear head: quick ways to compare heads and starting points before a
full training run.

Same input as the model (data.model_pixels, equalised) and the same augmentations; masked binary
cross-entropy over label.LABEL_TYPES. Prints and writes (RUN_DIR/metrics.json) per finding AUROC with
95 % bootstrap intervals on the evaluation split after training, and on --test when given (score
the test split once, for the card; choose on validation).
"""
import argparse
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from augment import augment
from data import labels_of, model_pixels, records_from_case_folder
from findings import LABEL_TYPES
from label_metrics import label_report, summary_line
from model import Config, GroundedReportModel, ResBlock, conv_bn
from tokenizer import Tokenizer

CARD_NAMES = ["pleural_effusion", "cardiomegaly", "airspace_opacity", "nodule_or_mass", "pneumothorax", "atelectasis", "pulmonary_edema"]


class LabelCNN(nn.Module):
    """About 1.8 M parameters: a stride-32 residual CNN, global average pooling, one logit per label type."""

    def __init__(self, n_labels):
        super().__init__()
        self.features = nn.Sequential(
            conv_bn(1, 32, 2), ResBlock(32, 64, 2), ResBlock(64, 128, 2), ResBlock(128, 192, 2), ResBlock(192, 256, 2)
        )
        self.head = nn.Linear(256, n_labels)

    def forward(self, pixels):
        return self.head(self.features(pixels).mean(dim=(2, 3)))


class DarknetLabels(nn.Module):
    """ImageNet-pretrained Darknet Tiny features (pretrained.py), global average pooling, one logit per label type."""

    def __init__(self, weights, n_labels):
        super().__init__()
        from pretrained import DarknetTinyFeatures, darknet_tiny

        self.features = darknet_tiny(weights)
        self.head = nn.Linear(DarknetTinyFeatures.CHANNELS, n_labels)

    def forward(self, pixels):
        return self.head(self.features(pixels).mean(dim=(2, 3)))


class EncoderLabels(nn.Module):
    """The grounded model's encoder and label head alone (its decoder is not used)."""

    def __init__(self, size, label_pool, init=None):
        super().__init__()
        tok = Tokenizer.build()
        self.model = GroundedReportModel(Config(
            image_size=size, vocab_size=len(tok), fine_features=True, n_labels=len(LABEL_TYPES), equalize=True, label_pool=label_pool
        ))
        if init:
            from train import init_from

            init_from(self.model, tok, init)
        self.model.decoder.requires_grad_(False)

    def forward(self, pixels):
        return self.model.finding_logits(self.model.encoder(pixels), pixels)


def batch_of(records, rng, augment_strength):
    pixels, values, known = [], [], []
    for rec in records:
        image = rec["image"]
        if augment_strength:
            image, _ = augment(image, rec["hw"], rng, augment_strength)
        pixels.append(model_pixels(image, rec["hw"], True))
        v, m = labels_of(rec)
        values.append(v)
        known.append(m)
    return torch.from_numpy(np.stack(pixels))[:, None], torch.tensor(values), torch.tensor(known)


@torch.no_grad()
def probabilities(model, records):
    model.eval()
    out = []
    for i in range(0, len(records), 64):
        pixels, _, _ = batch_of(records[i: i + 64], None, 0)
        out.extend(torch.sigmoid(model(pixels)).numpy())
    model.train()
    return out


def report(model, records):
    probs = probabilities(model, records)
    return label_report(probs, [r["labels"] for r in records], [r["truth"].get("unmapped", []) for r in records], LABEL_TYPES)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", required=True)
    ap.add_argument("--eval", required=True)
    ap.add_argument("--test")
    ap.add_argument("--out", required=True)
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--size", type=int, default=160)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--arch", choices=["cnn", "encoder", "darknet"], default="cnn")
    ap.add_argument("--weights", help="with --arch darknet: the folder of Darknet Tiny's model.json and shards (pretrained.py)")
    ap.add_argument("--init", help="with --arch encoder: start from this grounded model's weights (model.pt)")
    ap.add_argument("--label-pool", choices=["mean", "attention"], default="mean")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    os.makedirs(args.out, exist_ok=True)
    train = records_from_case_folder(args.train, args.size, partial=True)
    evaluation = records_from_case_folder(args.eval, args.size, partial=True)
    if args.arch == "darknet":
        model = DarknetLabels(args.weights, len(LABEL_TYPES))
    else:
        model = LabelCNN(len(LABEL_TYPES)) if args.arch == "cnn" else EncoderLabels(args.size, args.label_pool, args.init)
    print(f"labels only, {args.arch}: {sum(p.numel() for p in model.parameters() if p.requires_grad) / 1e6:.2f} M trained parameters; "
          f"{len(train)} training films", flush=True)
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr, weight_decay=0.05)
    steps = args.epochs * math.ceil(len(train) / args.batch)
    t0 = time.time()
    for step in range(steps):
        for g in opt.param_groups:
            g["lr"] = args.lr * 0.5 * (1 + math.cos(math.pi * step / steps))
        pixels, values, known = batch_of([train[i] for i in rng.integers(len(train), size=args.batch)], rng, 1.0)
        loss = F.binary_cross_entropy_with_logits(model(pixels)[known], values[known])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if (step + 1) % (steps // args.epochs) == 0:
            epoch = (step + 1) * args.epochs // steps
            line = f"epoch {epoch} loss {loss.item():.3f} {time.time() - t0:.0f} s"
            if epoch % 5 == 0 or epoch == args.epochs:
                line += " | validation: " + summary_line(report(model, evaluation), CARD_NAMES)
            print(line, flush=True)
    torch.save({"model": model.state_dict(), "label_types": LABEL_TYPES, "arch": args.arch}, os.path.join(args.out, "baseline.pt"))
    metrics = {
        "arch": args.arch, "label_pool": args.label_pool, "init": args.init,
        "parameters": sum(p.numel() for p in model.parameters() if p.requires_grad),
        "epochs": args.epochs, "size": args.size, "seconds": time.time() - t0, "evaluation": report(model, evaluation),
    }
    if args.test:
        metrics["test"] = report(model, records_from_case_folder(args.test, args.size, partial=True))
        print("test: " + summary_line(metrics["test"], CARD_NAMES), flush=True)
    with open(os.path.join(args.out, "metrics.json"), "w") as f:
        json.dump(metrics, f, indent=1)


if __name__ == "__main__":
    main()
