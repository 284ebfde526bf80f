"""Services of the summary drafts: generate one for a scope, edit a paragraph, export it as Word.

Each checks the user's scope (accounts.scope) and writes through AuditedModel, so every draft, every edit
and every export has its audit entry in the same transaction.
"""

from django.db import transaction
from django.utils import timezone

from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import ScopeDenied, ensure_can_read, ensure_can_write
from shuangyong.audit.services import record_export
from shuangyong.figures.catalogue import Scope
from shuangyong.regions.models import Region
from shuangyong.reports.models import DraftParagraph, SummaryDraft
from shuangyong.reports.summary.generate import Summary, SummaryError, generate_summary, issuer_of
from shuangyong.reports.summary.word import write_docx
from shuangyong.units.models import Unit, UnitKind

MAX_PARAGRAPH = 20000


def scope_of(draft: SummaryDraft) -> Scope:
    if draft.region_id:
        return Scope(draft.year, region=draft.region_id)
    return Scope(draft.year, unit=draft.unit.code)


def draft_for(scope: Scope) -> SummaryDraft:
    """An unsaved draft placed like the scope (for the scope check before anything is computed)."""
    if scope.is_region:
        region = Region.objects.filter(pk=scope.region).first()
        if region is None:
            raise SummaryError(f"区划 {scope.region} 不存在")
        return SummaryDraft(year=scope.year, region=region)
    unit = Unit.objects.filter(code=scope.unit, kind=UnitKind.MEMBER).first()
    if unit is None:
        raise SummaryError(f"成员单位 {scope.unit} 不存在")
    return SummaryDraft(year=scope.year, unit=unit)


def create_draft(scope: Scope, *, with_plan: bool = True, user) -> SummaryDraft:
    draft = draft_for(scope)
    ensure_can_write(user, draft)
    summary = generate_summary(scope, with_plan=with_plan)
    with transaction.atomic():
        draft.with_plan = with_plan
        draft.title = summary.title
        draft.figures = [p.as_json() for p in summary.cited()]
        draft.created_by = user
        draft.save()
        DraftParagraph.objects.bulk_create(
            DraftParagraph(
                draft=draft, position=i, kind=p.kind, section=p.section, generated_text=p.text, figure_keys=p.figures
            )
            for i, p in enumerate(summary.paragraphs)
        )
    return draft


def edit_paragraph(paragraph: DraftParagraph, text: str, *, user) -> DraftParagraph:
    """Keep the staff's text beside the generated one; an empty text (or the generated one) reverts."""
    text = (text or "").strip()
    if len(text) > MAX_PARAGRAPH:
        raise SummaryError(f"段落过长（最多 {MAX_PARAGRAPH} 字）")
    with transaction.atomic():
        locked = DraftParagraph.objects.select_for_update().select_related("draft").get(pk=paragraph.pk)
        ensure_can_write(user, locked.draft)
        locked.edited_text = "" if text == locked.generated_text else text
        locked.save()
        draft = locked.draft
        draft.updated_at = timezone.now()
        if locked.kind == "title":
            draft.title = locked.text
        draft.save()
    return locked


def delete_draft(draft: SummaryDraft, *, user) -> None:
    with transaction.atomic():
        locked = SummaryDraft.objects.select_for_update().get(pk=draft.pk)
        ensure_can_write(user, locked)
        locked.paragraphs.all().delete()
        locked.delete()


def draft_docx(draft: SummaryDraft, *, user) -> bytes:
    if user is None or not user.can(Cap.VIEW_RECORDS):
        raise ScopeDenied("您的角色不能查看工作总结")
    ensure_can_read(user, draft)
    rows = [(p.kind, p.text) for p in draft.paragraphs.order_by("position")]
    scope = Scope(draft.year, region=draft.region_id, unit=draft.unit.code if draft.unit_id else None)
    data = write_docx(rows, issuer=issuer_of(scope), dated=timezone.localdate(draft.updated_at))
    record_export(f"工作总结：{draft.title}", model="reports.summarydraft", count=len(rows), note=f"草稿 {draft.pk}")
    return data


def summary_docx(summary: Summary) -> bytes:
    rows = [(p.kind, p.text) for p in summary.paragraphs]
    return write_docx(rows, issuer=issuer_of(summary.scope), dated=timezone.localdate())
