"""Importing the offices' sheets: 应征公民花名册 (import-recruits) and 现役军人花名册 (import-servicemembers).

Validated like the registry's roster import: header found among the first rows by synonyms (data/headers.csv),
every problem reported with its Excel row, column and a Chinese message; any error writes nothing (one
transaction); importing the same sheet again changes nothing; the counts and problems are registry's
ImportCounts (the same --json shape as import-persons).
"""

from functools import cache
from pathlib import Path

from django.db import transaction

from shuangyong.accounts.scope import ensure_can_write
from shuangyong.conscription.choices import Political, RankKind, Stage, StudentStatus
from shuangyong.conscription.models import Candidate, Education, FamilyMember, ServiceMember
from shuangyong.conscription.services.members import add_family_member, county_of, enlist, register_member
from shuangyong.registry import idnumber
from shuangyong.registry.importing.cells import parse_hukou
from shuangyong.sheets.cells import CellError, choice, choice_table, parse_account, parse_date, text
from shuangyong.sheets.headers import HeaderTable, read_header, read_synonyms, unread_columns
from shuangyong.sheets.places import RegionMatcher
from shuangyong.sheets.problems import ImportCounts, Problem
from shuangyong.sheets.reader import open_sheet
from shuangyong.sheets.rows import SheetRow, sheet_rows

HEADERS_CSV = Path(__file__).parent / "data" / "headers.csv"
ANCHORS = ("name", "id_number")
RECRUIT_REQUIRED = ("name", "id_number", "education", "registered_on")
MEMBER_REQUIRED = ("name", "id_number", "dispatched_on")
# the upload page's blank templates (sheets.uploads)
RECRUIT_TEMPLATE = (*RECRUIT_REQUIRED, "town", "village", "hukou", "student_status", "political", "phone")
MEMBER_TEMPLATE = (
    *MEMBER_REQUIRED,
    "town",
    "village",
    "military_unit",
    "rank_kind",
    "family_name",
    "family_id_number",
    "relation",
    "bank_name",
    "bank_account",
)
VERDICTS = {"合格": True, "是": True, "通过": True, "不合格": False, "否": False, "未通过": False}


@cache
def header_table() -> HeaderTable:
    return read_synonyms(HEADERS_CSV)


STUDENT_STATUS = choice_table(
    StudentStatus.choices, 在校生="enrolled", 应届="graduating", 往届="graduated", 无="", 否=""
)
POLITICAL = choice_table(Political.choices, 党员="party", 中共预备党员="party", 预备党员="party", 团员="league")
RANK_KINDS = choice_table(RankKind.choices, 士官="nco")


def _rows(path: Path, required: tuple[str, ...], counts: ImportCounts):
    """The sheet's records as SheetRows, problems going to `counts`; its header's unread columns as warnings."""
    header, rows = read_header(open_sheet(path), header_table(), anchors=ANCHORS, required=required)
    counts.warnings += unread_columns(header)
    counts.header_row, counts.columns = header.row, header.positions()
    return sheet_rows(rows, header, header_table(), counts.errors, *ANCHORS)


def _education(value):
    raw = text(value).replace("职高", "中专/职高") if text(value) in ("职高", "中专") else text(value)
    for e in Education.objects.all():
        if raw == e.name or raw in e.name.split("/"):
            return e
    names = "、".join(Education.objects.values_list("name", flat=True))
    raise CellError(f"无法识别的文化程度“{text(value)}”，可填：{names}")


def _verdict(value):
    raw = text(value)
    if raw not in VERDICTS:
        raise CellError(f"结论“{raw}”应为 合格 或 不合格")
    return VERDICTS[raw]


def _stage(fields: dict) -> str:
    if fields["dispatched_on"]:
        return Stage.DISPATCHED
    if fields["approved_on"]:
        return Stage.APPROVED
    if fields["review_passed"] is not None:
        return Stage.REVIEWED if fields["review_passed"] else Stage.REVIEW_FAILED
    if fields["exam_passed"] is not None:
        return Stage.EXAMINED if fields["exam_passed"] else Stage.EXAM_FAILED
    return Stage.REGISTERED


def _order_problems(row: SheetRow, f: dict) -> None:
    """The same order the step services keep: no approval without both passes, no dispatch without approval."""
    steps = [("exam_on", "体检"), ("review_on", "政治考核"), ("approved_on", "审批定兵"), ("dispatched_on", "输送")]
    earlier, earlier_name = f["registered_on"], "报名"
    for key, name in steps:
        if f[key] and earlier and f[key] < earlier:
            row.fail(key, f"{name}日期（{f[key]}）不能早于{earlier_name}日期（{earlier}）")
        if f[key]:
            earlier, earlier_name = f[key], name
    if f["review_on"] and not f["exam_passed"]:
        row.fail("review_on", "体检合格后才能登记政治考核")
    if f["approved_on"] and not (f["exam_passed"] and f["review_passed"]):
        row.fail("approved_on", "须体检合格且政治考核合格才能审批定兵")
    if f["dispatched_on"] and not f["approved_on"]:
        row.fail("dispatched_on", "尚未审批定兵，不能输送")
    if f["dispatched_on"] and not f["military_unit"]:
        row.fail("military_unit", "已输送的须填写入伍部队")


