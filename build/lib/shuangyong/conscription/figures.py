"""The figures of 征兵 (section "conscription") and of serving members, 优待金 and 立功受奖 (section "support").

- 征兵 figures count the candidates of the scope's year (both campaigns) living in the scope's region;
  输送合格 = dispatched and not returned (退兵 are counted apart); the quality shares are of those sent.
- 现役军人 = members from the region serving on 31 December (enlisted by then, not yet left).
- 优待金/立功奖励 money = what approved runs of the year paid (lines of the kind, bank failures excluded).
"""

from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr

from shuangyong.benefits.figures import paid_fen, paid_grant_lines
from shuangyong.benefits.services.rates import Keys, RateBook
from shuangyong.conscription.choices import Political, RankKind, StudentStatus
from shuangyong.conscription.models import Award, AwardKind, Candidate, HonorDelivery, Quota, ServiceMember
from shuangyong.figures.catalogue import Figure, Scope, cached, register, register_family, share, yuan
from shuangyong.figures.examples import Example, register_examples
from shuangyong.figures.names import named
from shuangyong.regions.codes import Level, level_of
from shuangyong.regions.models import Region

COLLEGE = Q(education__college=True) | ~Q(student_status=StudentStatus.NONE)


def candidates(scope: Scope):
    return Candidate.objects.filter(scope.in_region("region_id"), year=scope.year)


def sent(scope: Scope):
    return candidates(scope).filter(dispatched_on__isnull=False, returned_on__isnull=True)


def _count(scope: Scope, name: str, rows) -> int:
    return cached(("conscription", name, scope), rows.count)


def _share_of_sent(scope: Scope, name: str, condition: Q):
    return share(_count(scope, name, sent(scope).filter(condition)), _count(scope, "sent", sent(scope)))


def quota_total(scope: Scope) -> int:
    rows = Quota.objects.filter(scope.in_region("region_id"), year=scope.year)
    return rows.aggregate(total=Sum("quota"))["total"] or 0


def serving(scope: Scope):
    end = scope.end
    return ServiceMember.objects.filter(scope.in_region("region_id"), enlistment_date__lte=end).filter(
        Q(discharge_date__isnull=True) | Q(discharge_date__gt=end)
    )


def standard_for(scope: Scope, hukou: str) -> int | None:
    keys = Keys(category="91", nature="", grade=0, hukou=hukou, period="", county=scope.region[:6])
    standard = RateBook().one_time("conscript_family", keys, scope.end)
    return None if standard is None else standard.amount_fen


def _standard(scope: Scope, hukou: str):
    fen = cached(("conscription", "standard", hukou, scope), lambda: standard_for(scope, hukou))
    return None if fen is None else yuan(fen)


def _one_standard(scope: Scope):
    urban, rural = _standard(scope, "urban"), _standard(scope, "rural")
    return urban if urban == rural else None


def awards(scope: Scope):
    return Award.objects.filter(scope.in_region("member__region_id"), scope.in_year("awarded_on"))


def deliveries(scope: Scope):
    return HonorDelivery.objects.filter(
        scope.in_region("award__member__region_id"), delivered_on__gte=scope.start
    ).filter(delivered_on__lte=scope.end)


def _fig(key, label, unit, section, value, records, source):
    register(Figure(key=key, label=label, unit=unit, section=section, value=value, records=records, source=source))


C, S = "conscription", "support"
SENT_SOURCE = "应征公民：本年度（春秋两季）已输送且未退兵"
_fig("conscription.quota", "征兵任务数", "人", C, quota_total, None, "征兵任务数：本年度各乡镇春秋两季合计")
_fig("conscription.sent", "输送合格军人人数", "人", C, lambda s: _count(s, "sent", sent(s)), sent, SENT_SOURCE)
_fig(
    "conscription.senior_high_share",
    "高中以上文化程度占比",
    "%",
    C,
    lambda s: _share_of_sent(s, "senior", Q(education__senior_high_or_above=True)),
    lambda s: sent(s).filter(education__senior_high_or_above=True),
    SENT_SOURCE + "；文化程度高中（含中专、职高）以上",
)
_fig(
    "conscription.college_count",
    "大学生人数",
    "人",
    C,
    lambda s: _count(s, "college", sent(s).filter(COLLEGE)),
    lambda s: sent(s).filter(COLLEGE),
    SENT_SOURCE + "；大专以上文化程度或在校、应届、往届大学生",
)
_fig(
    "conscription.college_share",
    "大学生占比",
    "%",
    C,
    lambda s: _share_of_sent(s, "college", COLLEGE),
    lambda s: sent(s).filter(COLLEGE),
    SENT_SOURCE + "；大专以上文化程度或在校、应届、往届大学生",
)
PARTY_LEAGUE = Q(political__in=[Political.PARTY, Political.LEAGUE])
_fig(
    "conscription.party_league_share",
    "党团员占比",
    "%",
    C,
    lambda s: _share_of_sent(s, "party", PARTY_LEAGUE),
    lambda s: sent(s).filter(PARTY_LEAGUE),
    SENT_SOURCE + "；中共党员或共青团员",
)
_fig(
    "conscription.returned",
    "退兵人数",
    "人",
    C,
    lambda s: candidates(s).filter(returned_on__isnull=False).count(),
    lambda s: candidates(s).filter(returned_on__isnull=False),
    "应征公民：本年度输送后退回的人数",
)
_fig(
    "conscription.completion",
    "征兵任务完成率",
    "%",
    C,
    lambda s: share(_count(s, "sent", sent(s)), quota_total(s)),
    sent,
    "输送合格军人人数 ÷ 征兵任务数",
)
_fig(
    "support.serving_members",
    "现役军人人数",
    "人",
    S,
    lambda s: serving(s).count(),
    serving,
    "现役军人：年末（12月31日）在役",
)
for _rank in RankKind:
    _fig(
        f"support.serving_members.{_rank.value}",
        f"现役军人人数（{_rank.label}）",
        "人",
        S,
        lambda s, r=_rank.value: serving(s).filter(rank_kind=r).count(),
        lambda s, r=_rank.value: serving(s).filter(rank_kind=r),
        f"现役军人：年末在役的{_rank.label}",
    )
