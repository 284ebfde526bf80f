"""The 考评细则 table in and out: the shipped rubric exported and read back changes nothing; a table completing a
skeleton section adds its items and unskeletons it; a bad row writes nothing."""

from decimal import Decimal

import openpyxl
import pytest

from shuangyong.creation.models import RubricItem, RubricSection
from shuangyong.creation.rubric_sheet import export_rubric, import_rubric
from shuangyong.registry.tests.sheets import write_sheet

pytestmark = pytest.mark.django_db
HEADER = ["考评项目", "序号", "考评内容", "分值", "评分标准", "台账资料", "评分方式", "统计指标"]


def test_the_exported_rubric_reads_back_unchanged(county, users, rubric, tmp_path):
    path = tmp_path / "rubric.xlsx"
    export_rubric(rubric, path)
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert rows[1] == tuple(HEADER)
    assert rows[3][:4] == ("组织领导坚强有力（6分）", 2, rows[3][2], 1)
    assert [r[1] for r in rows[4:8]] == [3, "3.1", "3.2", "3.3"]  # item 3, then its sub-items
    counts = import_rubric(path, region=county["county"], user=users["county_admin"], rubric=rubric.pk)
    assert (counts.created, counts.updated, counts.unchanged, counts.errors) == (0, 0, 9, [])


def test_a_table_completes_a_skeleton_section(county, users, rubric, tmp_path):
    path = tmp_path / "细则.xlsx"
    write_sheet(path, HEADER, [
        ["拥军工作扎实有效（20分）", 7, "“八一”“春节”走访慰问驻军", 2, "各得1分", "慰问方案", "自动",
         "activities.visits.bayi.households=50:1;activities.visits.spring.households=50:1"],
        ["拥军工作扎实有效（20分）", 8, "落实军人军属优待政策", 3, "每项1分", "文件", "人工", ""],
        ["拥军工作扎实有效（20分）", "8.1", "优先就医", 1, "", "", "人工", ""],
        ["拥军工作扎实有效（20分）", "8.2", "优先乘车、免费游览", 1.5, "", "", "人工", ""],
    ], title="某省双拥模范县考评细则", filler=False)  # fmt: skip
    counts = import_rubric(path, region=county["county"], user=users["county_admin"], rubric=rubric.pk)
    assert (counts.created, counts.errors) == (4, [])
    assert len(counts.warnings) == 9  # the nine shipped items the table leaves out stay
    section = RubricSection.objects.get(rubric=rubric, title="拥军工作扎实有效")
    assert (section.points, section.skeleton, section.items.count()) == (Decimal("20.00"), False, 4)
    split = RubricItem.objects.get(section=section, number=8, parent=None)
    assert (split.points, [s.code for s in split.subitems.all()]) == (Decimal("2.50"), ["8.1", "8.2"])
    assert sorted(RubricItem.objects.get(number=7).rules.values_list("figure", flat=True)) == [
        "activities.visits.bayi.households", "activities.visits.spring.households",
    ]  # fmt: skip


def test_a_bad_row_writes_nothing(county, users, rubric, tmp_path):
    path = tmp_path / "bad.xlsx"
    write_sheet(path, HEADER, [
        ["拥军工作扎实有效（20分）", 7, "走访慰问", 2, "", "", "自动", "no.such=1:1"],
        ["拥军工作扎实有效（20分）", 8, "优待政策", "三分", "", "", "人工", ""],
    ], title=None, filler=False)  # fmt: skip
    counts = import_rubric(path, region=county["county"], user=users["county_admin"], rubric=rubric.pk)
    assert [(p.row, p.column) for p in counts.errors] == [(2, "统计指标"), (3, "分值")]
    assert RubricItem.objects.filter(section__rubric=rubric).count() == 9
