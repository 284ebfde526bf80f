"""Uploading a summary, reading it into items, and the review: confirm (→ activity records), correct, set aside.

Every function checks scope, locks what it changes, and raises IntakeError with a Chinese message.
"""

import hashlib
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import ensure_can_write
from shuangyong.activities.services.records import ActivitiesError, find_matching_activities, record_activity
from shuangyong.archive.services import ArchiveError, attach_file
from shuangyong.audit.context import actor_for
from shuangyong.errors import RuleError
from shuangyong.intake import matching
from shuangyong.intake.models import DocumentStatus, ExtractedItem, ItemKind, ItemStatus, SummaryDocument
from shuangyong.intake.reading.extract import extract_text
from shuangyong.intake.reading.loaders import ReadError, read_bytes

MAX_BYTES = 20 * 1024 * 1024


class IntakeError(RuleError):
    """A rule of this app refused the change; the message is Chinese and meant for the user."""


def _read_upload(uploaded_file) -> bytes:
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    data = b"".join(uploaded_file.chunks()) if hasattr(uploaded_file, "chunks") else uploaded_file.read()
    if len(data) > MAX_BYTES:
        raise IntakeError("文件过大（超过 20 MB）")
    return data


def upload_document(uploaded_file, *, user, unit=None, year: int | None = None) -> SummaryDocument:
    """Read an uploaded .docx/.txt, keep the file in the archive and store the items found, for review."""
    if not user.can(Cap.EDIT_RECORDS):
        raise PermissionDenied("您的角色不能上传总结")
    name = getattr(uploaded_file, "name", "") or "summary.txt"
    data = _read_upload(uploaded_file)
    try:
        text = read_bytes(data, name)
    except ReadError as exc:
        raise IntakeError(str(exc)) from exc
    if not text.strip():
        raise IntakeError("文件中没有文字")
    digest = hashlib.sha256(data).hexdigest()
    region = unit.region if unit is not None else user.region or (user.unit.region if user.unit_id else None)
    if region is None:
        raise IntakeError("无法确定文档所属区划")
    if unit is None and user.unit_id:
        unit = user.unit
    result = extract_text(text)
    with transaction.atomic(), actor_for(user):
        document = SummaryDocument(
            title=(result.title or name.rsplit(".", 1)[0])[:200],
            original_name=name[:255],
            sha256=digest,
            year=year or result.year,
            region=region,
            unit=unit,
            unit_text=result.unit[:100],
            text=text,
            extraction=result.as_json(),
            uploaded_by=user,
        )
        ensure_can_write(user, document)
        if SummaryDocument.objects.filter(sha256=digest, region=region).exists():
            raise IntakeError(f"该文件已上传过（{name}）")
        document.save()
        _store_items(document)
        try:
            document.attachment = attach_file(
                document, uploaded_file, user=user, category="summary", title=document.title, year=document.year
            )
        except ArchiveError as exc:
            raise IntakeError(f"原件存档失败：{exc}") from exc
        document.save(update_fields=["attachment"])
    return document


def _store_items(document: SummaryDocument) -> None:
    """One item per figure and per activity; figures inside an activity's passage belong to it."""
    extraction = document.extraction
    figures = []
    seq = 0
    for figure in extraction["figures"]:
        seq += 1
        figures.append(
            ExtractedItem(
                document=document,
                seq=seq,
                kind=ItemKind.FIGURE,
                start=figure["start"],
                end=figure["end"],
                sentence=figure["sentence"],
                value=Decimal(str(figure["value"])),
                unit=figure["unit"],
                qualifier=figure["qualifier"],
                subject=figure["subject"][:100],
                quantity_kind=matching.quantity_kind_for(figure["unit"], figure["subject"]),
            )
        )
    for figure in figures:
        figure.save()
    for activity in extraction["activities"]:
        seq += 1
        item = ExtractedItem(
            document=document,
            seq=seq,
            kind=ItemKind.ACTIVITY,
            start=activity["start"],
            end=activity["end"],
            sentence=activity["text"],
            activity_kind=matching.activity_kind_for(activity["kinds"]),
            occasion=matching.occasion_for(activity["date"] or activity["text"]),
            date=matching.activity_date(document.year, activity["date"]),
            title=_activity_title(activity)[:200],
            place=activity["place"][:100],
            organisations="、".join(activity["organisations"])[:300],
        )
        item.save()
        for index in activity["figures"]:
            figure = figures[index]
            if figure.activity_item_id is None:
                figure.activity_item = item
                figure.save(update_fields=["activity_item"])
        item.matches = _matches(item)
        if item.matches:
            item.save(update_fields=["matches"])


def _activity_title(activity: dict) -> str:
    text = activity["text"]
    return text if len(text) <= 40 else text[:40] + "…"


def _owner(document: SummaryDocument):
    return document.unit if document.unit_id else document.region


def _quantities(item: ExtractedItem) -> tuple[dict, int]:
    """(quantity kind → amount, money in 分) from the activity's figures that are not set aside."""
    quantities: dict[str, Decimal] = {}
    money_fen = 0
    for figure in item.figures.exclude(status=ItemStatus.REJECTED):
        if figure.unit == "元" and figure.value is not None:
            money_fen += int((figure.value * 100).to_integral_value())
        elif figure.quantity_kind and figure.value is not None:
            quantities[figure.quantity_kind] = quantities.get(figure.quantity_kind, Decimal(0)) + figure.value
    return quantities, money_fen


def _matches(item: ExtractedItem) -> list[int]:
    """Activities already recorded for the same unit, year and kind (and date, when the text gives one)."""
    document = item.document
    if item.kind != ItemKind.ACTIVITY or not document.year or not item.activity_kind:
        return []
    try:
        found = find_matching_activities(_owner(document), document.year, item.activity_kind, date=item.date)
    except ActivitiesError:
        return []
    key = f"intake:{document.pk}:{item.seq}"
    return list(found.exclude(source_key=key).values_list("pk", flat=True)[:5])


