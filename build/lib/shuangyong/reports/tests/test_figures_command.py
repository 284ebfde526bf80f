"""`shuangyong figures`, the summary's "omitted" list, and the county both commands default to."""

import json

import pytest
from django.core.management import CommandError, call_command

from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import Figure, Scope
from shuangyong.regions.services import RegionNotFound, home_county
from shuangyong.reports.summary.generate import (
    OMITTED_BREAKDOWN,
    OMITTED_NO_WORDING,
    OMITTED_UNFILLED,
    generate_summary,
)
from shuangyong.reports.tests.test_summary import COUNTY, MINIMAL, figures, only_templates, people, persons  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def more(figures):  # noqa: F811
    extra = [
        Figure("t.said.nowhere", "测试未写", "次", "civil", lambda s: 5, "测试", persons),
        Figure("t.lonely", "测试无措辞", "次", "civil", lambda s: 7, "测试", persons),
    ]
    for figure in extra:
        catalogue.register(figure)
    yield
    for figure in extra:
        catalogue._FIGURES.pop(figure.key, None)


def test_every_non_zero_figure_is_said_or_omitted_with_its_reason(more, people):  # noqa: F811
    only_templates(
        *[row for row in MINIMAL if row[0] != "point.others"],
        ("point.civil.both", "point", "civil", "出动{t.lonely}，另有{t.zero}", "", 10),
    )
    summary = generate_summary(Scope(2026, region=COUNTY))
    omitted = {row["key"]: row for row in summary.as_json()["omitted"]}
    assert {k: row["reason"] for k, row in omitted.items() if k.startswith("t.")} == {
        "t.other": OMITTED_NO_WORDING,  # no "others" wording in this set
        "t.said.nowhere": OMITTED_BREAKDOWN,
        "t.lonely": OMITTED_UNFILLED,  # its sentence also needs t.zero, which is zero
    }
    assert omitted["t.lonely"] == {
        "key": "t.lonely", "label": "测试无措辞", "value": 7, "unit": "次", "source": "测试", "section": "civil",
        "reason": OMITTED_UNFILLED,
    }  # fmt: skip
    values = catalogue.compute_all(Scope(2026, region=COUNTY))
    non_zero = {k for k, v in values.items() if v not in (None, 0)}
    said = {key for key in summary.figures if not key.startswith("frame.")}  # the frame's own counts
    assert non_zero == said | set(omitted)  # none dropped without a word


def test_figures_lists_the_scopes_figures_and_what_the_summary_says(more, people, capsys):  # noqa: F811
    only_templates(*MINIMAL)
    call_command("figures", "--year", "2026", "--region", "350123", "--json")
    rows = {row["key"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["t.money"] == {
        "key": "t.money", "label": "测试慰问金额", "value": 37037.01, "unit": "元", "section": "support",
        "said_in_summary": True,
    }  # fmt: skip
    assert (rows["t.zero"]["value"], rows["t.zero"]["said_in_summary"]) == (0, False)
    assert rows["t.lonely"]["said_in_summary"] is True  # by the generic "others" wording
    assert rows["t.said.nowhere"]["said_in_summary"] is False  # a breakdown no wording names
    assert "t.unit_meetings" not in rows  # a unit's figure
    call_command("figures", "--year", "2026")  # the installation's county by default, as text
    lines = capsys.readouterr().out.splitlines()
    assert "t.persons\t测试对象人数\t3人\t拥军优属\t已写入" in lines


def test_both_commands_default_to_the_county_the_installation_serves(county, settings, tmp_path):
    assert home_county().code == "350123000000"  # the one county whose towns are loaded
    settings.SHUANGYONG_COUNTY_CODE = "350123"
    assert home_county().code == "350123000000"
    settings.SHUANGYONG_COUNTY_CODE = None
    from shuangyong.regions.models import Region

    Region.objects.create(code="350124000000", name="闽清县", level=3, parent=county["county"].parent)
    Region.objects.create(code="350124100000", name="梅城镇", level=4, parent_id="350124000000")
    with pytest.raises(RegionNotFound, match="已导入 2 个县的乡镇"):
        home_county()
    with pytest.raises(CommandError, match="SHUANGYONG_COUNTY_CODE"):
        call_command("summary", "--year", "2026", "--out", str(tmp_path / "x.docx"))
