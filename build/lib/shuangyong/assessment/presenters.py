"""Rows for the targets pages: the target, its figure's label and unit, and the computed progress."""

from dataclasses import dataclass

from shuangyong.assessment.models import Target
from shuangyong.assessment.progress import Progress, progress_of
from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import CatalogueError, share


@dataclass(frozen=True)
class TargetRow:
    target: Target
    label: str
    unit: str
    progress: Progress

    @property
    def threshold_text(self) -> str:
        return format(self.target.threshold.normalize(), "f")


def rows(targets) -> list[TargetRow]:
    result = []
    for target in targets:
        try:
            figure = catalogue.get(target.measure)
            label, unit, progress = figure.label, figure.unit, progress_of(target)
        except CatalogueError:  # a figure withdrawn from the catalogue after the target was set
            label, unit, progress = f"（指标 {target.measure} 已不存在）", "", Progress(None, None, None)
        result.append(TargetRow(target, label, unit, progress))
    return result


def summary(target_rows: list[TargetRow]) -> dict:
    met = sum(1 for row in target_rows if row.progress.met)
    return {"set": len(target_rows), "met": met, "rate": share(met, len(target_rows))}
