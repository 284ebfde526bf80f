"""What pages and exports show: quota vs sent per town, allowance rows with their payment state, masked numbers."""

from django.db.models import Count, Q, Sum

from shuangyong.benefits.services.grants import grant_state
from shuangyong.conscription.models import Allowance
from shuangyong.conscription.services.allowances import percent_text
from shuangyong.money import yuan_text
from shuangyong.regions.models import Region
from shuangyong.registry.idnumber import mask, mask_account
from shuangyong.registry.services.export import may_see_full_numbers


def shown_id(user, value: str) -> str:
    return value if may_see_full_numbers(user) else mask(value)


def shown_account(user, value: str) -> str:
    return value if may_see_full_numbers(user) else mask_account(value)


def town_of(code: str) -> str:
    return code[:9] + "000"


def town_table(candidates, quotas) -> list[dict]:
    """One row per town: quota, registered, sent (dispatched, not returned), returned, completion %."""
    rows: dict[str, dict] = {}

    def row(code):
        return rows.setdefault(code, {"code": code, "quota": 0, "registered": 0, "sent": 0, "returned": 0})

    for quota in quotas.values("region_id").annotate(total=Sum("quota")):
        row(town_of(quota["region_id"]))["quota"] += quota["total"]
    counted = candidates.values("region_id").annotate(
        registered=Count("id"),
        sent=Count("id", filter=Q(dispatched_on__isnull=False, returned_on__isnull=True)),
        returned=Count("id", filter=Q(returned_on__isnull=False)),
    )
    for c in counted:
        r = row(town_of(c["region_id"]))
        for key in ("registered", "sent", "returned"):
            r[key] += c[key]
    names = dict(Region.objects.filter(code__in=rows).values_list("code", "name"))
    result = []
    for code in sorted(rows):
        r = rows[code]
        r["name"] = names.get(code, code)
        r["rate"] = f"{r['sent'] * 100 / r['quota']:.1f}%" if r["quota"] else "—"
        result.append(r)
    return result


def allowance_state(allowance: Allowance) -> str:
    """The payment state of one year's 优待金 in staff's words (no grant: no payee was named)."""
    return grant_state(allowance.grant) if allowance.grant_id else "未指定领取人"


def allowance_rows(member) -> list[Allowance]:
    rows = list(Allowance.objects.filter(member=member).select_related("grant", "increment_award__kind"))
    for row in rows:
        row.state = allowance_state(row)
        row.standard_yuan, row.amount_yuan = yuan_text(row.standard_fen), yuan_text(row.amount_fen)
        row.increment_text = percent_text(row.increment_bp)
    return rows
