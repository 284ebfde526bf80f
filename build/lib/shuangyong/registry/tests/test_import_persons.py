import json
from datetime import date

import pytest
from django.core.management import call_command

from shuangyong.accounts.system import system_user
from shuangyong.audit.models import AuditEntry
from shuangyong.registry.choices import EventKind, Status
from shuangyong.registry.importing.service import import_persons
from shuangyong.registry.models import Entitlement, ImportBatch, Person, PersonEvent
from shuangyong.registry.tests.sheets import (
    LI,
    LIN,
    MESSY_HEADER,
    WANG,
    ZHANG,
    make_id,
    messy_rows,
    write_sheet,
)
from shuangyong.sheets.problems import SheetError

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 20)


@pytest.fixture
def messy(tmp_path):
    path = tmp_path / "花名册.xlsx"
    write_sheet(path, MESSY_HEADER, messy_rows())
    return path


def test_messy_office_sheet_imports(county, messy):
    result = import_persons(messy, region=county["county"], today=TODAY, user=system_user())
    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (5, 0, 0)
    zhang = Person.objects.get(id_number=ZHANG)
    assert (zhang.name, zhang.sex, zhang.birth_date, zhang.region_id, zhang.hukou) == (
        "张三",
        "M",
        date(1950, 3, 15),
        "350123100001",
        "rural",
    )
    assert (zhang.bank_name, zhang.bank_account, zhang.bank_holder, zhang.name_initials) == (
        "农业银行",
        "6228480402564890018",
        "张三",
        "zs",
    )
    ent = zhang.entitlements.get()
    assert (ent.category_id, ent.disability_grade, ent.disability_nature, ent.status) == ("11", 4, "war", Status.ACTIVE)
    assert (ent.approval_date, ent.paid_through) == (date(2001, 5, 1), date(2025, 12, 1))
    li = Person.objects.get(id_number=LI)
    assert (li.name, li.sex, li.region_id, li.hukou) == ("李四", "F", "350123100002", "urban")
    assert li.entitlements.get().category_id == "21"
    wang = Person.objects.get(id_number=WANG)
    assert wang.region_id == "350123101000"  # town only: no village given
    chen = Person.objects.get(name="陈六")
    assert chen.id_number == make_id("19510607", 15)
    assert chen.entitlements.get().approval_date == date(1985, 1, 1)
    lin = Person.objects.get(id_number=LIN)
    assert lin.entitlements.get().disability_grade == 6
    assert [w.message for w in result.warnings] == [f"15 位旧身份证号已转换为 18 位：{chen.id_number}"]
    assert [w.row for w in result.warnings] == [8]
    batch = ImportBatch.objects.get()
    assert (batch.created, batch.file_name) == (5, "花名册.xlsx")
    assert set(Person.objects.values_list("import_batch", flat=True)) == {batch.pk}
    assert AuditEntry.objects.filter(model="registry.importbatch", object_id=str(batch.pk)).count() == 1


def test_reimporting_the_same_sheet_changes_nothing(county, messy):
    import_persons(messy, region=county["county"], today=TODAY, user=system_user())
    counts = (
        Person.objects.count(),
        Entitlement.objects.count(),
        AuditEntry.objects.count(),
        ImportBatch.objects.count(),
        PersonEvent.objects.count(),
    )
    again = import_persons(messy, region=county["county"], today=TODAY, user=system_user())
    assert (again.created, again.updated, again.unchanged, again.errors) == (0, 0, 5, [])
    assert (
        Person.objects.count(),
        Entitlement.objects.count(),
        AuditEntry.objects.count(),
        ImportBatch.objects.count(),
        PersonEvent.objects.count(),
    ) == counts


