"""Follow-up pairs: a prior and a current frontal chest film of the same patient, and what changed.

A pair is deterministic from its seed. The current study keeps the prior's anatomy (same patient);
each finding of the prior either stays identical (`unchanged`: same size, same place in the
anatomy), is removed, gets a new size or (devices) moves, and new findings may be added. The
current film is taken differently: its content is shifted and magnified on the detector, exposed
differently and perhaps written at another pixel spacing; its boxes are where things are in the
current image.

Files (see models/README.md, "Follow-up pairs"): NAME-prior.dcm/.json and NAME-current.dcm/.json
are ordinary case files (synth.write_case), NAME.pair.json (`lucent-cxr-pair/1`) lists the changes,
each with the index of its finding in the prior's and the current's `findings` (or null).
"""
import copy
import datetime
import json
import math
import os
from dataclasses import dataclass, replace

import numpy as np
from scipy.ndimage import affine_transform, gaussian_filter

from chest_radiograph import Anatomy, lung_masks, render_chest_radiograph
from findings import DEVICE_TYPES, FINDING_TYPES, MAKERS, PREVALENCE, _box, make_cardiomegaly
from lung_geometry import LungGeometry
from reports import write_indication, write_report
from synth import SPACINGS, Case, write_case

# ----------------------------------------------------------------------------- the rules
PAIR_FORMAT = "lucent-cxr-pair/1"
# Held-out pairs (evaluation) use seeds from here; cases use 0.. (training) and 10,000,000.. (evaluation).
PAIR_EVAL_FIRST_SEED = 20_000_000

# What a change entry can say: devices are placed, removed, moved or unchanged; the rest are new,
# resolved, increased, decreased or unchanged.
DEVICE_CHANGES = ("placed", "removed", "moved", "unchanged")
FINDING_CHANGES = ("new", "resolved", "increased", "decreased", "unchanged")
# Of all change entries, about this share of each (devices: new = placed, resolved = removed).
CHANGE_MIX = {"unchanged": 0.35, "new": 0.20, "resolved": 0.15, "increased": 0.15, "decreased": 0.10, "moved": 0.05}
# Findings (change entries) per pair: 0 with EMPTY_PAIR_RATE (no finding in either study), else 1-4.
EMPTY_PAIR_RATE = 0.05
ENTRIES_PER_PAIR = {1: 0.30, 2: 0.30, 3: 0.25, 4: 0.15}

# increased / decreased only with a clear change: size ratio >= MIN_SIZE_RATIO (or <= 1 / it) AND an
# absolute change >= MIN_SIZE_CHANGE_MM of the finding's size_mm (diameter, height, rim, length).
MIN_SIZE_RATIO = 1.5
MIN_SIZE_CHANGE_MM = {"nodule": 5.0, "mass": 5.0, "pleural_effusion": 15.0, "pneumothorax": 15.0, "consolidation": 15.0, "atelectasis": 15.0}
RESIZABLE_TYPES = tuple(MIN_SIZE_CHANGE_MM)  # cardiomegaly: only unchanged, new or resolved
# Sizes a resized finding takes (mm of size_mm); a nodule stays below NODULE_MASS_BOUNDARY_MM, a mass above.
NODULE_MASS_BOUNDARY_MM = 30.0
RESIZED_SIZE_MM = {"nodule": (6.0, 29.0), "mass": (32.0, 80.0), "pleural_effusion": (18.0, 95.0), "pneumothorax": (8.0, 45.0), "consolidation": (24.0, 90.0), "atelectasis": (30.0, 100.0)}
# moved: the tube's or line's tip moves at least this far (the ETT up or down the trachea, tip 10-80 mm
# above the carina; a central line's tip along its last segment, advanced or withdrawn).
MOVABLE_TYPES = ("endotracheal_tube", "central_line")
MIN_TIP_MOVE_MM = 20.0
ETT_TIP_ABOVE_CARINA_MM = (10.0, 80.0)

