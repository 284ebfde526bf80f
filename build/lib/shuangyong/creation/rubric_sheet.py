"""A 考评标准 as offices receive it (考评细则, a table), in and out: one row per item — 考评项目 with its points in
brackets ("组织领导坚强有力（6分）"), 序号 ("3", or "3.1" for a sub-item of item 3, listed after it; an item's
points become its sub-items' sum), 考评内容, 分值, 评分标准, 台账资料, 评分方式 (自动/人工), 统计指标
("leadership.meetings.group=1:0.5;..." for an automatic item). The import updates the chosen rubric in place: an
item is keyed by its 序号 (an assessment already scored keeps its rows), new sections and items are added, those
the sheet leaves out stay (a warning each); a section given its items is no longer a skeleton. Any problem writes
nothing."""

import re
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from shuangyong.accounts.scope import ensure_can_write
from shuangyong.creation.models import (
    ItemRule,
    Rubric,
    RubricItem,
    RubricSection,
    Scoring,
    SelfAssessment,
    item_code,
    rubric_order,
)
from shuangyong.creation.services import CreationError, parse_levels
from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import CatalogueError
from shuangyong.sheets.cells import CellError, choice
from shuangyong.sheets.checked import check_rows
from shuangyong.sheets.headers import HeaderTable, read_synonyms
from shuangyong.sheets.problems import ImportCounts, Problem
from shuangyong.sheets.rows import SheetRow
from shuangyong.sheets.writing import write_rows
from shuangyong.xlsx import new_workbook

HEADERS_CSV = Path(__file__).resolve().parent / "data" / "rubric_headers.csv"
REQUIRED = ("section", "number", "text", "points")
TEMPLATE = (*REQUIRED, "criteria", "evidence", "scoring", "rules")
SECTION = re.compile(r"^(?P<title>.+?)[（(](?P<points>\d+(?:\.\d+)?)分[）)]$")
SCORINGS = {"自动": Scoring.AUTOMATIC, "自动评分": Scoring.AUTOMATIC, "人工": Scoring.JUDGEMENT,
            "人工评分": Scoring.JUDGEMENT, **{label: value for value, label in Scoring.choices}}  # fmt: skip


@cache
def header_table() -> HeaderTable:
    return read_synonyms(HEADERS_CSV)


def _section(value) -> tuple[str, Decimal | None]:
    text = "".join(str(value).split())
    match = SECTION.match(text)
    return (match["title"], Decimal(match["points"])) if match else (text, None)


def _points(value) -> Decimal:
    try:
        points = Decimal(str(value).strip().removesuffix("分"))
    except InvalidOperation:
        raise CellError(f"分值“{value}”不是数字") from None
    if points < 0:
        raise CellError("分值不能为负数")
    return points


def _rules(value) -> list[tuple[str, str]]:
    found = []
    for part in filter(None, (p.strip() for p in str(value).split(";"))):
        figure, _, levels = part.partition("=")
        try:
            catalogue.get(figure.strip())
            parse_levels(levels)
        except (CatalogueError, CreationError) as exc:
            raise CellError(str(exc)) from None
        found.append((figure.strip(), levels.strip()))
    return found


def _code(value) -> tuple[int | None, int]:
    """序号 "3" → (None, 3); "3.1" → (3, 1), a sub-item of item 3."""
    text = str(value).strip()
    whole, _, part = text.partition(".")
    try:
        if part.strip("0"):
            return int(whole), int(part)
        return None, int(whole)
    except ValueError:
        raise CellError(f"序号“{text}”应为数字，子项写作 3.1") from None


def _parse(row: SheetRow) -> dict:
    fields = {
        "section": row.get("section", _section, required=True),
        "number": row.get("number", _code, required=True),
        "text": row.text("text"),
        "points": row.get("points", _points, required=True),
        "criteria": row.text("criteria"),
        "evidence": row.text("evidence"),
        "scoring": row.get("scoring", lambda v: choice(v, SCORINGS, "评分方式", "自动、人工")) or Scoring.JUDGEMENT,
        "rules": row.get("rules", _rules) or [],
    }
    if not fields["text"]:
        row.fail("text", "考评内容不能为空")
    if fields["scoring"] == Scoring.AUTOMATIC and not fields["rules"] and "rules" not in row.refused:
        row.fail("rules", "自动评分的考评内容须填写统计指标")
    return fields


