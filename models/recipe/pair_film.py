"""The current film of a follow-up pair (pairs.py): the same patient, taken differently.

Its content is shifted and magnified on the detector (FilmChange, which also carries prior boxes onto
the current film) and exposed differently (gamma, contrast); FollowUpCase renders it in the prior's
frame with fresh quantum noise and resamples it onto the current film.
"""
import math
from dataclasses import dataclass, replace

import numpy as np
from scipy.ndimage import affine_transform, gaussian_filter

from chest_radiograph import render_chest_radiograph
from synth import Case

# How the current film is taken: content shifted by up to FILM_SHIFT of the film's size in x and y and
# magnified about the film's centre; then gamma and contrast (about mid-grey) on the 0..1 image.
FILM_SHIFT = 0.05
MAGNIFICATION = (0.95, 1.05)
GAMMA = (0.8, 1.25)
CONTRAST = (0.85, 1.15)
SAME_SPACING_RATE = 0.6  # else the current's pixel spacing is drawn again from synth.SPACINGS


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
        size, centre, t = ((self.film_w, self.film_w / 2, self.shift_mm[0]) if axis == 0
                           else (self.film_h, self.film_h / 2, self.shift_mm[1]))
        return centre + (0 - centre - t) / self.magnification, centre + (size - centre - t) / self.magnification


def sample_film_change(rng, film_w, film_h):
    """How the current film is taken (the rules above), drawn from the pair's stream."""
    return FilmChange(
        magnification=float(rng.uniform(*MAGNIFICATION)),
        shift_mm=(float(rng.uniform(-FILM_SHIFT, FILM_SHIFT) * film_w), float(rng.uniform(-FILM_SHIFT, FILM_SHIFT) * film_h)),
        gamma=float(math.exp(rng.uniform(math.log(GAMMA[0]), math.log(GAMMA[1])))),
        contrast=float(rng.uniform(*CONTRAST)),
        film_w=film_w,
        film_h=film_h,
    )


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
        offset = [fc.source_range(1)[0] / src + pad_y, fc.source_range(0)[0] / src + pad_x]
        if k > 1:  # coarser output: low-pass first
            image = gaussian_filter(image, 0.5 * math.sqrt(k * k - 1))
        out = affine_transform(image, np.diag([k, k]), offset=offset, output_shape=self.shape(s), order=3, mode="nearest")
        out = np.clip(out, 0, 1) ** fc.gamma
        return np.clip(0.5 + fc.contrast * (out - 0.5), 0, 1).astype(np.float32)



def current_box(f, box, film, anatomy):
    """A prior box on the current film. The tube's box runs to the film's top edge, wherever that now is."""
    if f.type == "endotracheal_tube":
        box = [box[0], f.params["top"] + anatomy.shift_y, box[2], box[3]]
    return film.box(box)
