"""The rules of a 创建 self-assessment. Each function checks the actor's scope, locks what it changes and is
audited by the models in the same transaction; a refusal is a CreationError with a Chinese message. A submitted
assessment is locked: nothing of it changes until a county administrator unlocks it with a reason."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from shuangyong.accounts.roles import Role
from shuangyong.accounts.scope import ScopeDenied, ensure_can_write, visible
from shuangyong.accounts.system import is_system
from shuangyong.audit.context import actor_for
from shuangyong.creation.models import (
    AssessmentState,
    ItemHelper,
    ItemRecord,
    ItemRule,
    ItemScore,
    Naming,
    Rubric,
    RubricItem,
    Scoring,
    SelfAssessment,
)
from shuangyong.errors import RuleError
from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import CatalogueError, Scope, Value
from shuangyong.figures.fields import figure_label
from shuangyong.regions.codes import Level, level_of
from shuangyong.regions.models import Region
from shuangyong.units.models import Unit, UnitKind


class CreationError(RuleError):
    pass


def parse_levels(levels: str) -> list[tuple[Decimal, Decimal]]:
    """ "1:0.5 2:1" → [(1, 0.5), (2, 1)], thresholds rising."""
    found = []
    for part in levels.split():
        try:
            threshold, points = (Decimal(x) for x in part.split(":"))
        except (ValueError, InvalidOperation):
            raise CreationError(f"分档“{part}”应写作 指标值:得分，如 1:0.5", field="levels") from None
        found.append((threshold, points))
    return sorted(found)


def rule_points(rule: ItemRule, value) -> Decimal:
    """The points of the highest level the figure's value reaches (0 below the first)."""
    reached = [points for threshold, points in parse_levels(rule.levels) if value is not None and value >= threshold]
    return max(reached, default=Decimal(0))


def automatic_score(item: RubricItem, scope: Scope) -> tuple[Decimal, list[tuple[str, Value]]]:
    """The item's score from its figures (each rule's points added, the item's points at most), and the values."""
    total = Decimal(0)
    values: list[tuple[str, Value]] = []
    for rule in item.rules.all():
        try:
            value = catalogue.compute(rule.figure, scope)
        except CatalogueError:
            value = None  # a figure of an app not installed: no points from it
        values.append((rule.figure, value))
        total += rule_points(rule, value)
    return min(total, item.points), values


def _check_region(region: Region) -> None:
    if level_of(region.code) not in (Level.CITY, Level.COUNTY):
        raise CreationError("创建自评以县（市、区）或市为单位进行", field="region")


def open_assessment(*, rubric: Rubric, region: Region, year: int, user) -> SelfAssessment:
    """The region's self-assessment of the year, with a row for every item of the rubric (created once)."""
    _check_region(region)
    with transaction.atomic(), actor_for(user):
        assessment = SelfAssessment.objects.filter(rubric=rubric, region=region, year=year).first()
        if assessment is None:
            assessment = SelfAssessment(rubric=rubric, region=region, year=year)
            ensure_can_write(user, assessment)
            assessment.save()
        else:
            ensure_can_write(user, assessment)  # rows for items added to the rubric since
        present = set(assessment.scores.values_list("item_id", flat=True))
        leaves = RubricItem.objects.filter(section__rubric=rubric, subitems=None)  # a split item: by its parts
        for item in leaves.exclude(pk__in=present):
            ItemScore(assessment=assessment, item=item, place_id=assessment.region_id).save()
    return assessment


def _locked_for_change(assessment: SelfAssessment, user) -> SelfAssessment:
    current = SelfAssessment.objects.select_for_update().get(pk=assessment.pk)
    if current.locked:
        raise CreationError(f"{current.year}年自评已提交锁定，须由县管理员解锁后才能修改")
    return current


def score_automatic(assessment: SelfAssessment, *, user) -> int:
    """Score every automatic item from its figures for the assessment's region and year. Returns how many changed."""
    changed = 0
    with transaction.atomic(), actor_for(user):
        current = _locked_for_change(assessment, user)
        ensure_can_write(user, current)
        scope = Scope(current.year, region=current.region_id)
        with catalogue.memo():
            for row in current.scores.filter(item__scoring=Scoring.AUTOMATIC).select_related("item"):
                score, values = automatic_score(row.item, scope)
                reason = "；".join(f"{figure_label(k)}：{_shown(v)}" for k, v in values)
                if row.score != score or row.reason != reason:
                    row.score, row.reason = score, reason[:300]
                    row.save()
                    changed += 1
    return changed


