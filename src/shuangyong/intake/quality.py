"""Precision and recall of the reader's figures against hand labels (tests/answers/*.json)."""

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

    @property
    def precision(self) -> float | None:
        return self.correct / self.found if self.found else None

    @property
    def recall(self) -> float | None:
        return self.correct / self.labelled if self.labelled else None


def score(name: str, figures: list[dict], labels: list[dict]) -> Score:
    unmatched = list(labels)
    wrong = []
    for figure in figures:
        hit = next((label for label in unmatched if figure_matches(figure, label)), None)
        if hit is None:
            wrong.append(figure)
        else:
            unmatched.remove(hit)
    return Score(name, len(figures), len(labels), len(labels) - len(unmatched), unmatched, wrong)


def score_samples(samples_dir: Path = SAMPLES_DIR) -> list[Score]:
    scores = []
    for answer in sorted(ANSWERS_DIR.glob("*.json")):
        labels = json.loads(answer.read_text(encoding="utf-8"))
        figures = extract_text(read_path(samples_dir / labels["file"])).figures
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
    )
