"""Training for films as departments make them: augmentations, the tone-stable input, the tone set,
partial supervision, finer bins from a coarser model, the label head's evaluation (run by `npm test`)."""
import os
import sys
import unittest

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from augment import augment  # noqa: E402
from data import collate, equalise, labels_of, make_example, model_pixels, moved  # noqa: E402
from findings import FINDING_TYPES, LABEL_TYPES  # noqa: E402
from dicom_io import read_radiograph  # noqa: E402
from tokenizer import Tokenizer  # noqa: E402
from tone_set import write_tone_changed  # noqa: E402

CHECK_CASE = os.path.join(HERE, "..", "..", "check-cases", "case-10000000.dcm")


def film_with_spot(size=160, hw=(160, 140), box_px=(40, 50, 52, 62)):
    image = np.zeros((size, size), dtype=np.uint8)
    h, w = hw
    image[:h, :w] = 60
    x0, y0, x1, y1 = box_px
    image[y0:y1, x0:x1] = 250
    return image, hw, [v / size for v in box_px]


class AugmentTest(unittest.TestCase):
    def test_boxes_follow_the_film(self):
        image, hw, box = film_with_spot()
        for seed in range(40):
            out, move = augment(image, hw, np.random.default_rng(seed))
            x0, y0, x1, y1 = [int(round(v * image.shape[0])) for v in move(box)]
            # The spot is brighter inside its moved box than in a ring just around it.
            inside = out[y0 + 2:y1 - 2, x0 + 2:x1 - 2].mean()
            ring = np.ones_like(out, dtype=bool)
            ring[y0 - 2:y1 + 2, x0 - 2:x1 + 2] = False
            ring[:max(0, y0 - 6)] = ring[y1 + 6:] = False
            ring[:, :max(0, x0 - 6)] = False
            ring[:, x1 + 6:] = False
            self.assertGreater(inside, out[ring].mean() + 0.1, f"seed {seed}: the spot is not where its box went")

    def test_what_reaches_the_film_edge_still_does(self):
        image = np.zeros((160, 160), dtype=np.uint8)
        image[:160, :140] = 60
        image[0:70, 66:72] = 250  # a tube from the top of the film
        box = [66 / 160, 0.0, 72 / 160, 70 / 160]
        shown = 0
        for seed in range(20):
            out, move = augment(image, (160, 140), np.random.default_rng(seed))
            moved = move(box)
            self.assertEqual(moved[1], 0.0, f"seed {seed}")
            column = out[:3, int(moved[0] * 160):int(np.ceil(moved[2] * 160))]
            shown += column.max() > np.median(out[:160, :140]) + 0.1
        self.assertGreaterEqual(shown, 17)  # the rest: collimation covers the top

    def test_padding_untouched_and_no_flip(self):
        image, hw, box = film_with_spot()
        for seed in range(20):
            out, move = augment(image, hw, np.random.default_rng(seed))
            self.assertEqual(float(np.abs(out[:, hw[1]:]).max()), 0.0)
            # The spot lies on the film's left half of the picture (the patient's right): never flipped.
            self.assertLess(sum(move(box)[0::2]) / 2, 0.5 * hw[1] / image.shape[0] + 0.1)

    def test_strength_zero_is_the_image(self):
        image, hw, box = film_with_spot()
        out, move = augment(image, hw, np.random.default_rng(1), strength=0)
        np.testing.assert_allclose(out, image / 255.0, atol=1e-7)
        self.assertEqual(move(box), box)


class EqualiseTest(unittest.TestCase):
    def test_monotonic_tone_changes_leave_the_input_unchanged(self):
        rng = np.random.default_rng(0)
        hw = (160, 130)
        film = np.zeros((160, 160), dtype=np.float32)
        film[:hw[0], :hw[1]] = rng.uniform(0.05, 0.95, size=hw)
        reference = model_pixels(film, hw, True)
        for gamma, contrast, offset in [(0.5, 1.0, 0.0), (2.0, 0.9, 0.05), (1.3, 1.2, -0.03)]:
            toned = film.copy()
            toned[:hw[0], :hw[1]] = np.clip((film[:hw[0], :hw[1]] ** gamma - 0.5) * contrast + 0.5 + offset, 0, 1)
            changed = model_pixels(toned, hw, True)
            # Only levels merged by 8-bit storage move, by at most their share of pixels.
            self.assertLess(np.abs(changed - reference).mean(), 0.03, (gamma, contrast, offset))
            self.assertGreater(np.abs(model_pixels(toned, hw, False) - model_pixels(film, hw, False)).mean(), 0.1)

    def test_mid_ranks_and_padding(self):
        levels = np.zeros((4, 4), dtype=np.uint8)
        levels[:2, :2] = [[10, 10], [20, 30]]
        out = equalise(levels, (2, 2))
        np.testing.assert_allclose(out[:2, :2], [[0.25, 0.25], [0.625, 0.875]])
        self.assertEqual(float(out[2:, :].max()), 0.0)


