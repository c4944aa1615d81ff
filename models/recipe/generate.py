"""Generate synthetic chest radiograph cases.

  generate.py cases --out DIR --first SEED --count N [--spacing MM]
      DICOM + JSON per case (the case folder format; evaluation and real-data training read it)
  generate.py shards --out DIR --first SEED --count N --size PX [--per-shard K] [--workers W]
      training records rendered straight at model resolution, in pickled shards
  generate.py pairs --out DIR --first SEED --count N [--spacing-factor F] [--workers W]
      follow-up pairs (pairs.py): PAIR{seed}-prior.dcm/.json, PAIR{seed}-current.dcm/.json and
      PAIR{seed}.pair.json (format lucent-cxr-pair/1: what changed between the two studies)

Seeds identify cases: training uses seeds from 0, the held-out evaluation set seeds from
10_000_000, so the two never overlap; held-out pairs use seeds from 20_000_000.
"""
import argparse
import os
import time
from multiprocessing import Pool

EVAL_FIRST_SEED = 10_000_000


def _shard(job):
    from data import write_shard

    path, seeds, size = job
    if not os.path.exists(path):
        write_shard(path, seeds, size)
    return path


def _case(job):
    from synth import make_case, write_case

    out, seed, factor = job
    name = f"case-{seed}"
    if not os.path.exists(os.path.join(out, name + ".json")):
        case = make_case(seed)
        write_case(case, out, name, spacing=case.spacing * factor)
    return seed


def _pair(job):
    from pairs import make_pair, write_pair

    out, seed, factor = job
    name = f"PAIR{seed}"
    if not os.path.exists(os.path.join(out, name + ".pair.json")):
        write_pair(make_pair(seed), out, f"{name}-prior", f"{name}-current", name, spacing_factor=factor)
    return seed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=["cases", "shards", "pairs"])
    ap.add_argument("--out", required=True)
    ap.add_argument("--first", type=int, default=0)
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--size", type=int, default=160)
    ap.add_argument("--spacing-factor", type=float, default=1.0,
                    help="write DICOM at the case's own pixel spacing times this (coarser = smaller files)")
    ap.add_argument("--per-shard", type=int, default=500)
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    t0 = time.time()
    if args.what == "shards":
        jobs = []
        for start in range(args.first, args.first + args.count, args.per_shard):
            seeds = list(range(start, min(start + args.per_shard, args.first + args.count)))
            jobs.append((os.path.join(args.out, f"shard-{start:09d}.pkl"), seeds, args.size))
        work, label = _shard, "shard"
    else:
        jobs = [(args.out, s, args.spacing_factor) for s in range(args.first, args.first + args.count)]
        work, label = (_case, "case") if args.what == "cases" else (_pair, "pair")
    with Pool(args.workers) as pool:
        for k, _ in enumerate(pool.imap_unordered(work, jobs), 1):
            if k % max(1, len(jobs) // 20) == 0 or k == len(jobs):
                print(f"{k}/{len(jobs)} {label}s, {time.time() - t0:.0f} s", flush=True)


if __name__ == "__main__":
    main()