# How the current film is taken: content shifted by up to FILM_SHIFT of the film's size in x and y and
# magnified about the film's centre; then gamma and contrast (about mid-grey) on the 0..1 image.
FILM_SHIFT = 0.05
MAGNIFICATION = (0.95, 1.05)
GAMMA = (0.8, 1.25)
CONTRAST = (0.85, 1.15)
SAME_SPACING_RATE = 0.6  # else the current's pixel spacing is drawn again from synth.SPACINGS

# Dates: the current study is CURRENT_DATE minus (seed mod 28) days, the prior interval_days before it.
CURRENT_DATE = datetime.date(2026, 11, 16)
INTERVAL_DAYS_WITH_DEVICES = (1, 7)  # intubated / lined patients are filmed often
INTERVAL_DAYS = (14, 365)


def size_change_ok(kind, before, after):
    """Whether before -> after (size_mm) is a clear increase or decrease by the rules above."""
    lo, hi = sorted((before, after))
    return lo > 0 and hi / lo >= MIN_SIZE_RATIO and hi - lo >= MIN_SIZE_CHANGE_MM[kind]


def change_name(kind, change):
    """The generic change (new, resolved, ...) as a change entry says it for this type."""
    if kind in DEVICE_TYPES:
        return {"new": "placed", "resolved": "removed"}.get(change, change)
    return change


# ----------------------------------------------------------------------------- the plan
def _eligible(kind, change, used):
    if kind in used or ({kind, "nodule", "mass"} <= used | {kind}):
        return False
    if change in ("increased", "decreased"):
        return kind in RESIZABLE_TYPES
    if change == "moved":
        return kind in MOVABLE_TYPES
    return True


def sample_plan(rng):
    """[{type, change}, ...]: what the pair's findings do between the studies (any order)."""
    if rng.random() < EMPTY_PAIR_RATE:
        return []
    n = int(rng.choice(list(ENTRIES_PER_PAIR), p=list(ENTRIES_PER_PAIR.values())))
    changes, weights = list(CHANGE_MIX), np.array(list(CHANGE_MIX.values()))
    plan, used = [], set()
    for _ in range(n):
        for _try in range(20):
            change = str(rng.choice(changes, p=weights / weights.sum()))
            eligible = [t for t in FINDING_TYPES if _eligible(t, change, used)]
            if eligible:
                break
        else:
            break
        p = np.array([PREVALENCE[t] for t in eligible])
        kind = str(rng.choice(eligible, p=p / p.sum()))
        used.add(kind)
        plan.append({"type": kind, "change": change})
    return plan


def _normalise(item):
    """A plan entry from (type, change[, laterality]) or a dict; change in generic or device words."""
    if not isinstance(item, dict):
        item = dict(zip(("type", "change", "laterality"), item))
    change = {"placed": "new", "removed": "resolved"}.get(item["change"], item["change"])
    if change not in CHANGE_MIX or not _eligible(item["type"], change, set()):
        raise ValueError(f"{item['type']} cannot be {item['change']}")
    sizes = item.get("size_mm")
    if sizes is not None:
        lo, hi = RESIZED_SIZE_MM[item["type"]]
        if change not in ("increased", "decreased") or (sizes[1] > sizes[0]) != (change == "increased") or not size_change_ok(item["type"], *sizes) or not all(lo <= v <= hi for v in sizes):
            raise ValueError(f"{item['type']} {change} cannot go from {sizes[0]} to {sizes[1]} mm")
    return {"type": item["type"], "change": change, "laterality": item.get("laterality"), "size_mm": sizes}


