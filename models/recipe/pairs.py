"""Follow-up pairs: a prior and a current frontal chest film of the same patient, and what changed.

A pair is deterministic from its seed. The current study keeps the prior's anatomy (same patient);
each finding of the prior either stays identical (`unchanged`: same size, same place in the
anatomy), is removed, gets a new size or (devices) moves, and new findings may be added. The
current film is taken differently: its content is shifted and magnified on the detector, exposed
differently and perhaps written at another pixel spacing; its boxes are where things are in the
current image.

Files (see models/README.md, "Follow-up pairs"): NAME-prior.dcm/.json and NAME-current.dcm/.json
are ordinary case files (synth.write_case), NAME.pair.json (`lucent-cxr-pair/1`) lists the changes,
each with the index of its finding in the prior's and the current's `findings` (or null).

The change rules, the plan and the re-made findings are in pair_changes.py; how the current film is
taken and rendered in pair_film.py; this module puts a pair together and writes it.
"""
import copy
import datetime
import json
import os
from dataclasses import dataclass, replace

import numpy as np

from chest_radiograph import Anatomy, lung_masks
from findings import DEVICE_TYPES, FINDING_TYPES, make_cardiomegaly
from lung_geometry import LungGeometry
from pair_changes import change_name, make_finding, moved_device, normalise_entry, resized_finding, sample_plan, sample_sizes
from pair_film import SAME_SPACING_RATE, FollowUpCase, current_box, sample_film_change
from reports import write_indication, write_report
from synth import SPACINGS, Case, write_case

PAIR_FORMAT = "lucent-cxr-pair/1"
# Held-out pairs (evaluation) use seeds from here; cases use 0.. (training) and 10,000,000.. (evaluation).
PAIR_EVAL_FIRST_SEED = 20_000_000

# Dates: the current study is CURRENT_DATE minus (seed mod 28) days, the prior interval_days before it.
CURRENT_DATE = datetime.date(2026, 11, 16)
INTERVAL_DAYS_WITH_DEVICES = (1, 7)  # intubated / lined patients are filmed often
INTERVAL_DAYS = (14, 365)


@dataclass
class Pair:
    seed: int
    prior: Case
    current: FollowUpCase
    changes: list  # [{type, laterality, change, prior, current, size_mm, [moved_mm]}]
    interval_days: int
    current_date: datetime.date

    @property
    def prior_date(self):
        return self.current_date - datetime.timedelta(days=self.interval_days)


