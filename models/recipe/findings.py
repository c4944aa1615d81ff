"""Findings drawn into synthetic chest radiographs, with their ground truth.

Every finding knows where it is (laterality, zone), how big it is, and its
bounding box(es) in detector millimetres; the renderer asks it for the
attenuation it adds. Geometry follows the same coordinate frame as
chest_radiograph.py: x to the image right (patient LEFT on a PA film), y down.
"""
from dataclasses import dataclass, field

import numpy as np
from scipy.ndimage import gaussian_filter
from scipy.special import expit

FINDING_TYPES = [
    "nodule",
    "mass",
    "pleural_effusion",
    "pneumothorax",
    "consolidation",
    "atelectasis",
    "cardiomegaly",
    "endotracheal_tube",
    "central_line",
    "pacemaker",
]
DEVICE_TYPES = {"endotracheal_tube", "central_line", "pacemaker"}

# How often each finding appears in a generated case (independently).
PREVALENCE = {
    "nodule": 0.16,
    "mass": 0.08,
    "pleural_effusion": 0.16,
    "pneumothorax": 0.12,
    "consolidation": 0.16,
    "atelectasis": 0.12,
    "cardiomegaly": 0.16,
    "endotracheal_tube": 0.10,
    "central_line": 0.10,
    "pacemaker": 0.08,
}


@dataclass
class Finding:
    type: str
    laterality: str  # "right", "left", "bilateral" or "none" (patient side)
    zone: str  # "upper", "middle", "lower" or "none"
    size_mm: float  # diameter, height, rim width or heart width: see size_meaning
    size_meaning: str
    boxes_mm: list  # [[x0, y0, x1, y1], ...] in detector mm
    measurements: dict = field(default_factory=dict)
    params: dict = field(default_factory=dict)  # what the renderer needs; not ground truth


def side_sign(laterality):
    """Image x direction of a patient side on a PA film: patient right is image left."""
    return -1 if laterality == "right" else 1


class LungGeometry:
    """Lung masks on a coarse grid, to place findings inside the lungs."""

    def __init__(self, anatomy, film_h, film_w, lung_masks_fn, step=2.0):
        self.step = step
        ys, xs = np.mgrid[0:film_h:step, 0:film_w:step].astype(np.float32)
        self.x = xs - film_w / 2 - anatomy.shift_x
        self.y = ys - anatomy.shift_y
        self.film_w = film_w
        self.anatomy = anatomy
        right, left = lung_masks_fn(self.x - anatomy.rotation * 0.3, self.y, anatomy)
        self.masks = {"right": right > 0.5, "left": left > 0.5}

    def to_detector(self, x, y):
        """From body coordinates back to detector mm (what boxes use)."""
        return x + self.film_w / 2 + self.anatomy.shift_x, y + self.anatomy.shift_y

    def zone_bounds(self, zone):
        a = self.anatomy
        top, bottom = a.apex_y, a.diaphragm_y + 20
        third = (bottom - top) / 3
        k = ["upper", "middle", "lower"].index(zone)
        return top + k * third, top + (k + 1) * third

    def sample_point(self, rng, laterality, zone, margin=0.0):
        mask = self.masks[laterality].copy()
        y0, y1 = self.zone_bounds(zone)
        mask &= (self.y >= y0) & (self.y < y1)
        if margin > 0:
            from scipy.ndimage import binary_erosion

            eroded = binary_erosion(mask, iterations=max(1, int(margin / self.step)))
            if eroded.any():
                mask = eroded
        idx = np.flatnonzero(mask)
        if idx.size == 0:
            return None
        k = rng.choice(idx)
        return float(self.x.flat[k]), float(self.y.flat[k])

    def extent(self, laterality):
        m = self.masks[laterality]
        xs, ys = self.x[m], self.y[m]
        return float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())


def _box(cx, cy, rx, ry):
    return [cx - rx, cy - ry, cx + rx, cy + ry]