def _shown(value) -> str:
    return "无数据" if value is None else f"{value}"


def judge_item(row: ItemScore, *, score, reason: str, user) -> ItemScore:
    """The office's score for a judgement item, on the item's scale, with the reason."""
    with transaction.atomic(), actor_for(user):
        _locked_for_change(row.assessment, user)
        current = ItemScore.objects.select_for_update().select_related("item", "assessment").get(pk=row.pk)
        if user.role != Role.COUNTY_ADMIN and not is_system(user):
            raise ScopeDenied("考评评分由县双拥办管理员进行")
        ensure_can_write(user, current.assessment)
        item = current.item
        if item.scoring != Scoring.JUDGEMENT:
            raise CreationError(f"第{item.code}项按统计指标自动评分，不能人工评分", field="score")
        try:
            value = Decimal(str(score))
        except InvalidOperation:
            raise CreationError(f"得分“{score}”不是数字", field="score") from None
        if not 0 <= value <= item.points or (item.step and value % item.step):
            raise CreationError(
                f"第{item.code}项得分应在 0 到 {item.points.normalize():f} 分之间，"
                f"以 {item.step.normalize():f} 分为单位",
                field="score",
            )
        if not reason.strip():
            raise CreationError("请填写评分理由", field="reason")
        current.score, current.reason = value, reason.strip()
        current.save()
        return current


def assign_item(
    row: ItemScore,
    *,
    lead_unit: Unit | None = None,
    lead_town: Region | None = None,
    helper_units=(),
    helper_towns=(),
    due: date | None = None,
    user,
) -> ItemScore:
    """谁主管、谁负责: who collects an item's evidence (a member unit or a town; neither = the county office), the
    units and towns that help, and by when. A town lead places the item in the town, so its staff can fill it."""
    with transaction.atomic(), actor_for(user):
        _locked_for_change(row.assessment, user)
        current = ItemScore.objects.select_for_update().select_related("assessment").get(pk=row.pk)
        ensure_can_write(user, current.assessment)
        if lead_unit is not None and lead_town is not None:
            raise CreationError("牵头单位和牵头乡镇只能选一个", field="lead_town")
        strangers = [u.name for u in [lead_unit, *helper_units] if u is not None and u.kind != UnitKind.MEMBER]
        if strangers:
            raise CreationError(f"{'、'.join(strangers)}不是成员单位", field="lead_unit")
        county = current.assessment.region_id
        outside = [t.name for t in [lead_town, *helper_towns] if t is not None and not _town_of(t, county)]
        if outside:
            raise CreationError(f"{'、'.join(outside)}不是本县的乡镇（街道）", field="lead_town")
        current.lead_unit, current.lead_town = lead_unit, lead_town
        current.place_id = lead_town.code if lead_town else county
        current.due = due.replace(day=1) if due else None
        current.save()
        wanted = {("unit", u.pk) for u in helper_units} | {("town", t.pk) for t in helper_towns}
        for helper in current.helpers.all():  # one by one, so that each removal is audited
            key = ("unit", helper.unit_id) if helper.unit_id else ("town", helper.town_id)
            if key in wanted:
                wanted.discard(key)
            else:
                helper.delete()
        for field, pk in sorted(wanted):
            ItemHelper(score=current, **{f"{field}_id": pk}).save()
        return current


def _town_of(region: Region, county: str) -> bool:
    return level_of(region.code) == Level.TOWN and region.code[:6] == county[:6]


def note_evidence(row: ItemScore, *, note: str, user) -> ItemScore:
    """The evidence note of an item, written by the county office or the item's lead (unit or town)."""
    with transaction.atomic(), actor_for(user):
        _locked_for_change(row.assessment, user)
        current = ItemScore.objects.select_for_update().get(pk=row.pk)
        ensure_can_write(user, current)
        current.note = note.strip()
        current.save()
        return current