# ----------------------------------------------------------------------------- findings re-made
def _resized(f, size, geometry):
    """The same finding at another size_mm, in the same place in the anatomy, boxes recomputed."""
    g = copy.deepcopy(f)
    size = round(float(size), 1)
    p = g.params
    g.size_mm = size
    if f.type in ("nodule", "mass"):
        p["r"] = size / 2
        dx, dy = geometry.to_detector(p["cx"], p["cy"])
        grow = p["r"] * (1 + p["lobulation"] * 0.5)
        g.boxes_mm = [_box(dx, dy, grow, grow)]
    elif f.type == "pleural_effusion":
        g.boxes_mm = []
        for side in p["sides"]:
            side["top"] = side["bottom"] - size
            g.boxes_mm.append(geometry.detector_box(side["x0"], side["top"], side["x1"], side["bottom"] + 8))
    elif f.type == "pneumothorax":
        p["rim"] = size
        x0, y0, x1, _ = geometry.extent(p["side"])
        bx0, bx1 = (x0, x0 + size * 2.2) if p["side"] == "right" else (x1 - size * 2.2, x1)
        g.boxes_mm = [geometry.detector_box(bx0, y0, bx1, p["bottom"])]
    elif f.type in ("consolidation", "atelectasis"):
        if f.type == "consolidation":  # the same shape, scaled
            k = size / (2 * max(p["rx"], p["ry"]))
            p["rx"], p["ry"] = p["rx"] * k, p["ry"] * k
        else:  # a plate keeps its thickness and gets longer or shorter
            p["rx"] = size / 2
        ext_x = abs(p["rx"] * np.cos(p["angle"])) + abs(p["ry"] * np.sin(p["angle"]))
        ext_y = abs(p["rx"] * np.sin(p["angle"])) + abs(p["ry"] * np.cos(p["angle"]))
        dx, dy = geometry.to_detector(p["cx"], p["cy"])
        g.boxes_mm = [_box(dx, dy, ext_x, ext_y)]
    else:
        raise ValueError(f"{f.type} is not resized")
    return g


def _sizes(rng, kind):
    """(smaller, larger) size_mm of a clear change, rounded as size_mm is, inside RESIZED_SIZE_MM."""
    lo, hi = RESIZED_SIZE_MM[kind]
    d, margin = MIN_SIZE_CHANGE_MM[kind], 0.5
    big = math.ceil(rng.uniform(max((lo + margin) * MIN_SIZE_RATIO, lo + d + margin), hi) * 10) / 10
    small = round(float(rng.uniform(lo, min(big / MIN_SIZE_RATIO, big - d) - margin)), 1)
    assert size_change_ok(kind, small, big), (kind, small, big)
    return small, big


def _ett_at(f, tip_to_carina, anatomy, geometry):
    g = copy.deepcopy(f)
    carina = anatomy.apex_y + 0.3 * (anatomy.diaphragm_y - anatomy.apex_y)
    p = g.params
    p["tip"] = carina - tip_to_carina
    g.size_mm = round(float(tip_to_carina), 1)
    g.measurements = dict(tip_to_carina_mm=g.size_mm)
    g.boxes_mm = [geometry.detector_box(p["x"] - 6, max(p["top"], -anatomy.shift_y), p["x"] + 6, p["tip"])]
    return g


def _moved(rng, f, anatomy, geometry):
    """The device with its tip moved by at least MIN_TIP_MOVE_MM; returns (moved finding, distance)."""
    step = MIN_TIP_MOVE_MM + 1.0
    if f.type == "endotracheal_tube":
        now = f.measurements["tip_to_carina_mm"]
        lo, hi = ETT_TIP_ABOVE_CARINA_MM
        down, up = max(0.0, now - step - lo), max(0.0, hi - (now + step))  # room to advance / withdraw
        u = rng.uniform(0, down + up)
        new = now - step - u if u < down else now + step + (u - down)
        g = _ett_at(f, new, anatomy, geometry)
        return g, abs(g.params["tip"] - f.params["tip"])
    # central line: the tip moves along its last segment, withdrawn (keeping 15 mm of it) or advanced
    g = copy.deepcopy(f)
    pts = np.array(g.params["points"])
    seg = pts[-1] - pts[-2]
    length = float(np.hypot(*seg))
    back, forward = max(0.0, length - 15 - step), 20.0
    u = rng.uniform(0, back + forward)
    dist = -(step + u) if u < back else step + (u - back)
    pts[-1] = pts[-1] + seg / length * dist
    g.params["points"] = pts.tolist()
    g.boxes_mm = [geometry.detector_box(pts[:, 0].min() - 4, pts[:, 1].min() - 4, pts[:, 0].max() + 4, pts[:, 1].max() + 4)]
    return g, abs(dist)


