"""A 创建 self-assessment: automatic items scored from the records, judgement items with a reason, the lock, the
report's statuses and gaps, N连冠 — exact, and refusals that change nothing."""

import json
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from shuangyong.accounts.scope import ScopeDenied
from shuangyong.audit.models import AuditEntry
from shuangyong.care import services as care
from shuangyong.care.models import FundPurpose
from shuangyong.creation import services
from shuangyong.creation.models import ItemScore, Naming
from shuangyong.creation.report import report
from shuangyong.leadership import services as leadership
from shuangyong.leadership.models import MeetingKind

pytestmark = pytest.mark.django_db


def _row(assessment, code) -> ItemScore:
    return assessment.row(str(code))


@pytest.fixture
def assessment(county, users, rubric):
    return services.open_assessment(rubric=rubric, region=county["county"], year=2026, user=users["county_admin"])


def test_opening_makes_a_row_per_item_once(county, users, rubric, assessment):
    assert assessment.scores.count() == 8  # item 3 is scored by its three sub-items
    again = services.open_assessment(rubric=rubric, region=county["county"], year=2026, user=users["county_admin"])
    assert again == assessment and again.scores.count() == 8
    with pytest.raises(ScopeDenied):
        services.open_assessment(rubric=rubric, region=county["county"], year=2025, user=users["town_staff"])


def test_automatic_items_follow_the_records(county, users, assessment):
    admin = users["county_admin"]
    assert services.score_automatic(assessment, user=admin) == 3
    assert [_row(assessment, n).score for n in (2, 4, 5)] == [Decimal("0.00")] * 3
    group = MeetingKind.objects.get(code="group")
    leadership.record_meeting(region=county["county"], kind=group, date=date(2026, 3, 5), title="全体会议", user=admin)
    care.set_fund(region=county["county"], year=2026, purpose=FundPurpose.objects.get(code="visits"),
                  budget_fen=8_000_000, spent_fen=7_864_000, user=admin)  # fmt: skip
    assert services.score_automatic(assessment, user=admin) == 2
    assert [_row(assessment, n).score for n in (2, 4, 5)] == [Decimal("0.50"), Decimal("0.00"), Decimal("1.00")]
    assert "召开领导小组会议：1" in _row(assessment, 2).reason


def test_judgement_on_the_items_scale_with_a_reason(users, assessment):
    row = _row(assessment, 1)
    admin = users["county_admin"]
    with pytest.raises(services.CreationError, match="应在 0 到 2 分之间，以 0.5 分为单位"):
        services.judge_item(row, score="1.3", reason="写入规划", user=admin)
    with pytest.raises(services.CreationError, match="请填写评分理由"):
        services.judge_item(row, score="1.5", reason=" ", user=admin)
    with pytest.raises(ScopeDenied):
        services.judge_item(row, score="2", reason="全部做到", user=users["town_staff"])
    with pytest.raises(services.CreationError, match="自动评分"):
        services.judge_item(_row(assessment, 2), score="1", reason="x", user=admin)
    services.judge_item(row, score="1.5", reason="列入规划、考核和政府报告，未写入人武部报告", user=admin)
    row.refresh_from_db()
    assert (row.score, row.reason) == (Decimal("1.50"), "列入规划、考核和政府报告，未写入人武部报告")


def test_submitting_locks_until_a_county_administrator_unlocks_with_a_reason(county, users, assessment):
    admin = users["county_admin"]
    with pytest.raises(services.CreationError, match="还有8项未评分"):
        services.submit_assessment(assessment, user=admin)
    services.score_automatic(assessment, user=admin)
    for number, score in ((1, "2"), ("3.1", "0.25"), ("3.2", "0.25"), ("3.3", "0.5"), (6, "0.5")):
        services.judge_item(_row(assessment, number), score=score, reason="据台账", user=admin)
    services.submit_assessment(assessment, user=admin)
    before = AuditEntry.objects.count()
    with pytest.raises(services.CreationError, match="已提交锁定"):
        services.judge_item(_row(assessment, 1), score="1", reason="改", user=admin)
    with pytest.raises(services.CreationError, match="已提交锁定"):
        services.note_evidence(_row(assessment, 1), note="补充", user=admin)
    with pytest.raises(ScopeDenied):
        services.unlock_assessment(assessment, reason="补录", user=users["town_staff"])
    with pytest.raises(services.CreationError, match="请填写解锁原因"):
        services.unlock_assessment(assessment, reason="", user=admin)
    assert AuditEntry.objects.count() == before and _row(assessment, 1).score == Decimal("2.00")
    services.unlock_assessment(assessment, reason="省考评组要求补充台账", user=admin)
    assessment.refresh_from_db()
    assert (assessment.locked, assessment.unlock_reason) == (False, "省考评组要求补充台账")


