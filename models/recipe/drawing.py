"""Draws sampled findings (made by findings.py) into a chest radiograph's attenuation, pixel by pixel.

Coordinates follow chest_radiograph.py: x, y are body-centred mm grids, x to the
image right (patient LEFT on a PA film), y down.
"""
import warnings

import numpy as np
from scipy.ndimage import gaussian_filter
from scipy.special import expit

from lung_geometry import side_sign


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
    """Attenuation a radiopaque device adds (drawn over everything else)."""
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
