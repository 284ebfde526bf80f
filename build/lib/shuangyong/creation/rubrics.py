"""The shipped 考评标准: the 8 national 基本标准 (domain.md §6) with the items of 组织领导坚强有力 and the first of
宣传教育广泛深入 (item 3 split into its three sub-items); the other sections are a skeleton that staff complete
(data/national_*.csv). Loaded once: a rubric that exists is never changed by a later load (staff may have completed
it), and an item already scored is not split."""

from decimal import Decimal
from pathlib import Path

from shuangyong.codetables import read_rows

DATA = Path(__file__).resolve().parent / "data"
NATIONAL = "national-basic"


def load_national(rubric_model=None, section_model=None, item_model=None, rule_model=None) -> bool:
    """Create the national rubric unless it exists. Returns whether it was created."""
    current = rubric_model is None  # the migration that first loads it passes its historical models
    if current:
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
    if current:  # with today's models the sub-items too (a later migration adds them to a loaded rubric)
        from shuangyong.creation.models import ItemScore

        load_national_subitems(item_model, ItemScore)
    return True


def load_national_subitems(item_model, score_model) -> int:
    """Split the shipped items that have sub-items (data/national_subitems.csv) unless they are split or scored
    already. Returns how many sub-items were added."""
    added = 0
    for row in read_rows(DATA / "national_subitems.csv", numbers=("parent", "number")):
        parent = item_model.objects.filter(section__rubric__code=NATIONAL, parent=None, number=row["parent"]).first()
        if parent is None or score_model.objects.filter(item=parent).exists():
            continue
        if item_model.objects.filter(parent=parent, number=row["number"]).exists():
            continue
        item_model.objects.create(
            section_id=parent.section_id, parent=parent, number=row["number"], text=row["text"],
            points=Decimal(row["points"]), criteria=row["criteria"], evidence_kinds=row["evidence_kinds"],
            scoring=row["scoring"], step=Decimal(row["step"]),
        )  # fmt: skip
        added += 1
    return added
