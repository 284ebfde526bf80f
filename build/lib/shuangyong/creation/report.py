"""What a self-assessment says: each item's status and evidence, section and total scores, the gaps — as the JSON
of `shuangyong assessment` (README), and as the .xlsx gap list an office prints."""

from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.utils import timezone

from shuangyong.archive.models import Attachment
from shuangyong.creation.models import ItemScore, Scoring, SelfAssessment, rubric_order
from shuangyong.xlsx import for_print, new_workbook

MET, PARTLY, MISSING, NOT_DUE = "met", "partly", "missing", "not_due"
STATUS_LABELS = {MET: "达标", PARTLY: "部分达标", MISSING: "缺失", NOT_DUE: "未到期"}


def _files(rows: list[ItemScore]) -> dict[int, int]:
    kind = ContentType.objects.get_for_model(ItemScore)
    counted = (
        Attachment.objects.filter(content_type=kind, object_id__in=[str(r.pk) for r in rows])
        .values("object_id")
        .annotate(n=Count("id"))
    )
    return {int(row["object_id"]): row["n"] for row in counted}


def evidence_count(row: ItemScore, files: int) -> int:
    """Files attached, records picked, the lead's note, and for an automatic item that earned points each figure it
    is scored by (the records behind them are the evidence)."""
    figures = 0
    if row.item.scoring == Scoring.AUTOMATIC and row.score:
        figures = len(row.item.rules.all())
    return files + len(row.records.all()) + (1 if row.note.strip() else 0) + figures


def in_rubric_order(rows):
    """Scores in the table order of their items."""
    return rows.order_by(*rubric_order("item__"))


def units_of(row: ItemScore) -> list[str]:
    """The lead first, then the helpers (names as the office writes them)."""
    lead = [row.lead_name()] if row.lead_name() else []
    return lead + [helper.name for helper in row.helpers.all()]


def status(row: ItemScore, evidence: int, today: date) -> str:
    full = row.score is not None and row.score >= row.item.points
    if full and evidence:
        return MET
    if row.due and row.due >= today.replace(day=1):
        return NOT_DUE
    if row.score:
        return PARTLY
    return MISSING


def report(assessment: SelfAssessment, today: date | None = None) -> dict:
    today = today or timezone.localdate()
    rows = list(
        in_rubric_order(
            assessment.scores.select_related(
                "item__section", "item__parent", "lead_unit", "lead_town"
            ).prefetch_related("helpers__unit", "helpers__town", "item__rules", "records")
        )
    )
    files = _files(rows)
    sections: dict[int, dict] = {}
    items = []
    for row in rows:
        section = row.item.section
        entry = sections.setdefault(
            section.pk,
            {"title": section.title, "points": section.points, "score": Decimal(0), "skeleton": section.skeleton},
        )
        entry["score"] += row.score or 0
        evidence = evidence_count(row, files.get(row.pk, 0))
        units = units_of(row)
        items.append(
            {
                "code": row.item.code,
                "title": row.item.text,
                "parent": row.item.parent.text if row.item.parent_id else "",
                "parent_code": row.item.code.partition(".")[0] if row.item.parent_id else "",
                "section": section.title,
                "points": row.item.points,
                "score": row.score if row.score is not None else Decimal(0),
                "status": status(row, evidence, today),
                "evidence": evidence,
                "units": units,
                "due": row.due.isoformat() if row.due else None,
                "reason": row.reason,
                "pk": row.pk,
                "item": row.item_id,
            }
        )
    total = sum((s["score"] for s in sections.values()), Decimal(0))
    most = sum((i["points"] for i in items), Decimal(0))
    return {
        "rubric": str(assessment.rubric),
        "region": assessment.region_id,
        "year": assessment.year,
        "state": assessment.state,
        "score": total,
        "max": most,
        "sections": [
            {"title": s["title"], "points": s["points"], "score": s["score"], "skeleton": s["skeleton"]}
            for s in sections.values()
        ],
        "items": items,
        "gaps": sum(1 for i in items if i["status"] in (PARTLY, MISSING)),
    }


def gaps_closed(found: dict, before: dict) -> int:
    """How many of the gaps the year before found are met now (the same rubric's items)."""
    open_before = {i["item"] for i in before["items"] if i["status"] in (PARTLY, MISSING)}
    return sum(1 for i in found["items"] if i["item"] in open_before and i["status"] == MET)


