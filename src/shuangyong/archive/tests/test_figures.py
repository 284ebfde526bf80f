import pytest

from shuangyong.archive.services import attach_file
from shuangyong.archive.tests.files import pdf_bytes, png_bytes, upload
from shuangyong.figures.catalogue import Scope, compute, get

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