_fig(
    "support.allowance_families",
    "义务兵家庭优待金发放人数",
    "人",
    S,
    lambda s: paid_grant_lines(s, "conscript_family").filter(amount_fen__gt=0).values("person_id").distinct().count(),
    lambda s: paid_grant_lines(s, "conscript_family"),
    "发放批次（已批准）：本年度义务兵家庭优待金领取人",
)
_fig(
    "support.allowance_total",
    "义务兵家庭优待金总额",
    "元",
    S,
    lambda s: yuan(paid_fen(s, "conscript_family")),
    lambda s: paid_grant_lines(s, "conscript_family"),
    "发放批次（已批准）：本年度义务兵家庭优待金发放金额合计（不含发放失败）",
)
_fig(
    "support.allowance_standard",
    "义务兵家庭优待金标准",
    "元/年",
    S,
    _one_standard,
    None,
    "抚恤补助标准：年末适用的义务兵家庭优待金标准（城乡统一时）",
)
for _hukou, _label in (("urban", "城镇"), ("rural", "农村")):
    _fig(
        f"support.allowance_standard.{_hukou}",
        f"义务兵家庭优待金标准（{_label}）",
        "元/年",
        S,
        lambda s, h=_hukou: _standard(s, h),
        None,
        f"抚恤补助标准：年末适用于{_label}户籍义务兵家庭的优待金标准",
    )
_fig(
    "support.merit_awards",
    "立功受奖人数",
    "人",
    S,
    lambda s: awards(s).values("member_id").distinct().count(),
    awards,
    "立功受奖：本年度授予奖励的现役军人（按人计）",
)
_fig(
    "support.merit_reward_total",
    "立功受奖奖励金额",
    "元",
    S,
    lambda s: yuan(paid_fen(s, "merit_reward")),
    lambda s: paid_grant_lines(s, "merit_reward"),
    "发放批次（已批准）：本年度立功受奖奖金发放金额合计",
)
_fig(
    "support.honor_deliveries",
    "送喜报次数",
    "次",
    S,
    lambda s: deliveries(s).count(),
    deliveries,
    "送喜报：本年度送达军人家庭的喜报",
)


def award_kind_figures():
    for kind in AwardKind.objects.all():
        yield Figure(
            key=f"support.merit_awards.{kind.code}",
            label=f"立功受奖人数（{kind.name}）",
            unit="人",
            section=S,
            value=lambda s, k=kind.code: awards(s).filter(kind_id=k).values("member_id").distinct().count(),
            records=lambda s, k=kind.code: awards(s).filter(kind_id=k),
            source=f"立功受奖：本年度获{kind.name}的现役军人",
        )


register_family("support.merit_awards.", award_kind_figures)


def _award_examples(scope: Scope) -> list[Example]:
    if not scope.is_region:
        return []
    rows = awards(scope).select_related("member", "kind").order_by("kind__rank", "-awarded_on", "pk")[:2]
    return [
        Example(
            f"{named(award.member.name, scope)}在{award.military_unit}荣获{award.kind.name}", "support.merit_awards"
        )
        for award in rows
    ]


register_examples("support", "conscription.awards", _award_examples)


def _sent_examples(scope: Scope) -> list[Example]:
    """The places below the scope that sent the most recruits (towns of a county, villages of a town)."""
    if not scope.is_region or level_of(scope.region) not in (Level.COUNTY, Level.TOWN):
        return []
    digits = 9 if level_of(scope.region) == Level.COUNTY else 12
    rows = list(
        sent(scope)
        .annotate(place=Substr("region_id", 1, digits))
        .values("place")
        .annotate(n=Count("id"), college=Count("id", filter=COLLEGE))
        .order_by("-n", "place")[:2]
    )
    names = dict(
        Region.objects.filter(code__in=[row["place"].ljust(12, "0") for row in rows]).values_list("code", "name")
    )
    return [
        Example(
            f"{names.get(row['place'].ljust(12, '0'), '')}输送合格新兵{row['n']}人"
            + (f"，其中大学生{row['college']}人" if row["college"] else ""),
            "conscription.sent",
        )
        for row in rows
        if row["n"] > 1
    ]


register_examples("conscription", "conscription.sent", _sent_examples)
