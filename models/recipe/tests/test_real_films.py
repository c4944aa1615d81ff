"""The recipe's real-film pieces: batches mixing real films, composites and generated cases; the
ImageNet-pretrained features; label metrics on labelled films; NIH's tables split by patient."""
import os
import sys
import unittest

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))


class BatchMixTest(unittest.TestCase):
    def test_each_case_folder_gives_its_share_and_the_rest_comes_from_the_shards(self):
        from types import SimpleNamespace

        from train import draw_batch

        shards, real, composites = [("shard", k) for k in range(50)], [("real", k) for k in range(7)], [("composite", k) for k in range(9)]
        args = SimpleNamespace(batch=32, case_shares=[0.25, 0.125], data="shards")
        kinds = [kind for kind, _ in draw_batch(shards + real + composites, [real, composites], args, np.random.default_rng(0))]
        self.assertEqual((kinds.count("real"), kinds.count("composite"), kinds.count("shard")), (8, 4, 20))
        # Without shares, one pool.
        args = SimpleNamespace(batch=400, case_shares=None, data="shards")
        kinds = [kind for kind, _ in draw_batch(shards + real, [real], args, np.random.default_rng(0))]
        self.assertAlmostEqual(kinds.count("real") / 400, 7 / 57, delta=0.05)


