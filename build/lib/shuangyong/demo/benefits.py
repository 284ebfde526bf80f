"""The demo county's benefits: the national standards, a 福建省 护理费 wage base, 罗源县's own standards, and
monthly payment runs from January of last year to the month before `today` — computed and checked by the county
office's administrator (syb), findings waived by her with a reason, approved by a second county official (syb2).
Then a county rise back-dated three months is entered late, and this month's run is computed and checked with
the back-pay in it, left for a visitor to approve. The runs pay the 优待金, rewards and 一次性经济补助 of the
conscription and resettlement demos, so they are made after those (demo/payments.py).

Idempotent: the standards import as unchanged, the records completed once stay complete, and the runs are
made only while the county has none. The rise takes effect three months before `today`'s month, so the open
run shows back-pay whenever the year has had three runs before it (from April on).
"""

import tempfile
from datetime import date
from pathlib import Path

from shuangyong.accounts.models import User
from shuangyong.accounts.system import system_user
from shuangyong.audit.context import actor_for
from shuangyong.audit.models import AuditAction
from shuangyong.audit.services import record_many
from shuangyong.benefits.choices import FindingCode, FindingState
from shuangyong.benefits.models import PaymentRun, WageBase
from shuangyong.benefits.services.approval import (
    UNWAIVABLE,
    approve_run,
    check_run,
    exclude_person,
    waive_open_findings,
)
from shuangyong.benefits.services.engine import compute_run
from shuangyong.benefits.services.rates import add_months
from shuangyong.benefits.services.standards import save_wage_base
from shuangyong.benefits.services.standards_import import import_standards, load_national_standards
from shuangyong.regions.models import Region, subtree_q
from shuangyong.registry.choices import EventKind, Status
from shuangyong.registry.models import Entitlement, Person, PersonEvent
from shuangyong.registry.services.persons import update_person

PROVINCE_CODE = "350000000000"
MAKER, CHECKER = "syb", "syb2"

# 在乡复员军人 is paid by period of enlistment; the shipped national table has no figures for it (no source),
# so the demo county carries its own. Amounts are illustrative, not an official table.
COUNTY_BASE = """待遇项目,优抚类别,入伍时期,区划代码,计发方式,年标准(元),生效日期,说明,来源
定期生活补助,在乡复员军人,抗日战争时期,350123,元/年,36000,2021-08-01,示例金额,演示数据：非正式标准
定期生活补助,在乡复员军人,解放战争时期,350123,元/年,33600,2021-08-01,示例金额,演示数据：非正式标准
定期生活补助,在乡复员军人,建国后,350123,元/年,31200,2021-08-01,示例金额,演示数据：非正式标准
"""
# The later years of the national rises have no figures we can cite (domain.md §7): the demo county carries its own
# rows for them, labelled as its own demonstration data, never as national standards.
DEMO_STANDARDS = Path(__file__).resolve().parent / "data" / "demo-standards.csv"
# the county's rise, decided in time but entered only after the previous month's run: 补发 in this month's run
COUNTY_LATE_RISE = """待遇项目,优抚类别,入伍时期,区划代码,计发方式,年标准(元),生效日期,说明,来源
定期生活补助,在乡复员军人,抗日战争时期,350123,元/年,37800,{since},县级提标5%，补录后追溯补发,演示数据：非正式标准
定期生活补助,在乡复员军人,解放战争时期,350123,元/年,35280,{since},县级提标5%，补录后追溯补发,演示数据：非正式标准
定期生活补助,在乡复员军人,建国后,350123,元/年,32760,{since},县级提标5%，补录后追溯补发,演示数据：非正式标准
"""
WAIVE_REASONS = {
    FindingCode.UNCONFIRMED: "乡镇服务站已电话核实本人健在，年度确认材料补交中，本期照发",
    FindingCode.DUPLICATE: "已核对身份证号与档案，为同名同出生日期的不同人员，不是重复建档",
    FindingCode.AMOUNT: "合计含丧葬补助、补发或护理费，已逐笔核对金额无误",
    FindingCode.ABSENT: "已核实本期未发原因，资料补齐后随下期补发",
    FindingCode.BANK_ACCOUNT: "已通知本人到乡镇服务站补报银行账号，银行退回的款项下期重发",
    FindingCode.AGE_CATEGORY: "已核对出生日期与优抚类别，认定无误",
}


class DemoBenefitsError(Exception):
    pass


def _import(csv_text: str, user) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "罗源县抚恤补助标准.csv"
        path.write_text(csv_text, encoding="utf-8")
        result = import_standards(path, user=user)
    if result.errors:
        raise DemoBenefitsError(f"演示标准导入失败：{result.as_dict()['errors'][:3]}")


def _period_of(birth: date) -> str:
    """在乡复员军人 enlisted before 1954-10-31 (domain.md §1); at 17 or older, the birth year tells the war."""
    if birth.year <= 1927:
        return "anti_japanese"
    return "liberation" if birth.year <= 1931 else "prc"


def _filled_in(field: str, birth: date, id_number: str, today: date):
    if field == "enlistment_period":
        return _period_of(birth)
    if field == "service_years":
        return 3 + int(id_number[14:17]) % 3  # 义务兵 of those years served three to five years
    return today.year - 2  # confirmed_year: the year of the last payment before the system


