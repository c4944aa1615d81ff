"""Synthetic frontal (PA) chest radiographs.

The film is rendered as a projection: each structure contributes an
attenuation (line integral, arbitrary units) and the displayed brightness is a
log-compressed function of the total, as a DX "for presentation" image is.
Coordinates are millimetres on the detector: x to the image right (patient
left on a PA film), y downwards from the top edge.

Used by Lucent's sample-study script and by the model recipe's data generator.
"""
from dataclasses import dataclass

import numpy as np
from scipy.ndimage import gaussian_filter

from drawing import device_layer, opacity_layer, pneumothorax_mask


@dataclass
class Anatomy:
    """Normal variation of one patient and exposure."""

    thorax_half_width: float  # mm, at the widest point of the rib cage
    apex_y: float  # mm from the top edge of the film
    diaphragm_y: float  # right hemidiaphragm dome (left sits lower)
    heart_half_width: float  # mm; cardiothoracic ratio = heart width / thorax width
    heart_centre_x: float
    rotation: float  # mm the spinous processes shift from the midline
    shift_x: float  # patient position on the detector
    shift_y: float
    exposure: float  # relative dose: lower is noisier and lighter
    soft_tissue: float  # body habitus: relative soft-tissue thickness

    @property
    def cardiothoracic_ratio(self):
        return self.heart_half_width / self.thorax_half_width

    @staticmethod
    def sample(rng, film_height, film_width):
        thorax = rng.uniform(0.36, 0.42) * film_width
        apex = rng.uniform(0.12, 0.17) * film_height
        inspiration = rng.uniform(0.60, 0.72)  # deeper breath -> lower diaphragm
        return Anatomy(
            thorax_half_width=thorax,
            apex_y=apex,
            diaphragm_y=apex + inspiration * film_height * 0.78,
            heart_half_width=thorax * rng.uniform(0.40, 0.48),
            heart_centre_x=thorax * rng.uniform(0.05, 0.14),
            rotation=rng.normal(0, 4),
            shift_x=rng.normal(0, 6),
            shift_y=rng.normal(0, 8),
            exposure=rng.uniform(0.7, 1.3),
            soft_tissue=rng.uniform(0.8, 1.3),
        )


def _band(distance, half_width):
    """Smooth band profile: 1 on the centre line, falling off past half_width."""
    return np.exp(-((distance / half_width) ** 4))


def lung_masks(x, y, a):
    """Soft masks (0..1) of the right (image left) and left lungs."""
    masks = []
    for side in (-1, 1):
        sx = side * x  # distance towards this lung's lateral side
        height = np.clip((y - a.apex_y) / (a.diaphragm_y - a.apex_y), 0, None)
        lateral = a.thorax_half_width * (0.55 + 0.45 * np.sqrt(np.clip(height * 1.6, 0, 1))) - 6
        medial = 18 + 10 * height
        dome = a.diaphragm_y + (12 if side > 0 else 0)
        # The diaphragm is a dome: highest mid-lung, lowest at the costophrenic angle.
        mid = (lateral + medial) / 2
        diaphragm = dome + 38 * ((sx - mid) / (lateral - medial + 1e-6)) ** 2
        inside = (y > a.apex_y) & (sx > medial) & (sx < lateral) & (y < diaphragm)
        # Rounded apex
        inside &= (y - a.apex_y) > 0.35 * np.abs(sx - (medial + 0.45 * (lateral - medial))) ** 1.15 / 3
        masks.append(inside.astype(np.float32))
    return masks


def _draw_vessels(shape, spacing, hilum, rng, lung_mask):
    """Branching pulmonary vessels radiating from the hilum."""
    canvas = np.zeros(shape, dtype=np.float32)
    rows, cols = shape
    for _ in range(70):
        angle = rng.uniform(-np.pi, np.pi)
        length = rng.uniform(40, 150)
        width = rng.uniform(1.2, 3.0)
        steps = int(length / (spacing * 1.5))
        px, py = hilum
        heading = angle
        for s in range(steps):
            heading += rng.normal(0, 0.04)
            px += np.cos(heading) * spacing * 1.5
            py += np.sin(heading) * spacing * 1.5
            r, c = int(py / spacing), int(px / spacing)
            if 0 <= r < rows and 0 <= c < cols:
                canvas[r, c] += width * (1 - s / steps)
    sigma = 1.2 / spacing
    # Stamps sit 1.5 px apart; scale so a vessel's centre-line value is about 0.4 x its width.
    return gaussian_filter(canvas, sigma) * (1.5 * np.sqrt(2 * np.pi) * sigma * 0.4) * lung_mask


