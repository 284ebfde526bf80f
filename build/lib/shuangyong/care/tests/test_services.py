"""The rules of 优待服务与关爱: what a record must say, who may keep it, and refusals that change nothing."""

from datetime import date

import pytest
from conftest import PASSWORD  # noqa: F401  (the shared fixtures' module)

from shuangyong.accounts.scope import ScopeDenied
from shuangyong.audit.models import AuditEntry
from shuangyong.care import services
from shuangyong.care.models import CareRecord, Fund, FundPurpose, MemorialSite
from shuangyong.care.tests.conftest import TODAY, data

pytestmark = pytest.mark.django_db


def test_a_record_is_kept_with_its_figures_and_audited(county, users):
    record = services.record_care(
        data("medical_aid", "350123100001", count=12, money_fen=2_345_600), user=users["town_staff"], today=TODAY
    )
    stored = CareRecord.objects.get(pk=record.pk)
    assert (stored.region_id, stored.count, stored.money_fen, stored.created_by) == (
        "350123100001", 12, 2_345_600, users["town_staff"]
    )  # fmt: skip
    assert AuditEntry.objects.filter(object_repr__contains="医疗补助").count() >= 1


@pytest.mark.parametrize(
    ("code", "fields", "message", "field"),
    [
        ("priority_medical", {"money_fen": 100}, "“优先就医”不登记金额", "money"),
        ("spouse_job", {}, "“随军家属就业”须填写对象（姓名）", "beneficiary"),
        ("medical_aid", {"count": 0}, "数量应在 1 到 1,000,000 之间（人次）", "count"),
        ("medical_aid", {"date": date(2026, 12, 1)}, "日期 2026-12-01 晚于今天", "date"),
        ("free_visit", {"site": "any"}, "只有“烈士纪念设施祭扫”可选择纪念设施", "site"),
    ],
)
def test_what_a_record_must_say(county, users, code, fields, message, field):
    if fields.get("site") == "any":
        fields["site"] = MemorialSite.objects.create(name="烈士陵园", region=county["county"])
    with pytest.raises(services.CareError) as refused:
        services.record_care(data(code, "350123100000", **fields), user=users["town_staff"], today=TODAY)
    assert (str(refused.value), refused.value.field) == (message, field)
    assert CareRecord.objects.count() == 0


def test_staff_keep_only_their_own_region_and_nothing_changes_when_refused(county, users):
    record = services.record_care(data("dibao", "350123101000", count=3), user=users["county_admin"], today=TODAY)
    before = AuditEntry.objects.count()
    with pytest.raises(ScopeDenied):
        services.record_care(data("dibao", "350123101000", count=9), user=users["town_staff"], today=TODAY)
    with pytest.raises(ScopeDenied):  # nor move another town's record into their own
        services.update_care(record, data("dibao", "350123100000", count=9), user=users["town_staff"], today=TODAY)
    with pytest.raises(ScopeDenied):
        services.delete_care(record, user=users["town_staff"])
    record.refresh_from_db()
    assert (record.region_id, record.count, CareRecord.objects.count()) == ("350123101000", 3, 1)
    assert AuditEntry.objects.count() == before


def test_a_member_unit_records_its_own_work(county, users):
    unit = county["unit_bureau"]
    record = services.record_care(
        data("free_visit", "350123000000", count=40, provider=unit), user=users["unit_staff"], today=TODAY
    )
    assert record.provider == unit
    with pytest.raises(ScopeDenied):
        services.record_care(data("free_visit", "350123000000", count=1), user=users["unit_staff"], today=TODAY)


def test_a_fund_is_one_row_per_region_year_and_purpose(county, users):
    purpose = FundPurpose.objects.get(code="visits")
    admin = users["county_admin"]
    services.set_fund(region=county["county"], year=2026, purpose=purpose, budget_fen=80_000_00, spent_fen=0,
                      user=admin)  # fmt: skip
    services.set_fund(region=county["county"], year=2026, purpose=purpose, budget_fen=80_000_00, spent_fen=78_640_00,
                      source="罗财〔2026〕3号", user=admin)  # fmt: skip
    assert list(Fund.objects.values_list("budget_fen", "spent_fen", "source")) == [
        (8_000_000, 7_864_000, "罗财〔2026〕3号")
    ]
    with pytest.raises(services.CareError, match="不能为负数"):
        services.set_fund(region=county["county"], year=2026, purpose=purpose, budget_fen=-1, spent_fen=0, user=admin)
    with pytest.raises(ScopeDenied):
        services.set_fund(region=county["county"], year=2026, purpose=purpose, budget_fen=1, spent_fen=1,
                          user=users["town_staff"])  # fmt: skip
    assert Fund.objects.get().budget_fen == 8_000_000


def test_a_site_name_is_unique_in_its_region(county, users):
    admin = users["county_admin"]
    services.save_site(None, region=county["county"], name="罗源县革命烈士陵园", graves=126, user=admin)
    with pytest.raises(services.CareError, match="已登记名为“罗源县革命烈士陵园”的纪念设施"):
        services.save_site(None, region=county["county"], name=" 罗源县革命烈士陵园 ", user=admin)
    assert MemorialSite.objects.count() == 1