def as_json(found: dict) -> dict:
    """Decimals as numbers, the internal keys dropped: the public JSON shape of `shuangyong assessment`."""

    def number(value: Decimal):
        value = Decimal(value)
        return int(value) if value == value.to_integral_value() else float(value)

    return {
        "rubric": found["rubric"],
        "year": found["year"],
        "score": number(found["score"]),
        "max": number(found["max"]),
        "sections": [
            {"title": s["title"], "points": number(s["points"]), "score": number(s["score"])} for s in found["sections"]
        ],  # fmt: skip
        "items": [
            {
                "code": i["code"],
                "title": i["title"],
                "points": number(i["points"]),
                "score": number(i["score"]),
                "status": i["status"],
                "evidence": i["evidence"],
                "units": i["units"],
            }
            for i in found["items"]
        ],  # fmt: skip
        "gaps": found["gaps"],
    }


def write_xlsx(found: dict, out) -> None:
    """The scores and the gap list (逐条查缺补漏): one row per item, gaps marked."""
    book = new_workbook(out)
    sheet = book.add_worksheet("自评与差距")
    bold = book.add_format({"bold": True, "border": 1, "text_wrap": True})
    cell = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    gap = book.add_format({"border": 1, "text_wrap": True, "valign": "top", "bg_color": "#FDE9D9"})
    sheet.write(
        0,
        0,
        f"{found['year']}年{found['rubric']}自评（得分 {found['score']} / {found['max']}，差距 {found['gaps']} 项）",
    )
    header = [
        "序号",
        "考评项目",
        "考评内容",
        "分值",
        "得分",
        "状态",
        "台账资料（份）",
        "责任单位",
        "完成时限",
        "评分理由",
    ]
    sheet.write_row(2, 0, header, bold)
    for n, item in enumerate(found["items"], start=3):
        style = gap if item["status"] in (PARTLY, MISSING) else cell
        values = [item["code"], item["section"], full_title(item), float(item["points"]), float(item["score"])]
        values += [STATUS_LABELS[item["status"]], item["evidence"], "、".join(item["units"]), item["due"] or ""]
        sheet.write_row(n, 0, [*values, item["reason"]], style)
    sheet.set_column(0, 0, 6)
    sheet.set_column(1, 1, 16)
    sheet.set_column(2, 2, 48)
    sheet.set_column(3, 6, 9)
    sheet.set_column(7, 9, 20)
    for_print(sheet, columns=len(header), header_rows=3)
    book.close()


def full_title(item: dict) -> str:
    """A sub-item's text after its item's ("明确成员单位双拥工作职责……——成员单位述职")."""
    return f"{item['parent']}——{item['title']}" if item["parent"] else item["title"]


def gap_items(found: dict, unit: str = "") -> list[dict]:
    """The gaps (partly, missing), of one responsible unit's when `unit` (its short name or name) is given."""
    return [i for i in found["items"] if i["status"] in (PARTLY, MISSING) and (not unit or unit in i["units"])]


def gaps_docx(found: dict, region_name: str, unit: str = "") -> bytes:
    """逐条查缺补漏 as a document: each gap with its score, reason, responsible units and due month."""
    from shuangyong.reports.summary.word import write_docx

    whose = f"（{unit}）" if unit else ""
    paragraphs = [("title", f"{region_name}{found['year']}年双拥模范城（县）创建差距清单{whose}")]
    gaps = gap_items(found, unit)
    paragraphs.append(("body", f"对照{found['rubric']}逐条查缺补漏，共{len(gaps)}项："))
    for n, item in enumerate(gaps, 1):
        who = "、".join(item["units"]) or "县双拥办"
        due = f"，{item['due'][:7].replace('-', '年')}月底前完成" if item["due"] else ""
        paragraphs.append(("heading2", f"（{n}）第{item['code']}项　{full_title(item)}"))
        text = f"得分{item['score']}分（分值{item['points']}分），{STATUS_LABELS[item['status']]}。"
        if item["reason"]:
            text += f"评分理由：{item['reason']}。"
        paragraphs.append(("body", text + f"责任单位：{who}{due}。"))
    return write_docx(paragraphs)
