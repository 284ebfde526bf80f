"""The 创建 pages: the county office opens, scores, assigns and locks; a member unit sees the items it leads."""

from datetime import date

import pytest
from conftest import PASSWORD
from django.test import Client

from shuangyong.creation.models import ItemScore, SelfAssessment
from shuangyong.intake.reading.loaders import docx_text

pytestmark = pytest.mark.django_db


def _client(username):
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def test_the_office_opens_judges_assigns_and_locks(county, users, rubric):
    office = _client("county_admin")
    assert "尚未开展创建自评" in office.get("/creation/?year=2026").content.decode()
    assert office.post("/creation/open/?year=2026").status_code == 302
    assessment = SelfAssessment.objects.get()
    row = assessment.row("1")
    assert office.post(f"/creation/items/{row.pk}/judge/", {"score": "1.3", "reason": "x"}).status_code == 200
    response = office.post(f"/creation/items/{row.pk}/judge/", {"score": "1.5", "reason": "列入规划和考核"})
    assert response.status_code == 302
    bureau = county["unit_bureau"]
    assign = office.post(f"/creation/items/{row.pk}/assign/", {"lead_unit": bureau.pk, "due": "2026-10-01"})
    assert assign.status_code == 302
    page = office.get("/creation/?year=2026").content.decode()
    assert "组织领导坚强有力" in page and "列入规划和考核" in page and "县文广局" in page
    assert "历年自评" in office.get("/creation/?year=2027").content.decode()  # 2026's score in the history
    assert office.get(f"/creation/{assessment.pk}/gaps.xlsx").status_code == 200
    gaps = office.get("/creation/?year=2026&gaps=1&unit=县文广局").content.decode()
    assert "列入规划和考核" in gaps and "明确成员单位双拥工作职责" not in gaps  # item 3 is nobody's yet
    word = office.get(f"/creation/{assessment.pk}/gaps.docx?unit=县文广局")
    assert word.status_code == 200 and word["Content-Disposition"].startswith("attachment")
    unit = _client("unit_staff")
    assert "双拥工作列入经济社会发展规划" in unit.get("/creation/?year=2026").content.decode()
    own = docx_text(unit.get("/creation/my-gaps.docx?year=2026").content)
    assert "差距清单（县文广局）" in own and "双拥工作列入经济社会发展规划" in own and "明确成员单位" not in own
    assert unit.post(f"/creation/items/{row.pk}/", {"note": "考核办法第三条"}).status_code == 302
    assert ItemScore.objects.get(pk=row.pk).note == "考核办法第三条"
    meetings = office.get(f"/creation/items/{assessment.row('2').pk}/").content.decode()
    assert "召开联席会议" in meetings and "/reports/records/leadership.meetings.joint/?year=2026" in meetings
    other = assessment.row("3.3")
    assert unit.get(f"/creation/items/{other.pk}/").status_code == 404  # not the unit's item
    assert unit.post(f"/creation/items/{row.pk}/judge/", {"score": "2", "reason": "x"}).status_code == 403
    assert _client("town_staff").post(f"/creation/{assessment.pk}/submit/").status_code == 404  # not theirs
    assert SelfAssessment.objects.get().state == "open"


def test_the_api_gives_the_commands_shape_within_scope(county, users, rubric):
    office = _client("county_admin")
    office.post("/creation/open/?year=2026")
    listed = office.get("/api/creation/assessments/?year=2026").json()
    assert listed["count"] == 1
    shown = listed["results"][0]
    assert (shown["region"], shown["year"], shown["state"], shown["max"], len(shown["items"])) == (
        "350123000000", 2026, "open", 7, 8
    )  # fmt: skip
    assert {item["status"] for item in shown["items"]} <= {"met", "partly", "missing", "not_due"}
    assert office.get("/api/creation/assessments/?year=20x6").status_code == 400
    assert _client("town_staff").get("/api/creation/assessments/").json()["count"] == 0


