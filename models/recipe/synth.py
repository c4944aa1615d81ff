"""Synthetic chest radiograph cases: image + findings + boxes + report, as DICOM + JSON.

A case is deterministic from its seed. Its content (anatomy, findings, report) comes
from one random stream and its pixels' texture and noise from another, so the same
case can be rendered at any resolution with the same ground truth.

Case folder format (also what real data must look like): see models/README.md.
"""
import json
import os
from dataclasses import dataclass

import numpy as np

from chest_radiograph import Anatomy, lung_masks, render_chest_radiograph
from findings import sample_findings
from lung_geometry import LungGeometry
from reports import write_indication, write_report

SPACINGS = [0.15, 0.2, 0.25, 0.3]


@dataclass
class Case:
    seed: int
    film_h: float
    film_w: float
    spacing: float
    monochrome1: bool
    anatomy: Anatomy
    findings: list
    report: dict
    indication: str

    def shape(self, spacing=None):
        s = spacing or self.spacing
        return int(round(self.film_h / s)), int(round(self.film_w / s))

    def render(self, spacing=None):
        """Image in 0..1 (bright = attenuating), at the case's spacing or another one."""
        s = spacing or self.spacing
        rows, cols = self.shape(s)
        rng = np.random.default_rng([self.seed, 1])
        image, _ = render_chest_radiograph(rows, cols, s, rng, anatomy=self.anatomy, findings=self.findings)
        return image


def make_case(seed, forced=None, spacing=None):
    rng = np.random.default_rng([seed, 0])
    film_h = float(rng.uniform(400, 440))
    film_w = float(rng.uniform(340, 430))
    spacing = float(spacing or rng.choice(SPACINGS))
    anatomy = Anatomy.sample(rng, film_h, film_w)
    geometry = LungGeometry(anatomy, film_h, film_w, lung_masks)
    findings = sample_findings(rng, anatomy, geometry, forced=forced)
    report = write_report(findings, rng)
    indication = write_indication(findings, rng)
    monochrome1 = bool(rng.random() < 0.3)
    return Case(seed, film_h, film_w, spacing, monochrome1, anatomy, findings, report, indication)


def findings_json(findings, spacing, rows, cols):
    """Findings as the case JSON lists them, boxes from detector mm to pixels of an image at `spacing`
    (rows x cols), kept inside it."""
    def px(box):
        x0, y0, x1, y1 = box
        return [round(max(0.0, x0 / spacing), 1), round(max(0.0, y0 / spacing), 1),
                round(min(cols - 1.0, x1 / spacing), 1), round(min(rows - 1.0, y1 / spacing), 1)]

    return [
        {"type": f.type, "laterality": f.laterality, "zone": f.zone, "size_mm": f.size_mm, "size_meaning": f.size_meaning,
         "boxes": [px(b) for b in f.boxes_mm], "measurements": f.measurements}
        for f in findings
    ]


def report_json(report):
    """A written report (reports.write_report) as the case JSON holds it."""
    return {
        "sentences": [{"text": text, "finding": k} for text, k in report["sentences"]],
        "impression": report["impression"],
        "text": report["text"],
    }


def ground_truth(case, spacing=None):
    """The JSON ground truth, boxes in pixel coordinates of the image at `spacing`."""
    s = spacing or case.spacing
    rows, cols = case.shape(s)
    return {
        "format": "lucent-cxr-case/1",
        "seed": case.seed,
        "rows": rows,
        "columns": cols,
        "pixel_spacing_mm": [s, s],
        "indication": case.indication,
        "findings": findings_json(case.findings, s, rows, cols),
        "report": report_json(case.report),
    }


def write_case(case, out_dir, name, spacing=None, patient=None, uid=None):
    """Write NAME.dcm and NAME.json into out_dir."""
    from dicom_io import write_radiograph

    s = spacing or case.spacing
    image = case.render(s)
    os.makedirs(out_dir, exist_ok=True)
    write_radiograph(
        os.path.join(out_dir, f"{name}.dcm"),
        image,
        spacing=s,
        monochrome1=case.monochrome1,
        modality="DX" if case.seed % 2 == 0 else "CR",
        reason=case.indication,
        patient=patient or {"name": f"SYNTHETIC^CASE {case.seed}", "id": f"SYN-{case.seed}"},
        uid_key=uid or f"case-{case.seed}",
    )
    with open(os.path.join(out_dir, f"{name}.json"), "w") as f:
        json.dump(ground_truth(case, s), f, indent=1)
    return image
