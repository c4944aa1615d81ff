"""Export the model to ONNX (opset 17): encoder.onnx and decoder.onnx with a key/value cache.

encoder.onnx   pixels [B, 1, S, S] -> cross_key_L / cross_value_L [B, H, N, Dh] for each decoder
               layer L: the decoder's cross-attention keys and values of the image, computed once
               per image instead of at every token (they were 95% of a token's arithmetic);
               and, for a model with a label head (Config.n_labels), finding_logits [B, n_labels]:
               the image-level logit of each finding type (findings.LABEL_TYPES order)
decoder.onnx   input_ids [B, T] (int64), cross_key_L / cross_value_L,
               past_key_L / past_value_L [B, P, H*Dh] for each layer L (P may be 0)
            -> logits [B, T, V], cross_attention [B, T, N] (mean over heads and layers),
               present_key_L / present_value_L [B, P + T, H*Dh]: the whole cache, and
               new_key_L / new_value_L [B, T, H*Dh]: only this call's keys and values

The cache is laid out position-major ([B, P, H*Dh], not the attention's [B, H, P, Dh]) so that
the cache of P tokens is the first P rows of a buffer allocated once: a runtime can append each
step's new_key_L to that buffer and pass a view of it, fetching only the small new_* outputs.
onnxruntime-web copies every fetched output into a newly allocated array, and fetching the whole
cache each step was most of a step's time in Chromium. A runtime that keeps the cache on a GPU
feeds present_* back instead.

  export_onnx.py --ckpt model.pt --out DIR        (also writes reference outputs for parity tests)
"""
import argparse
import json
import os

import numpy as np
import torch

from model import Config, GroundedReportModel