def test_a_member_unit_sees_its_open_items_on_its_home_page(county, users, rubric):
    office = _client("county_admin")
    office.post("/creation/open/?year=2026")
    row = SelfAssessment.objects.get().row("6")
    office.post(f"/creation/items/{row.pk}/assign/", {"lead_unit": county["unit_bureau"].pk})
    assert "创建考评：本单位牵头、未得满分的考评内容" in _client("unit_staff").get("/").content.decode()


def test_a_town_fills_its_item_a_helper_reads_it_records_are_picked(county, users, rubric):
    from shuangyong.leadership import services as leadership
    from shuangyong.leadership.models import MeetingKind

    office = _client("county_admin")
    office.post("/creation/open/?year=2026")
    assessment = SelfAssessment.objects.get()
    row = assessment.row("6")
    assign = {"lead_town": county["town_a"].code, "helper_units": [county["unit_bureau"].pk], "due": "2026-01-01"}
    assert office.post(f"/creation/items/{row.pk}/assign/", assign).status_code == 302
    town = _client("town_staff")
    home = town.get("/").content.decode()
    assert "创建考评：本单位牵头、未得满分的考评内容" in home and "创建考评：已过完成时限" in home
    assert "国防教育和双拥教育纳入国民教育体系" in town.get("/creation/?year=2026").content.decode()
    assert town.post(f"/creation/items/{row.pk}/", {"note": "课程表"}).status_code == 302
    unit = _client("unit_staff")
    assert "创建考评：本单位配合的考评内容" in unit.get("/").content.decode()
    helper = row.helpers.get()
    assert f"/creation/helping/{helper.pk}/" in unit.get("/creation/?year=2026").content.decode()
    shown = unit.get(f"/creation/helping/{helper.pk}/").content.decode()
    assert "课程表" in shown and 'name="note"' not in shown  # a helper reads through its own row, the lead writes
    assert unit.get(f"/creation/items/{row.pk}/").status_code == 404  # the item itself stays the lead's
    assert unit.post(f"/creation/items/{row.pk}/", {"note": "改"}).status_code == 404
    assert unit.post(f"/creation/helping/{helper.pk}/", {"note": "改"}).status_code == 200  # nothing to post to
    assert ItemScore.objects.get(pk=row.pk).note == "课程表"
    assert _client("town_b_staff").get(f"/creation/items/{row.pk}/").status_code == 404
    assert _client("town_b_staff").get(f"/creation/helping/{helper.pk}/").status_code == 404

    joint = MeetingKind.objects.get(code="joint")
    meeting = leadership.record_meeting(region=county["county"], kind=joint, date=date(2026, 4, 8), title="联席会议",
                                        user=users["county_admin"])  # fmt: skip
    meetings = assessment.row("2")
    listing = office.get(f"/creation/items/{meetings.pk}/?figure=leadership.meetings.joint").content.decode()
    assert f'name="ids" value="{meeting.pk}"' in listing
    other = leadership.record_meeting(region=county["town_b"], kind=joint, date=date(2026, 5, 8), title="松山镇会议",
                                      user=users["county_admin"])  # fmt: skip
    townlist = town.get(f"/creation/items/{row.pk}/?figure=leadership.meetings.joint").content.decode()
    assert "2026-04-08 联席会议" in townlist and "松山镇会议" not in townlist  # another town's is not theirs
    town_pick = {"figure": "leadership.meetings.joint", "ids": [other.pk]}
    assert town.post(f"/creation/items/{row.pk}/pick/", town_pick).status_code == 302  # refused with a message
    assert not row.records.exists()
    picked = {"figure": "leadership.meetings.joint", "ids": [meeting.pk]}
    assert office.post(f"/creation/items/{meetings.pk}/pick/", picked).status_code == 302
    assert "2026-04-08 联席会议" in office.get(f"/creation/items/{meetings.pk}/").content.decode()
    record = meetings.records.get()
    assert town.post(f"/creation/records/{record.pk}/drop/").status_code == 404  # not the town's item
    assert office.post(f"/creation/records/{record.pk}/drop/").status_code == 302
    assert not meetings.records.exists()