class PretrainedTest(unittest.TestCase):
    def test_tfjs_layers_weights_load_as_darknet_features(self):
        """Darknet Tiny's topology in TF.js layers format with random weights: loaded, it computes what
        the Keras layers compute (run here one by one), the RGB kernels summed for a grey film, and
        stops before the classifier's 1 x 1 bottleneck."""
        import json
        import tempfile

        import torch
        import torch.nn.functional as F

        from data import MEAN, STD
        from pretrained import DARKNET_TINY, darknet_tiny

        rng = np.random.default_rng(0)
        layers, entries, channels = [{"class_name": "InputLayer", "config": {"name": "in"}}], [], 3
        for k, spec in enumerate(DARKNET_TINY + [(128, 1)]):
            if spec == "M":
                layers.append({"class_name": "MaxPooling2D", "config": {"name": f"p{k}"}})
                continue
            filters, size = spec
            layers += [{"class_name": "Conv2D", "config": {"name": f"c{k}", "filters": filters, "kernel_size": [size, size]}},
                       {"class_name": "BatchNormalization", "config": {"name": f"b{k}", "epsilon": 0.001}},
                       {"class_name": "LeakyReLU", "config": {"name": f"r{k}", "alpha": 0.1}}]
            entries.append((f"c{k}/kernel",
                            (rng.standard_normal((size, size, channels, filters)) / np.sqrt(size * size * channels)).astype(np.float32)))
            entries += [(f"b{k}/{key}", rng.uniform(0.5, 1.5, filters).astype(np.float32))
                        for key in ("gamma", "beta", "moving_mean", "moving_variance")]
            channels = filters
        weights = dict(entries)
        with tempfile.TemporaryDirectory() as tmp:
            with open(os.path.join(tmp, "shard"), "wb") as f:
                f.write(b"".join(v.tobytes() for _, v in entries))
            with open(os.path.join(tmp, "model.json"), "w") as f:
                json.dump({"modelTopology": {"model_config": {"config": {"layers": layers}}},
                           "weightsManifest": [{"paths": ["shard"],
                                                "weights": [{"name": n, "shape": list(v.shape), "dtype": "float32"} for n, v in entries]}]},
                          f)
            net = darknet_tiny(tmp).eval()
        pixels = torch.from_numpy(rng.standard_normal((1, 1, 32, 32)).astype(np.float32))
        x = (pixels * STD + MEAN).repeat(1, 3, 1, 1)
        t = lambda name: torch.from_numpy(weights[name])  # noqa: E731
        for layer in layers[1:-3]:  # the last convolution, its norm and activation are the classifier's
            name, kind = layer["config"]["name"], layer["class_name"]
            if kind == "Conv2D":
                x = F.conv2d(x, t(f"{name}/kernel").permute(3, 2, 0, 1), padding=layer["config"]["kernel_size"][0] // 2)
            elif kind == "BatchNormalization":
                x = F.batch_norm(x, t(f"{name}/moving_mean"), t(f"{name}/moving_variance"), t(f"{name}/gamma"), t(f"{name}/beta"),
                                 eps=0.001)
            elif kind == "LeakyReLU":
                x = F.leaky_relu(x, 0.1)
            else:
                x = F.max_pool2d(x, 2)
        with torch.no_grad():
            torch.testing.assert_close(net(pixels), x, atol=1e-4, rtol=1e-4)


class LabelBranchTest(unittest.TestCase):
    def test_only_the_label_branch_learns_and_it_reads_the_pixels(self):
        from types import SimpleNamespace

        import torch

        from findings import LABEL_TYPES
        from model import Config, GroundedReportModel
        from tokenizer import Tokenizer
        from train import training_loss

        tok = Tokenizer.build()
        model = GroundedReportModel(Config(image_size=64, vocab_size=len(tok), d_model=32, n_heads=2, dec_layers=1, max_len=16,
                                           fine_features=True, n_labels=len(LABEL_TYPES), label_branch="darknet"))
        for name, p in model.named_parameters():
            p.requires_grad_(name.startswith(("label_features.", "label_head.")))
        model.label_head.query.weight.data.normal_()
        pixels = torch.randn(2, 1, 64, 64)
        values = torch.tensor([[1.0] * len(LABEL_TYPES), [0.0] * len(LABEL_TYPES)])
        args = SimpleNamespace(only_labels=True, label_weight=0.2, loc_weight=1.0)
        loss = training_loss(model, tok, args, pixels, None, None, None, values, torch.ones_like(values, dtype=torch.bool))
        loss.backward()
        self.assertIsNotNone(model.label_features.body[0].weight.grad)
        # A batch with no known label has nothing to teach the branch: no loss, the step is skipped.
        self.assertIsNone(training_loss(model, tok, args, pixels, None, None, None, values, torch.zeros_like(values, dtype=torch.bool)))
        self.assertTrue(all(p.grad is None for n, p in model.named_parameters() if n.startswith(("encoder.", "decoder."))))
        # The branch reads the pixels, not the grounded encoder's tokens.
        with torch.no_grad():
            a = model.finding_logits(None, pixels)
            b = model.finding_logits(torch.zeros(2, 16, 32), pixels)
            c = model.finding_logits(None, pixels.flip(-1))
        torch.testing.assert_close(a, b)
        self.assertFalse(torch.allclose(a, c))


class LabelEvaluationTest(unittest.TestCase):
    def test_auroc_counts_ties_half_and_needs_both_classes(self):
        from label_metrics import auroc

        self.assertAlmostEqual(auroc([0.1, 0.4, 0.35, 0.8], [False, False, True, True]), 0.75)
        self.assertAlmostEqual(auroc([0.5, 0.5], [False, True]), 0.5)
        self.assertIsNone(auroc([0.1, 0.2], [True, True]))

    def test_label_metrics_hold_to_the_shared_fixture(self):
        """The films and expected metrics that scripts/eval/metrics/labelMetrics.test.ts also holds to."""
        import json

        from findings import LABEL_TYPES
        from label_metrics import box_recall, label_report

        with open(os.path.join(HERE, "fixtures", "label-metrics.json")) as f:
            fixture = json.load(f)
        films, expected = fixture["films"], fixture["expected"]
        probs = [[film["scores"].get(t, 0.0) for t in LABEL_TYPES] for film in films]
        report = label_report(probs, [film["labels"] for film in films], [film["unmapped"] for film in films], LABEL_TYPES,
                              thresholds=fixture["thresholds"], intervals=False)

        def close(actual, want, where):
            if want is None:
                self.assertIsNone(actual, where)
            else:
                self.assertAlmostEqual(actual, want, delta=1e-9, msg=where)

        self.assertEqual(report["films"], expected["films"])
        self.assertEqual(sorted(n for n, e in report["per_type"].items() if e["known"]), sorted(expected["per_type"]))
        for name, want in expected["per_type"].items():
            for key, value in want.items():
                close(report["per_type"][name][key], value, f"{name} {key}")
        for key, value in expected["normal_vs_abnormal"].items():
            close(report["normal_vs_abnormal"][key], value, f"normal_vs_abnormal {key}")
        recall = box_recall([film.get("boxes") for film in films], [film.get("predicted_boxes") for film in films])
        self.assertEqual(sorted(recall["by_type"]), sorted(expected["box_recall"]["by_type"]))
        for scope, got, want in [("all", recall, expected["box_recall"])] + [
            (t, recall["by_type"][t], w) for t, w in expected["box_recall"]["by_type"].items()
        ]:
            for key in ("boxes", "at_0.3", "at_0.5"):
                close(got[key], want[key], f"box recall {scope} {key}")

    def test_normal_vs_abnormal_without_an_abnormal_output_is_scored_by_the_largest_probability(self):
        from label_metrics import label_report

        # A model without an "abnormal" output: its largest probability is the score; the labels still decide what is normal.
        probs = [[0.9, 0.0, 0.1], [0.2, 0.0, 0.3], [0.1, 0.0, 0.4]]
        labels = [{"nodule": 1, "abnormal": 1}, {"nodule": 0, "abnormal": 0}, {"pleural_effusion": 0, "abnormal": 0}]
        report = label_report(probs, labels, [[], [], []], ["nodule", "mass", "pleural_effusion"], intervals=False)
        self.assertEqual(report["normal_vs_abnormal"], {"abnormal": 1, "normal": 2, "auroc": 1.0})

    def test_nih_tables_split_by_patient(self):
        import csv
        import tempfile

        import nih_tables

        self.assertEqual([nih_tables.split_of(n) for n in ("00000075_000.png", "00000101_003.png", "00000102_000.png")],
                         ["test", "validation", "train"])
        with tempfile.TemporaryDirectory() as tmp:
            films = os.path.join(tmp, "films.csv")
            with open(films, "w", newline="") as f:
                w = csv.writer(f)
                w.writerow(["image", "age", "sex", "view", "nih_labels", "nih_bbox_xywh", "rsna_opacity_xywh"])
                w.writerow(["00000075_000.png", "61", "F", "PA", "Cardiomegaly", '[["Cardiomegaly", 1.0, 2.0, 3.0, 4.0]]', ""])
                w.writerow(["00000075_001.png", "61", "F", "PA", "No Finding", "", ""])
                w.writerow(["00000102_000.png", "40", "M", "AP", "Effusion|Mass|Pneumonia", "", "[[5.0, 6.0, 7.0, 8.0]]"])
            sys.argv = ["nih_tables.py", "--films", films, "--out", tmp, "--rsna"]
            nih_tables.main()
            with open(os.path.join(tmp, "Data_Entry_test.csv"), newline="") as f:
                self.assertEqual([r["Image Index"] for r in csv.DictReader(f)], ["00000075_000.png", "00000075_001.png"])
            with open(os.path.join(tmp, "BBox_List.csv"), newline="") as f:
                self.assertEqual(list(csv.reader(f))[1:], [["00000075_000.png", "Cardiomegaly", "1.0", "2.0", "3.0", "4.0"]])
            # RSNA's radiologists' opacity boxes go to a table of their own, in NIH's layout.
            with open(os.path.join(tmp, "BBox_List_RSNA.csv"), newline="") as f:
                self.assertEqual(list(csv.reader(f))[1:], [["00000102_000.png", "Lung Opacity", "5.0", "6.0", "7.0", "8.0"]])


class LocatedBoxRecallTest(unittest.TestCase):
    def test_the_bundled_model_locates_the_check_cases_findings_by_name(self):
        import torch

        from data import records_from_case_folder
        from evaluate import located_box_recall
        from export_onnx import load_model
        from tokenizer import Tokenizer

        torch.set_num_threads(1)
        model = load_model(os.path.join(HERE, "..", "..", "lucent-cxr-synth", "pytorch", "model.pt"))
        records = records_from_case_folder(os.path.join(HERE, "..", "..", "check-cases"), model.cfg.image_size)
        recall = located_box_recall(model, Tokenizer.for_vocab_size(model.cfg.vocab_size), records)
        boxes = sum(r["boxes"] for r in recall.values())
        found = sum(r["at_0.3"] * r["boxes"] for r in recall.values())
        self.assertEqual(boxes, sum(len(f["boxes01"]) for r in records for f in r["findings"]))
        # Asked by name alone (no side or zone), the generated films' findings are found half the time at IoU 0.3.
        self.assertGreater(found / boxes, 0.4)


if __name__ == "__main__":
    unittest.main()


class OtherDepartmentsTest(unittest.TestCase):
    def test_an_export_variant_is_an_8_bit_film_of_500_to_800_pixels_and_repeats_per_seed(self):
        from export_variants import variant

        film = np.clip(np.random.default_rng(0).random((1024, 1024)).astype(np.float32) * 0.2 + np.linspace(0, 0.8, 1024)[None, :], 0, 1)
        sizes = set()
        for k in range(6):
            a = variant(film, np.random.default_rng([1, k, 0]), False)
            b = variant(film, np.random.default_rng([1, k, 0]), False)
            self.assertEqual(a.dtype, np.uint8)
            self.assertTrue(500 <= max(a.shape) <= 800, a.shape)
            np.testing.assert_array_equal(a, b)
            sizes.add(a.shape)
        self.assertGreater(len(sizes), 1)
        # Devices and leads only: the film's own size, brighter where they lie.
        wired = variant(film, np.random.default_rng(3), True)
        self.assertEqual(wired.shape, film.shape)
        self.assertGreater(int(wired.astype(int).sum()), int((film * 255).round().astype(int).sum()))

    def test_outside_films_keep_only_what_the_collection_states(self):
        from outside_films import case_json, view_of

        self.assertEqual([view_of(v) for v in ("PA", "AP erect", "AP supine", "L", "")], ["PA", "AP", "AP", "LL", ""])
        source = {"title": "Test collection"}
        self.assertEqual(case_json((10, 12), {"finding": "COVID-19"}, "a.png", source)["labels"], {"abnormal": 1})
        self.assertEqual(case_json((10, 12), {"finding": "No finding"}, "a.png", source)["labels"], {"abnormal": 0})
        self.assertEqual(case_json((10, 12), {"finding": ""}, "a.png", source)["labels"], {})
