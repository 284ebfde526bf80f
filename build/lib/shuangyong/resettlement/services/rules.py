"""The rules of resettlement that need no database writes: deadlines, allowed methods, years of service."""

from datetime import date, timedelta

from shuangyong.errors import RuleError
from shuangyong.resettlement.choices import SoldierKind
from shuangyong.resettlement.models import Deadline, Method


class ResettlementError(RuleError):
    """A rule refused the change; the message is Chinese and shown to the user as is."""


def deadline_days(code: str) -> int:
    row = Deadline.objects.filter(code=code).first()
    if row is None:
        raise ResettlementError(f"缺少办理时限“{code}”，请在管理后台的“办理时限”中补充")
    return row.days


def due_date(start: date, code: str) -> date:
    return start + timedelta(days=deadline_days(code))


def check_method_allowed(method: Method, kind: str) -> None:
    """安置条例 §5: each kind of soldier may be placed only by the methods the table opens to it."""
    if not method.allows(kind):
        label = SoldierKind(kind).label
        allowed = "、".join(m.name for m in Method.objects.all() if m.allows(kind))
        raise ResettlementError(f"{label}不能以“{method.name}”方式安置；{label}可选：{allowed}", field="method")


def counted_months(enlisted: date, discharged: date) -> int:
    """Months of service as the grant counts them: a part year of up to 6 months counts as 6, more as 12."""
    months = (discharged.year - enlisted.year) * 12 + discharged.month - enlisted.month
    if discharged.day < enlisted.day:
        months -= 1
    whole, rest = divmod(max(months, 0), 12)
    return whole * 12 + (0 if rest == 0 else 6 if rest <= 6 else 12)


def service_years_of(enlisted: date | None, discharged: date | None) -> int | None:
    """Whole years for the 花名册 column: half a year or more counts as a year."""
    if not enlisted or not discharged:
        return None
    months = (discharged.year - enlisted.year) * 12 + discharged.month - enlisted.month
    if discharged.day < enlisted.day:
        months -= 1
    whole, rest = divmod(max(months, 0), 12)
    return whole + (1 if rest >= 6 else 0)


def check_dates(*, enlisted: date | None, discharged: date | None, arrival: date) -> None:
    if enlisted and discharged and discharged <= enlisted:
        raise ResettlementError("退役日期应晚于入伍日期", field="discharged_on")
    if discharged and arrival < discharged:
        raise ResettlementError("到达安置地日期不能早于退役日期", field="arrival_date")