def sample_findings(rng, anatomy, geometry, forced=None):
    """Draw a random set of findings (any combination, or none).

    `forced`, when given, is a list of finding types to include (for tests and samples).
    """
    types = forced if forced is not None else [t for t in FINDING_TYPES if rng.random() < PREVALENCE[t]]
    # A mass and a nodule in the same case read ambiguously: keep the mass.
    if "mass" in types and "nodule" in types and forced is None:
        types.remove("nodule")
    findings = []
    for t in types:
        f = MAKERS[t](rng, anatomy, geometry)
        if f is not None:
            findings.append(f)
    return findings


def _opacity(rng, anatomy, geometry, kind, diameter):
    for _ in range(20):
        laterality = rng.choice(["right", "left"])
        zone = rng.choice(["upper", "middle", "lower"])
        p = geometry.sample_point(rng, laterality, zone, margin=diameter / 2)
        if p is not None:
            break
    else:
        return None
    cx, cy = p
    r = diameter / 2
    lobulation = rng.uniform(0.0, 0.25) if kind == "mass" else rng.uniform(0.0, 0.08)
    dx, dy = geometry.to_detector(cx, cy)
    return Finding(
        type=kind,
        laterality=str(laterality),
        zone=str(zone),
        size_mm=round(float(diameter), 1),
        size_meaning="diameter",
        boxes_mm=[_box(dx, dy, r * (1 + lobulation * 0.5), r * (1 + lobulation * 0.5))],
        params=dict(cx=cx, cy=cy, r=r, lobulation=lobulation, phase=rng.uniform(0, 2 * np.pi), density=rng.uniform(0.7, 1.0)),
    )


def make_nodule(rng, anatomy, geometry):
    return _opacity(rng, anatomy, geometry, "nodule", rng.uniform(8, 28))


def make_mass(rng, anatomy, geometry):
    return _opacity(rng, anatomy, geometry, "mass", rng.uniform(32, 70))


def make_effusion(rng, anatomy, geometry):
    laterality = str(rng.choice(["right", "left", "bilateral"], p=[0.4, 0.4, 0.2]))
    sides = ["right", "left"] if laterality == "bilateral" else [laterality]
    height = rng.uniform(20, 90)  # mm of fluid above the costophrenic angle
    boxes, params = [], []
    for side in sides:
        x0, _, x1, y1 = geometry.extent(side)
        top = y1 - height
        dx0, dy0 = geometry.to_detector(x0, top)
        dx1, dy1 = geometry.to_detector(x1, y1 + 8)
        boxes.append([dx0, dy0, dx1, dy1])
        params.append(dict(side=side, top=top, bottom=y1, x0=x0, x1=x1))
    return Finding(
        type="pleural_effusion",
        laterality=laterality,
        zone="lower",
        size_mm=round(float(height), 1),
        size_meaning="height",
        boxes_mm=boxes,
        params=dict(sides=params),
    )


def make_pneumothorax(rng, anatomy, geometry):
    laterality = str(rng.choice(["right", "left"]))
    rim = rng.uniform(10, 45)  # apical / lateral rim width in mm
    x0, y0, x1, y1 = geometry.extent(laterality)
    sign = side_sign(laterality)
    # The collapsed lung's edge runs parallel to the lateral and apical chest wall.
    lateral = x0 if sign < 0 else x1
    extent_down = y0 + rng.uniform(0.55, 0.9) * (y1 - y0)
    # The box runs from the lateral lung edge inwards (towards the midline) by about twice the rim.
    bx0, bx1 = (lateral, lateral + rim * 2.2) if sign < 0 else (lateral - rim * 2.2, lateral)
    d0 = geometry.to_detector(bx0, y0)
    d1 = geometry.to_detector(bx1, extent_down)
    return Finding(
        type="pneumothorax",
        laterality=laterality,
        zone="upper",
        size_mm=round(float(rim), 1),
        size_meaning="rim",
        boxes_mm=[[d0[0], d0[1], d1[0], d1[1]]],
        params=dict(side=laterality, rim=rim, bottom=extent_down),
    )


