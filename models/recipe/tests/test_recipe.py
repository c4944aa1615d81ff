"""Fast checks of the model recipe (run by `npm test` with Debian's python3)."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from data import records_from_case_folder, to_square  # noqa: E402
from findings import FINDING_TYPES  # noqa: E402
from labels import label_sentence  # noqa: E402
from synth import ground_truth, make_case, write_case  # noqa: E402
from tokenizer import Tokenizer  # noqa: E402


class GeneratorTest(unittest.TestCase):
    def test_deterministic_from_seed(self):
        a, b = make_case(1234), make_case(1234)
        self.assertEqual(json.dumps(ground_truth(a)), json.dumps(ground_truth(b)))
        np.testing.assert_array_equal(a.render(2.0), b.render(2.0))
        self.assertNotEqual(json.dumps(ground_truth(make_case(1235))), json.dumps(ground_truth(a)))

    def test_every_finding_type_renders_with_boxes_inside_the_image(self):
        for k, kind in enumerate(FINDING_TYPES):
            case = make_case(500 + k, forced=[kind], spacing=2.0)
            truth = ground_truth(case)
            self.assertEqual([f["type"] for f in truth["findings"]], [kind], kind)
            for f in truth["findings"]:
                self.assertIn(f["laterality"], {"right", "left", "bilateral", "none"})
                self.assertTrue(f["boxes"], kind)
                for x0, y0, x1, y1 in f["boxes"]:
                    self.assertTrue(0 <= x0 < x1 <= truth["columns"] - 1 and 0 <= y0 < y1 <= truth["rows"] - 1, (kind, f["boxes"]))
            # The finding changes the pixels inside its box.
            plain = make_case(500 + k, forced=[], spacing=2.0)
            diff = np.abs(case.render() - plain.render())
            x0, y0, x1, y1 = [int(v) for v in truth["findings"][0]["boxes"][0]]
            inside = diff[y0:y1 + 1, x0:x1 + 1].mean()
            self.assertGreater(inside, 0.01, kind)

    def test_lung_finding_boxes_lie_over_their_lung(self):
        # Patient right is image left on a PA film; a box must overlap that side's lung.
        from chest_radiograph import lung_masks
        from lung_geometry import LungGeometry

        for seed in range(40):
            for kind in ("pneumothorax", "nodule", "consolidation", "pleural_effusion"):
                case = make_case(seed, forced=[kind])
                geometry = LungGeometry(case.anatomy, case.film_h, case.film_w, lung_masks)
                f = case.findings[0]
                sides = ["right", "left"] if f.laterality == "bilateral" else [f.laterality]
                for side, (x0, _, x1, _) in zip(sides, f.boxes_mm):
                    lx0, _, lx1, _ = geometry.extent(side)
                    dx0, _ = geometry.to_detector(lx0, 0)
                    dx1, _ = geometry.to_detector(lx1, 0)
                    overlap = min(x1, dx1) - max(x0, dx0)
                    self.assertGreater(overlap, 0.5 * (x1 - x0), (seed, kind, side))

    def test_cardiomegaly_carries_its_ratio(self):
        truth = ground_truth(make_case(77, forced=["cardiomegaly"]))
        ratio = truth["findings"][0]["measurements"]["cardiothoracic_ratio"]
        self.assertTrue(0.55 < ratio < 0.71)
        self.assertIn(f"{ratio:.2f}", truth["report"]["text"])

    def test_written_case_is_valid_dicom_and_reads_back(self):
        with tempfile.TemporaryDirectory() as tmp:
            case = make_case(42, forced=["nodule", "pleural_effusion"])
            case.monochrome1 = True
            write_case(case, tmp, "case-42", spacing=1.0)
            out = subprocess.run(["dciodvfy", os.path.join(tmp, "case-42.dcm")], capture_output=True, text=True)
            errors = [line for line in (out.stdout + out.stderr).splitlines() if line.startswith("Error")]
            self.assertEqual(errors, [])
            (rec,) = records_from_case_folder(tmp, 64)
            self.assertEqual(rec["image"].shape, (64, 64))
            self.assertEqual(len(rec["findings"]), 2)
            # MONOCHROME1 is inverted back: lungs dark, spine bright, as the film was rendered.
            square, _ = to_square(case.render(1.0), 64)
            self.assertLess(np.abs(rec["image"] / 255.0 - square).mean(), 0.02)


class TokenizerTest(unittest.TestCase):
    def setUp(self):
        self.tok = Tokenizer.build()

    def test_report_round_trip(self):
        case = make_case(9, forced=["mass", "pneumothorax", "endotracheal_tube"])
        truth = ground_truth(case)
        sentences = [(s["text"], [[0.1, 0.2, 0.3, 0.4]] if s["finding"] is not None else []) for s in truth["report"]["sentences"]]
        ids = self.tok.report_target(sentences, truth["report"]["impression"])
        parsed = self.tok.parse(ids)
        self.assertEqual([f["text"] for f in parsed["findings"]], [s for s, _ in sentences])
        self.assertEqual(parsed["impression"], truth["report"]["impression"])
        for f, (_, boxes) in zip(parsed["findings"], sentences):
            for got, want in zip(f["boxes"], boxes):
                np.testing.assert_allclose(got, want, atol=1 / 64)
        self.assertNotIn(self.tok.index["<unk>"], ids)

    def test_saved_vocabulary_loads_identically(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "tok.json")
            self.tok.save(path)
            self.assertEqual(Tokenizer.load(path).vocab, self.tok.vocab)

    def test_coordinates_come_from_the_distribution_near_the_chosen_bin(self):
        tok = self.tok
        n = tok.loc_bins
        dist = np.zeros(len(tok))
        # Chosen bin 10 (p 0.5), neighbours 11 (0.3) and 12 (0.2); bin 40 lies outside the window.
        dist[tok.loc0 + 10], dist[tok.loc0 + 11], dist[tok.loc0 + 12], dist[tok.loc0 + 40] = 0.4, 0.24, 0.16, 0.2
        self.assertAlmostEqual(tok.loc_value(tok.loc0 + 10), 10.5 / n)
        self.assertAlmostEqual(tok.loc_value(tok.loc0 + 10, dist), (0.5 * 10.5 + 0.3 * 11.5 + 0.2 * 12.5) / n)
        # The first bin has no neighbours below it.
        edge = np.zeros(len(tok))
        edge[tok.loc0], edge[tok.loc0 + 1] = 0.75, 0.25
        self.assertAlmostEqual(tok.loc_value(tok.loc0, edge), (0.75 * 0.5 + 0.25 * 1.5) / n)
        ids = tok.ground_target([[10 / n, 0.2, 0.5, 0.6]])
        dists = [dist if tok.is_loc(t) and t == tok.loc0 + 10 else None for t in ids]
        box = tok.parse(ids, dists)["findings"][0]["boxes"][0]
        self.assertAlmostEqual(box[0], tok.loc_value(tok.loc0 + 10, dist))
        self.assertAlmostEqual(box[1], tok.loc_value(tok.loc(0.2)))

    def test_bins_follow_the_vocabulary(self):
        self.assertEqual(self.tok.loc_bins, 128)
        old = Tokenizer.build(64)
        self.assertEqual(Tokenizer.for_vocab_size(len(old)).vocab, old.vocab)
        self.assertEqual(old.loc_value(old.loc(0.3)), (int(0.3 * 64) + 0.5) / 64)
        self.assertEqual(old.to_json()["loc_bins"], 64)

    def test_parse_never_fails_on_random_or_truncated_sequences(self):
        rng = np.random.default_rng(0)
        for n in range(500):
            ids = rng.integers(-3, len(self.tok) + 3, size=rng.integers(0, 80)).tolist()
            out = self.tok.parse(ids)
            for f in out["findings"]:
                for b in f["boxes"]:
                    self.assertEqual(len(b), 4)
                    self.assertTrue(b[0] < b[2] and b[1] < b[3])
        good = self.tok.report_target([("small left pneumothorax.", [[0.6, 0.1, 0.9, 0.5]])], "small left pneumothorax.")
        for cut in range(len(good)):
            self.tok.parse(good[:cut])

    def test_labels_read_the_generated_phrasings(self):
        for seed in range(60):
            case = make_case(seed)
            truth = ground_truth(case)
            for s in truth["report"]["sentences"]:
                label = label_sentence(s["text"])
                if s["finding"] is None:
                    self.assertIsNone(label, s["text"])
                else:
                    f = truth["findings"][s["finding"]]
                    self.assertEqual(label["type"], f["type"], s["text"])
                    if f["laterality"] != "none":
                        self.assertEqual(label["laterality"], f["laterality"], s["text"])


class ModelTest(unittest.TestCase):
    def test_fine_features_start_as_the_model_without_them(self):
        import torch
        from model import Config, GroundedReportModel

        torch.manual_seed(0)
        small = dict(image_size=64, vocab_size=40, d_model=32, n_heads=2, dec_layers=1, max_len=16)
        coarse = GroundedReportModel(Config(**small)).eval()
        fine = GroundedReportModel(Config(**small, fine_features=True)).eval()
        missing, unexpected = fine.load_state_dict(coarse.state_dict(), strict=False)
        self.assertEqual((sorted(missing), unexpected), (["encoder.fine.bias", "encoder.fine.weight"], []))
        pixels, ids = torch.randn(2, 1, 64, 64), torch.randint(0, 40, (2, 5))
        with torch.no_grad():
            torch.testing.assert_close(fine(pixels, ids), coarse(pixels, ids))
            torch.nn.init.normal_(fine.encoder.fine.weight)
            self.assertFalse(torch.allclose(fine(pixels, ids), coarse(pixels, ids)))

    def test_loc_weight_counts_coordinate_tokens_more(self):
        import torch
        import torch.nn.functional as F
        from train import sequence_loss

        tok = Tokenizer.build()
        torch.manual_seed(0)
        word, loc = tok.id("<box>"), tok.loc(0.5)
        logits, targets = torch.randn(2, len(tok)), torch.tensor([word, loc])
        per_token = F.cross_entropy(logits, targets, reduction="none")
        torch.testing.assert_close(sequence_loss(logits, targets, tok), per_token.mean())
        torch.testing.assert_close(sequence_loss(logits, targets, tok, 3.0), (per_token[0] + 3 * per_token[1]) / 4)


if __name__ == "__main__":
    unittest.main()