def make_pair(seed, plan=None, spacing=None):
    """A prior/current pair from its seed. `plan` forces the findings: [(type, change[, laterality])]
    or dicts with those keys and optionally size_mm: (prior, current) for increased/decreased
    (change: new/placed, resolved/removed, increased, decreased, moved, unchanged). `spacing` sets
    both studies' pixel spacing."""
    rng = np.random.default_rng([seed, 20])
    film_h = float(rng.uniform(400, 440))
    film_w = float(rng.uniform(340, 430))
    s_prior = float(rng.choice(SPACINGS))
    s_current = s_prior if rng.random() < SAME_SPACING_RATE else float(rng.choice(SPACINGS))
    if spacing:
        s_prior = s_current = float(spacing)
    anatomy = Anatomy.sample(rng, film_h, film_w)
    geometry = LungGeometry(anatomy, film_h, film_w, lung_masks)
    plan = sample_plan(rng) if plan is None else [normalise_entry(p) for p in plan]
    plan = sorted(plan, key=lambda p: FINDING_TYPES.index(p["type"]))
    prior_anatomy, current_anatomy = replace(anatomy), replace(anatomy)
    entries = []  # (type, generic change, prior finding, current finding, moved_mm)
    for item in plan:
        kind, change = item["type"], item["change"]
        if kind == "cardiomegaly":
            enlarged = replace(anatomy)
            f = make_cardiomegaly(rng, enlarged, geometry)
            heart = dict(heart_half_width=enlarged.heart_half_width, heart_centre_x=enlarged.heart_centre_x)
            if change != "new":
                prior_anatomy = replace(prior_anatomy, **heart)
            if change != "resolved":
                current_anatomy = replace(current_anatomy, **heart)
        else:
            # A pacemaker's lead runs to the heart of the study it is first seen on.
            f = make_finding(rng, kind, current_anatomy if change == "new" else prior_anatomy, geometry, item.get("laterality"))
        if f is None:
            continue
        before, after, moved = f, copy.deepcopy(f), None
        if change == "increased" or change == "decreased":
            small, big = sample_sizes(rng, kind)
            if item.get("size_mm"):
                small, big = sorted(item["size_mm"])
            before, after = ((resized_finding(f, small, geometry), resized_finding(f, big, geometry)) if change == "increased"
                             else (resized_finding(f, big, geometry), resized_finding(f, small, geometry)))
        elif change == "moved":
            after, moved = moved_device(rng, f, anatomy, geometry)
        entries.append((kind, change, None if change == "new" else before, None if change == "resolved" else after, moved))

    prior_findings = [e[2] for e in entries if e[2] is not None]
    current_findings = [e[3] for e in entries if e[3] is not None]
    film = sample_film_change(rng, film_w, film_h)
    for f in current_findings:  # boxes where the finding is on the current film
        f.boxes_mm = [current_box(f, b, film, anatomy) for b in f.boxes_mm]
    monochrome1 = bool(rng.random() < 0.3)
    prior = Case(seed, film_h, film_w, s_prior, monochrome1, prior_anatomy, prior_findings,
                 write_report(prior_findings, rng), write_indication(prior_findings, rng))
    current = FollowUpCase(seed, film_h, film_w, s_current, monochrome1, current_anatomy, current_findings,
                           write_report(current_findings, rng), write_indication(current_findings, rng), prior_spacing=s_prior, film=film)
    devices = any(f.type in DEVICE_TYPES for f in prior_findings + current_findings)
    interval = int(rng.integers(*INTERVAL_DAYS_WITH_DEVICES, endpoint=True) if devices else rng.integers(*INTERVAL_DAYS, endpoint=True))

    changes = []
    for kind, change, before, after, moved in entries:
        f = after or before
        entry = {
            "type": kind,
            "laterality": f.laterality,
            "change": change_name(kind, change),
            "prior": next((k for k, g in enumerate(prior_findings) if g is before), None),
            "current": next((k for k, g in enumerate(current_findings) if g is after), None),
            "size_mm": [before.size_mm if before else None, after.size_mm if after else None],
        }
        if moved is not None:
            entry["moved_mm"] = round(float(moved), 1)
        changes.append(entry)
    current_date = CURRENT_DATE - datetime.timedelta(days=seed % 28)
    return Pair(seed, prior, current, changes, interval, current_date)


def pair_json(pair, prior_name, current_name, prior_spacing=None, current_spacing=None):
    """The NAME.pair.json content. `current_from_prior`: pixel (x, y) of the prior image -> the current
    image's, x' = scale x + offset_px[0], y' = scale y + offset_px[1] (at the spacings written)."""
    sp, sc = prior_spacing or pair.prior.spacing, current_spacing or pair.current.spacing
    film = pair.current.film
    ox, oy = film.point(0.0, 0.0)
    return {
        "format": PAIR_FORMAT,
        "seed": pair.seed,
        "prior": prior_name,
        "current": current_name,
        "interval_days": pair.interval_days,
        "changes": pair.changes,
        "current_from_prior": {"scale": round(film.magnification * sp / sc, 6), "offset_px": [round(ox / sc, 3), round(oy / sc, 3)]},
    }


def write_pair(pair, out_dir, prior_name, current_name, pair_name, spacing_factor=1.0, patient=None, accessions=None, uid_keys=None):
    """NAME.dcm + NAME.json for each study (synth.write_case) and PAIR_NAME.pair.json."""
    sp, sc = pair.prior.spacing * spacing_factor, pair.current.spacing * spacing_factor
    who = patient or {"name": f"SYNTHETIC^PAIR {pair.seed}", "id": f"SYN-PAIR-{pair.seed}"}
    accessions = accessions or (f"P{pair.seed}A", f"P{pair.seed}B")
    uid_keys = uid_keys or (f"pair-{pair.seed}-prior", f"pair-{pair.seed}-current")
    for case, name, date, accession, key, s in (
        (pair.prior, prior_name, pair.prior_date, accessions[0], uid_keys[0], sp),
        (pair.current, current_name, pair.current_date, accessions[1], uid_keys[1], sc),
    ):
        write_case(case, out_dir, name, spacing=s, patient={**who, "study_date": date.strftime("%Y%m%d"), "accession": accession}, uid=key)
    with open(os.path.join(out_dir, f"{pair_name}.pair.json"), "w") as f:
        json.dump(pair_json(pair, prior_name, current_name, sp, sc), f, indent=1)