def pick_records(row: ItemScore, *, figure: str, ids, user) -> int:
    """Records behind a catalogue figure — for the assessment's region and year — kept as the item's evidence
    (a meeting, a visit, a pair ...). Returns how many were added; one already kept is not added twice."""
    with transaction.atomic(), actor_for(user):
        _locked_for_change(row.assessment, user)
        current = ItemScore.objects.select_for_update().select_related("assessment").get(pk=row.pk)
        ensure_can_write(user, current)
        records = figure_records(figure, current.assessment, user=user)
        if records is None:
            raise CreationError(f"统计指标“{figure}”没有可选的记录", field="figure")
        chosen = list(records.filter(pk__in=[str(i) for i in ids]))
        if len(chosen) != len(set(map(str, ids))):
            raise CreationError("所选记录不在该统计指标本年度的记录中", field="ids")
        kind = ContentType.objects.get_for_model(records.model)
        kept = set(current.records.filter(content_type=kind).values_list("object_id", flat=True))
        added = 0
        for record in chosen:
            if str(record.pk) in kept:
                continue
            ItemRecord(score=current, figure=figure, content_type=kind, object_id=str(record.pk),
                       label=str(record)[:200]).save()  # fmt: skip
            added += 1
        return added


def drop_record(record: ItemRecord, *, user) -> None:
    with transaction.atomic(), actor_for(user):
        current = ItemRecord.objects.select_for_update().select_related("score__assessment").get(pk=record.pk)
        _locked_for_change(current.score.assessment, user)
        ensure_can_write(user, current)
        current.delete()


def figure_records(key: str, assessment: SelfAssessment, *, user):
    """The records behind a figure for the assessment's region and year that the user may see (a town's staff:
    their town's); None when there is no such figure or it has no records."""
    try:
        figure = catalogue.get(key)
    except CatalogueError:
        return None
    scope = Scope(assessment.year, region=assessment.region_id)
    if figure.records is None or not figure.applies_to(scope):
        return None
    records: Any = figure.records(scope)  # a QuerySet: the catalogue does not know of which model
    return visible(user, records)


def submit_assessment(assessment: SelfAssessment, *, user) -> SelfAssessment:
    with transaction.atomic(), actor_for(user):
        current = _locked_for_change(assessment, user)
        ensure_can_write(user, current)
        unscored = current.scores.filter(score__isnull=True).count()
        if unscored:
            raise CreationError(f"还有{unscored}项未评分，不能提交")
        current.state, current.submitted_at, current.submitted_by = AssessmentState.SUBMITTED, timezone.now(), user
        current.save()
        return current


def unlock_assessment(assessment: SelfAssessment, *, reason: str, user) -> SelfAssessment:
    """Only a county administrator, with a reason (the audit log keeps who, when and why)."""
    with transaction.atomic(), actor_for(user):
        current = SelfAssessment.objects.select_for_update().get(pk=assessment.pk)
        if user.role != Role.COUNTY_ADMIN and not is_system(user):
            raise ScopeDenied("只有县管理员可以解锁已提交的自评")
        ensure_can_write(user, current)
        if not current.locked:
            raise CreationError("该自评尚未提交，无需解锁")
        if not reason.strip():
            raise CreationError("请填写解锁原因", field="reason")
        current.state, current.unlock_reason = AssessmentState.OPEN, reason.strip()[:200]
        current.save()
        return current


@dataclass(frozen=True)
class Streak:
    count: int  # consecutive namings up to the latest (N连冠)
    latest: int | None
    next_year: int | None


def streak(region: Region | str, level: str, every_years: int = 4, up_to: int | None = None) -> Streak:
    """N连冠: the namings at `level` that follow each other every `every_years` years, back from the latest (the
    latest by `up_to`, when given)."""
    code = region if isinstance(region, str) else region.code
    namings = Naming.objects.filter(region_id=code, level=level)
    if up_to is not None:
        namings = namings.filter(year__lte=up_to)
    years = sorted(set(namings.values_list("year", flat=True)), reverse=True)
    if not years:
        return Streak(0, None, None)
    count = 1
    while count < len(years) and years[count - 1] - years[count] == every_years:
        count += 1
    return Streak(count, years[0], years[0] + every_years)


def record_naming(*, region: Region, level: str, year: int, title: str, user) -> Naming:
    """A naming the region received (once per level and year)."""
    _check_region(region)
    if not title.strip():
        raise CreationError("请填写称号", field="title")
    with transaction.atomic(), actor_for(user):
        naming = Naming(region=region, level=level, year=year, title=title.strip())
        ensure_can_write(user, naming)
        if Naming.objects.filter(region=region, level=level, year=year).exists():
            raise CreationError(f"{year}年已登记该级别的命名", field="year")
        naming.save()
        return naming