def import_rubric(path: Path, *, region, user, rubric: int, dry_run: bool = False) -> ImportCounts:
    chosen = Rubric.objects.get(pk=rubric)
    ensure_can_write(user, SelfAssessment(rubric=chosen, region=region, year=2000))  # a county's staff only
    checked = check_rows(path, header_table(), _parse, anchors=("number", "text"), required=REQUIRED,
                         unique=("number", "序号"))  # fmt: skip
    header, counts, parsed = checked.header, checked.counts, checked.parsed
    if counts.errors:
        return counts
    codes = {item_code(*f["number"]) for _, f in parsed}
    for item in RubricItem.objects.filter(section__rubric=chosen).select_related("parent"):
        if item.code not in codes:
            counts.warnings.append(Problem(0, "序号", f"第{item.code}项不在表中，保留原样"))
    write_rows(
        parsed,
        lambda fields: _write(chosen, fields, counts),
        counts,
        dry_run=dry_run,
        column_of=lambda exc: header.label(exc.field if exc.field in header.columns else "number", header_table()),
    )
    return counts


def _write(rubric: Rubric, fields: dict, counts: ImportCounts) -> None:
    title, points = fields["section"]
    section = RubricSection.objects.filter(rubric=rubric, title=title).first()
    if section is None:
        number = (RubricSection.objects.filter(rubric=rubric).order_by("-number").values_list("number", flat=True)
                  .first() or 0) + 1  # fmt: skip
        section = RubricSection(rubric=rubric, number=number, title=title, points=points or 0)
    if points is not None:
        section.points = points
    section.skeleton = False
    section.save()
    parent_number, number = fields["number"]
    parent = None
    if parent_number is not None:
        parent = RubricItem.objects.filter(section__rubric=rubric, parent=None, number=parent_number).first()
        if parent is None:
            raise CreationError(
                f"子项{parent_number}.{number}的上级第{parent_number}项不存在，请先列出该项", field="number"
            )
    item = RubricItem.objects.filter(section__rubric=rubric, parent=parent, number=number).first()
    values = {"section": section, "text": fields["text"], "points": fields["points"], "criteria": fields["criteria"],
              "evidence_kinds": fields["evidence"], "scoring": fields["scoring"]}  # fmt: skip
    rules = sorted(fields["rules"])
    if item is not None:
        same = all(getattr(item, k) == v for k, v in values.items())
        if same and sorted(item.rules.values_list("figure", "levels")) == rules:
            counts.unchanged += 1
            return
        counts.updated += 1
    else:
        item = RubricItem(number=number, parent=parent)
        counts.created += 1
    for key, value in values.items():
        setattr(item, key, value)
    item.save()
    for rule in item.rules.all():  # one by one, so that each is audited
        rule.delete()
    for figure, levels in rules:
        ItemRule(item=item, figure=figure, levels=levels).save()
    if parent is not None:  # a split item is worth what its parts are
        parent.points = sum(sub.points for sub in parent.subitems.all())
        parent.save()


def export_rubric(rubric: Rubric, out) -> None:
    """The rubric as the table the import reads (and offices print)."""
    book = new_workbook(out)
    sheet = book.add_worksheet("考评标准")
    bold = book.add_format({"bold": True, "border": 1, "text_wrap": True})
    cell = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    sheet.write(0, 0, str(rubric))
    sheet.write_row(1, 0, [header_table().canonical[key] for key in TEMPLATE], bold)
    items = RubricItem.objects.filter(section__rubric=rubric).select_related("section", "parent")
    ordered = items.prefetch_related("rules").order_by(*rubric_order())
    for n, item in enumerate(ordered, start=2):
        section = f"{item.section.title}（{item.section.points.normalize():f}分）"
        rules = ";".join(f"{r.figure}={r.levels}" for r in item.rules.all())
        code = item.code if item.parent_id else item.number  # a number where the table has one
        sheet.write_row(n, 0, [section, code, item.text, float(item.points), item.criteria, item.evidence_kinds,
                               item.get_scoring_display(), rules], cell)  # fmt: skip
    sheet.set_column(0, 0, 20)
    sheet.set_column(2, 2, 50)
    sheet.set_column(4, 4, 30)
    sheet.set_column(7, 7, 40)
    book.close()