def _airspace(rng, anatomy, geometry, kind):
    laterality = str(rng.choice(["right", "left"]))
    zone = str(rng.choice(["upper", "middle", "lower"]) if kind == "consolidation" else rng.choice(["middle", "lower"], p=[0.35, 0.65]))
    p = geometry.sample_point(rng, laterality, zone, margin=12)
    if p is None:
        return None
    cx, cy = p
    if kind == "consolidation":
        rx, ry = rng.uniform(18, 45), rng.uniform(15, 40)
        angle = 0.0
    else:  # plate-like atelectasis: a thin band, roughly horizontal
        rx, ry = rng.uniform(25, 50), rng.uniform(4, 8)
        angle = rng.uniform(-0.35, 0.35)
    ext_x = abs(rx * np.cos(angle)) + abs(ry * np.sin(angle))
    ext_y = abs(rx * np.sin(angle)) + abs(ry * np.cos(angle))
    dx, dy = geometry.to_detector(cx, cy)
    return Finding(
        type=kind,
        laterality=laterality,
        zone=zone,
        size_mm=round(float(2 * max(rx, ry)), 1),
        size_meaning="length",
        boxes_mm=[_box(dx, dy, ext_x, ext_y)],
        params=dict(cx=cx, cy=cy, rx=rx, ry=ry, angle=angle, density=rng.uniform(0.45, 0.65) if kind == "consolidation" else rng.uniform(0.8, 1.1)),
    )


def make_consolidation(rng, anatomy, geometry):
    return _airspace(rng, anatomy, geometry, "consolidation")


def make_atelectasis(rng, anatomy, geometry):
    return _airspace(rng, anatomy, geometry, "atelectasis")


def heart_box(anatomy, geometry):
    a = anatomy
    cy = a.diaphragm_y - 0.55 * a.heart_half_width
    d0 = geometry.to_detector(a.heart_centre_x - a.heart_half_width, cy - 0.85 * a.heart_half_width)
    d1 = geometry.to_detector(a.heart_centre_x + a.heart_half_width, cy + 0.85 * a.heart_half_width)
    return [d0[0], d0[1], d1[0], d1[1]]


def make_cardiomegaly(rng, anatomy, geometry):
    # Enlarge the heart in place: cardiothoracic ratio 0.56-0.70 (normal anatomy samples 0.40-0.48).
    ratio = rng.uniform(0.56, 0.70)
    anatomy.heart_half_width = ratio * anatomy.thorax_half_width
    anatomy.heart_centre_x = anatomy.thorax_half_width * rng.uniform(0.08, 0.16)
    return Finding(
        type="cardiomegaly",
        laterality="none",
        zone="none",
        size_mm=round(float(2 * anatomy.heart_half_width), 1),
        size_meaning="heart width",
        boxes_mm=[heart_box(anatomy, geometry)],
        measurements=dict(cardiothoracic_ratio=round(float(ratio), 2)),
    )


def make_ett(rng, anatomy, geometry):
    carina = anatomy.apex_y + 0.3 * (anatomy.diaphragm_y - anatomy.apex_y)
    tip = carina - rng.uniform(25, 70)  # mm above the carina
    top = anatomy.apex_y - 90
    x = anatomy.rotation * 0.2 + rng.normal(0, 2)
    d0 = geometry.to_detector(x - 6, max(top, -anatomy.shift_y))
    d1 = geometry.to_detector(x + 6, tip)
    return Finding(
        type="endotracheal_tube",
        laterality="none",
        zone="none",
        size_mm=round(float(carina - tip), 1),
        size_meaning="tip above carina",
        boxes_mm=[[d0[0], d0[1], d1[0], d1[1]]],
        measurements=dict(tip_to_carina_mm=round(float(carina - tip), 1)),
        params=dict(x=x, top=top, tip=tip),
    )