def _make(rng, kind, anatomy, geometry, laterality=None):
    for _ in range(50):
        f = MAKERS[kind](rng, anatomy, geometry)
        if f is not None and laterality in (None, f.laterality):
            return f
    return None


# ----------------------------------------------------------------------------- the current film
@dataclass
class FilmChange:
    """Detector mm of the prior's content -> the current film: P' = C + m (P - C) + T, C = film centre."""

    magnification: float
    shift_mm: tuple  # T = (x, y)
    gamma: float
    contrast: float
    film_w: float
    film_h: float

    def point(self, x, y):
        cx, cy = self.film_w / 2, self.film_h / 2
        return cx + self.magnification * (x - cx) + self.shift_mm[0], cy + self.magnification * (y - cy) + self.shift_mm[1]

    def box(self, b):
        x0, y0 = self.point(b[0], b[1])
        x1, y1 = self.point(b[2], b[3])
        return [x0, y0, x1, y1]

    def source_range(self, axis):
        """Prior-frame mm that the current film shows along x (0) or y (1)."""
        size, centre, t = (self.film_w, self.film_w / 2, self.shift_mm[0]) if axis == 0 else (self.film_h, self.film_h / 2, self.shift_mm[1])
        return centre + (0 - centre - t) / self.magnification, centre + (size - centre - t) / self.magnification


class _FreshNoise:
    """The case's render stream (vessels, textures: the same patient) with another stream's quantum noise."""

    def __init__(self, rng, noise):
        self._rng, self._noise = rng, noise

    def poisson(self, *args, **kwargs):
        return self._noise.poisson(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._rng, name)


@dataclass
class FollowUpCase(Case):
    """The current study: rendered in the prior's frame and spacing, then re-filmed by `film`."""

    prior_spacing: float = 0.0
    film: FilmChange = None

    def render(self, spacing=None):
        s = spacing or self.spacing
        src = s * self.prior_spacing / self.spacing  # the prior's spacing at the same spacing factor
        # Render a margin around the prior's film too, so that what the shift brings in is real content.
        fc = self.film
        pads = []
        for axis, size in ((0, self.film_w), (1, self.film_h)):
            a, b = fc.source_range(axis)
            pads.append(int(math.ceil(max(0.0, -a, b - size) / src)) + 4)
        pad_x, pad_y = pads
        rows, cols = self.shape(src)
        anatomy = replace(self.anatomy, shift_y=self.anatomy.shift_y + pad_y * src)  # x stays centred
        rng = _FreshNoise(np.random.default_rng([self.seed, 1]), np.random.default_rng([self.seed, 2]))
        image, _ = render_chest_radiograph(rows + 2 * pad_y, cols + 2 * pad_x, src, rng, anatomy=anatomy, findings=self.findings)
        # Output pixel i (mm i*s) shows prior mm C + (i*s - C - T)/m, i.e. padded source pixel (that)/src + pad.
        m = fc.magnification
        k = s / (m * src)
        offset = [(fc.film_h / 2 - (fc.film_h / 2 + fc.shift_mm[1]) / m) / src + pad_y, (fc.film_w / 2 - (fc.film_w / 2 + fc.shift_mm[0]) / m) / src + pad_x]
        if k > 1:  # coarser output: low-pass first
            image = gaussian_filter(image, 0.5 * math.sqrt(k * k - 1))
        out = affine_transform(image, np.diag([k, k]), offset=offset, output_shape=self.shape(s), order=3, mode="nearest")
        out = np.clip(out, 0, 1) ** fc.gamma
        return np.clip(0.5 + fc.contrast * (out - 0.5), 0, 1).astype(np.float32)