class ImageEncoder(torch.nn.Module):
    """The encoder, ending in each decoder layer's cross-attention keys and values (and the label head's logits)."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, pixels):
        memory = self.model.encoder(pixels)
        keys_values = tuple(t for kv in self.model.decoder.cross_keys_values(memory) for t in kv)
        return keys_values + ((self.model.finding_logits(memory, pixels),) if self.model.cfg.n_labels else ())


class DecoderStep(torch.nn.Module):
    def __init__(self, decoder, n_layers):
        super().__init__()
        self.decoder = decoder
        self.n_layers = n_layers

    def forward(self, input_ids, *flat):
        pairs = lambda ts: [(ts[2 * i], ts[2 * i + 1]) for i in range(self.n_layers)]  # noqa: E731
        cross_kv, past_rows = pairs(flat[: 2 * self.n_layers]), pairs(flat[2 * self.n_layers:])
        heads = cross_kv[0][0].shape[1]
        past = [(to_heads(k, heads), to_heads(v, heads)) for k, v in past_rows]
        logits, presents, cross = self.decoder(input_ids, None, past, cross_kv)
        p = past_rows[0][0].shape[1]
        new = [(to_rows(k[:, :, p:]), to_rows(v[:, :, p:])) for k, v in presents]
        # The whole cache is the past rows followed by the new ones (no transpose of the past).
        present = [(torch.cat([pk, nk], dim=1), torch.cat([pv, nv], dim=1)) for (pk, pv), (nk, nv) in zip(past_rows, new)]
        return (logits, cross, *(t for kv in present for t in kv), *(t for kv in new for t in kv))


def to_heads(rows, heads):
    """[B, P, H*Dh] -> [B, H, P, Dh]"""
    b, p, d = rows.shape
    return rows.reshape(b, p, heads, d // heads).transpose(1, 2)


def to_rows(x):
    """[B, H, T, Dh] -> [B, T, H*Dh]"""
    b, h, t, dh = x.shape
    return x.transpose(1, 2).reshape(b, t, h * dh)


def io_names(n_layers):
    cross = [n for i in range(n_layers) for n in (f"cross_key_{i}", f"cross_value_{i}")]
    past = [n for i in range(n_layers) for n in (f"past_key_{i}", f"past_value_{i}")]
    present = [n for i in range(n_layers) for n in (f"present_key_{i}", f"present_value_{i}")]
    new = [n for i in range(n_layers) for n in (f"new_key_{i}", f"new_value_{i}")]
    return cross, past, present, new


def load_model(ckpt_path):
    ckpt = torch.load(ckpt_path, map_location="cpu")
    cfg = Config(**{k: v for k, v in ckpt["config"].items() if k in Config.__dataclass_fields__})
    model = GroundedReportModel(cfg)
    model.load_state_dict(ckpt["model"])
    return model.eval()


def export(model, out_dir):
    cfg = model.cfg
    os.makedirs(out_dir, exist_ok=True)
    s, n, d, h = cfg.image_size, cfg.grid * cfg.grid, cfg.d_model, cfg.n_heads
    pixels = torch.randn(1, 1, s, s)
    cross_names, past_names, present_names, new_names = io_names(cfg.dec_layers)
    # Wrappers in eval mode: export restores a wrapper's own mode afterwards, and a new module is
    # in training mode, which would leave the model's BatchNorm layers training.
    encoder_outputs = cross_names + (["finding_logits"] if cfg.n_labels else [])
    torch.onnx.export(
        ImageEncoder(model).eval(), (pixels,), os.path.join(out_dir, "encoder.onnx"), opset_version=17,
        input_names=["pixels"], output_names=encoder_outputs,
        dynamic_axes={"pixels": {0: "batch"}, **{name: {0: "batch"} for name in encoder_outputs}},
    )
    step = DecoderStep(model.decoder, cfg.dec_layers).eval()
    cross = [torch.randn(1, h, n, d // h) for _ in range(2 * cfg.dec_layers)]
    ids = torch.tensor([[3, 7]], dtype=torch.long)
    past = [torch.randn(1, 3, d) for _ in range(2 * cfg.dec_layers)]
    dyn = {"input_ids": {0: "batch", 1: "tokens"}, "logits": {0: "batch", 1: "tokens"}, "cross_attention": {0: "batch", 1: "tokens"}}
    for name in cross_names:
        dyn[name] = {0: "batch"}
    for name in past_names:
        dyn[name] = {0: "batch", 1: "past"}
    for name in present_names:
        dyn[name] = {0: "batch", 1: "total"}
    for name in new_names:
        dyn[name] = {0: "batch", 1: "tokens"}
    torch.onnx.export(
        step, (ids, *cross, *past), os.path.join(out_dir, "decoder.onnx"), opset_version=17,
        input_names=["input_ids", *cross_names, *past_names], output_names=["logits", "cross_attention", *present_names, *new_names],
        dynamic_axes=dyn,
    )


@torch.no_grad()
def reference_outputs(model, out_path, seed=0):
    """Inputs and PyTorch outputs for an encoder pass, a prefill and one cached step (parity tests)."""
    cfg = model.cfg
    g = torch.Generator().manual_seed(seed)
    pixels = torch.randn(1, 1, cfg.image_size, cfg.image_size, generator=g)
    memory = model.encoder(pixels)
    prompt = torch.tensor([[3, 7, 9, 8]], dtype=torch.long)
    logits, past, cross = model.decoder(prompt, memory)
    nxt = torch.tensor([[int(logits[0, -1].argmax())]], dtype=torch.long)
    logits2, _, cross2 = model.decoder(nxt, memory, past)
    generated, probs, _, _ = model.generate(pixels, prompt[0].tolist(), max_new=12, eos_id=1)
    ref = {
        "generated": generated,
        "generated_probs": probs,
        "pixels": pixels.flatten().tolist(),
        "pixels_shape": list(pixels.shape),
        "prompt": prompt.flatten().tolist(),
        "next": int(nxt),
        "cross_key_0_first": model.decoder.cross_keys_values(memory)[0][0][0, 0, :4, :8].flatten().tolist(),
        "prefill_last_logits": logits[0, -1].tolist(),
        "prefill_cross_attention_last": cross[0, -1].tolist(),
        "step_logits": logits2[0, -1].tolist(),
        "step_cross_attention": cross2[0, -1].tolist(),
        "n_layers": cfg.dec_layers,
        "n_heads": cfg.n_heads,
        "head_dim": cfg.d_model // cfg.n_heads,
    }
    if cfg.n_labels:
        ref["finding_probs"] = torch.sigmoid(model.finding_logits(memory, pixels))[0].tolist()
    with open(out_path, "w") as f:
        json.dump(ref, f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt")
    ap.add_argument("--out", required=True)
    ap.add_argument("--tiny", action="store_true", help="export a tiny randomly initialised model (tests)")
    args = ap.parse_args()
    torch.manual_seed(0)
    if args.tiny:
        model = GroundedReportModel(Config(
            image_size=64, vocab_size=211, d_model=32, n_heads=2, dec_layers=2, max_len=48, fine_features=True, n_labels=10
        )).eval()
        torch.nn.init.normal_(model.encoder.fine.weight, std=0.05)  # zero-initialised for training; exercise it here
    else:
        model = load_model(args.ckpt)
    export(model, args.out)
    reference_outputs(model, os.path.join(args.out, "reference.json"))
    print("exported to", args.out)


if __name__ == "__main__":
    np.set_printoptions(precision=4)
    main()