def render_chest_radiograph(rows, cols, spacing, rng, anatomy=None, findings=()):
    """Return (image in 0..1, brighter = more attenuating), and the anatomy used.

    `findings` (from findings.py) are drawn in with drawing.py; their geometry must have been
    made for the same anatomy and film size (rows * spacing by cols * spacing mm).
    """
    h, w = rows * spacing, cols * spacing
    a = anatomy or Anatomy.sample(rng, h, w)
    yy, xx = np.mgrid[0:rows, 0:cols].astype(np.float32) * spacing
    x = xx - w / 2 - a.shift_x
    y = yy - a.shift_y

    # Soft tissue: torso as an elliptic cylinder, neck above, shoulders between.
    shoulder_y = a.apex_y - 20
    half_width = np.where(
        y < shoulder_y - 30,
        60.0,
        np.where(y < shoulder_y + 10, 60 + (a.thorax_half_width + 25 - 60) * np.clip((y - shoulder_y + 30) / 40, 0, 1),
                 a.thorax_half_width + 25),
    )
    torso = np.sqrt(np.clip(1 - (x / half_width) ** 2, 0, 1))
    attenuation = 2.2 * a.soft_tissue * torso

    # Lungs: air replaces tissue; deeper lung (more air) centrally.
    right, left = lung_masks(x - a.rotation * 0.3, y, a)
    lungs = gaussian_filter(np.maximum(right, left), 3.0 / spacing)
    heart = (
        ((x - a.heart_centre_x) / a.heart_half_width) ** 2
        + ((y - (a.diaphragm_y - 0.55 * a.heart_half_width)) / (0.85 * a.heart_half_width)) ** 2
        <= 1
    )
    heart = gaussian_filter(heart.astype(np.float32), 2.0 / spacing)
    attenuation -= 1.45 * lungs * (1 - heart) * torso ** 0.5
    # Mediastinum widens from the thoracic inlet down to the heart.
    mediastinum = np.abs(x - a.heart_centre_x * 0.3) < 28 + 10 * np.clip((y - a.apex_y) / 100, 0, 1)
    attenuation += 0.15 * gaussian_filter(mediastinum.astype(np.float32), 4.0 / spacing) * (y > a.apex_y - 30)

    # Abdomen below the diaphragm is dense; a gastric air bubble under the left dome.
    bubble = ((x - a.thorax_half_width * 0.45) / 28) ** 2 + ((y - a.diaphragm_y - 45) / 16) ** 2 <= 1
    attenuation -= 0.5 * gaussian_filter(bubble.astype(np.float32), 2.0 / spacing)

    # Pulmonary vessels
    vessels = np.zeros_like(attenuation)
    for side, mask in ((-1, right), (1, left)):
        hilum = (w / 2 + a.shift_x + side * 45, a.shift_y + a.apex_y + 0.5 * (a.diaphragm_y - a.apex_y))
        vessels += _draw_vessels(attenuation.shape, spacing, hilum, rng, mask)

    # Findings in the lungs and pleura.
    for f in findings:
        if f.type == "pneumothorax":
            region, line = pneumothorax_mask(f, x, y, a, right if f.params["side"] == "right" else left)
            vessels *= 1 - gaussian_filter(region, 1.0 / spacing)
            attenuation -= 0.3 * region
            attenuation += 0.35 * line
        else:
            # Opacities show against aerated lung: gate them by the lung not hidden by the heart.
            attenuation += opacity_layer(f, x, y, spacing, rng, lungs * (1 - heart))
    attenuation += 0.25 * np.clip(vessels, 0, 1.5)

    # Trachea: an air column down to the carina.
    carina_y = a.apex_y + 0.3 * (a.diaphragm_y - a.apex_y)
    trachea = (np.abs(x - a.rotation * 0.2) < 9) & (y < carina_y)
    attenuation -= 0.35 * gaussian_filter(trachea.astype(np.float32), 1.5 / spacing)

    # Bones: spine, ribs, clavicles.
    bone = np.zeros_like(attenuation)
    spine_x = x - a.rotation
    vertebra_phase = np.cos(2 * np.pi * y / 26.0)
    spine = gaussian_filter(((np.abs(spine_x) < 20) & (y > shoulder_y - 40)).astype(np.float32), 2.0 / spacing)
    bone += spine * (0.22 + 0.06 * vertebra_phase)
    rib_gap = (a.diaphragm_y - a.apex_y) / 8.5
    for k in range(11):
        y0 = a.apex_y - 8 + k * rib_gap
        for side in (-1, 1):
            s = np.clip(side * x, 0, None)
            # Posterior rib: rises slightly from the spine, then sweeps down laterally.
            centre = y0 - 0.10 * s + 0.0030 * s ** 2
            reach = (side * x > 15) & (side * x < a.thorax_half_width + 8)
            dist = np.abs(y - centre)
            bone += reach * (0.22 * _band(dist, 5.0) + 0.14 * _band(np.abs(dist - 4.5), 1.0))
            # Anterior rib: fainter, running down and medially from the lateral wall.
            centre_a = y0 + 40 - 0.35 * (a.thorax_half_width - s) + 0.001 * (a.thorax_half_width - s) ** 2
            reach_a = (side * x > 40) & (side * x < a.thorax_half_width)
            bone += reach_a * 0.08 * _band(np.abs(y - centre_a), 4.5)
    for side in (-1, 1):  # clavicles
        s = side * x
        centre = a.apex_y + 8 - 0.15 * s + 6 * np.sin(s / 25)
        reach = (s > 12) & (s < a.thorax_half_width * 0.85)
        bone += reach * 0.35 * _band(np.abs(y - centre), 6.0)
    attenuation += bone * 1.1
    for f in findings:  # radiopaque devices lie over everything
        attenuation += device_layer(f, x, y)

    # Film: detector signal ~ exp(-attenuation), displayed on a log scale with noise.
    attenuation = np.clip(attenuation, 0, None)
    signal = a.exposure * np.exp(-attenuation)
    quanta = 4000.0 * signal
    noisy = rng.poisson(quanta).astype(np.float32) / 4000.0 + 1e-4
    displayed = -np.log(noisy / a.exposure)
    displayed = gaussian_filter(displayed, 0.25 / spacing)
    lo, hi = np.percentile(displayed, [0.5, 99.8])
    image = np.clip((displayed - lo) / (hi - lo), 0, 1) ** 0.9
    return image.astype(np.float32), a
