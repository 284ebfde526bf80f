"""The review screen's text: the original split into plain runs and highlighted figure spans (by offset)."""

from dataclasses import dataclass

from shuangyong.intake.models import ExtractedItem, ItemKind


@dataclass
class Run:
    text: str
    item: ExtractedItem | None = None


def highlighted_runs(text: str, items) -> list[Run]:
    figures = sorted((i for i in items if i.kind == ItemKind.FIGURE), key=lambda i: i.start)
    runs, pos = [], 0
    for item in figures:
        if item.start < pos or item.end > len(text):
            continue  # overlapping or stale spans are listed, not highlighted
        if item.start > pos:
            runs.append(Run(text[pos : item.start]))
        runs.append(Run(text[item.start : item.end], item))
        pos = item.end
    if pos < len(text):
        runs.append(Run(text[pos:]))
    return runs
