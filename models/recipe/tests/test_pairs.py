"""Follow-up pairs (pairs.py, pair_changes.py, pair_film.py): every finding in one change entry, the
change rules, boxes on the re-taken film, and the two DICOM studies of one patient (run by `npm test`
with Debian's python3)."""
import datetime
import json
import os
import subprocess
import sys
import tempfile
import unittest
from dataclasses import replace

import numpy as np
import pydicom
from scipy.ndimage import affine_transform, gaussian_filter

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from findings import DEVICE_TYPES  # noqa: E402
from pairs import PAIR_FORMAT, make_pair, pair_json, write_pair  # noqa: E402

SEEDS = range(20_000_000, 20_000_080)
# The rules as models/README.md states them, written out again rather than imported.
MIN_CHANGE = {"nodule": 5, "mass": 5, "pleural_effusion": 15, "pneumothorax": 15, "consolidation": 15, "atelectasis": 15}
SAMPLE_PLAN = [dict(type="pleural_effusion", change="increased", laterality="left", size_mm=(30.0, 62.0)),
               ("nodule", "unchanged"), ("pneumothorax", "new", "right"), ("endotracheal_tube", "moved")]


def written(tmp, seed, plan=None, factor=8.0):
    """Write a pair at a coarse spacing (the case's own times factor); return its three JSON files."""
    pair = make_pair(seed, plan=plan)
    write_pair(pair, tmp, "P-prior", "P-current", "P", spacing_factor=factor)
    def read(name):
        with open(os.path.join(tmp, name)) as f:
            return json.load(f)

    return pair, read("P.pair.json"), read("P-prior.json"), read("P-current.json")