FIGURE_FIELDS = ("value", "unit", "subject", "quantity_kind")
ACTIVITY_FIELDS = ("activity_kind", "occasion", "date", "title")


def _apply(item: ExtractedItem, changes: dict) -> None:
    allowed = FIGURE_FIELDS if item.kind == ItemKind.FIGURE else ACTIVITY_FIELDS
    for field, value in changes.items():
        if field not in allowed or value is None:
            continue
        if field == "value":
            try:
                value = Decimal(str(value))
            except InvalidOperation:
                raise IntakeError(f"数值“{value}”不是数字") from None
            if value < 0:
                raise IntakeError("数值不能为负数")
        if field == "date" and isinstance(value, str):
            try:
                value = date.fromisoformat(value) if value else None
            except ValueError:
                raise IntakeError(f"日期“{value}”格式不正确（应为 2025-08-01）") from None
        setattr(item, field, value.strip() if isinstance(value, str) else value)


def _locked(item: ExtractedItem, user) -> ExtractedItem:
    if not user.can(Cap.EDIT_RECORDS):
        raise PermissionDenied("您的角色不能核对总结")
    locked = ExtractedItem.objects.select_for_update().select_related("document").get(pk=item.pk)
    ensure_can_write(user, locked.document)
    return locked


def correct_item(item: ExtractedItem, *, user, **changes) -> ExtractedItem:
    with transaction.atomic(), actor_for(user):
        locked = _locked(item, user)
        _apply(locked, changes)
        locked.save()
    return locked


def confirm_item(item: ExtractedItem, *, user, **changes) -> ExtractedItem:
    """Confirm (with corrections). An activity becomes an activity record of the document's unit and year, with
    its figures as quantities and the archived source named; one matching a record already there is linked to
    it, not recorded twice."""
    with transaction.atomic(), actor_for(user):
        locked = _locked(item, user)
        _apply(locked, changes)
        if locked.kind == ItemKind.ACTIVITY:
            _record(locked, user)
        locked.status = ItemStatus.CONFIRMED
        locked.reviewed_by, locked.reviewed_at = user, timezone.now()
        locked.save()
        _finish_document(locked.document)
    return locked


def confirm_items(document: SummaryDocument, ids: list[int], *, user) -> int:
    """确认所选: the chosen pending items of the document as they stand, all or none (a refusal names the item).
    Items already confirmed or rejected are left as they are. Returns how many were confirmed."""
    with transaction.atomic(), actor_for(user):
        chosen = document.items.filter(pk__in=ids, status=ItemStatus.PENDING).order_by("seq")
        confirmed = 0
        for item in chosen:
            try:
                confirm_item(item, user=user)
            except IntakeError as exc:
                raise IntakeError(f"第 {item.seq} 条：{exc}") from None
            confirmed += 1
        return confirmed


def _record(item: ExtractedItem, user) -> None:
    document = item.document
    if not document.year:
        raise IntakeError("请先填写文档的年度")
    if not item.activity_kind:
        raise IntakeError("请选择活动类别")
    item.matches = _matches(item)
    if item.matches and item.activity_id is None:
        item.activity_id = item.matches[0]  # already on record: link, do not duplicate
        return
    quantities, money_fen = _quantities(item)
    owner = _owner(document)
    try:
        activity = record_activity(
            unit=owner if document.unit_id else None,
            region=None if document.unit_id else owner,
            kind=item.activity_kind,
            date=item.date or matching.activity_date(document.year, item.sentence) or date(document.year, 12, 31),
            title=item.title or item.sentence[:40],
            quantities=quantities,
            money_fen=money_fen,
            narrative=item.sentence,
            occasion=item.occasion,
            source_document=f"总结识读：{document.title}（档案 {document.attachment_id or '—'}）",
            source_key=f"intake:{document.pk}:{item.seq}",
            user=user,
        )
    except ActivitiesError as exc:
        raise IntakeError(str(exc)) from exc
    item.activity = activity


def reject_item(item: ExtractedItem, *, user) -> ExtractedItem:
    with transaction.atomic(), actor_for(user):
        locked = _locked(item, user)
        if locked.activity_id and locked.kind == ItemKind.ACTIVITY and locked.status == ItemStatus.CONFIRMED:
            raise IntakeError("该活动已登记为活动记录，请到双拥活动中修改或删除")
        locked.status = ItemStatus.REJECTED
        locked.reviewed_by, locked.reviewed_at = user, timezone.now()
        locked.save()
        _finish_document(locked.document)
    return locked


def set_document_details(document: SummaryDocument, *, user, year=None, unit=None) -> SummaryDocument:
    """Staff set the year and the reporting unit the reader could not be sure of."""
    if not user.can(Cap.EDIT_RECORDS):
        raise PermissionDenied("您的角色不能修改")
    with transaction.atomic(), actor_for(user):
        locked = SummaryDocument.objects.select_for_update().get(pk=document.pk)
        original = SummaryDocument.objects.get(pk=document.pk)
        if year is not None:
            if not 1949 <= int(year) <= 2100:
                raise IntakeError(f"年度 {year} 不正确")
            locked.year = int(year)
        locked.unit = unit
        if unit is not None:
            locked.region = unit.region
        ensure_can_write(user, locked, original=original)
        locked.save()
    return locked


def _finish_document(document: SummaryDocument) -> None:
    pending = document.items.filter(status=ItemStatus.PENDING).exists()
    status = DocumentStatus.READ if pending else DocumentStatus.DONE
    if document.status != status:
        SummaryDocument.objects.filter(pk=document.pk).update(status=status)
