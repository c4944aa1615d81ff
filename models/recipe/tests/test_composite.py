"""composite.py and film_lungs.py on a generated film standing in for a real one (the tests may not
use the NIH films, which are fetched, not committed): the lungs are found where the generator drew
them, composited findings lie in the film with their boxes, change the film there, and give a full
case with every label known."""
import json
import os
import sys
import tempfile
import unittest

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import composite  # noqa: E402
from chest_radiograph import lung_masks as drawn_lungs  # noqa: E402
from film_lungs import lung_masks  # noqa: E402
from findings import LABEL_TYPES  # noqa: E402
from real_films import write_pixels  # noqa: E402
from synth import make_case  # noqa: E402


def normal_film(seed=3):
    case = make_case(seed, forced=[], spacing=0.8)
    return case, case.render(0.8)


class FilmLungsTest(unittest.TestCase):
    def test_finds_each_lung_where_it_is(self):
        case, image = normal_film()
        found = lung_masks(image)
        self.assertIsNotNone(found)
        h, w = image.shape
        ys, xs = np.mgrid[0:h, 0:w].astype(np.float32) * 0.8
        a = case.anatomy
        truth = drawn_lungs(xs - w * 0.8 / 2 - a.shift_x - a.rotation * 0.3, ys - a.shift_y, a)
        for mask, drawn in zip(found, truth):
            drawn = drawn > 0.5
            overlap = (mask & drawn).sum() / (mask | drawn).sum()
            self.assertGreater(overlap, 0.5)

    def test_no_lungs_on_a_uniform_or_noise_image(self):
        self.assertIsNone(lung_masks(np.full((256, 256), 0.5, dtype=np.float32)))
        self.assertIsNone(lung_masks(np.random.default_rng(0).random((256, 256)).astype(np.float32)))


class CompositeTest(unittest.TestCase):
    def test_findings_drawn_where_their_boxes_are(self):
        _, image = normal_film()
        rng = np.random.default_rng(5)
        for _ in range(6):
            made = composite.composite(image, rng)
            self.assertIsNotNone(made)
            pixels, findings, _, spacing = made
            h, w = image.shape
            for f in findings:
                for x0, y0, x1, y1 in f.boxes_mm:
                    box = [int(max(0, x0 / spacing)), int(max(0, y0 / spacing)),
                           int(min(w, x1 / spacing + 1)), int(min(h, y1 / spacing + 1))]
                    self.assertLess(box[0], box[2])
                    self.assertLess(box[1], box[3])
                    changed = np.abs(pixels - image)[box[1]: box[3], box[0]: box[2]]
                    self.assertGreater(changed.max(), 0.05, f.type)

    def test_a_composite_is_a_full_case(self):
        _, image = normal_film()
        with tempfile.TemporaryDirectory() as tmp:
            base = os.path.join(tmp, "bases")
            os.makedirs(base)
            write_pixels(np.round(image * 255).astype(np.uint8), os.path.join(base, "00000009_000.dcm"), "00000009_000", {})
            with open(os.path.join(base, "00000009_000.json"), "w") as f:
                json.dump({"labels": {t: 0 for t in LABEL_TYPES}, "unmapped": [], "findings": []}, f)
            out = os.path.join(tmp, "out")
            sys.argv = ["composite.py", "--cases", base, "--out", out, "--count", "3", "--seed", "4"]
            composite.main()
            names = sorted(n for n in os.listdir(out) if n.endswith(".json"))
            self.assertEqual(len(names), 3)
            with open(os.path.join(out, names[0])) as f:
                truth = json.load(f)
        self.assertEqual(set(truth["labels"]), set(LABEL_TYPES))
        self.assertEqual(truth["source"]["base"], "00000009_000")
        # Every finding has its sentence, and every finding sentence its finding.
        said = {s["finding"] for s in truth["report"]["sentences"] if s["finding"] is not None}
        self.assertEqual(said, set(range(len(truth["findings"]))))
        for k, f in enumerate(truth["findings"]):
            self.assertEqual(truth["labels"][f["type"]], 1)
            self.assertTrue(f["boxes"])


if __name__ == "__main__":
    unittest.main()