def test_report_statuses_gaps_and_the_command(county, users, assessment, tmp_path):
    admin = users["county_admin"]
    services.score_automatic(assessment, user=admin)
    services.judge_item(_row(assessment, 1), score="2", reason="全部做到", user=admin)
    services.note_evidence(_row(assessment, 1), note="发展规划第十二章；考核办法", user=admin)
    services.judge_item(_row(assessment, "3.1"), score="0.25", reason="职责明确", user=admin)
    services.judge_item(_row(assessment, "3.2"), score="0.25", reason="有计划和总结", user=admin)
    services.assign_item(_row(assessment, 6), lead_unit=county["unit_bureau"], due=date(2026, 12, 20), user=admin)
    with pytest.raises(services.CreationError, match="不是成员单位"):
        services.assign_item(_row(assessment, 5), lead_unit=county["unit_garrison"], user=admin)
    found = report(assessment, today=date(2026, 11, 30))
    assert [(i["code"], i["status"], i["evidence"]) for i in found["items"]] == [
        ("1", "met", 1), ("2", "missing", 0), ("3.1", "partly", 0), ("3.2", "partly", 0), ("3.3", "missing", 0),
        ("4", "missing", 0), ("5", "missing", 0), ("6", "not_due", 0),
    ]  # fmt: skip
    assert (found["score"], found["max"], found["gaps"]) == (Decimal("2.50"), Decimal("7.00"), 6)
    assert [(s["title"], s["score"], s["skeleton"]) for s in found["sections"]] == [
        ("组织领导坚强有力", Decimal("2.50"), False), ("宣传教育广泛深入", Decimal("0"), True),
    ]  # fmt: skip
    out = StringIO()
    call_command("assessment", "--year", "2026", "--region", "350123", "--json", "--out", tmp_path / "g.xlsx",
                 stdout=out)  # fmt: skip
    shown = json.loads(out.getvalue())
    assert (shown["score"], shown["max"], shown["year"]) == (2.5, 7, 2026)
    assert shown["items"][7]["units"] == ["县文广局"] and (tmp_path / "g.xlsx").stat().st_size > 0


def test_n_consecutive_namings(county):
    for year in (2012, 2016, 2020, 2024):
        Naming.objects.create(region=county["county"], level="provincial", year=year, title="省级双拥模范县")
    Naming.objects.create(region=county["county"], level="national", year=2016, title="全国双拥模范县")
    Naming.objects.create(region=county["county"], level="national", year=2024, title="全国双拥模范县")
    assert services.streak(county["county"], "provincial") == services.Streak(4, 2024, 2028)
    assert services.streak(county["county"], "national") == services.Streak(1, 2024, 2028)  # 2020 was missed
    assert services.streak("350123100000", "national") == services.Streak(0, None, None)


def test_files_wait_while_the_assessment_is_locked(county, users, assessment):
    from shuangyong.archive.services import ArchiveError, attach_file
    from shuangyong.archive.tests.files import png_bytes, upload

    admin = users["county_admin"]
    row = _row(assessment, 1)
    attach_file(row, upload("规划.png", png_bytes(color=(3, 3, 3))), user=admin, year=2026)
    services.score_automatic(assessment, user=admin)
    for number, score in ((1, "0.5"), ("3.1", "0.25"), ("3.2", "0"), ("3.3", "0.5"), (6, "0.5")):
        services.judge_item(_row(assessment, number), score=score, reason="据台账", user=admin)
    services.submit_assessment(assessment, user=admin)
    with pytest.raises(ArchiveError, match="已提交锁定，不能增删台账资料"):
        attach_file(_row(assessment, 1), upload("补.png", png_bytes(color=(4, 4, 4))), user=admin, year=2026)
    assert report(assessment)["items"][0]["evidence"] == 1


