"""The grounded report model: a small CNN + transformer image encoder and an
autoregressive transformer decoder with cross-attention (nanoGPT-sized and -styled).

The attention is written out (no fused kernels) so that the ONNX export can carry a
key/value cache for the decoder's self-attention and return the cross-attention weights.
"""
import math
from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class Config:
    image_size: int = 192
    vocab_size: int = 256
    d_model: int = 192
    n_heads: int = 4
    enc_layers: int = 1
    dec_layers: int = 3
    max_len: int = 160
    dropout: float = 0.0
    # Add the stride-8 CNN features to each stride-16 grid token (fine_features below).
    fine_features: bool = False
    # Image-level finding labels from the pooled image tokens (trained with masked losses where a
    # source has labels only); 0 for none (models up to 0.6.0).
    n_labels: int = 0
    # The input is histogram-equalised (data.model_pixels; models from 0.7.0).
    equalize: bool = False
    # How the label head pools the image tokens: "mean" (one linear layer on the mean token, 0.7.0)
    # or "attention" (each label looks where its own attention points: AttentionPoolHead).
    label_pool: str = "mean"
    # Where the label head looks: "" at the grounded encoder's tokens, or "darknet": its own
    # ImageNet-pretrained features beside them (pretrained.DarknetTinyFeatures, a 10 x 10 grid of 512
    # channels at 160 px), with an attention-pooled head; a thousand labelled real films are too few
    # to learn such features from, and the grounded encoder keeps what it reads from generated films.
    label_branch: str = ""

    @property
    def grid(self):
        return self.image_size // 16


def conv_bn(cin, cout, stride):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class ResBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.a = conv_bn(cin, cout, stride)
        self.b = nn.Sequential(nn.Conv2d(cout, cout, 3, 1, 1, bias=False), nn.BatchNorm2d(cout))
        self.skip = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        return F.relu(self.b(self.a(x)) + self.skip(x))


