"""Word-level tokenizer with coordinate tokens, and the model's sequence grammar.

Text is lower-cased and split into words (letters, with inner hyphens), single
digits and punctuation; anything else becomes <unk>. Boxes are four location
tokens <loc_0>..<loc_127> (x0, y0, x1, y1), each a bin of 1/128 of the model's
square input frame (models up to 0.6.0: 64 bins; a tokenizer's bins are the
number of location tokens in its vocabulary). Decoding picks the most probable bin (the token fed back),
and the coordinate is the probability-weighted mean of the bin centres within
LOC_WINDOW bins of it: sub-bin precision that a 2-bin-wide nodule box needs
(held-out box recall@0.5 0.785 -> 0.802 for model 0.5.0 with a window of 2).
Without the distribution, a location token is decoded at its bin centre.

Grammar (also in manifest.json, parsed by src/model in the browser):
  prompt  report:   <task_report> [<ind> indication-words] <go>
          ground:   <task_ground> phrase-words <go>
          describe: <task_describe> <box> loc loc loc loc <go>
  output  report:   (<f> sentence-words (<box> loc loc loc loc)*)* <impression> words <eos>
          ground:   (<box> loc loc loc loc)+ <eos>
          describe: <f> sentence-words <eos>
"""
import json
import math
import re

from reports import IMPRESSION, INDICATIONS, NEGATIVES, TEMPLATES

SPECIALS = ["<pad>", "<eos>", "<unk>", "<task_report>", "<task_ground>", "<task_describe>", "<ind>", "<go>", "<f>", "<box>", "<impression>"]
LOC_BINS = 128
LOC_WINDOW = 2
PUNCT = list(".,;:()")
DIGITS = list("0123456789")
SLOT_WORDS = "right left bilateral upper mid lower small moderate large mm cm".split()
NO_FINDING = "no focal abnormality in this region."

WORD_RE = re.compile(r"[a-z]+(?:-[a-z]+)*|\d|[.,;:()]")


def split_words(text):
    return WORD_RE.findall(text.lower())


def corpus_words():
    texts = [t for ts in TEMPLATES.values() for t in ts]
    texts += [t for ts in NEGATIVES.values() for t in ts]
    texts += list(IMPRESSION.values()) + [t for ts in INDICATIONS.values() for t in ts]
    texts += ["no acute cardiopulmonary abnormality.", "normal chest radiograph.", NO_FINDING]
    words = set(SLOT_WORDS)
    for t in texts:
        words.update(w for w in split_words(re.sub(r"\{[a-z_]+\}", " ", t)) if w not in PUNCT and not w.isdigit())
    return sorted(words)