def test_changed_values_update_those_persons_with_audit(county, messy, tmp_path):
    import_persons(messy, region=county["county"], today=TODAY, user=system_user())
    rows = messy_rows()
    rows[0][12] = "6228480402564899999"  # 张三's account
    rows[0][6] = "三级"  # and grade
    changed = tmp_path / "changed.xlsx"
    write_sheet(changed, MESSY_HEADER, rows)
    result = import_persons(changed, region=county["county"], today=TODAY, user=system_user())
    assert (result.created, result.updated, result.unchanged) == (0, 1, 4)
    zhang = Person.objects.get(id_number=ZHANG)
    assert zhang.bank_account == "6228480402564899999"
    assert zhang.entitlements.get().disability_grade == 3
    person_entry = AuditEntry.objects.get(model="registry.person", object_id=str(zhang.pk), action="update")
    # stored masked with a keyed fingerprint: the change shows, the numbers do not
    before, after = person_entry.before["bank_account"], person_entry.after["bank_account"]
    assert before.startswith("6228***********0018·") and after.startswith("6228***********9999·")
    ent_entry = AuditEntry.objects.get(model="registry.entitlement", action="update")
    assert (ent_entry.before, ent_entry.after) == ({"disability_grade": 4}, {"disability_grade": 3})
    assert PersonEvent.objects.filter(person=zhang, kind=EventKind.IMPORT_UPDATE).count() == 2


def test_every_bad_row_is_named_and_nothing_is_written(county, tmp_path):
    rows = messy_rows()
    rows[0][3] = 3.50123195003150e17  # ID stored as a number
    rows[1][5] = "烈属"  # alias: fine
    rows[3][2] = "女"  # 王五 is male by his number
    rows[4][14] = "不存在村"  # village not in 凤山镇
    rows[5][6] = "八级"  # 因病 grade 8 is not paid
    rows[5][9] = "2012.13"  # no 13th month
    path = tmp_path / "bad.xlsx"
    write_sheet(path, MESSY_HEADER, rows)
    result = import_persons(path, region=county["county"], today=TODAY, user=system_user())
    assert [(p.row, p.column) for p in result.errors] == [
        (4, "身份证号码"),
        (7, "性别"),
        (8, "村居"),
        (9, "批准日期"),
    ]
    assert result.errors[0].message.startswith("身份证号被 Excel 存成了数字")
    assert result.errors[1].message == "性别“女”与身份证号不符"
    assert result.errors[2].message == "凤山镇下没有名为“不存在村”的村（社区）"
    assert result.errors[3].message == "日期“2012.13”不存在"
    assert (Person.objects.count(), ImportBatch.objects.count()) == (0, 0)


def test_illness_grade_rule_and_duplicates(county, tmp_path):
    rows = messy_rows()
    rows[5][6] = "八级"
    rows.insert(2, list(rows[0]))  # 张三 again, same category
    path = tmp_path / "dup.xlsx"
    write_sheet(path, MESSY_HEADER, rows)
    result = import_persons(path, region=county["county"], today=TODAY, user=system_user())
    assert [(p.row, p.column, p.message) for p in result.errors] == [
        (6, "身份证号码", "与第 4 行重复（同一人同一类别）"),
        (10, "伤残等级", "因病致残只有一级至六级享受抚恤（条例第二十五条）"),
    ]
    assert Person.objects.count() == 0


def test_same_person_in_two_categories_is_one_person(county, tmp_path):
    rows = messy_rows()[:1]
    second = list(rows[0])
    second[5], second[6], second[7] = "参战退役人员", None, None
    path = tmp_path / "two.xlsx"
    write_sheet(path, MESSY_HEADER, [rows[0], second])
    result = import_persons(path, region=county["county"], today=TODAY, user=system_user())
    assert (result.created, result.errors) == (2, [])
    assert sorted(Person.objects.get().entitlements.values_list("category_id", flat=True)) == ["11", "51"]


def test_dry_run_counts_without_writing(county, messy):
    result = import_persons(messy, region=county["county"], dry_run=True, today=TODAY, user=system_user())
    assert (result.created, result.updated, result.unchanged, result.errors) == (5, 0, 0, [])
    assert Person.objects.count() == 0


def test_rows_outside_the_region_are_refused(county, messy):
    result = import_persons(messy, region=county["town_b"], today=TODAY, user=system_user())
    assert {p.column for p in result.errors} == {"乡镇(街道)"}
    assert result.errors[0].message == "松山镇范围内没有名为“凤山镇”的乡镇"
    assert Person.objects.count() == 0