class PairPlanTest(unittest.TestCase):
    def test_every_finding_is_in_exactly_one_change(self):
        for seed in SEEDS:
            pair = make_pair(seed)
            prior = [e["prior"] for e in pair.changes if e["prior"] is not None]
            current = [e["current"] for e in pair.changes if e["current"] is not None]
            self.assertEqual(sorted(prior), list(range(len(pair.prior.findings))), seed)
            self.assertEqual(sorted(current), list(range(len(pair.current.findings))), seed)
            for e in pair.changes:
                for which, case in (("prior", pair.prior), ("current", pair.current)):
                    if e[which] is not None:
                        self.assertEqual(case.findings[e[which]].type, e["type"])
                        self.assertEqual(case.findings[e[which]].size_mm, e["size_mm"][0 if which == "prior" else 1])

    def test_change_words_and_which_study_has_the_finding(self):
        present = {"new": (False, True), "placed": (False, True), "resolved": (True, False), "removed": (True, False)}
        for seed in SEEDS:
            for e in make_pair(seed).changes:
                words = ({"placed", "removed", "moved", "unchanged"} if e["type"] in DEVICE_TYPES
                         else {"new", "resolved", "increased", "decreased", "unchanged"})
                self.assertIn(e["change"], words, e)
                if e["type"] == "cardiomegaly":
                    self.assertIn(e["change"], {"new", "resolved", "unchanged"})
                if e["change"] == "moved":
                    self.assertIn(e["type"], {"endotracheal_tube", "central_line"})
                self.assertEqual((e["prior"] is not None, e["current"] is not None), present.get(e["change"], (True, True)), e)

    def test_unchanged_findings_are_identical(self):
        seen = 0
        for seed in SEEDS:
            pair = make_pair(seed)
            for e in pair.changes:
                if e["change"] == "unchanged":
                    a, b = pair.prior.findings[e["prior"]], pair.current.findings[e["current"]]
                    self.assertEqual(a.size_mm, b.size_mm)
                    self.assertEqual((a.laterality, a.zone, a.measurements), (b.laterality, b.zone, b.measurements))
                    self.assertEqual(json.dumps(a.params), json.dumps(b.params))  # the same place in the anatomy
                    seen += 1
        self.assertGreater(seen, 20)

    def test_size_changes_are_clear(self):
        seen = set()
        for seed in SEEDS:
            for e in make_pair(seed).changes:
                before, after = e["size_mm"]
                if e["type"] == "nodule":
                    self.assertLess(max(v for v in (before, after) if v is not None), 30)
                if e["type"] == "mass":
                    self.assertGreaterEqual(min(v for v in (before, after) if v is not None), 30)
                if e["change"] in ("increased", "decreased"):
                    self.assertEqual(after > before, e["change"] == "increased", e)
                    lo, hi = sorted((before, after))
                    self.assertGreaterEqual(hi / lo, 1.5, e)
                    self.assertGreaterEqual(hi - lo, MIN_CHANGE[e["type"]], e)
                    seen.add(e["change"])
        self.assertEqual(seen, {"increased", "decreased"})

    def test_moved_devices_move_their_tip_and_remeasure(self):
        moved = 0
        for seed in SEEDS:
            pair = make_pair(seed)
            for e in pair.changes:
                if e["change"] != "moved":
                    continue
                a, b = pair.prior.findings[e["prior"]], pair.current.findings[e["current"]]
                if e["type"] == "endotracheal_tube":
                    tip = abs(a.params["tip"] - b.params["tip"])
                    self.assertEqual(b.measurements["tip_to_carina_mm"], b.size_mm)
                    self.assertAlmostEqual(abs(a.measurements["tip_to_carina_mm"] - b.measurements["tip_to_carina_mm"]), tip, delta=0.11)
                else:
                    tip = float(np.hypot(*(np.array(a.params["points"][-1]) - b.params["points"][-1])))
                self.assertGreaterEqual(tip, 20)
                self.assertAlmostEqual(e["moved_mm"], tip, delta=0.051)
                moved += 1
        self.assertGreater(moved, 0)

    def test_deterministic_and_forced(self):
        a, b = make_pair(20_000_123), make_pair(20_000_123)
        self.assertEqual(json.dumps(pair_json(a, "p", "c")), json.dumps(pair_json(b, "p", "c")))
        pair = make_pair(1_000_020, plan=SAMPLE_PLAN, spacing=0.25)
        got = [(e["type"], e["laterality"], e["change"]) for e in pair.changes]
        self.assertEqual(got, [("nodule", "left", "unchanged"), ("pleural_effusion", "left", "increased"),
                               ("pneumothorax", "right", "new"), ("endotracheal_tube", "none", "moved")])
        self.assertEqual(pair.changes[1]["size_mm"], [30.0, 62.0])
        with self.assertRaises(ValueError):
            make_pair(1, plan=[("cardiomegaly", "increased")])
        with self.assertRaises(ValueError):
            make_pair(1, plan=[dict(type="nodule", change="increased", size_mm=(10.0, 12.0))])