def _complete_records(county: Region, admin, today: date) -> None:
    """档案补录: the generated roster has no 入伍时期, 服役年限 or 年度确认 column, yet 在乡复员军人 are paid by
    period, 农村籍退役士兵 per year of service, and the persons paid through last December were confirmed last
    year (条例 §8); the office fills these in from the files before the first run. Set-based like the roster
    import: one UPDATE per value, the audit entries by record_many, one timeline event per entitlement."""
    in_county = Entitlement.objects.filter(subtree_q("person__region", county.code))
    missing = {
        "enlistment_period": in_county.filter(category_id="41", enlistment_period=""),
        "service_years": in_county.filter(category_id="72", service_years__isnull=True),
        "confirmed_year": in_county.filter(
            confirmed_year__isnull=True, paid_through=date(today.year - 2, 12, 1), status=Status.ACTIVE
        ),
    }
    with actor_for(admin):
        for field, queryset in missing.items():
            rows = list(
                queryset.values_list(
                    "pk", "person_id", "person__birth_date", "person__id_number", "person__name", "category__name"
                )
            )
            values: dict = {}
            for pk, _, birth, id_number, _, _ in rows:
                values.setdefault(_filled_in(field, birth, id_number, today), []).append(pk)
            for value, pks in sorted(values.items()):
                Entitlement._base_manager.filter(pk__in=pks).update(**{field: value})
            before = "" if field == "enlistment_period" else None
            found = {pk: value for value, pks in values.items() for pk in pks}
            entries = [(pk, f"{name}·{cat}", {field: before}, {field: found[pk]}) for pk, *_, name, cat in rows]
            record_many(AuditAction.UPDATE, Entitlement, entries, note="档案补录")
            PersonEvent.objects.bulk_create(
                PersonEvent(
                    person_id=person_id,
                    entitlement_id=pk,
                    kind=EventKind.EDIT,
                    date=date(today.year, 1, 5),
                    details={"changed": [field], "note": "据档案补录"},
                    created_by=admin,
                )
                for pk, person_id, *_ in rows
            )
    # persons registered by hand this year came without a bank account: they bring it on approval
    unbanked = Person.objects.filter(
        subtree_q("region", county.code), bank_account="", entitlements__status=Status.ACTIVE
    ).distinct()
    for person in unbanked.order_by("pk"):  # ID numbers are encrypted: creation order
        account = f"6228480{person.id_number[6:14]}{person.id_number[14:17]}9"
        update_person(person, user=admin, on=today, bank_name="农业银行", bank_holder=person.name, bank_account=account)


def _wage_base(admin, year: int) -> None:
    if WageBase.objects.filter(region_id=PROVINCE_CODE, valid_from=date(year, 1, 1)).exists():
        return
    wage = WageBase(
        region_id=PROVINCE_CODE,
        year=year - 1,
        monthly_fen=895_600,
        valid_from=date(year, 1, 1),
        note="演示数据：示例数值（按福建省上年度城镇职工月平均工资 8,956 元计），非官方公布值",
    )
    save_wage_base(wage, user=admin)


def _compute_and_check(county: Region, month: date, admin) -> PaymentRun:
    run = check_run(compute_run(county, month, user=admin), user=admin)
    open_codes = run.findings.filter(state=FindingState.OPEN).order_by("code").values_list("code", flat=True)
    for code in open_codes.distinct():
        if code in UNWAIVABLE:
            continue
        reason = WAIVE_REASONS.get(code, "已逐条核实，情况属实，本期照发")
        waive_open_findings(run, reason=reason, code=code, user=admin)
    # paying the dead, the stopped or the moved-away is never waived: the office takes them out of the run
    for finding in run.findings.filter(state=FindingState.OPEN, code__in=UNWAIVABLE):
        exclude_person(finding, reason="已核实：该月不应发放，剔除出本批", user=admin)
    run.refresh_from_db()
    return run


def build_benefits(county: Region, today: date) -> None:
    """Standards, wage base and records (each idempotent); the runs come once every area that owes grants is
    built (demo/payments.py)."""
    admin = User.objects.get(username=MAKER)
    national = load_national_standards(user=system_user())
    if national.errors:
        raise DemoBenefitsError(f"全国标准表导入失败：{national.as_dict()['errors'][:3]}")
    _import(COUNTY_BASE, admin)
    _import(DEMO_STANDARDS.read_text(encoding="utf-8"), admin)
    _wage_base(admin, today.year - 1)
    _wage_base(admin, today.year)
    _complete_records(county, admin, today)


def build_runs(county: Region, today: date) -> dict:
    """The runs, only while the county has none: every month from January of last year to last month approved,
    then the late rise and this month's run left open."""
    if PaymentRun.objects.filter(region=county).exists():
        return {"runs": 0}
    admin, approver = User.objects.get(username=MAKER), User.objects.get(username=CHECKER)
    this_month = today.replace(day=1)
    month = date(today.year - 1, 1, 1)  # last year whole, this year to last month
    runs = 0
    while month < this_month:
        approve_run(_compute_and_check(county, month, admin), user=approver)
        month, runs = add_months(month, 1), runs + 1
    _import(COUNTY_LATE_RISE.format(since=add_months(this_month, -3).isoformat()), admin)
    _compute_and_check(county, this_month, admin)
    return {"runs": runs + 1}
