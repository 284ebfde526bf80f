"""Life events of persons and their entitlements (受理, 认定, 调级, 迁移, 停发, 恢复, 取消, 去世, 年度确认).

Each is a plain function `verb_object(obj, ..., user=)`: it checks the user's scope, locks the rows it
changes, writes the change (audited by the model) and a timeline event in one transaction, and raises
RegistryError with a Chinese message when a rule refuses.
"""

from datetime import date

from django.db import transaction

from shuangyong.accounts.scope import ensure_can_write
from shuangyong.audit.context import actor_for
from shuangyong.errors import RuleError
from shuangyong.registry.choices import EventKind, Status, SupportMode
from shuangyong.registry.models import Category, Entitlement, Pause, Person
from shuangyong.registry.rules import entitlement_problems
from shuangyong.registry.services.pauses import close_pause, open_pause
from shuangyong.registry.services.timeline import add_event


class RegistryError(RuleError):
    pass


def month_start(day: date) -> date:
    return day.replace(day=1)


def _locked_entitlement(entitlement: Entitlement, user) -> Entitlement:
    locked = Entitlement.objects.select_for_update().select_related("person", "category").get(pk=entitlement.pk)
    ensure_can_write(user, locked.person)
    return locked


def _require_status(entitlement: Entitlement, allowed: tuple[str, ...], action: str) -> None:
    if entitlement.status not in allowed:
        labels = "、".join(Status(s).label for s in allowed)
        raise RegistryError(f"{entitlement}当前状态为“{entitlement.get_status_display()}”，只有{labels}的可以{action}")


def check_entitlement_rules(entitlement: Entitlement, person: Person, on: date) -> None:
    problems = entitlement_problems(
        entitlement.category,
        grade=entitlement.disability_grade,
        nature=entitlement.disability_nature,
        relation=entitlement.relation,
        birth_date=person.birth_date,
        death_date=person.death_date,
        on=on,
    )
    if problems:
        raise RegistryError(f"{person.name}：" + "；".join(message for _, message in problems))


@transaction.atomic
def register_entitlement(person: Person, *, category: Category, on: date, user, **fields) -> Entitlement:
    """受理: record an application under a category."""
    with actor_for(user):
        ensure_can_write(user, person)
        if Entitlement.objects.filter(person=person, category=category).exists():
            raise RegistryError(f"{person.name}已有“{category.name}”记录")
        entitlement = Entitlement(person=person, category=category, status=Status.APPLIED, status_date=on, **fields)
        entitlement.save()
        add_event(person, EventKind.REGISTER, on, entitlement=entitlement, category=category.name)
        return entitlement


@transaction.atomic
def approve_entitlement(entitlement: Entitlement, *, on: date, user, approval_no: str = "") -> Entitlement:
    """认定享受待遇 (with the 批准文号 when given): payments start from the month of approval (条例 §27)."""
    with actor_for(user):
        ent = _locked_entitlement(entitlement, user)
        _require_status(ent, (Status.APPLIED, Status.NOT_ENTITLED), "认定享受待遇")
        check_entitlement_rules(ent, ent.person, on)
        ent.status, ent.status_date, ent.approval_date = Status.ACTIVE, on, on
        ent.approval_no = approval_no.strip() or ent.approval_no
        ent.save()
        add_event(ent.person, EventKind.APPROVE, on, entitlement=ent, category=ent.category.name)
        return ent


@transaction.atomic
def decline_entitlement(entitlement: Entitlement, *, on: date, reason: str, user, reject: bool = False):
    """认定不享受待遇 (e.g. 因病 grade 7-10), or with reject=True 不予认定."""
    with actor_for(user):
        ent = _locked_entitlement(entitlement, user)
        _require_status(ent, (Status.APPLIED,), "作出认定")
        ent.status = Status.REJECTED if reject else Status.NOT_ENTITLED
        ent.status_date, ent.status_reason = on, reason
        ent.save()
        add_event(ent.person, EventKind.REJECT if reject else EventKind.DECLINE, on, entitlement=ent, reason=reason)
        return ent