@dataclass
class Pair:
    seed: int
    prior: Case
    current: FollowUpCase
    changes: list  # [{type, laterality, change, prior, current, size_mm, [moved_mm]}]
    interval_days: int
    current_date: datetime.date

    @property
    def prior_date(self):
        return self.current_date - datetime.timedelta(days=self.interval_days)


def _current_box(f, box, film, anatomy):
    """A prior box on the current film. The tube's box runs to the film's top edge, wherever that now is."""
    if f.type == "endotracheal_tube":
        box = [box[0], f.params["top"] + anatomy.shift_y, box[2], box[3]]
    return film.box(box)


def make_pair(seed, plan=None, spacing=None):
    """A prior/current pair from its seed. `plan` forces the findings: [(type, change[, laterality])]
    or dicts with those keys and optionally size_mm: (prior, current) for increased/decreased
    (change: new/placed, resolved/removed, increased, decreased, moved, unchanged). `spacing` sets
    both studies' pixel spacing."""
    rng = np.random.default_rng([seed, 20])
    film_h = float(rng.uniform(400, 440))
    film_w = float(rng.uniform(340, 430))
    s_prior = float(rng.choice(SPACINGS))
    s_current = s_prior if rng.random() < SAME_SPACING_RATE else float(rng.choice(SPACINGS))
    if spacing:
        s_prior = s_current = float(spacing)
    anatomy = Anatomy.sample(rng, film_h, film_w)
    geometry = LungGeometry(anatomy, film_h, film_w, lung_masks)
    plan = sample_plan(rng) if plan is None else [_normalise(p) for p in plan]
    plan = sorted(plan, key=lambda p: FINDING_TYPES.index(p["type"]))
    prior_anatomy, current_anatomy = replace(anatomy), replace(anatomy)
    entries = []  # (type, generic change, prior finding, current finding, moved_mm)
    for item in plan:
        kind, change = item["type"], item["change"]
        if kind == "cardiomegaly":
            enlarged = replace(anatomy)
            f = make_cardiomegaly(rng, enlarged, geometry)
            heart = dict(heart_half_width=enlarged.heart_half_width, heart_centre_x=enlarged.heart_centre_x)
            if change != "new":
                prior_anatomy = replace(prior_anatomy, **heart)
            if change != "resolved":
                current_anatomy = replace(current_anatomy, **heart)
        else:
            # A pacemaker's lead runs to the heart of the study it is first seen on.
            f = _make(rng, kind, current_anatomy if change == "new" else prior_anatomy, geometry, item.get("laterality"))
        if f is None:
            continue
        before, after, moved = f, copy.deepcopy(f), None
        if change == "increased" or change == "decreased":
            small, big = _sizes(rng, kind)
            if item.get("size_mm"):
                small, big = sorted(item["size_mm"])
            before, after = (_resized(f, small, geometry), _resized(f, big, geometry)) if change == "increased" else (_resized(f, big, geometry), _resized(f, small, geometry))
        elif change == "moved":
            after, moved = _moved(rng, f, anatomy, geometry)
        entries.append((kind, change, None if change == "new" else before, None if change == "resolved" else after, moved))

    prior_findings = [e[2] for e in entries if e[2] is not None]
    current_findings = [e[3] for e in entries if e[3] is not None]
    film = FilmChange(
        magnification=float(rng.uniform(*MAGNIFICATION)),
        shift_mm=(float(rng.uniform(-FILM_SHIFT, FILM_SHIFT) * film_w), float(rng.uniform(-FILM_SHIFT, FILM_SHIFT) * film_h)),
        gamma=float(math.exp(rng.uniform(math.log(GAMMA[0]), math.log(GAMMA[1])))),
        contrast=float(rng.uniform(*CONTRAST)),
        film_w=film_w,
        film_h=film_h,
    )
    for f in current_findings:  # boxes where the finding is on the current film
        f.boxes_mm = [_current_box(f, b, film, anatomy) for b in f.boxes_mm]
    monochrome1 = bool(rng.random() < 0.3)
    prior = Case(seed, film_h, film_w, s_prior, monochrome1, prior_anatomy, prior_findings, write_report(prior_findings, rng), write_indication(prior_findings, rng))
    current = FollowUpCase(seed, film_h, film_w, s_current, monochrome1, current_anatomy, current_findings, write_report(current_findings, rng), write_indication(current_findings, rng), prior_spacing=s_prior, film=film)
    devices = any(f.type in DEVICE_TYPES for f in prior_findings + current_findings)
    interval = int(rng.integers(*INTERVAL_DAYS_WITH_DEVICES, endpoint=True) if devices else rng.integers(*INTERVAL_DAYS, endpoint=True))

    changes = []
    for kind, change, before, after, moved in entries:
        f = after or before
        entry = {
            "type": kind,
            "laterality": f.laterality,
            "change": change_name(kind, change),
            "prior": next((k for k, g in enumerate(prior_findings) if g is before), None),
            "current": next((k for k, g in enumerate(current_findings) if g is after), None),
            "size_mm": [before.size_mm if before else None, after.size_mm if after else None],
        }
        if moved is not None:
            entry["moved_mm"] = round(float(moved), 1)
        changes.append(entry)
    current_date = CURRENT_DATE - datetime.timedelta(days=seed % 28)
    return Pair(seed, prior, current, changes, interval, current_date)


