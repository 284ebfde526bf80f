"""工作计划: next year's plan items of a region, entered, imported or taken from proposals, and the proposals
themselves — drawn from the year's open problems (targets not met, placements overdue, cases still open, recruits
returned). Each function checks the actor's scope, locks what it changes and is audited by the models."""

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction

from shuangyong.accounts.scope import ensure_can_write
from shuangyong.assessment.models import PlanItem, Target
from shuangyong.assessment.progress import progress_of
from shuangyong.assessment.services import AssessmentError
from shuangyong.audit.context import actor_for
from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import CatalogueError, Scope
from shuangyong.regions.codes import Level, level_of
from shuangyong.regions.models import Region
from shuangyong.units.models import Unit

# open problems of a year that call for an item in the next year's plan: (figure, item title with {n}, section)
PROBLEM_ITEMS = [
    ("resettlement.overdue_placement", "督办{n}名逾期未上岗的退役士兵落实上岗", "resettlement"),
    ("activities.cases.open", "办结上年结转的{n}件帮扶事项", "support"),
    ("conscription.returned", "严把兵员征集质量关，减少退兵（上年退兵{n}人）", "conscription"),
]


@dataclass(frozen=True)
class Proposal:
    title: str
    section: str
    measure: str
    source: str
    lead_unit: Unit | None = None
    target: Target | None = None


def _check(region: Region, year: int, title: str, section: str, measure: str) -> None:
    if level_of(region.code) not in (Level.COUNTY, Level.TOWN):
        raise AssessmentError("工作计划只在县和乡镇两级编制", field="region")
    if not title.strip():
        raise AssessmentError("请填写计划事项", field="title")
    if not 2000 <= year <= 2100:
        raise AssessmentError(f"计划年度 {year} 无效", field="year")
    if section and section not in catalogue.SECTIONS:
        raise AssessmentError(f"工作领域“{section}”无效", field="section")
    if measure:
        try:
            catalogue.get(measure)
        except CatalogueError as exc:
            raise AssessmentError(str(exc), field="measure") from None


def add_plan_item(
    *,
    region: Region,
    year: int,
    title: str,
    user,
    section: str = "",
    lead_unit: Unit | None = None,
    due: date | None = None,
    measure: str = "",
    target: Target | None = None,
    source: str = "",
) -> PlanItem:
    _check(region, year, title, section, measure)
    item = PlanItem(
        region=region,
        year=year,
        title=title.strip(),
        section=section,
        lead_unit=lead_unit,
        due=due.replace(day=1) if due else None,
        measure=measure,
        target=target,
        source=source,
    )
    ensure_can_write(user, item)
    try:
        with transaction.atomic(), actor_for(user):
            item.save()
    except IntegrityError:
        raise AssessmentError(f"{region.name}{year}年计划中已有“{item.title}”", field="title") from None
    return item


EDITABLE = ("title", "section", "lead_unit", "due", "measure")


def update_plan_item(item: PlanItem, *, user, **fields) -> PlanItem:
    with transaction.atomic(), actor_for(user):
        current = PlanItem.objects.select_for_update().select_related("region").get(pk=item.pk)
        ensure_can_write(user, current)
        for name in EDITABLE:
            if name in fields:
                setattr(current, name, fields[name])
        current.title = current.title.strip()
        current.due = current.due.replace(day=1) if current.due else None
        _check(current.region, current.year, current.title, current.section, current.measure)
        if (
            PlanItem.objects.filter(region=current.region, year=current.year, title=current.title)
            .exclude(pk=current.pk)
            .exists()
        ):
            raise AssessmentError(f"本年计划中已有“{current.title}”", field="title")
        current.save()
    return current


def remove_plan_item(item: PlanItem, *, user) -> None:
    with transaction.atomic(), actor_for(user):
        current = PlanItem.objects.select_for_update().get(pk=item.pk)
        ensure_can_write(user, current)
        current.delete()


def proposals(region: Region, year: int) -> list[Proposal]:
    """What the plan for `year` could take up from the open problems of `year - 1` in the region: each target the
    region set that was not met, then each problem figure that is not zero. Those already in the plan are left out."""
    last = year - 1
    found: list[Proposal] = []
    unmet: dict[str, list[Target]] = {}
    targets = Target.objects.filter(year=last, issuer=region).select_related("unit", "region").order_by("pk")
    for target in targets:
        if progress_of(target).met is False:
            unmet.setdefault(target.measure, []).append(target)
    for measure, missed in unmet.items():  # one item per figure: the units and towns that fell short of it
        figure = catalogue.get(measure)
        names = "、".join(t.unit.shown_name if t.unit else t.region.name for t in missed[:3])
        kinds = {"单位" if t.unit_id else "乡镇" for t in missed}
        who = names if len(missed) <= 3 else f"{names}等{len(missed)}个{'和'.join(sorted(kinds, reverse=True))}"
        found.append(
            Proposal(
                title=f"督促{who}完成“{figure.label}”目标",
                section=figure.section,
                measure=measure,
                source=f"proposal:target:{last}:{measure}",
                lead_unit=missed[0].unit if len(missed) == 1 else None,
                target=missed[0] if len(missed) == 1 else None,
            )
        )
    scope = Scope(last, region=region.code)
    for key, title, section in PROBLEM_ITEMS:
        try:
            value = catalogue.compute(key, scope)
        except CatalogueError:
            continue  # the app that declares it is not installed
        if value:
            found.append(Proposal(title.format(n=value), section, key, f"proposal:{key}"))
    taken = set(PlanItem.objects.filter(region=region, year=year).values_list("source", flat=True))
    return [p for p in found if p.source not in taken]


def take_proposal(region: Region, year: int, source: str, *, user) -> PlanItem:
    """Add the proposal named by its source to the plan."""
    chosen = next((p for p in proposals(region, year) if p.source == source), None)
    if chosen is None:
        raise AssessmentError("该建议已列入计划，或已不再适用")
    return take(region, year, chosen, user=user)


def take(region: Region, year: int, proposal: Proposal, *, user) -> PlanItem:
    """A proposal as a plan item, due by the end of June (offices set the year's open problems as first-half work)."""
    return add_plan_item(
        region=region,
        year=year,
        title=proposal.title,
        section=proposal.section,
        lead_unit=proposal.lead_unit,
        due=date(year, 6, 1),
        measure=proposal.measure,
        target=proposal.target,
        source=proposal.source,
        user=user,
    )
