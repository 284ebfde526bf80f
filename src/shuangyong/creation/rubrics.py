"""The shipped 考评标准: the 8 national 基本标准 (domain.md §6) with the items of 组织领导坚强有力 and the first of
宣传教育广泛深入; the other sections are a skeleton that staff complete (data/national_*.csv). Loaded once: a
rubric that exists is never changed by a later load (staff may have completed it)."""

from decimal import Decimal
from pathlib import Path

from shuangyong.codetables import read_rows

DATA = Path(__file__).resolve().parent / "data"
NATIONAL = "national-basic"


def load_national(rubric_model=None, section_model=None, item_model=None, rule_model=None) -> bool:
    """Create the national rubric unless it exists. Returns whether it was created."""
    if rubric_model is None:
        from shuangyong.creation.models import ItemRule as rule_model
        from shuangyong.creation.models import Rubric as rubric_model
        from shuangyong.creation.models import RubricItem as item_model
        from shuangyong.creation.models import RubricSection as section_model
    if rubric_model.objects.filter(code=NATIONAL).exists():
        return False
    rubric = rubric_model.objects.create(
        code=NATIONAL,
        title="全国双拥模范城（县）考评标准",
        level="national",
        every_years=4,
        version="基本标准（随系统提供，未完成部分待补充）",
        source="双拥模范城（县）考评的八项基本标准",
    )
    sections = {}
    for row in read_rows(DATA / "national_sections.csv", flags=("skeleton",), numbers=("number",)):
        sections[row["number"]] = section_model.objects.create(
            rubric=rubric, number=row["number"], title=row["title"], points=Decimal(row["points"]),
            skeleton=row["skeleton"],
        )  # fmt: skip
    for row in read_rows(DATA / "national_items.csv", numbers=("section", "number")):
        item = item_model.objects.create(
            section=sections[row["section"]], number=row["number"], text=row["text"], points=Decimal(row["points"]),
            criteria=row["criteria"], evidence_kinds=row["evidence_kinds"], scoring=row["scoring"],
            step=Decimal(row["step"]),
        )  # fmt: skip
        for rule in filter(None, row["rules"].split(";")):
            figure, levels = rule.split("=")
            rule_model.objects.create(item=item, figure=figure, levels=levels.replace(",", " "))
    return True
