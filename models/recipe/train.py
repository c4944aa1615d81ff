"""Train the grounded report model (nanoGPT-style loop: seeded, resumable, logs progress).

  train.py --data SHARDS_DIR [--cases CASE_DIR ... [--case-shares S ...]] --out RUN_DIR [--steps N] [--batch B]

Training records come from pickled shards (generate.py shards) and/or case folders of
DICOM + JSON (real data and composites in the documented format). New shards that appear while training
runs are picked up. Every --ckpt-every steps RUN_DIR/ckpt.pt is rewritten (model,
optimiser, step, RNG state); rerunning the same command resumes from it.
"""
import argparse
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

from data import load_shards, records_from_case_folder, training_batch
from findings import LABEL_TYPES
from model import AttentionPoolHead, Config, GroundedReportModel
from tokenizer import Tokenizer


def lr_at(step, progress, peak, warmup=300):
    """Linear warm-up over `warmup` steps, then a cosine down to a tenth over progress 0..1."""
    if step < warmup:
        return peak * step / warmup
    return peak * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(1.0, progress))))


def sequence_loss(logits, targets, tok, loc_weight=1.0):
    """Token cross-entropy; box coordinate tokens count loc_weight times a word.

    Boxes are a small share of the tokens, and one bin off on a 2-bin-wide nodule box
    already fails IoU 0.5, so weighting coordinates up spends more of the gradient on
    localisation. With loc_weight 1 this is plain cross-entropy.
    """
    per_token = F.cross_entropy(logits, targets, reduction="none")
    if loc_weight == 1.0:
        return per_token.mean()
    weights = torch.where(tok.is_loc(targets), torch.full_like(per_token, loc_weight), torch.ones_like(per_token))
    return (per_token * weights).sum() / weights.sum()


def init_from(model, tok, path):
    """Start from an earlier model's weights. Parts it lacks start as new: the fine-feature
    projection (zero-initialised, so the function is the same) and the label head. A vocabulary
    with fewer coordinate bins is spread over this one: bin j takes the embedding of the earlier
    bin that covers it (plus a little noise so that neighbours can part), every other token its own."""
    state = torch.load(path, map_location="cpu")["model"]
    old_tok = Tokenizer.for_vocab_size(state["decoder.tok.weight"].shape[0])
    if old_tok.vocab != tok.vocab:
        old = state["decoder.tok.weight"]
        new = model.decoder.tok.weight.detach().clone()
        for i, t in enumerate(tok.vocab):
            if t.startswith("<loc_"):
                j = int(t[5:-1]) * old_tok.loc_bins // tok.loc_bins
                new[i] = old[old_tok.loc0 + j] + 0.002 * torch.randn_like(old[0])
            else:
                new[i] = old[old_tok.index[t]]
        state["decoder.tok.weight"] = new
        print(f"coordinate bins {old_tok.loc_bins} -> {tok.loc_bins}", flush=True)
    own = model.state_dict()
    if isinstance(model.label_head, AttentionPoolHead) and "label_head.weight" in state:
        # A mean-pooled head's weights become the values of an attention head (uniform attention at first).
        state["label_head.value.weight"], state["label_head.value.bias"] = state.pop("label_head.weight"), state.pop("label_head.bias")
    for key in [k for k in state if k.startswith("label_head.")]:
        if key in own and state[key].shape[1:] != own[key].shape[1:]:
            del state[key]  # a head over other features (a label branch): it starts new
        elif key in own and state[key].shape[0] < own[key].shape[0]:
            # A head over fewer label types (LABEL_TYPES grew at its end): the earlier types keep
            # theirs, the new ones start as initialised.
            grown = own[key].clone()
            grown[: state[key].shape[0]] = state[key]
            print(f"{key}: {state[key].shape[0]} -> {grown.shape[0]} label types", flush=True)
            state[key] = grown
    missing, unexpected = model.load_state_dict(state, strict=False)
    if unexpected or any(not k.startswith(("encoder.fine.", "label_head.", "label_features.")) for k in missing):
        raise SystemExit(f"--init {path} does not fit this model: missing {missing}, unexpected {unexpected}")
    print(f"initialised from {path}" + (f" (new: {', '.join(missing)})" if missing else ""), flush=True)