class Tokenizer:
    def __init__(self, vocab):
        self.vocab = list(vocab)
        self.index = {t: i for i, t in enumerate(self.vocab)}
        self.pad_id, self.eos_id = self.index["<pad>"], self.index["<eos>"]
        self.loc0 = self.index["<loc_0>"]
        self.loc_bins = sum(t.startswith("<loc_") for t in self.vocab)

    @staticmethod
    def build(loc_bins=LOC_BINS):
        return Tokenizer(SPECIALS + [f"<loc_{i}>" for i in range(loc_bins)] + DIGITS + PUNCT + corpus_words())

    @staticmethod
    def for_vocab_size(size):
        """The tokenizer a model with this vocabulary size was trained with (they differ in bins only)."""
        return Tokenizer.build(size - (len(Tokenizer.build(1)) - 1))

    def __len__(self):
        return len(self.vocab)

    def id(self, token):
        return self.index[token]

    def words(self, text):
        return [self.index.get(w, self.index["<unk>"]) for w in split_words(text)]

    def loc(self, value):
        """value in 0..1 of the square frame -> location token id."""
        return self.loc0 + min(self.loc_bins - 1, max(0, int(value * self.loc_bins)))

    def box(self, box01):
        return [self.index["<box>"]] + [self.loc(v) for v in box01]

    def is_loc(self, tid):
        """A token id, or elementwise for a tensor of them (train.py's loss)."""
        return (self.loc0 <= tid) & (tid < self.loc0 + self.loc_bins)

    def loc_value(self, tid, dist=None):
        """Coordinate in 0..1 of a location token; with the step's output distribution
        (probabilities over the vocabulary), its mean over the bins near the chosen one."""
        k = tid - self.loc0
        centre = (k + 0.5) / self.loc_bins
        if dist is None:
            return centre
        bins = range(max(0, k - LOC_WINDOW), min(self.loc_bins, k + LOC_WINDOW + 1))
        weights = [float(dist[self.loc0 + j]) for j in bins]
        total = sum(weights)
        value = sum(w * (j + 0.5) for w, j in zip(weights, bins)) / (total * self.loc_bins) if total > 0 else centre
        return value if math.isfinite(value) else centre  # a broken distribution: the bin centre

    # ----------------------------------------------------------- sequences
    def report_prompt(self, indication=""):
        ids = [self.index["<task_report>"]]
        if indication:
            ids += [self.index["<ind>"]] + self.words(indication)
        return ids + [self.index["<go>"]]

    def report_target(self, sentences, impression):
        """sentences: [(text, [box01, ...])]."""
        ids = []
        for text, boxes in sentences:
            ids += [self.index["<f>"]] + self.words(text)
            for b in boxes:
                ids += self.box(b)
        return ids + [self.index["<impression>"]] + self.words(impression) + [self.index["<eos>"]]

    def ground_prompt(self, phrase):
        return [self.index["<task_ground>"]] + self.words(phrase) + [self.index["<go>"]]

    def ground_target(self, boxes):
        return [t for b in boxes for t in self.box(b)] + [self.index["<eos>"]]

    def describe_prompt(self, box01):
        return [self.index["<task_describe>"]] + self.box(box01) + [self.index["<go>"]]

    def describe_target(self, text):
        return [self.index["<f>"]] + self.words(text) + [self.index["<eos>"]]

    # ------------------------------------------------------------- decoding
    def detokenize(self, ids):
        out = ""
        prev = ""
        for tid in ids:
            tok = self.vocab[tid]
            if tok.startswith("<"):
                continue
            if not out:
                out = tok
            elif tok in ".,;:)" and not (tok == "." and prev.isdigit()):
                out += tok
            elif tok.isdigit() and (prev.isdigit() or prev == "."):
                out += tok
            elif tok == "." and prev.isdigit():
                out += tok
            elif prev == "(":
                out += tok
            else:
                out += " " + tok
            prev = tok
        # "3." at the end of a sentence was a decimal point candidate: keep it as punctuation.
        return out

    def parse(self, ids, dists=None):
        """Parse an output sequence (any, even malformed) into findings and impression.
        dists: each step's output distribution (model.generate), for sub-bin coordinates."""
        findings, impression, current, box, mode = [], [], None, None, None
        unk = self.index["<unk>"]
        for i, tid in enumerate(ids):
            tid = tid if 0 <= tid < len(self.vocab) else unk
            tok = self.vocab[tid]
            if tok == "<eos>":
                break
            if tok == "<f>":
                current = {"ids": [], "boxes": []}
                findings.append(current)
                mode, box = "text", None
            elif tok == "<box>":
                box = []
                mode = "box"
            elif tok == "<impression>":
                mode, box = "impression", None
            elif self.is_loc(tid):
                if mode == "box" and box is not None:
                    box.append(self.loc_value(tid, dists[i] if dists is not None else None))
                    if len(box) == 4:
                        x0, y0, x1, y1 = box
                        if x1 > x0 and y1 > y0:
                            if current is None:
                                current = {"ids": [], "boxes": []}
                                findings.append(current)
                            current["boxes"].append(box)
                        box = None
            elif mode == "impression":
                impression.append(tid)
            elif mode == "text" and current is not None:
                current["ids"].append(tid)
        return {
            "findings": [{"text": self.detokenize(f["ids"]), "boxes": f["boxes"]} for f in findings],
            "impression": self.detokenize(impression),
        }

    def to_json(self):
        return {
            "type": "lucent-word-loc/1",
            "lowercase": True,
            "split_regex": WORD_RE.pattern,
            "unk": "<unk>",
            "loc_bins": self.loc_bins,
            "loc_window": LOC_WINDOW,
            "loc_prefix": "<loc_",
            "vocab": self.vocab,
        }

    def save(self, path):
        with open(path, "w") as f:
            json.dump(self.to_json(), f, indent=0)

    @staticmethod
    def load(path):
        with open(path) as f:
            return Tokenizer(json.load(f)["vocab"])
