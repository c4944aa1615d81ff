"""Where the lungs lie on a real frontal chest film, roughly: enough to place a composited finding
inside a lung (composite.py), not a segmentation to measure with.

The lungs are the two large dark regions either side of the mediastinum. On a coarse copy of the
film, ranked so that any tone curve gives the same result (data.equalise), the darkest 40 % of
pixels are taken, less a strip down the midline (the trachea joins the lungs there) and the top
rows (apices often reach the film's top edge); an opening breaks the thin dark bridges between a lung and the air outside the
body; components touching the film's edge (that outside air) are dropped; the largest remaining one
on each half is that lung. Films differ, so a few dark shares and openings are tried in turn, and
the first that gives two lung-sized, lung-placed regions at the same height wins; a film where none
does gets None, and composite.py takes another film. scipy's morphology and labelling do the work.
"""
import numpy as np
from scipy import ndimage

from data import equalise, resize_area

COARSE = 128
# (share of the darkest pixels, opening iterations), tried in this order.
ATTEMPTS = [(0.4, 3), (0.35, 3), (0.45, 4), (0.3, 2), (0.4, 5), (0.5, 5)]


def _largest(labels, candidates):
    if not candidates:
        return None
    sizes = ndimage.sum(np.ones_like(labels), labels, candidates)
    return candidates[int(np.argmax(sizes))]


def lung_masks(image01):
    """Boolean masks (patient right, patient left) at the image's resolution, or None. Patient right
    is the image's left half, as on a PA or AP film displayed the usual way."""
    h, w = image01.shape
    coarse = resize_area(image01, COARSE, COARSE)
    ranks = equalise(np.round(coarse * 255).astype(np.uint8), (COARSE, COARSE))
    for share, opening in ATTEMPTS:
        dark = ranks < share
        # The trachea joins the two lungs through the middle, and films are often collimated so
        # tightly that the apices and the dark neck reach the top edge: cut both.
        dark[:, int(0.47 * COARSE): int(0.53 * COARSE)] = False
        dark[: int(0.08 * COARSE)] = False
        found = _two_lungs(ndimage.binary_opening(dark, iterations=opening))
        if found is not None:
            return tuple(_upsample(m, h, w) for m in found)
    return None


def _two_lungs(dark):
    labels, n = ndimage.label(dark)
    edge = set(np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))) - {0}
    inner = [k for k in range(1, n + 1) if k not in edge]
    if not inner:
        return None
    centres = ndimage.center_of_mass(dark, labels, inner)
    halves = []
    for on_left_half in (True, False):
        picks = [k for k, (_, cx) in zip(inner, centres) if (cx < COARSE / 2) == on_left_half]
        k = _largest(labels, picks)
        if k is None:
            return None
        mask = ndimage.binary_fill_holes(ndimage.binary_closing(labels == k, iterations=2))
        if not _plausible(mask, on_left_half):
            return None
        halves.append(mask)
    rows = [np.flatnonzero(m.any(axis=1)) for m in halves]
    overlap = min(rows[0][-1], rows[1][-1]) - max(rows[0][0], rows[1][0])
    if overlap < 0.6 * min(r[-1] - r[0] for r in rows):
        return None
    return halves


def _plausible(mask, on_left_half):
    """A lung covers 4-25 % of the film, spans a third of its height or more, its centre lies in the
    middle band of rows and between the film's edge and its midline, clear of both."""
    ys, xs = np.nonzero(mask)
    cx = xs.mean() / COARSE if on_left_half else 1 - xs.mean() / COARSE
    return (0.04 <= mask.mean() <= 0.25 and np.ptp(ys) >= COARSE / 3 and 0.25 * COARSE <= ys.mean() <= 0.65 * COARSE
            and 0.15 <= cx <= 0.42)


def _upsample(mask, h, w):
    rows = np.minimum((np.arange(h) * COARSE / h).astype(int), COARSE - 1)
    cols = np.minimum((np.arange(w) * COARSE / w).astype(int), COARSE - 1)
    return mask[rows[:, None], cols[None, :]]