def test_region_code_column_and_csv(county, tmp_path):
    path = tmp_path / "codes.csv"
    path.write_text(
        "姓名,身份证号,优抚类别,区划代码\n"
        f"赵八,{make_id('19600101', 55).lower()},在乡复员军人,350123101201\n"
        f"钱九,{make_id('19610202', 66)},带病回乡退伍军人,350123100\n",
        encoding="utf-8",
    )
    result = import_persons(path, region=county["county"], today=TODAY, user=system_user())
    assert result.errors == []
    assert dict(Person.objects.values_list("name", "region_id")) == {"赵八": "350123101201", "钱九": "350123100000"}


def test_the_approval_number_is_read(county, tmp_path):
    path = tmp_path / "approved.csv"
    path.write_text(
        "姓名,身份证号,优抚类别,区划代码,批准日期,审批文号\n"
        f"赵八,{make_id('19600101', 55)},在乡复员军人,350123101201,2019-05-06,罗民〔2019〕7号\n",
        encoding="utf-8",
    )
    result = import_persons(path, region=county["county"], today=TODAY, user=system_user())
    assert result.errors == []
    assert list(Entitlement.objects.values_list("approval_date", "approval_no")) == [
        (date(2019, 5, 6), "罗民〔2019〕7号")
    ]


def test_no_header_is_a_file_error(county, tmp_path):
    from shuangyong.sheets.problems import SheetError

    path = tmp_path / "nohead.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(SheetError, match="前 20 行内没有找到表头"):
        import_persons(path, region=county["county"], user=system_user())


def test_cli_json_output_and_exit_status(county, messy, tmp_path, capsys):
    call_command("import_persons", str(messy), "--region", "350123", "--json")
    out = json.loads(capsys.readouterr().out)
    assert (out["created"], out["updated"], out["unchanged"], out["errors"]) == (5, 0, 0, [])
    assert out["warnings"][0]["row"] == 8
    assert set(out["warnings"][0]) == {"row", "column", "message"}

    rows = messy_rows()
    rows[0][1] = ""
    bad = tmp_path / "bad.xlsx"
    write_sheet(bad, MESSY_HEADER, rows)
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_persons", str(bad), "--region", "350123000000", "--json")
    assert exit_info.value.code == 1
    out = json.loads(capsys.readouterr().out)
    assert out["errors"] == [{"row": 4, "column": "姓名", "message": "姓名不能为空"}]


def test_raw_insert_columns_cover_every_column():
    """The fast insert path names its columns by hand: a new model field must be added there too."""
    from shuangyong.registry.importing.writer import ENTITLEMENT_INSERT, PERSON_INSERT

    def columns(model, names):
        return {model._meta.get_field(n).column for n in names}

    assert columns(Person, PERSON_INSERT) == {f.column for f in Person._meta.concrete_fields}
    assert columns(Entitlement, ENTITLEMENT_INSERT) == {f.column for f in Entitlement._meta.concrete_fields} - {"id"}


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_import_commits_once_with_progress(county, messy, tmp_path):
    from shuangyong.jobs.models import Job
    from shuangyong.jobs.progress import Progress

    job = Job.objects.create(kind="import_persons", title="导入")
    progress = Progress(job.pk)
    result = import_persons(messy, region=county["county"], today=TODAY, progress=progress, user=system_user())
    assert (result.created, result.errors) == (5, [])
    assert Person.objects.count() == 5
    job.refresh_from_db()
    assert (job.done, job.total) == (7, 7)  # rows 4-10 after the header, blank and footer rows included

    rows = messy_rows()
    rows[0][1] = ""
    bad = tmp_path / "bad.xlsx"
    write_sheet(bad, MESSY_HEADER, rows)
    failed = import_persons(bad, region=county["county"], today=TODAY, user=system_user())
    assert [e.as_dict() for e in failed.errors] == [{"row": 4, "column": "姓名", "message": "姓名不能为空"}]
    assert Person.objects.count() == 5