class Attention(nn.Module):
    def __init__(self, cfg, cross=False):
        super().__init__()
        self.h, self.d = cfg.n_heads, cfg.d_model
        self.q = nn.Linear(cfg.d_model, cfg.d_model)
        self.kv = nn.Linear(cfg.d_model, 2 * cfg.d_model)
        self.o = nn.Linear(cfg.d_model, cfg.d_model)
        self.cross = cross

    def split(self, x):
        b, t, _ = x.shape
        return x.view(b, t, self.h, self.d // self.h).transpose(1, 2)  # B H T Dh

    def keys_values(self, source):
        k, v = self.kv(source).split(self.d, dim=2)
        return self.split(k), self.split(v)

    def forward(self, x, source, past_k=None, past_v=None, causal=False, kv=None):
        """kv: the keys and values of `source`, when already computed (cross-attention to the image
        is the same at every decoding step)."""
        q = self.split(self.q(x))
        k, v = kv if kv is not None else self.keys_values(source)
        if past_k is not None:
            k = torch.cat([past_k, k], dim=2)
            v = torch.cat([past_v, v], dim=2)
        att = (q @ k.transpose(-2, -1)) / math.sqrt(self.d // self.h)
        if causal:
            t, s = q.shape[2], k.shape[2]
            # Query i (absolute position s - t + i) may see keys 0..s - t + i.
            mask = torch.ones(t, s, dtype=torch.bool, device=x.device).tril(diagonal=s - t)
            att = att.masked_fill(~mask, float("-inf"))
        att = att.softmax(dim=-1)
        y = (att @ v).transpose(1, 2).reshape(x.shape[0], x.shape[1], self.d)
        return self.o(y), k, v, att


class MLP(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.fc = nn.Linear(d, 4 * d)
        self.proj = nn.Linear(4 * d, d)

    def forward(self, x):
        return self.proj(F.gelu(self.fc(x)))


class EncoderLayer(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(cfg.d_model), nn.LayerNorm(cfg.d_model)
        self.attn, self.mlp = Attention(cfg), MLP(cfg.d_model)

    def forward(self, x):
        h = self.ln1(x)
        x = x + self.attn(h, h)[0]
        return x + self.mlp(self.ln2(x))


class DecoderLayer(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.ln1, self.ln2, self.ln3 = (nn.LayerNorm(cfg.d_model) for _ in range(3))
        self.self_attn, self.cross_attn, self.mlp = Attention(cfg), Attention(cfg, cross=True), MLP(cfg.d_model)

    def forward(self, x, memory, past_k=None, past_v=None, cross_kv=None):
        h = self.ln1(x)
        a, k, v, _ = self.self_attn(h, h, past_k, past_v, causal=True)
        x = x + a
        c, _, _, cross = self.cross_attn(self.ln2(x), memory, kv=cross_kv)
        x = x + c
        return x + self.mlp(self.ln3(x)), k, v, cross


class Encoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cnn = nn.Sequential(
            conv_bn(1, 32, 2), ResBlock(32, 64, 2), ResBlock(64, 96, 2), ResBlock(96, 128, 2), ResBlock(128, cfg.d_model, 1)
        )
        # Boxes of small findings (a nodule is 2-3 coordinate bins) need more than where in a
        # 16-pixel cell something lies: each grid token also gets its cell's 2 x 2 stride-8
        # features (space-to-depth), projected. Zero-initialised, so that a model trained
        # without them starts from the same function.
        self.fine = nn.Conv2d(4 * 96, cfg.d_model, 1) if cfg.fine_features else None
        if self.fine is not None:
            nn.init.zeros_(self.fine.weight)
            nn.init.zeros_(self.fine.bias)
        self.pos = nn.Parameter(torch.zeros(1, cfg.grid * cfg.grid, cfg.d_model))
        self.layers = nn.ModuleList(EncoderLayer(cfg) for _ in range(cfg.enc_layers))
        self.ln = nn.LayerNorm(cfg.d_model)

    @staticmethod
    def space_to_depth(x):
        # Written with reshape/permute (not F.pixel_unshuffle) for a plain ONNX export.
        b, c, h, w = x.shape
        x = x.reshape(b, c, h // 2, 2, w // 2, 2).permute(0, 1, 3, 5, 2, 4)
        return x.reshape(b, c * 4, h // 2, w // 2)

    def forward(self, pixels):
        fine = self.cnn[:3](pixels)  # stride 8: B 96 2g 2g
        f = self.cnn[3:](fine)  # stride 16: B D g g
        if self.fine is not None:
            f = f + self.fine(self.space_to_depth(fine))
        x = f.flatten(2).transpose(1, 2) + self.pos
        for layer in self.layers:
            x = layer(x)
        return self.ln(x)


class Decoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.tok = nn.Embedding(cfg.vocab_size, cfg.d_model)
        self.pos = nn.Embedding(cfg.max_len, cfg.d_model)
        self.layers = nn.ModuleList(DecoderLayer(cfg) for _ in range(cfg.dec_layers))
        self.ln = nn.LayerNorm(cfg.d_model)

    def cross_keys_values(self, memory):
        """Each layer's cross-attention keys and values of the image (B H N Dh): computed once per
        image, then reused at every decoding step."""
        return [layer.cross_attn.keys_values(memory) for layer in self.layers]

    def forward(self, ids, memory, past=None, cross_kv=None):
        """past: list of (k, v) per layer, each B H P Dh; cross_kv: cross_keys_values(memory), or
        None to compute it. Returns logits, presents, cross-attention averaged over heads and
        layers (B T N)."""
        p = 0 if past is None else past[0][0].shape[2]
        positions = torch.arange(p, p + ids.shape[1], device=ids.device)
        x = self.tok(ids) + self.pos(positions)[None]
        presents, cross_sum = [], 0
        for i, layer in enumerate(self.layers):
            pk, pv = (None, None) if past is None else past[i]
            x, k, v, cross = layer(x, memory, pk, pv, None if cross_kv is None else cross_kv[i])
            presents.append((k, v))
            cross_sum = cross_sum + cross.mean(dim=1)
        logits = self.ln(x) @ self.tok.weight.T  # tied embeddings
        return logits, presents, cross_sum / len(self.layers)


class AttentionPoolHead(nn.Module):
    """Image-level logits that each look where their finding is: per label, a softmax over the image
    tokens weights that label's per-token logit. A small finding (a nodule, a pneumothorax's rim)
    fills one or two of the grid's cells, and a mean over all of them dilutes it. The attention
    starts uniform (zero query), which is a linear head on the mean token: a mean-pooled head's
    weights carry over as the values."""

    def __init__(self, d_model, n_labels):
        super().__init__()
        self.query = nn.Linear(d_model, n_labels)
        self.value = nn.Linear(d_model, n_labels)

    def forward(self, memory):
        weights = self.query(memory).softmax(dim=1)  # B N L
        return (weights * self.value(memory)).sum(dim=1)


class GroundedReportModel(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.encoder = Encoder(cfg)
        self.decoder = Decoder(cfg)
        self.label_head, self.label_features = None, None
        if cfg.n_labels and cfg.label_branch == "darknet":
            from pretrained import DarknetTinyFeatures

            self.label_features = DarknetTinyFeatures()
            self.label_head = AttentionPoolHead(DarknetTinyFeatures.CHANNELS, cfg.n_labels)
        elif cfg.n_labels:
            self.label_head = (
                AttentionPoolHead(cfg.d_model, cfg.n_labels) if cfg.label_pool == "attention" else nn.Linear(cfg.d_model, cfg.n_labels)
            )
        self.apply(self._init)
        if isinstance(self.label_head, AttentionPoolHead):
            nn.init.zeros_(self.label_head.query.weight)

    def finding_logits(self, memory, pixels=None):
        """Image-level logits of each label type (Config.n_labels; findings.LABEL_TYPES order), from
        the encoder's tokens (memory), or with a label branch from its own features of the pixels."""
        if self.label_features is not None:
            return self.label_head(self.label_features(pixels).flatten(2).transpose(1, 2))
        if isinstance(self.label_head, AttentionPoolHead):
            return self.label_head(memory)
        return self.label_head(memory.mean(dim=1))

    @staticmethod
    def _init(m):
        if isinstance(m, nn.Linear):
            nn.init.normal_(m.weight, std=0.02)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.Embedding):
            nn.init.normal_(m.weight, std=0.02)

    def forward(self, pixels, ids):
        memory = self.encoder(pixels)
        logits, _, _ = self.decoder(ids, memory)
        return logits

    @torch.no_grad()
    def generate(self, pixels, prompt, max_new=140, eos_id=1):
        """Greedy decoding with the key/value cache (batch 1). Returns output ids, per-token
        probabilities, cross-attention rows and each step's output distribution."""
        memory = self.encoder(pixels)
        cross_kv = self.decoder.cross_keys_values(memory)
        ids = torch.tensor([prompt], dtype=torch.long)
        logits, past, cross = self.decoder(ids, memory, cross_kv=cross_kv)
        out, probs, attn, dists = [], [], [], []
        for _ in range(max_new):
            p = logits[0, -1].softmax(-1)
            nxt = int(p.argmax())
            out.append(nxt)
            dists.append(p)
            probs.append(float(p[nxt]))
            attn.append(cross[0, -1])
            if nxt == eos_id or len(prompt) + len(out) >= self.cfg.max_len:
                break
            logits, past, cross = self.decoder(torch.tensor([[nxt]]), memory, past, cross_kv)
        return out, probs, attn, dists

    def num_params(self):
        return sum(p.numel() for p in self.parameters())