def make_central_line(rng, anatomy, geometry):
    laterality = str(rng.choice(["right", "left"]))
    sign = side_sign(laterality)
    a = anatomy
    start = (sign * a.thorax_half_width * 0.75, a.apex_y + 5)  # subclavian entry under the clavicle
    svc_x = -a.thorax_half_width * 0.12  # superior vena cava, right of the spine
    tip = (svc_x + rng.normal(0, 3), a.apex_y + rng.uniform(0.42, 0.55) * (a.diaphragm_y - a.apex_y))
    mid = ((start[0] + svc_x) / 2, a.apex_y + 12)
    pts = np.array([start, mid, (svc_x, mid[1] + 20), tip])
    d0 = geometry.to_detector(pts[:, 0].min() - 4, pts[:, 1].min() - 4)
    d1 = geometry.to_detector(pts[:, 0].max() + 4, pts[:, 1].max() + 4)
    return Finding(
        type="central_line",
        laterality=laterality,
        zone="none",
        size_mm=0.0,
        size_meaning="none",
        boxes_mm=[[d0[0], d0[1], d1[0], d1[1]]],
        params=dict(points=pts.tolist()),
    )


def make_pacemaker(rng, anatomy, geometry):
    a = anatomy
    laterality = str(rng.choice(["left", "right"], p=[0.8, 0.2]))
    sign = side_sign(laterality)
    gx, gy = sign * a.thorax_half_width * rng.uniform(0.55, 0.75), a.apex_y + rng.uniform(5, 25)
    gw, gh = rng.uniform(38, 48), rng.uniform(30, 40)
    heart_cy = a.diaphragm_y - 0.55 * a.heart_half_width
    lead = np.array([(gx, gy), (gx * 0.5, gy - 5), (-a.thorax_half_width * 0.1, a.apex_y + 40), (a.heart_centre_x - a.heart_half_width * 0.1, heart_cy + 0.4 * a.heart_half_width)])
    d0 = geometry.to_detector(gx - gw / 2, gy - gh / 2)
    d1 = geometry.to_detector(gx + gw / 2, gy + gh / 2)
    return Finding(
        type="pacemaker",
        laterality=laterality,
        zone="none",
        size_mm=0.0,
        size_meaning="none",
        boxes_mm=[[d0[0], d0[1], d1[0], d1[1]]],
        params=dict(gx=gx, gy=gy, gw=gw, gh=gh, lead=lead.tolist()),
    )


MAKERS = {
    "nodule": make_nodule,
    "mass": make_mass,
    "pleural_effusion": make_effusion,
    "pneumothorax": make_pneumothorax,
    "consolidation": make_consolidation,
    "atelectasis": make_atelectasis,
    "cardiomegaly": make_cardiomegaly,
    "endotracheal_tube": make_ett,
    "central_line": make_central_line,
    "pacemaker": make_pacemaker,
}


# ------------------------------------------------------------------ rendering

