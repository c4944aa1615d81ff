"""Training augmentations: the spread of films that real departments send.

Applied to a record's square image (uint8, the film at the top-left `hw` of the square) at training
time, each with its own probability, in the order a film is made: positioning (rotation, scale,
shift), collimation, the processing's tone (window choice, tone curve, contrast and offset), blur
or the vendor's unsharp-mask sharpening, detector noise, burnt-in markers ("L", "R", "PORTABLE").
Boxes (0..1 of the square) follow the positioning: each box's centre moves with the film and its
size scales with it (a rotated round opacity has the same box; enveloping the rotated corners would
teach boxes larger than the finding). Horizontal flips are never made: they would swap the sides
that the report names.
"""
import numpy as np
from PIL import Image, ImageDraw, ImageFont
from scipy import ndimage

ROTATION_DEG = 10.0
SCALE = 0.10
SHIFT = 0.10
GAMMA = (0.5, 2.0)
CONTRAST = (0.6, 1.4)
OFFSET = 0.1
NOISE_SD = 0.03
MARKERS = ["L", "R", "PORTABLE", "AP", "SUPINE"]


def _affine(image, hw, rng):
    """Rotate, scale and shift the film inside its own frame (edges repeat into what is uncovered,
    as a detector is always fully read). Returns the image and the map of 0..1 square points."""
    h, w = hw
    angle = np.deg2rad(rng.uniform(-ROTATION_DEG, ROTATION_DEG)) if rng.random() < 0.5 else 0.0
    scale = rng.uniform(1 - SCALE, 1 + SCALE)
    shift = rng.uniform(-SHIFT, SHIFT, size=2) * np.array([h, w])
    centre = np.array([h, w]) / 2.0
    rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    forward = scale * rot  # (row, col) about the centre
    inverse = np.linalg.inv(forward)
    offset = centre - inverse @ (centre + shift)
    out = image.copy()
    out[:h, :w] = ndimage.affine_transform(image[:h, :w], inverse, offset=offset, order=1, mode="nearest")
    size = image.shape[0]

    def move(box01):
        (x0, y0, x1, y1) = [v * size for v in box01]
        cy, cx = forward @ (np.array([(y0 + y1) / 2, (x0 + x1) / 2]) - centre) + centre + shift
        bh, bw = (y1 - y0) * scale / 2, (x1 - x0) * scale / 2
        moved = [cx - bw, cy - bh, cx + bw, cy + bh]
        # What reaches the film's edge (a tube running out of the film) still does: the edges repeat
        # into what the move uncovers, so the object runs on to the edge.
        for k, (v, edge) in enumerate(((x0, 0), (y0, 0), (x1, w), (y1, h))):
            if abs(v - edge) <= 1.0:
                moved[k] = edge
        return [float(np.clip(v, 0, lim) / size) for v, lim in zip(moved, (w, h, w, h))]

    return out, move


def _collimate(image, hw, rng):
    h, w = hw
    value = rng.uniform(0.8, 1.0) if rng.random() < 0.7 else 0.0  # shutters: unexposed (bright) or blacked out
    for side in range(4):
        if rng.random() < 0.5:
            k = int(rng.uniform(0.02, 0.08) * (h if side < 2 else w))
            if side == 0:
                image[:k, :w] = value
            elif side == 1:
                image[h - k:h, :w] = value
            elif side == 2:
                image[:h, :k] = value
            else:
                image[:h, w - k:w] = value


def _tone(image, hw, rng):
    h, w = hw
    x = image[:h, :w]
    if rng.random() < 0.3:  # another window: part of the range clipped
        lo, hi = rng.uniform(0, 0.15), rng.uniform(0.85, 1.0)
        x = (x - lo) / (hi - lo)
    if rng.random() < 0.8:
        gamma = np.exp(rng.uniform(np.log(GAMMA[0]), np.log(GAMMA[1])))
        x = (np.clip(x, 0, 1) ** gamma - 0.5) * rng.uniform(*CONTRAST) + 0.5 + rng.uniform(-OFFSET, OFFSET)
    image[:h, :w] = np.clip(x, 0, 1)


def _sharpness(image, hw, rng):
    h, w = hw
    x = image[:h, :w]
    u = rng.random()
    if u < 0.25:
        x = ndimage.gaussian_filter(x, rng.uniform(0.3, 1.0))
    elif u < 0.5:  # unsharp mask
        x = x + rng.uniform(0.3, 1.0) * (x - ndimage.gaussian_filter(x, rng.uniform(0.5, 1.5)))
    if rng.random() < 0.4:
        x = x + rng.normal(0, rng.uniform(0, NOISE_SD), size=x.shape)
    image[:h, :w] = np.clip(x, 0, 1)


_FONT = ImageFont.load_default()


def _marker(image, hw, rng):
    """Burnt-in text near a corner, as bright as the brightest pixels."""
    h, w = hw
    text = MARKERS[rng.integers(len(MARKERS))]
    left, top, right, bottom = _FONT.getbbox(text)
    mask = Image.new("L", (right + 2, bottom + 2))
    ImageDraw.Draw(mask).text((1, 1), text, fill=255, font=_FONT)
    k = rng.uniform(0.04, 0.08) * h / mask.size[1]  # text 4-8 % of the film's height
    size = (max(1, round(mask.size[0] * k)), max(1, round(mask.size[1] * k)))
    glyphs = np.asarray(mask.resize(size, Image.BILINEAR), dtype=np.float32) / 255
    gh, gw = glyphs.shape
    if gh >= h or gw >= w:
        return
    y = rng.integers(1, max(2, h // 8)) if rng.random() < 0.5 else h - gh - rng.integers(1, max(2, h // 8))
    x = rng.integers(1, max(2, w // 8)) if rng.random() < 0.5 else w - gw - rng.integers(1, max(2, w // 8))
    region = image[y:y + gh, x:x + gw]
    image[y:y + gh, x:x + gw] = region * (1 - glyphs) + glyphs * rng.uniform(0.9, 1.0)


def augment(image_u8, hw, rng, strength=1.0):
    """A record's square image (uint8) -> (augmented image 0..1 float32, box mapping).

    `strength` is the probability that each step is applied at all (0: the image as it is).
    The box mapping takes a 0..1 box of the square to where the augmented film has it.
    """
    image = image_u8.astype(np.float32) / 255
    move = lambda box: list(box)  # noqa: E731 - identity when the film is not moved
    if rng.random() < 0.7 * strength:
        image, move = _affine(image, hw, rng)
    if rng.random() < 0.2 * strength:
        _collimate(image, hw, rng)
    if rng.random() < strength:
        _tone(image, hw, rng)
    if rng.random() < strength:
        _sharpness(image, hw, rng)
    if rng.random() < 0.3 * strength:
        _marker(image, hw, rng)
    return image, move