def test_the_evidence_book_and_its_files(county, users, assessment):
    import io
    import zipfile

    from shuangyong.archive.services import attach_file
    from shuangyong.archive.tests.files import png_bytes, upload
    from shuangyong.creation.book import evidence_docx, evidence_zip
    from shuangyong.intake.reading.loaders import docx_text

    admin = users["county_admin"]
    services.score_automatic(assessment, user=admin)
    services.judge_item(_row(assessment, 1), score="2", reason="全部做到", user=admin)
    services.note_evidence(_row(assessment, 1), note="发展规划第十二章", user=admin)
    attach_file(_row(assessment, 1), upload("规划.png", png_bytes(color=(5, 5, 5))), user=admin, year=2026)
    text = docx_text(evidence_docx(assessment))
    assert "罗源县2026年双拥模范城（县）创建台账" in text and "台账说明：发展规划第十二章" in text
    assert "评分理由：全部做到" in text and "台账资料：规划（规划.png）" in text
    assert "统计数据：召开联席会议：0次（来源：" in text
    names = zipfile.ZipFile(io.BytesIO(evidence_zip(assessment, user=admin))).namelist()
    assert names == ["第01项 双拥工作列入经济社会发展规划和党政领导班/01-规划.png"]


def test_a_town_leads_units_and_towns_help(county, users, assessment):
    from shuangyong.accounts.scope import visible
    from shuangyong.creation.models import ItemHelper

    admin, row = users["county_admin"], _row(assessment, 6)
    with pytest.raises(services.CreationError, match="只能选一个"):
        services.assign_item(row, lead_unit=county["unit_bureau"], lead_town=county["town_a"], user=admin)
    with pytest.raises(services.CreationError, match="北门居委会不是本县的乡镇"):
        services.assign_item(row, lead_town=county["village_a1"], user=admin)
    services.assign_item(row, lead_town=county["town_a"], helper_units=[county["unit_bureau"]],
                         helper_towns=[county["town_b"]], due=date(2026, 6, 15), user=admin)  # fmt: skip
    row.refresh_from_db()
    assert (row.place_id, row.lead_name(), row.due) == ("350123100000", "凤山镇", date(2026, 6, 1))
    services.note_evidence(row, note="凤山镇中小学国防教育课表", user=users["town_staff"])  # the lead town fills it
    with pytest.raises(ScopeDenied):
        services.note_evidence(row, note="改", user=users["town_b_staff"])  # a helper reads, the lead writes
    assert _row(assessment, 6).note == "凤山镇中小学国防教育课表"
    assert [h.score_id for h in visible(users["unit_staff"], ItemHelper.objects.all())] == [row.pk]
    assert [h.score_id for h in visible(users["town_b_staff"], ItemHelper.objects.all())] == [row.pk]
    assert report(assessment)["items"][7]["units"] == ["凤山镇", "松山镇", "县文广局"]
    before = AuditEntry.objects.count()
    services.assign_item(row, user=admin)  # back to the county office, no helpers
    row.refresh_from_db()
    assert (row.place_id, row.lead_name(), row.helpers.count()) == ("350123000000", "", 0)
    assert AuditEntry.objects.count() - before == 3  # the row and each helper removed


def test_records_picked_from_a_figure_as_evidence(county, users, assessment):
    admin, row = users["county_admin"], _row(assessment, 2)
    joint = MeetingKind.objects.get(code="joint")
    where = {"region": county["county"], "kind": joint, "user": admin}
    meeting = leadership.record_meeting(date=date(2026, 4, 8), title="军地联席会议", **where)
    earlier = leadership.record_meeting(date=date(2025, 4, 8), title="上年会议", **where)
    figure = "leadership.meetings.joint"
    assert services.pick_records(row, figure=figure, ids=[meeting.pk], user=admin) == 1
    assert services.pick_records(row, figure=figure, ids=[meeting.pk], user=admin) == 0  # kept once
    kept = row.records.get()
    assert (kept.label, kept.figure) == ("2026-04-08 军地联席会议", figure)
    before = AuditEntry.objects.count()
    with pytest.raises(services.CreationError, match="不在该统计指标本年度的记录中"):
        services.pick_records(row, figure=figure, ids=[earlier.pk], user=admin)  # last year's meeting
    with pytest.raises(services.CreationError, match="没有可选的记录"):
        services.pick_records(row, figure="no.such", ids=[meeting.pk], user=admin)
    with pytest.raises(ScopeDenied):
        services.pick_records(row, figure=figure, ids=[meeting.pk], user=users["unit_staff"])
    assert AuditEntry.objects.count() == before and row.records.count() == 1
    assert report(assessment)["items"][1]["evidence"] == 1
    services.drop_record(kept, user=admin)
    assert report(assessment)["items"][1]["evidence"] == 0