def _polyline(x, y, points, width):
    """Distance-based soft line through points (x, y in mm grids)."""
    d = np.full(x.shape, np.inf, dtype=np.float32)
    for (ax, ay), (bx, by) in zip(points[:-1], points[1:]):
        vx, vy = bx - ax, by - ay
        t = np.clip(((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy + 1e-9), 0, 1)
        d = np.minimum(d, np.hypot(x - ax - t * vx, y - ay - t * vy))
    return np.exp(-((d / width) ** 2))


def opacity_layer(f, x, y, spacing, rng, lungs):
    """Attenuation a lung finding adds (before bones are drawn)."""
    p = f.params
    if f.type in ("nodule", "mass"):
        ang = np.arctan2(y - p["cy"], x - p["cx"])
        r = p["r"] * (1 + p["lobulation"] * np.sin(3 * ang + p["phase"]) * 0.5)
        d = np.hypot(x - p["cx"], y - p["cy"]) / r
        # A sphere projects to sqrt(1 - d^2): denser centrally.
        return p["density"] * np.sqrt(np.clip(1 - d**2, 0, 1)) * 1.4
    if f.type in ("consolidation", "atelectasis"):
        c, s = np.cos(p["angle"]), np.sin(p["angle"])
        u = ((x - p["cx"]) * c + (y - p["cy"]) * s) / p["rx"]
        v = (-(x - p["cx"]) * s + (y - p["cy"]) * c) / p["ry"]
        blob = np.clip(1 - (u**2 + v**2), 0, 1)
        if f.type == "consolidation":
            texture = gaussian_filter(rng.standard_normal(x.shape).astype(np.float32), 4.0 / spacing)
            texture = texture / (texture.std() + 1e-6)
            blob = np.clip(blob * 1.6 + 0.25 * texture * (blob > 0), 0, 1)
        return p["density"] * 1.2 * blob * np.clip(lungs * 1.5, 0, 1)
    if f.type == "pleural_effusion":
        layer = np.zeros_like(x)
        for side in p["sides"]:
            sx0, sx1 = side["x0"], side["x1"]
            lateral = sx0 if side["side"] == "right" else sx1
            width = abs(sx1 - sx0)
            # Meniscus: fluid climbs higher along the lateral chest wall.
            rel = np.abs(x - lateral) / (width + 1e-6)
            # Meniscus: the fluid line is highest at the lateral chest wall.
            top = side["top"] + 22 * np.clip(rel, 0, 1) ** 1.5
            inside = (x >= sx0 - 6) & (x <= sx1 + 6) & (y < side["bottom"] + 12)
            soft = expit((y - top) / 3.0)
            layer += 1.3 * soft * inside * np.clip(lungs * 1.3, 0, 1)
        return layer
    return np.zeros_like(x)


def pneumothorax_mask(f, x, y, anatomy, lung_mask):
    """Region of the hemithorax between the chest wall and the collapsed lung (no vessels)."""
    p = f.params
    sign = side_sign(p["side"])
    ys = np.where(lung_mask.any(axis=1))[0]
    if ys.size == 0:
        return np.zeros_like(x), np.zeros_like(x)
    # Lateral edge of this lung per row
    cols = np.where(lung_mask > 0.5, x, np.nan)
    with np.errstate(all="ignore"):
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # rows without lung give NaN, set to 0 below
            lateral = np.nanmin(cols, axis=1) if sign < 0 else np.nanmax(cols, axis=1)
    lateral = np.nan_to_num(lateral, nan=0.0)[:, None]
    depth = (x - lateral) * (-sign)  # mm inward from the lateral lung edge
    apical = y - anatomy.apex_y
    taper = np.clip((p["bottom"] - y) / 40, 0, 1)
    rim = p["rim"] * taper
    region = ((depth < rim) | (apical < rim * 0.8)) & (lung_mask > 0.5) & (y < p["bottom"])
    line = np.exp(-(((depth - rim) / 1.2) ** 2)) * (lung_mask > 0.5) * (y < p["bottom"]) * (depth > 0)
    return region.astype(np.float32), line.astype(np.float32)


def device_layer(f, x, y):
    p = f.params
    if f.type == "endotracheal_tube":
        inside = (y > p["top"]) & (y < p["tip"])
        walls = np.exp(-(((np.abs(x - p["x"]) - 5.5) / 1.0) ** 2)) * inside
        stripe = np.exp(-(((x - p["x"] - 4) / 0.8) ** 2)) * inside  # radiopaque marker line
        return 0.5 * walls + 1.2 * stripe
    if f.type == "central_line":
        return 1.0 * _polyline(x, y, p["points"], 1.2)
    if f.type == "pacemaker":
        gen = (np.abs(x - p["gx"]) < p["gw"] / 2) & (np.abs(y - p["gy"]) < p["gh"] / 2)
        lead = _polyline(x, y, p["lead"], 1.3)
        return 3.0 * gen.astype(np.float32) + 1.2 * lead
    return np.zeros_like(x)
