"""Samples the findings of a synthetic chest radiograph: type, side, zone, size and boxes (drawing.py draws them).

Every finding knows where it is (laterality, zone), how big it is, and its
bounding box(es) in detector millimetres; `params` carries what drawing.py needs
to draw it. Points are placed with lung_geometry.LungGeometry, in the coordinate frame
of chest_radiograph.py: x to the image right (patient LEFT on a PA film), y down.
"""
from dataclasses import dataclass, field

import numpy as np

from lung_geometry import side_sign

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
# The label head's outputs: every finding type, then types that real films' labels carry but the
# generator does not draw (NIH: pneumonia, consolidation or infiltration -> airspace opacity; edema),
# then "abnormal": a film that is not normal (any finding, a device aside; NIH: any label but No
# Finding, also those without a Lucent type), which scores normal against abnormal directly.
# A generated case's consolidation is an airspace opacity, and it never has oedema.
REAL_ONLY_TYPES = ["airspace_opacity", "pulmonary_edema"]
ABNORMAL = "abnormal"
LABEL_TYPES = FINDING_TYPES + REAL_ONLY_TYPES + [ABNORMAL]


def labels_of_findings(types):
    """Every label type (1 or 0) of a case whose findings are all listed (a generated case)."""
    present = set(types)
    if "consolidation" in present:
        present.add("airspace_opacity")
    if present - DEVICE_TYPES:
        present.add(ABNORMAL)
    return {t: int(t in present) for t in LABEL_TYPES}

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
        boxes.append(geometry.detector_box(x0, top, x1, y1 + 8))
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
    return Finding(
        type="pneumothorax",
        laterality=laterality,
        zone="upper",
        size_mm=round(float(rim), 1),
        size_meaning="rim",
        boxes_mm=[geometry.detector_box(bx0, y0, bx1, extent_down)],
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
        params=dict(cx=cx, cy=cy, rx=rx, ry=ry, angle=angle,
                    density=rng.uniform(0.45, 0.65) if kind == "consolidation" else rng.uniform(0.8, 1.1)),
    )


def make_consolidation(rng, anatomy, geometry):
    return _airspace(rng, anatomy, geometry, "consolidation")


def make_atelectasis(rng, anatomy, geometry):
    return _airspace(rng, anatomy, geometry, "atelectasis")


def heart_box(anatomy, geometry):
    a = anatomy
    cy = a.diaphragm_y - 0.55 * a.heart_half_width
    hw, hh = a.heart_half_width, 0.85 * a.heart_half_width
    return geometry.detector_box(a.heart_centre_x - hw, cy - hh, a.heart_centre_x + hw, cy + hh)


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
    return Finding(
        type="endotracheal_tube",
        laterality="none",
        zone="none",
        size_mm=round(float(carina - tip), 1),
        size_meaning="tip above carina",
        boxes_mm=[geometry.detector_box(x - 6, max(top, -anatomy.shift_y), x + 6, tip)],
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
    return Finding(
        type="central_line",
        laterality=laterality,
        zone="none",
        size_mm=0.0,
        size_meaning="none",
        boxes_mm=[geometry.detector_box(pts[:, 0].min() - 4, pts[:, 1].min() - 4, pts[:, 0].max() + 4, pts[:, 1].max() + 4)],
        params=dict(points=pts.tolist()),
    )


def make_pacemaker(rng, anatomy, geometry):
    a = anatomy
    laterality = str(rng.choice(["left", "right"], p=[0.8, 0.2]))
    sign = side_sign(laterality)
    gx, gy = sign * a.thorax_half_width * rng.uniform(0.55, 0.75), a.apex_y + rng.uniform(5, 25)
    gw, gh = rng.uniform(38, 48), rng.uniform(30, 40)
    heart_cy = a.diaphragm_y - 0.55 * a.heart_half_width
    lead = np.array([(gx, gy), (gx * 0.5, gy - 5), (-a.thorax_half_width * 0.1, a.apex_y + 40),
                     (a.heart_centre_x - a.heart_half_width * 0.1, heart_cy + 0.4 * a.heart_half_width)])
    return Finding(
        type="pacemaker",
        laterality=laterality,
        zone="none",
        size_mm=0.0,
        size_meaning="none",
        boxes_mm=[geometry.detector_box(gx - gw / 2, gy - gh / 2, gx + gw / 2, gy + gh / 2)],
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

