"""Precision and recall of the summary reader's figures on the hand-labelled sample summaries.

    .venv/bin/python bench/extract_quality.py [--samples DIR] [--verbose]

A figure is correct when value, unit and subject match a hand label at the same place
(src/shuangyong/intake/tests/answers/README.md says how subjects are compared); "subject exact" is the share of
the correct ones whose subject is exactly the label's (the head of the noun phrase the figure counts).
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from shuangyong.intake.quality import SAMPLES_DIR, score_samples, total  # noqa: E402


def pct(value):
    return "   —  " if value is None else f"{value * 100:5.1f}%"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, default=SAMPLES_DIR)
    parser.add_argument("--verbose", action="store_true", help="list the misses and the wrong figures")
    args = parser.parse_args()
    scores = score_samples(args.samples)
    print(f"{'file':36} {'found':>5} {'labels':>6} {'right':>5} {'precision':>9} {'recall':>7} {'subject exact':>13}")
    for s in [*scores, total(scores)]:
        print(
            f"{s.name:36} {s.found:5} {s.labelled:6} {s.correct:5} {pct(s.precision):>9} {pct(s.recall):>7}"
            f" {pct(s.subject_accuracy):>13}"
        )
        if args.verbose:
            for miss in s.misses:
                print(f"    missed  {miss['text']} → {miss['value']} {miss['unit']} 「{miss['subject']}」")
            for wrong in s.wrong:
                print(f"    wrong   {wrong['value']} {wrong['unit']} 「{wrong['subject']}」 at {wrong['start']}")
            for found, label in s.loose or []:
                said, meant = found["subject"], label["subject"]
                print(f"    subject 「{said}」 where the label says 「{meant}」 ({label['text']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
