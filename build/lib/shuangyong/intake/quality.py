"""Precision and recall of the reader's figures against hand labels (tests/answers/*.json), and how many of the
figures found right have exactly the labelled subject (the head of the noun phrase the figure counts)."""

import json
from dataclasses import dataclass
from pathlib import Path

from shuangyong.intake.reading.extract import extract_text
from shuangyong.intake.reading.loaders import read_path

ANSWERS_DIR = Path(__file__).resolve().parent / "tests" / "answers"
SAMPLES_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "samples" / "summaries"
_DROP = str.maketrans("", "", '“”"‘’《》 \t')


def subjects_match(found: str, label: str) -> bool:
    found, label = found.translate(_DROP), label.translate(_DROP)
    if not found or not label:
        return found == label
    shorter, longer = sorted((found, label), key=len)
    return shorter == longer or len(shorter) >= 2 and shorter in longer


def subjects_equal(found: str, label: str) -> bool:
    return found.translate(_DROP) == label.translate(_DROP)


def figure_matches(found: dict, label: dict) -> bool:
    return (
        found["start"] <= label["start"] < found["end"]
        and float(found["value"]) == float(label["value"])
        and found["unit"] == label["unit"]
        and subjects_match(found["subject"], label["subject"])
    )


@dataclass
class Score:
    name: str
    found: int
    labelled: int
    correct: int
    misses: list
    wrong: list
    exact: int = 0  # of the correct ones, those whose subject is exactly the label's
    loose: list | None = None  # (found, label) of the correct ones whose subject is not exactly the label's

    @property
    def precision(self) -> float | None:
        return self.correct / self.found if self.found else None

    @property
    def recall(self) -> float | None:
        return self.correct / self.labelled if self.labelled else None

    @property
    def subject_accuracy(self) -> float | None:
        return self.exact / self.correct if self.correct else None


def score(name: str, figures: list[dict], labels: list[dict]) -> Score:
    unmatched = list(labels)
    wrong, loose = [], []
    for figure in figures:
        hit = next((label for label in unmatched if figure_matches(figure, label)), None)
        if hit is None:
            wrong.append(figure)
        else:
            unmatched.remove(hit)
            if not subjects_equal(figure["subject"], hit["subject"]):
                loose.append((figure, hit))
    correct = len(labels) - len(unmatched)
    return Score(name, len(figures), len(labels), correct, unmatched, wrong, correct - len(loose), loose)


def score_samples(samples_dir: Path = SAMPLES_DIR) -> list[Score]:
    scores = []
    for answer in sorted(ANSWERS_DIR.glob("*.json")):
        labels = json.loads(answer.read_text(encoding="utf-8"))
        # the shared samples, or a sample kept beside its labels (phrases met in other offices' summaries)
        path = samples_dir / labels["file"]
        if not path.exists():
            path = answer.parent / labels["file"]
        figures = extract_text(read_path(path)).figures
        scores.append(score(answer.stem, figures, labels["figures"]))
    return scores


def total(scores: list[Score]) -> Score:
    return Score(
        "合计",
        sum(s.found for s in scores),
        sum(s.labelled for s in scores),
        sum(s.correct for s in scores),
        [m for s in scores for m in s.misses],
        [w for s in scores for w in s.wrong],
        sum(s.exact for s in scores),
        [pair for s in scores for pair in s.loose or []],
    )