def pair_json(pair, prior_name, current_name, prior_spacing=None, current_spacing=None):
    """The NAME.pair.json content. `current_from_prior`: pixel (x, y) of the prior image -> the current
    image's, x' = scale x + offset_px[0], y' = scale y + offset_px[1] (at the spacings written)."""
    sp, sc = prior_spacing or pair.prior.spacing, current_spacing or pair.current.spacing
    film = pair.current.film
    ox, oy = film.point(0.0, 0.0)
    return {
        "format": PAIR_FORMAT,
        "seed": pair.seed,
        "prior": prior_name,
        "current": current_name,
        "interval_days": pair.interval_days,
        "changes": pair.changes,
        "current_from_prior": {"scale": round(film.magnification * sp / sc, 6), "offset_px": [round(ox / sc, 3), round(oy / sc, 3)]},
    }


def write_pair(pair, out_dir, prior_name, current_name, pair_name, spacing_factor=1.0, patient=None, accessions=None, uid_keys=None):
    """NAME.dcm + NAME.json for each study (synth.write_case) and PAIR_NAME.pair.json."""
    sp, sc = pair.prior.spacing * spacing_factor, pair.current.spacing * spacing_factor
    who = patient or {"name": f"SYNTHETIC^PAIR {pair.seed}", "id": f"SYN-PAIR-{pair.seed}"}
    accessions = accessions or (f"P{pair.seed}A", f"P{pair.seed}B")
    uid_keys = uid_keys or (f"pair-{pair.seed}-prior", f"pair-{pair.seed}-current")
    for case, name, date, accession, key, s in (
        (pair.prior, prior_name, pair.prior_date, accessions[0], uid_keys[0], sp),
        (pair.current, current_name, pair.current_date, accessions[1], uid_keys[1], sc),
    ):
        write_case(case, out_dir, name, spacing=s, patient={**who, "study_date": date.strftime("%Y%m%d"), "accession": accession}, uid=key)
    with open(os.path.join(out_dir, f"{pair_name}.pair.json"), "w") as f:
        json.dump(pair_json(pair, prior_name, current_name, sp, sc), f, indent=1)