def import_recruits(path: Path, *, region, year: int, season: str, user, dry_run: bool = False) -> ImportCounts:
    ensure_can_write(user, Candidate(region=region))
    counts = ImportCounts()
    matcher = RegionMatcher(region)
    parsed, seen = [], {}
    for row in _rows(path, RECRUIT_REQUIRED, counts):
        f = {
            "name": row.get("name", required=True),
            "id_number": row.get("id_number", idnumber.parse_cell, required=True),
            "region_id": row.region(matcher),
            "hukou": row.get("hukou", parse_hukou) or "",
            "phone": row.get("phone") or "",
            "education": row.get("education", _education, required=True),
            "student_status": row.get("student_status", lambda v: choice(v, STUDENT_STATUS, "大学生情况")) or "",
            "political": row.get("political", lambda v: choice(v, POLITICAL, "政治面貌")) or Political.MASSES,
            "registered_on": row.get("registered_on", parse_date, required=True),
            "exam_on": row.get("exam_on", parse_date),
            "exam_passed": row.get("exam_passed", _verdict),
            "review_on": row.get("review_on", parse_date),
            "review_passed": row.get("review_passed", _verdict),
            "approved_on": row.get("approved_on", parse_date),
            "dispatched_on": row.get("dispatched_on", parse_date),
            "military_unit": row.get("military_unit") or "",
        }
        if row.failed:
            continue
        _order_problems(row, f)
        if f["id_number"] in seen:
            row.fail("id_number", f"与第 {seen[f['id_number']]} 行身份证号重复")
        seen[f["id_number"]] = row.number
        f["stage"] = _stage(f)
        parsed.append(f)
    if counts.errors:
        return counts
    with transaction.atomic():
        existing = {
            c.id_number: c for c in Candidate.objects.filter(year=year, season=season, id_number__in=list(seen))
        }
        for f in parsed:
            candidate = existing.get(f["id_number"])
            if candidate is None:
                counts.created += 1
                if not dry_run:
                    candidate = Candidate(year=year, season=season, **f)
                    candidate.sex = idnumber.parse(f["id_number"]).sex
                    candidate.birth_date = idnumber.parse(f["id_number"]).birth_date
                    candidate.save()
            elif all(getattr(candidate, k) == v for k, v in f.items()):
                counts.unchanged += 1
            elif candidate.stage == Stage.RETURNED:
                counts.unchanged += 1  # 退兵 is recorded on the page, never overwritten by a sheet
                counts.warnings.append(Problem(0, "状态", f"{candidate.name}已登记退兵，表中数据未覆盖"))
            else:
                counts.updated += 1
                if not dry_run:
                    for k, v in f.items():
                        setattr(candidate, k, v)
                    candidate.save()
            enlisted = candidate is None or ServiceMember.objects.filter(id_number=candidate.id_number).exists()
            if not dry_run and candidate.stage == Stage.DISPATCHED and not enlisted:
                enlist(candidate, user=user)  # a dispatched recruit is a serving member, as on the page
    return counts


def import_members(path: Path, *, region, user, dry_run: bool = False) -> ImportCounts:
    ensure_can_write(user, ServiceMember(region=region))
    counts = ImportCounts()
    matcher = RegionMatcher(region)
    parsed, seen = [], {}
    for row in _rows(path, MEMBER_REQUIRED, counts):
        f = {
            "name": row.get("name", required=True),
            "id_number": row.get("id_number", idnumber.parse_cell, required=True),
            "region_id": row.region(matcher),
            "hukou": row.get("hukou", parse_hukou) or "",
            "enlistment_date": row.get("dispatched_on", parse_date, required=True),
            "rank_kind": row.get("rank_kind", lambda v: choice(v, RANK_KINDS, "人员类别")) or RankKind.CONSCRIPT,
            "military_unit": row.get("military_unit") or "",
            "plaque_hung_on": row.get("plaque_hung_on", parse_date),
        }
        family = {
            "name": row.get("family_name"),
            "id_number": row.get("family_id_number", idnumber.parse_cell, required=True)
            if row.has("family_name")
            else None,
            "relation": row.get("relation", required=row.has("family_name")),
            "bank_name": row.get("bank_name") or "",
            "bank_account": row.get("bank_account", parse_account) or "",
        }
        if row.failed:
            continue
        if f["id_number"] in seen:
            row.fail("id_number", f"与第 {seen[f['id_number']]} 行身份证号重复")
        seen[f["id_number"]] = row.number
        parsed.append((row.number, f, family))
    if counts.errors:
        return counts
    with transaction.atomic():
        existing = {m.id_number: m for m in ServiceMember.objects.filter(id_number__in=list(seen))}
        for _number, f, family in parsed:
            member = existing.get(f["id_number"])
            fields = {k: v for k, v in f.items() if k not in ("id_number", "region_id")}
            if member is None:
                counts.created += 1
                if dry_run:
                    continue
                member = register_member(
                    id_number=f["id_number"],
                    region=matcher.regions[f["region_id"]],
                    enlistment_county=type(region).objects.get(code=county_of(f["region_id"])),
                    user=user,
                    **fields,
                )
            else:
                same = member.region_id == f["region_id"] and all(getattr(member, k) == v for k, v in fields.items())
                has_family = (
                    not family["name"]
                    or FamilyMember.objects.filter(
                        member=member, entitlement__person__id_number=family["id_number"]
                    ).exists()
                )
                if same and has_family:
                    counts.unchanged += 1
                    continue
                counts.updated += 1
                if dry_run:
                    continue
                for k, v in fields.items():
                    setattr(member, k, v)
                member.region_id = f["region_id"]
                member.save()
            if family["name"]:
                add_family_member(
                    member,
                    id_number=family["id_number"],
                    name=family["name"],
                    relation=family["relation"],
                    on=member.enlistment_date,
                    payee=member.payee_id is None,
                    bank_name=family["bank_name"],
                    bank_account=family["bank_account"],
                    user=user,
                )
        if dry_run:
            transaction.set_rollback(True)
    return counts