@transaction.atomic
def change_grade(
    entitlement: Entitlement,
    *,
    grade: int,
    on: date,
    nature: str | None = None,
    certificate_no: str | None = None,
    user,
) -> Entitlement:
    """调整伤残等级 (and nature): effective from `on`; the benefits engine pays the difference from then."""
    with actor_for(user):
        ent = _locked_entitlement(entitlement, user)
        if not ent.category.requires_disability:
            raise RegistryError(f"{ent.category.name}没有伤残等级")
        before = {"grade": ent.disability_grade, "nature": ent.disability_nature}
        ent.disability_grade = grade
        ent.disability_nature = nature or ent.disability_nature
        if certificate_no:
            ent.certificate_no = certificate_no
        if ent.status == Status.ACTIVE:
            check_entitlement_rules(ent, ent.person, on)
        ent.save()
        add_event(
            ent.person,
            EventKind.CHANGE_GRADE,
            on,
            entitlement=ent,
            before=before,
            after={"grade": ent.disability_grade, "nature": ent.disability_nature},
        )
        return ent


@transaction.atomic
def change_category(entitlement: Entitlement, *, category: Category, on: date, user) -> Entitlement:
    with actor_for(user):
        ent = _locked_entitlement(entitlement, user)
        if Entitlement.objects.filter(person=ent.person, category=category).exclude(pk=ent.pk).exists():
            raise RegistryError(f"{ent.person.name}已有“{category.name}”记录")
        old = ent.category.name
        ent.category = category
        if ent.status == Status.ACTIVE:
            check_entitlement_rules(ent, ent.person, on)
        ent.save()
        add_event(ent.person, EventKind.CHANGE_CATEGORY, on, entitlement=ent, before=old, after=category.name)
        return ent


@transaction.atomic
def change_support_mode(entitlement: Entitlement, *, mode: str, on: date, user) -> Entitlement:
    """集中供养 / 分散供养 (一至四级): standards may differ by it, so a back-dated change pays the difference."""
    with actor_for(user):
        ent = _locked_entitlement(entitlement, user)
        if mode not in SupportMode.values:
            raise RegistryError(f"供养方式“{mode}”无效")
        if mode and not (ent.disability_grade and ent.disability_grade <= 4):
            raise RegistryError("集中供养或分散供养只适用于一至四级残疾军人")
        before = ent.get_support_mode_display() if ent.support_mode else "—"
        ent.support_mode = mode
        ent.save()
        after = ent.get_support_mode_display() if mode else "—"
        add_event(ent.person, EventKind.CHANGE_SUPPORT, on, entitlement=ent, before=before, after=after)
        return ent


@transaction.atomic
def change_entitlement(
    entitlement: Entitlement,
    *,
    on: date,
    user,
    category: Category | None = None,
    grade: int | None = None,
    nature: str | None = None,
    support_mode: str | None = None,
    certificate_no: str | None = None,
) -> Entitlement:
    """变更 from the person page or the API: each key that differs is its own dated, audited event (类别, 等级与
    性质, 供养方式), all or none; the payment engine pays or recovers the difference from `on`."""
    ent = Entitlement.objects.get(pk=entitlement.pk)
    changed = False
    if category is not None and category.pk != ent.category_id:
        ent, changed = change_category(ent, category=category, on=on, user=user), True
    new_nature = nature if nature is not None else ent.disability_nature
    if (grade is not None and grade != ent.disability_grade) or new_nature != ent.disability_nature:
        new_grade = grade if grade is not None else ent.disability_grade
        if new_grade is None:
            raise RegistryError("改变伤残性质须同时填写伤残等级")
        ent = change_grade(ent, grade=new_grade, nature=new_nature, on=on, certificate_no=certificate_no, user=user)
        changed = True
    if support_mode is not None and support_mode != ent.support_mode:
        ent, changed = change_support_mode(ent, mode=support_mode, on=on, user=user), True
    if not changed:
        raise RegistryError("没有要变更的内容")
    return ent


def _set_status(ent: Entitlement, status: str, on: date, reason: str = "", **extra) -> None:
    ent.status, ent.status_date, ent.status_reason = status, on, reason
    for name, value in extra.items():
        setattr(ent, name, value)
    ent.save()


@transaction.atomic
def suspend_entitlement(
    entitlement: Entitlement, *, on: date, reason: str, user, kind: str = Pause.Kind.SUSPEND
) -> Entitlement:
    """停发 (中止, 条例 §58): e.g. during a prison term, or 年度确认 not done (kind=Pause.Kind.UNCONFIRMED)."""
    with actor_for(user):
        ent = _locked_entitlement(entitlement, user)
        _require_status(ent, (Status.ACTIVE,), "停发")
        _set_status(ent, Status.SUSPENDED, on, reason)
        open_pause(ent, on, reason, kind)
        add_event(ent.person, EventKind.SUSPEND, on, entitlement=ent, reason=reason)
        return ent