def training_loss(model, tok, args, pixels, inp, tgt, mask, label_values, label_mask):
    """The sequence loss and the masked label loss (weighted --label-weight); with --only-labels the
    label loss alone, and the grounded encoder and decoder are not run where the labels do not need them."""
    memory = None if args.only_labels and model.label_features is not None else model.encoder(pixels)
    loss = torch.zeros(())
    if not args.only_labels:
        logits = model.decoder(inp, memory)[0]
        loss = sequence_loss(logits[mask], tgt[mask], tok, args.loc_weight) if mask.any() else logits.sum() * 0
    if label_mask.any():
        label_loss = F.binary_cross_entropy_with_logits(model.finding_logits(memory, pixels)[label_mask], label_values[label_mask])
        loss = loss + (1.0 if args.only_labels else args.label_weight) * label_loss
    return loss if loss.requires_grad else None  # None: nothing in this batch to learn from


def draw_batch(records, case_folders, args, rng):
    """A batch of records: uniformly from all of them, or with --case-shares a fixed share from each
    case folder (a thousand real films would otherwise be a few per cent of a batch beside shards)."""
    if not (args.case_shares and case_folders and args.data):
        return [records[i] for i in rng.integers(len(records), size=args.batch)]
    batch = []
    for folder, share in zip(case_folders, args.case_shares):
        batch += [folder[i] for i in rng.integers(len(folder), size=int(round(args.batch * share)))]
    generated = len(records) - sum(len(f) for f in case_folders)  # records = shards + case records
    return batch + [records[i] for i in rng.integers(generated, size=max(0, args.batch - len(batch)))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", help="folder of training shards")
    ap.add_argument("--cases", nargs="+", help="folders of DICOM + JSON cases (real data, composites)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--steps", type=int, default=4000)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--size", type=int, default=160)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--ckpt-every", type=int, default=100)
    ap.add_argument("--d-model", type=int, default=192)
    ap.add_argument("--dec-layers", type=int, default=3)
    ap.add_argument("--fine-features", action=argparse.BooleanOptionalAction, default=True,
                    help="stride-8 features in the encoder grid (model.py)")
    ap.add_argument("--init", help="start from these model weights (a model.pt) when RUN_DIR has no checkpoint")
    ap.add_argument("--loc-weight", type=float, default=1.0, help="loss weight of box coordinate tokens relative to words (sequence_loss)")
    ap.add_argument("--equalize", action=argparse.BooleanOptionalAction, default=True, help="histogram-equalised input (data.model_pixels)")
    ap.add_argument("--augment", type=float, default=1.0, help="probability of each augmentation step (augment.py); 0 for none")
    ap.add_argument("--case-shares", type=float, nargs="+",
                    help="with --cases and --data: the share of each batch drawn from each case folder (real films, composites), "
                    "the rest from the shards; without: one pool")
    ap.add_argument("--label-pool", choices=["mean", "attention"], default="mean",
                    help="how the label head pools the image tokens (model.Config.label_pool)")
    ap.add_argument("--label-branch", choices=["", "darknet"], default="",
                    help="the label head's own ImageNet-pretrained features (model.Config.label_branch)")
    ap.add_argument("--label-branch-weights",
                    help="with --label-branch darknet: Darknet Tiny's model.json and shards (pretrained.py), "
                    "when RUN_DIR has no checkpoint")
    ap.add_argument("--only-labels", action="store_true",
                    help="train the label branch and head alone on the image labels "
                    "(the grounded encoder and decoder frozen; no sequence loss)")
    ap.add_argument("--label-weight", type=float, default=0.2, help="weight of the masked image-level label loss")
    ap.add_argument("--minutes", type=float, default=0,
                    help="a wall-clock budget: the schedule runs on the time spent training (kept across resumes), which adapts to "
                    "a machine shared with other work, and training stops when it is spent")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    os.makedirs(args.out, exist_ok=True)
    tok = Tokenizer.build()
    tok.save(os.path.join(args.out, "tokenizer.json"))
    cfg = Config(image_size=args.size, vocab_size=len(tok), d_model=args.d_model, dec_layers=args.dec_layers,
                 fine_features=args.fine_features, n_labels=len(LABEL_TYPES), equalize=args.equalize,
                 label_pool=args.label_pool, label_branch=args.label_branch)
    model = GroundedReportModel(cfg)
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2 and p.requires_grad]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2 and p.requires_grad]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.05}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=args.lr, betas=(0.9, 0.98))
    rng = np.random.default_rng(args.seed)
    step = 0
    ckpt_path = os.path.join(args.out, "ckpt.pt")
    if os.path.exists(ckpt_path):
        ckpt = torch.load(ckpt_path)
        model.load_state_dict(ckpt["model"])
        opt.load_state_dict(ckpt["opt"])
        step = ckpt["step"]
        args.steps = ckpt.get("total_steps", args.steps)
        rng.bit_generator.state = ckpt["rng"]
        torch.set_rng_state(ckpt["torch_rng"])
        print(f"resumed at step {step}", flush=True)
    else:
        if args.init:
            init_from(model, tok, args.init)
        if args.label_branch_weights:
            model.label_features.load_tfjs(args.label_branch_weights)
            print(f"label branch: ImageNet weights from {args.label_branch_weights}", flush=True)
    if args.only_labels:
        for name, p in model.named_parameters():
            p.requires_grad_(name.startswith(("label_features.", "label_head.")))
    with open(os.path.join(args.out, "config.json"), "w") as f:
        json.dump({**cfg.__dict__, "args": vars(args)}, f, indent=1)
    print(f"model: {model.num_params() / 1e6:.2f} M parameters", flush=True)

    records, n_shards_seen, last_scan = [], -1, 0.0
    case_folders = [records_from_case_folder(folder, args.size, partial=True) for folder in args.cases or []]
    case_records = [r for folder in case_folders for r in folder]
    if args.case_shares and len(args.case_shares) != len(case_folders):
        raise SystemExit("--case-shares needs one share per --cases folder")

    def refresh():
        nonlocal records, n_shards_seen, last_scan
        last_scan = time.time()
        if not args.data:
            records = case_records
            return
        n = len([p for p in os.listdir(args.data) if p.endswith(".pkl")])
        if n != n_shards_seen:
            records = load_shards(args.data) + case_records
            n_shards_seen = n
            print(f"training records: {len(records)} ({n} shards)", flush=True)

    refresh()
    while not records:  # shards still being generated
        time.sleep(10)
        refresh()
    model.train()
    t0, seen, loss_avg = time.time(), 0, None
    spent_before = ckpt.get("seconds", 0.0) if os.path.exists(ckpt_path) else 0.0

    def progress():
        if args.minutes:
            return (spent_before + time.time() - t0) / (args.minutes * 60)
        return (step - 300) / max(1, args.steps - 300)

    while (progress() < 1) if args.minutes else (step < args.steps):
        if time.time() - last_scan > 120:
            refresh()
        pixels, inp, tgt, mask, label_values, label_mask = training_batch(
            draw_batch(records, case_folders, args, rng), tok, rng, cfg.max_len, cfg.equalize, args.augment
        )
        for g in opt.param_groups:
            g["lr"] = lr_at(step, progress(), args.lr)
        loss = training_loss(model, tok, args, pixels, inp, tgt, mask, label_values, label_mask)
        if loss is None:
            continue
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        seen += args.batch
        loss_avg = loss.item() if loss_avg is None else 0.95 * loss_avg + 0.05 * loss.item()
        if step % 20 == 0:
            rate = seen / (time.time() - t0)
            where = f"{100 * progress():.0f}% of {args.minutes:g} min" if args.minutes else f"{step}/{args.steps}"
            print(f"step {step} ({where}) loss {loss_avg:.4f} lr {opt.param_groups[0]['lr']:.2e} {rate:.1f} img/s", flush=True)
        if step % args.ckpt_every == 0 or step == args.steps:
            tmp = ckpt_path + ".tmp"
            torch.save({
                "model": model.state_dict(), "opt": opt.state_dict(), "step": step,
                "rng": rng.bit_generator.state, "torch_rng": torch.get_rng_state(), "config": cfg.__dict__,
                "total_steps": args.steps, "seconds": spent_before + time.time() - t0,
            }, tmp)
            os.replace(tmp, ckpt_path)
    torch.save({"model": model.state_dict(), "config": cfg.__dict__, "step": step}, os.path.join(args.out, "model.pt"))
    print("done", flush=True)


if __name__ == "__main__":
    main()