def test_second_category_in_a_later_chunk_joins_the_same_person(county, tmp_path, monkeypatch):
    from shuangyong.registry.importing import service

    monkeypatch.setattr(service, "CHUNK", 2)
    rows = messy_rows()[:2] + [messy_rows()[3]]
    again = list(rows[0])
    again[5], again[6], again[7] = "参战退役人员", None, None
    path = tmp_path / "chunks.xlsx"
    write_sheet(path, MESSY_HEADER, [*rows, again])
    result = import_persons(path, region=county["county"], today=TODAY, user=system_user())
    assert (result.created, result.errors) == (4, [])
    assert sorted(Person.objects.get(id_number=ZHANG).entitlements.values_list("category_id", flat=True)) == [
        "11",
        "51",
    ]
    assert Person.objects.count() == 3
    repeat = import_persons(path, region=county["county"], today=TODAY, user=system_user())
    assert (repeat.created, repeat.updated, repeat.unchanged) == (0, 0, 4)


def test_a_place_written_out_in_one_column_is_read(county, tmp_path):
    """所属行政区划 / 户籍地: the place as offices write it, with or without the names above the towns."""
    path = tmp_path / "places.csv"
    path.write_text(
        "姓名,身份证号,优抚类别,所属行政区划\n"
        f"赵八,{make_id('19600101', 55)},在乡复员军人,福建省福州市罗源县凤山镇北门居委会\n"
        f"钱九,{make_id('19610202', 66)},带病回乡退伍军人,松山镇\n"
        f"孙十,{make_id('19620303', 77)},在乡复员军人,松山迹头村\n",
        encoding="utf-8",
    )
    result = import_persons(path, region=county["county"], today=TODAY, user=system_user())
    assert result.errors == []
    assert dict(Person.objects.values_list("name", "region_id")) == {
        "赵八": "350123100001",
        "钱九": "350123101000",
        "孙十": "350123101202",
    }


def test_a_written_place_that_is_not_in_the_region_names_the_column(county, tmp_path):
    path = tmp_path / "places.csv"
    path.write_text(
        f"姓名,身份证号,优抚类别,户籍地\n赵八,{make_id('19600101', 55)},在乡复员军人,凤山镇西门村\n", "utf-8"
    )
    result = import_persons(path, region=county["county"], today=TODAY, user=system_user())
    assert [(p.row, p.column, p.message) for p in result.errors] == [
        (2, "户籍地", "凤山镇下没有名为“西门村”的乡镇或村（社区）")
    ]
    assert not Person.objects.exists()


def test_a_disabled_veterans_sheet_without_a_category_column_takes_the_default(county, tmp_path, capsys):
    """伤残人员名册 often have no 类别 column: --default-category 11 fills it; a row that names one keeps its own."""
    path = tmp_path / "伤残人员.csv"
    path.write_text(
        "姓名,身份证号,乡镇,村（社区）,伤残等级,伤残性质\n"
        f"赵八,{make_id('19600101', 55)},凤山镇,北门居委会,五级,因战\n"
        f"钱九,{make_id('19610202', 66)},松山镇,迹头村,七级,因公\n",
        encoding="utf-8",
    )
    refused = import_persons(path, region=county["county"], today=TODAY, user=system_user())
    assert {(p.row, p.message) for p in refused.errors} == {(2, "优抚类别不能为空"), (3, "优抚类别不能为空")}
    assert not Person.objects.exists()

    call_command("import_persons", str(path), "--region", "350123", "--default-category", "11", "--json")
    assert json.loads(capsys.readouterr().out)["created"] == 2
    assert sorted(Entitlement.objects.values_list("person__name", "category_id", "disability_grade")) == [
        ("赵八", "11", 5),
        ("钱九", "11", 7),
    ]


def test_an_unknown_default_category_is_refused_before_any_row(county, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text(f"姓名,身份证号\n赵八,{make_id('19600101', 55)}\n", encoding="utf-8")
    with pytest.raises(SheetError, match="默认优抚类别“99”不存在"):
        import_persons(path, region=county["county"], today=TODAY, user=system_user(), default_category="99")
    assert not Person.objects.exists()