@transaction.atomic
def resume_entitlement(entitlement: Entitlement, *, on: date, user) -> Entitlement:
    with actor_for(user):
        ent = _locked_entitlement(entitlement, user)
        _require_status(ent, (Status.SUSPENDED,), "恢复发放")
        check_entitlement_rules(ent, ent.person, on)
        # only the months of the suspension are not owed (条例 §58): payments start again with this month, and
        # the months before the suspension stay owed (a back-dated rise still pays their difference)
        _set_status(ent, Status.ACTIVE, on)
        close_pause(ent, on)
        add_event(ent.person, EventKind.RESUME, on, entitlement=ent, pay_from=month_start(on).isoformat())
        return ent


@transaction.atomic
def cancel_entitlement(entitlement: Entitlement, *, on: date, reason: str, user) -> Entitlement:
    """取消 (条例 §59: 无期徒刑、死刑、开除军籍, or 冒领; recovery of overpayments is the benefits engine's)."""
    with actor_for(user):
        ent = _locked_entitlement(entitlement, user)
        _require_status(ent, (Status.ACTIVE, Status.SUSPENDED, Status.APPLIED), "取消")
        _set_status(ent, Status.CANCELLED, on, reason, pay_until=month_start(on))
        add_event(ent.person, EventKind.CANCEL, on, entitlement=ent, reason=reason)
        return ent


def _locked_person(person: Person, user) -> Person:
    locked = Person.objects.select_for_update().get(pk=person.pk)
    ensure_can_write(user, locked)
    return locked


@transaction.atomic
def record_arrival(person: Person, *, on: date, origin: str, paid_through: date | None = None, user) -> Person:
    """迁入 from outside this system: `person` is registered here (with region and entitlements); the previous
    county (`origin`) paid through `paid_through` — December of the move year unless told otherwise (条例 §30) —
    and this county pays from the month after. A move from a county on this system is a Transfer instead."""
    with actor_for(user):
        locked = _locked_person(person, user)
        if not origin.strip():
            raise RegistryError("请填写原户籍地（迁出县）")
        settled = month_start(paid_through) if paid_through else date(on.year, 12, 1)
        for ent in locked.entitlements.select_for_update().exclude(status=Status.DECEASED):
            check_entitlement_rules(ent, locked, on)
            _set_status(
                ent,
                Status.ACTIVE,
                on,
                f"自{origin}迁入"[:200],
                paid_through=settled,
                pay_until=None,
                approval_date=ent.approval_date or on,
            )
        add_event(locked, EventKind.MOVE_IN, on, origin=origin, paid_through=settled.isoformat())
        return locked


@transaction.atomic
def record_death(person: Person, *, on: date, cause: str = "", user) -> Person:
    """去世: every entitlement ends; pay through the month of death (the benefits engine adds 丧葬补助)."""
    with actor_for(user):
        locked = _locked_person(person, user)
        if locked.death_date:
            raise RegistryError(f"{locked.name}的去世已于 {locked.death_date} 登记")
        if on < locked.birth_date or on > date.today():
            raise RegistryError("去世日期不合理")
        locked.death_date, locked.death_cause = on, cause
        locked.save()
        for ent in locked.entitlements.select_for_update().exclude(status__in=[Status.REJECTED]):
            _set_status(ent, Status.DECEASED, on, cause, pay_until=month_start(on))
        add_event(locked, EventKind.DEATH, on, cause=cause)
        return locked


@transaction.atomic
def confirm_year(person: Person, *, year: int, on: date, user) -> Person:
    """年度确认 (条例 §8): the person was seen alive and still entitled this year."""
    with actor_for(user):
        locked = _locked_person(person, user)
        if locked.death_date:
            raise RegistryError(f"{locked.name}已去世，不能年度确认")
        entitlements = list(locked.entitlements.select_for_update().filter(status=Status.ACTIVE))
        if not entitlements:
            raise RegistryError(f"{locked.name}没有正在享受的待遇，无需年度确认")
        for ent in entitlements:
            if ent.confirmed_year != year:
                ent.confirmed_year = year
                ent.save()
        add_event(locked, EventKind.CONFIRM, on, year=year)
        return locked
