"""The evidence book (创建台账) an inspection team receives: a .docx in rubric order — a contents part (section,
item, score), then each item with its criteria, score and reason, the figures it was scored by (value and source)
and the files kept for it — and a .zip with the files in one folder per item."""

import io
import re
import zipfile

from django.contrib.contenttypes.models import ContentType

from shuangyong.archive.models import Attachment
from shuangyong.archive.services import open_attachment
from shuangyong.creation.models import ItemScore, Scoring, SelfAssessment
from shuangyong.creation.report import STATUS_LABELS, full_title, report
from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import CatalogueError, Scope
from shuangyong.figures.fields import figure_label
from shuangyong.reports.summary.word import write_docx

UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def _files(assessment: SelfAssessment) -> dict[int, list[Attachment]]:
    kind = ContentType.objects.get_for_model(ItemScore)
    rows = {str(pk): pk for pk in assessment.scores.values_list("pk", flat=True)}
    found: dict[int, list[Attachment]] = {}
    for attachment in Attachment.objects.filter(content_type=kind, object_id__in=list(rows)).order_by("pk"):
        found.setdefault(rows[attachment.object_id], []).append(attachment)
    return found


def _figures(row: ItemScore, scope: Scope) -> list[str]:
    lines = []
    for rule in row.item.rules.all():
        try:
            figure = catalogue.get(rule.figure)
        except CatalogueError:
            continue
        value = catalogue.compute(rule.figure, scope)
        lines.append(f"{figure.label}：{'—' if value is None else value}{figure.unit}（来源：{figure.source}）")
    return lines


def evidence_docx(assessment: SelfAssessment) -> bytes:
    found = report(assessment)
    rows = {row.pk: row for row in assessment.scores.select_related("item").prefetch_related("item__rules", "records")}
    files = _files(assessment)
    scope = Scope(assessment.year, region=assessment.region_id)
    title = f"{assessment.region.name}{assessment.year}年双拥模范城（县）创建台账"
    paragraphs = [("title", title)]
    paragraphs.append(
        (
            "body",
            f"考评标准：{found['rubric']}。自评得分{found['score']}分（满分{found['max']}分），差距{found['gaps']}项。",
        )
    )
    paragraphs.append(("heading1", "目录"))
    for item in found["items"]:
        paragraphs.append(("body", f"第{item['code']}项　{full_title(item)}　{item['score']}/{item['points']}分"))
    with catalogue.memo():
        for number, section in enumerate(found["sections"], 1):
            paragraphs.append(
                ("heading1", f"{number}. {section['title']}（{section['points']}分，得{section['score']}分）")
            )
            for item in (i for i in found["items"] if i["section"] == section["title"]):
                row = rows[item["pk"]]
                paragraphs.append(("heading2", f"第{item['code']}项　{full_title(item)}"))
                paragraphs.append(
                    ("body", f"分值{item['points']}分，得分{item['score']}分，{STATUS_LABELS[item['status']]}。")
                )
                if row.item.criteria:
                    paragraphs.append(("body", f"评分标准：{row.item.criteria}"))
                if row.reason:
                    paragraphs.append(("body", f"评分理由：{row.reason}"))
                if row.item.scoring == Scoring.AUTOMATIC:
                    paragraphs += [("body", f"统计数据：{line}") for line in _figures(row, scope)]
                if row.note:
                    paragraphs.append(("body", f"台账说明：{row.note}"))
                picked = row.records.all()
                if picked:
                    listed = "；".join(f"{r.label}（{figure_label(r.figure)}）" for r in picked)
                    paragraphs.append(("body", f"台账记录：{listed}"))
                kept = files.get(row.pk, [])
                listed = "、".join(f"{a.title}（{a.original_name}）" for a in kept) if kept else "无"
                paragraphs.append(("body", f"台账资料：{listed}"))
                if item["units"]:
                    paragraphs.append(("body", f"责任单位：{'、'.join(item['units'])}"))
    return write_docx(paragraphs)


def evidence_zip(assessment: SelfAssessment, *, user) -> bytes:
    """The files of every item, one folder per item ("第01项 双拥工作列入……"); each download is audited."""
    out = io.BytesIO()
    rows = {row.pk: row for row in assessment.scores.select_related("item__parent")}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for pk, attachments in _files(assessment).items():
            item = rows[pk].item
            folder = f"第{item.code.zfill(2)}项 {UNSAFE.sub('', item.text)[:20]}"
            for n, attachment in enumerate(attachments, 1):
                with open_attachment(attachment, user=user) as handle:
                    archive.writestr(f"{folder}/{n:02d}-{UNSAFE.sub('_', attachment.original_name)}", handle.read())
    return out.getvalue()