class ToneSetTest(unittest.TestCase):
    def test_tone_changed_film_is_deterministic_and_keeps_the_ranking(self):
        import tempfile
        original, _, ds = read_radiograph(CHECK_CASE)
        with tempfile.TemporaryDirectory() as tmp:
            a, b = os.path.join(tmp, "a.dcm"), os.path.join(tmp, "b.dcm")
            write_tone_changed(CHECK_CASE, a, "gamma")
            write_tone_changed(CHECK_CASE, b, "gamma")
            toned, _, toned_ds = read_radiograph(a)
            np.testing.assert_array_equal(toned, read_radiograph(b)[0])
            self.assertEqual(toned_ds.SOPInstanceUID, ds.SOPInstanceUID)
            self.assertGreater(np.abs(toned - original).mean(), 0.02)
            # A tone curve alone keeps the order of grey levels.
            step = max(1, original.size // 5000)
            o, t = original.ravel()[::step], toned.ravel()[::step]
            self.assertGreater(np.corrcoef(np.argsort(np.argsort(o)), np.argsort(np.argsort(t)))[0, 1], 0.99)


class PartialSupervisionTest(unittest.TestCase):
    def setUp(self):
        self.tok = Tokenizer.build()
        box = [0.2, 0.3, 0.3, 0.4]
        self.full = dict(sentences=[("small right upper lobe nodule.", [box])], impression="nodule.", indication="", boxes_known=True,
                         findings=[dict(type="nodule", laterality="right", boxes01=[box], sentence="small right upper lobe nodule.")],
                         free_boxes=[[0.6, 0.6, 0.7, 0.7]])

    def test_labels_only_supervise_no_sequence_and_mask_unknown_labels(self):
        rec = dict(self.full, sentences=None, findings=[], labels={"nodule": 1, "pleural_effusion": 0})
        self.assertIsNone(make_example(rec, self.tok, np.random.default_rng(0)))
        values, known = labels_of(rec)
        self.assertEqual(sum(known), 2)
        self.assertEqual(values[FINDING_TYPES.index("nodule")], 1.0)
        _, _, _, loss_mask, _, label_mask = collate([None], [np.zeros((8, 8))], [(values, known)], self.tok, 40)
        self.assertFalse(loss_mask.any())
        self.assertEqual(int(label_mask.sum()), 2)

    def test_a_full_report_gives_every_label_type(self):
        # A generated consolidation is an airspace opacity; oedema is never drawn, so it is known absent.
        rec = dict(self.full, findings=[dict(self.full["findings"][0], type="consolidation")], labels={"consolidation": 1})
        values, known = labels_of(rec)
        self.assertTrue(all(known))
        self.assertEqual({LABEL_TYPES[k] for k, v in enumerate(values) if v}, {"consolidation", "airspace_opacity", "abnormal"})
        # A device alone is not an abnormal film.
        values, _ = labels_of(dict(rec, findings=[dict(self.full["findings"][0], type="pacemaker")], labels={}))
        self.assertEqual({LABEL_TYPES[k] for k, v in enumerate(values) if v}, {"pacemaker"})

    def test_boxes_without_text_teach_grounding(self):
        rec = dict(self.full, sentences=None)
        for seed in range(5):
            prompt, target, skip = make_example(rec, self.tok, np.random.default_rng(seed))
            self.assertEqual(prompt[0], self.tok.id("<task_ground>"))
            self.assertEqual(target[0], self.tok.id("<box>"))

    def test_text_without_boxes_leaves_the_box_decision_out_of_the_loss(self):
        rec = dict(self.full, sentences=[("small right upper lobe nodule.", [])], boxes_known=False)
        prompt, target, skip = make_example(rec, self.tok, np.random.default_rng(0), task="report")
        self.assertEqual([target[k] for k in skip], [self.tok.id("<impression>")])
        _, _, tgt, loss_mask, _, _ = collate([(prompt, target, skip)], [np.zeros((8, 8))], [labels_of(rec)], self.tok, 80)
        self.assertEqual(int(loss_mask.sum()), len(target) - 1)
        # The describe task has no negatives where boxes are unknown (a free box may hold a finding).
        for seed in range(10):
            example = make_example(rec, self.tok, np.random.default_rng(seed), task="describe")
            self.assertNotEqual(example[1], self.tok.describe_target("no focal abnormality in this region."))

    def test_a_normal_report_is_report_text(self):
        from data import record_from_truth

        truth = {"findings": [], "report": {"sentences": [], "impression": "normal chest radiograph."}}
        rec = record_from_truth(np.zeros((16, 16)), 1.0, 16, truth, np.random.default_rng(0), (16, 16))
        self.assertEqual(rec["sentences"], [])
        prompt, target, skip = make_example(rec, self.tok, np.random.default_rng(0), task="report")
        self.assertEqual(target[0], self.tok.id("<impression>"))
        self.assertIsNone(
            record_from_truth(np.zeros((16, 16)), 1.0, 16, dict(truth, report=None), np.random.default_rng(0), (16, 16))["sentences"]
        )

    def test_moved_drops_boxes_pushed_off_the_film(self):
        rec = moved(self.full, lambda b: [b[0] + 2, b[1], min(1, b[2] + 2), b[3]])
        self.assertEqual(rec["findings"][0]["boxes01"], [])
        self.assertEqual(rec["sentences"][0][1], [])


class InitTest(unittest.TestCase):
    def test_a_model_with_fewer_bins_starts_a_finer_one(self):
        import tempfile

        import torch
        from model import Config, GroundedReportModel
        from train import init_from

        small = dict(image_size=64, d_model=32, n_heads=2, dec_layers=1, max_len=16, fine_features=True)
        old_tok, tok = Tokenizer.build(64), Tokenizer.build(128)
        old = GroundedReportModel(Config(**small, vocab_size=len(old_tok)))
        new = GroundedReportModel(Config(**small, vocab_size=len(tok), n_labels=len(FINDING_TYPES)))
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "model.pt")
            torch.save({"model": old.state_dict()}, path)
            init_from(new, tok, path)
        a, b = old.decoder.tok.weight.detach(), new.decoder.tok.weight.detach()
        for j in (0, 1, 77, 127):
            torch.testing.assert_close(b[tok.loc0 + j], a[old_tok.loc0 + j // 2], atol=0.02, rtol=0)
        torch.testing.assert_close(b[tok.index["effusion"]], a[old_tok.index["effusion"]])
        torch.testing.assert_close(new.encoder.pos, old.encoder.pos)

    def test_a_label_head_over_fewer_types_keeps_them(self):
        import tempfile

        import torch
        from model import Config, GroundedReportModel
        from train import init_from

        tok = Tokenizer.build()
        small = dict(image_size=64, vocab_size=len(tok), d_model=32, n_heads=2, dec_layers=1, max_len=16, fine_features=True)
        old, new = GroundedReportModel(Config(**small, n_labels=10)), GroundedReportModel(Config(**small, n_labels=12))
        with tempfile.TemporaryDirectory() as tmp:
            torch.save({"model": old.state_dict()}, os.path.join(tmp, "old.pt"))
            init_from(new, tok, os.path.join(tmp, "old.pt"))
        torch.testing.assert_close(new.label_head.weight[:10], old.label_head.weight)
        torch.testing.assert_close(new.label_head.bias[:10], old.label_head.bias)

    def test_an_attention_head_starts_as_the_mean_pooled_head(self):
        import tempfile

        import torch
        from model import Config, GroundedReportModel
        from train import init_from

        tok = Tokenizer.build()
        small = dict(image_size=64, vocab_size=len(tok), d_model=32, n_heads=2, dec_layers=1, max_len=16, fine_features=True)
        old = GroundedReportModel(Config(**small, n_labels=10)).eval()
        new = GroundedReportModel(Config(**small, n_labels=12, label_pool="attention")).eval()
        with tempfile.TemporaryDirectory() as tmp:
            torch.save({"model": old.state_dict()}, os.path.join(tmp, "old.pt"))
            init_from(new, tok, os.path.join(tmp, "old.pt"))
        pixels = torch.randn(2, 1, 64, 64)
        with torch.no_grad():
            torch.testing.assert_close(new.finding_logits(new.encoder(pixels))[:, :10], old.finding_logits(old.encoder(pixels)))
            # Once its query learns, each label weights the tokens its own way.
            new.label_head.query.weight.normal_()
            self.assertFalse(torch.allclose(new.finding_logits(new.encoder(pixels))[:, :10], old.finding_logits(old.encoder(pixels))))


if __name__ == "__main__":
    unittest.main()