class PairFilesTest(unittest.TestCase):
    def test_current_boxes_are_the_prior_boxes_on_the_new_film(self):
        with tempfile.TemporaryDirectory() as tmp:
            checked = 0
            for seed in (20_000_001, 20_000_010, 20_000_011):
                pair, pj, prior, current = written(tmp, seed)
                self.assertEqual(pj["format"], PAIR_FORMAT)
                sp, sc = prior["pixel_spacing_mm"][0], current["pixel_spacing_mm"][0]
                film = pair.current.film
                k = film.magnification * sp / sc
                cx, cy = pair.prior.film_w / 2, pair.prior.film_h / 2
                ox = (cx - film.magnification * cx + film.shift_mm[0]) / sc
                oy = (cy - film.magnification * cy + film.shift_mm[1]) / sc
                self.assertAlmostEqual(pj["current_from_prior"]["scale"], k, places=5)
                np.testing.assert_allclose(pj["current_from_prior"]["offset_px"], [ox, oy], atol=1e-3)
                for e in pj["changes"]:
                    if e["change"] != "unchanged":
                        continue
                    for a, b in zip(prior["findings"][e["prior"]]["boxes"], current["findings"][e["current"]]["boxes"]):
                        want = [k * a[0] + ox, k * a[1] + oy, k * a[2] + ox, k * a[3] + oy]
                        limits = [current["columns"] - 1, current["rows"] - 1]
                        for i, (w, g) in enumerate(zip(want, b)):
                            if a[i] <= 0 or a[i] >= [prior["columns"] - 1, prior["rows"] - 1][i % 2]:
                                continue  # an edge on the prior film's border: the object runs on past it
                            self.assertAlmostEqual(min(max(w, 0), limits[i % 2]), g, delta=1.0, msg=(seed, e["type"]))
                            checked += 1
                # Resized and moved findings stay where they were in the anatomy: a round opacity's centre.
                for e in pj["changes"]:
                    if e["type"] in ("nodule", "mass", "consolidation") and e["prior"] is not None and e["current"] is not None:
                        a, b = prior["findings"][e["prior"]]["boxes"][0], current["findings"][e["current"]]["boxes"][0]
                        self.assertAlmostEqual(k * (a[0] + a[2]) / 2 + ox, (b[0] + b[2]) / 2, delta=1.0)
            self.assertGreater(checked, 8)

    def test_current_film_is_the_prior_content_moved_as_stated(self):
        pair = make_pair(20_000_010)  # an unchanged consolidation and a moved central line
        pair.current.film = replace(pair.current.film, gamma=1.0, contrast=1.0)
        sp, sc = pair.prior.spacing * 8, pair.current.spacing * 8
        a, b = pair.prior.render(sp), pair.current.render(sc)
        t = pair_json(pair, "p", "c", sp, sc)["current_from_prior"]
        k, (ox, oy) = t["scale"], t["offset_px"]

        def error(dy, dx):  # the prior warped onto the current film, off by (dy, dx) pixels
            warped = affine_transform(a, np.diag([1 / k, 1 / k]), offset=[(dy - oy) / k, (dx - ox) / k], output_shape=b.shape,
                                      order=1, mode="nearest")
            d = (gaussian_filter(warped, 1) - gaussian_filter(b, 1))[20:-20, 20:-20]
            return float(np.abs(d - d.mean()).mean())

        best = error(0, 0)
        for off in ((-0.7, 0), (0.7, 0), (0, -0.7), (0, 0.7)):
            self.assertLess(best, error(*off), off)

    def test_two_studies_of_one_patient(self):
        with tempfile.TemporaryDirectory() as tmp:
            pair, pj, prior, current = written(tmp, 20_000_003)
            self.assertEqual((pj["prior"], pj["current"]), ("P-prior", "P-current"))
            a, b = (pydicom.dcmread(os.path.join(tmp, f"P-{w}.dcm")) for w in ("prior", "current"))
            self.assertEqual((a.PatientName, a.PatientID), (b.PatientName, b.PatientID))
            self.assertEqual(a.PatientID, "SYN-PAIR-20000003")
            for tag in ("StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "AccessionNumber"):
                self.assertNotEqual(getattr(a, tag), getattr(b, tag), tag)
            day = lambda ds: datetime.datetime.strptime(ds.StudyDate, "%Y%m%d").date()  # noqa: E731
            self.assertEqual((day(b) - day(a)).days, pj["interval_days"])
            self.assertGreater(pj["interval_days"], 0)
            self.assertEqual((b.Rows, b.Columns), (current["rows"], current["columns"]))
            self.assertEqual(float(b.PixelSpacing[0]), current["pixel_spacing_mm"][0])
            for name in ("P-prior.dcm", "P-current.dcm"):
                out = subprocess.run(["dciodvfy", os.path.join(tmp, name)], capture_output=True, text=True)
                self.assertEqual([x for x in (out.stdout + out.stderr).splitlines() if x.startswith("Error")], [])
            # The same seed writes the same UIDs again.
            write_pair(make_pair(20_000_003), tmp, "Q-prior", "Q-current", "Q", spacing_factor=8.0)
            self.assertEqual(pydicom.dcmread(os.path.join(tmp, "Q-current.dcm")).StudyInstanceUID, b.StudyInstanceUID)


if __name__ == "__main__":
    unittest.main()
