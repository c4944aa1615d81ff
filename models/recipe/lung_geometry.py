"""Where the lungs lie on a film, for placing findings: lung masks on a coarse grid and patient-side helpers.

Same coordinate frame as chest_radiograph.py: body-centred mm, x to the image right
(patient LEFT on a PA film), y down; to_detector maps back to detector mm.
"""
import numpy as np
from scipy.ndimage import binary_erosion


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

    def detector_box(self, x0, y0, x1, y1):
        """A box from body coordinates to detector mm: [x0, y0, x1, y1]."""
        d0, d1 = self.to_detector(x0, y0), self.to_detector(x1, y1)
        return [d0[0], d0[1], d1[0], d1[1]]

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
