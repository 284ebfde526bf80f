from datetime import date

import pytest

from shuangyong.archive.services import attach_file
from shuangyong.archive.tests.files import pdf_bytes, png_bytes, upload
from shuangyong.figures.catalogue import Scope, compute, get
from shuangyong.figures.examples import examples_for
from shuangyong.leadership.kinds import load_kinds
from shuangyong.leadership.models import MeetingKind
from shuangyong.leadership.services import record_meeting

pytestmark = pytest.mark.django_db


def test_figures_count_by_year_region_unit_and_category(users, county):
    town, unit = users["town_staff"], users["unit_staff"]
    attach_file(county["town_a"], upload("1.png", png_bytes(color=(1, 1, 1))), user=town, year=2026)
    attach_file(county["village_a1"], upload("2.png", png_bytes(color=(2, 2, 2))), user=town, year=2026)
    attach_file(county["village_a1"], upload("3.pdf", pdf_bytes("3")), user=town, year=2026, category="minutes")
    attach_file(county["town_a"], upload("4.png", png_bytes(color=(4, 4, 4))), user=town, year=2025)
    attach_file(county["town_b"], upload("5.pdf", pdf_bytes("5")), user=users["town_b_staff"], year=2026)
    attach_file(county["unit_bureau"], upload("6.png", png_bytes(color=(6, 6, 6))), user=unit, year=2026)
    attach_file(county["unit_bureau"], upload("7.pdf", pdf_bytes("7")), user=unit, year=2026, category="宣传材料")

    county_2026, town_a_2026 = Scope(2026, region="350123000000"), Scope(2026, region="350123100000")
    bureau_2026 = Scope(2026, unit="WGJ")
    assert compute("archive.attachments", county_2026) == 6
    assert compute("archive.attachments", town_a_2026) == 3
    assert compute("archive.attachments", Scope(2025, region="350123000000")) == 1
    assert compute("archive.attachments", bureau_2026) == 2
    assert compute("archive.photos", county_2026) == 3
    assert compute("archive.photos", town_a_2026) == 2
    assert compute("archive.photos", bureau_2026) == 1
    assert compute("archive.category.minutes", town_a_2026) == 1
    assert compute("archive.category.document", county_2026) == 1
    assert compute("archive.category.publicity", bureau_2026) == 1
    assert compute("archive.category.certificate", county_2026) == 0
    assert sorted(a.title for a in get("archive.photos").records(town_a_2026)) == ["1", "2"]
    assert (get("archive.photos").label, get("archive.photos").unit) == ("照片张数", "张")
    assert (get("archive.attachments").label, get("archive.attachments").unit) == ("档案资料份数", "份")
    assert get("archive.category.minutes").label == "档案资料：会议纪要"


def test_the_example_is_the_record_best_kept_on_file(users, county):
    admin = users["county_admin"]
    load_kinds()
    meeting = record_meeting(region=county["county"], kind=MeetingKind.objects.get(code="group"),
                             date=date(2026, 3, 5), title="县双拥工作领导小组会议", user=admin)  # fmt: skip
    for n in range(3):
        attach_file(meeting, upload(f"{n}.png", png_bytes(color=(n, 9, 9))), user=admin, year=2026)
    attach_file(meeting, upload("minutes.pdf", pdf_bytes("m")), user=admin, year=2026, category="minutes")
    for n in range(5):  # more files on the county itself: its general files, no piece of work
        attach_file(county["county"], upload(f"c{n}.png", png_bytes(color=(9, n, 9))), user=admin, year=2026)
    texts = [e.text for e in examples_for("archive", Scope(2026, region="350123000000"))]
    assert texts == ["“县双拥工作领导小组会议”整理归档照片和文件4份"]
    assert examples_for("archive", Scope(2025, region="350123000000")) == []
