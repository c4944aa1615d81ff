"""What changes between the prior and the current study of a follow-up pair (pairs.py).

The rules (which changes each type may have, their mix, what counts as a clear change in size, how far a
tube's tip must move), the plan of a pair (each finding's type and change) and the findings re-made for
the other study: resized in the same place in the anatomy, or a device with its tip moved.
"""
import copy
import math

import numpy as np

from findings import DEVICE_TYPES, FINDING_TYPES, MAKERS, PREVALENCE, _box

# ----------------------------------------------------------------------------- the rules
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
MIN_SIZE_CHANGE_MM = {
    "nodule": 5.0, "mass": 5.0, "pleural_effusion": 15.0, "pneumothorax": 15.0, "consolidation": 15.0, "atelectasis": 15.0,
}
RESIZABLE_TYPES = tuple(MIN_SIZE_CHANGE_MM)  # cardiomegaly: only unchanged, new or resolved
# Sizes a resized finding takes (mm of size_mm); a nodule stays below NODULE_MASS_BOUNDARY_MM, a mass above.
NODULE_MASS_BOUNDARY_MM = 30.0
RESIZED_SIZE_MM = {
    "nodule": (6.0, 29.0), "mass": (32.0, 80.0), "pleural_effusion": (18.0, 95.0), "pneumothorax": (8.0, 45.0),
    "consolidation": (24.0, 90.0), "atelectasis": (30.0, 100.0),
}
# moved: the tube's or line's tip moves at least this far (the ETT up or down the trachea, tip 10-80 mm
# above the carina; a central line's tip along its last segment, advanced or withdrawn).
MOVABLE_TYPES = ("endotracheal_tube", "central_line")
MIN_TIP_MOVE_MM = 20.0
ETT_TIP_ABOVE_CARINA_MM = (10.0, 80.0)


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


def normalise_entry(item):
    """A plan entry from (type, change[, laterality]) or a dict; change in generic or device words."""
    if not isinstance(item, dict):
        item = dict(zip(("type", "change", "laterality"), item))
    change = {"placed": "new", "removed": "resolved"}.get(item["change"], item["change"])
    if change not in CHANGE_MIX or not _eligible(item["type"], change, set()):
        raise ValueError(f"{item['type']} cannot be {item['change']}")
    sizes = item.get("size_mm")
    if sizes is not None:
        lo, hi = RESIZED_SIZE_MM[item["type"]]
        if (change not in ("increased", "decreased") or (sizes[1] > sizes[0]) != (change == "increased")
                or not size_change_ok(item["type"], *sizes) or not all(lo <= v <= hi for v in sizes)):
            raise ValueError(f"{item['type']} {change} cannot go from {sizes[0]} to {sizes[1]} mm")
    return {"type": item["type"], "change": change, "laterality": item.get("laterality"), "size_mm": sizes}


# ----------------------------------------------------------------------------- findings re-made
def resized_finding(f, size, geometry):
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


def sample_sizes(rng, kind):
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


def moved_device(rng, f, anatomy, geometry):
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


def make_finding(rng, kind, anatomy, geometry, laterality=None):
    for _ in range(50):
        f = MAKERS[kind](rng, anatomy, geometry)
        if f is not None and laterality in (None, f.laterality):
            return f
    return None
