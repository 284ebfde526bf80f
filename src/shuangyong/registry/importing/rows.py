"""One roster row → the person and entitlement it describes, or the problems with it."""

from dataclasses import dataclass, field
from datetime import date

from shuangyong.registry import idnumber
from shuangyong.registry.importing.cells import (
    CellError,
    parse_account,
    parse_date,
    parse_grade,
    parse_hukou,
    parse_nature,
    parse_sex,
    parse_support,
    parse_years,
    text,
)
from shuangyong.registry.importing.headers import canonical_header
from shuangyong.registry.importing.lookups import PlaceError
from shuangyong.registry.rules import entitlement_problems

PERSON_FIELDS = (
    "name",
    "sex",
    "birth_date",
    "ethnicity",
    "phone",
    "address",
    "region_id",
    "hukou",
    "bank_name",
    "bank_holder",
    "bank_account",
    "note",
)
ENTITLEMENT_FIELDS = (
    "disability_grade",
    "disability_nature",
    "certificate_no",
    "enlistment_date",
    "discharge_date",
    "service_years",
    "relation",
    "soldier_name",
    "approval_date",
    "paid_through",
    "support_mode",
)
FOOTER_WORDS = ("合计", "总计", "制表", "填表", "审核", "负责人", "说明")


@dataclass(slots=True)
class Problem:
    row: int
    column: str  # the header as written in the sheet
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass(slots=True)
class ParsedRow:
    row: int
    id_number: str
    person: dict
    category: object
    entitlement: dict
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


class RowParser:
    """Holds what every row needs: the column positions, the header texts, the matchers, today."""

    def __init__(self, columns: dict[str, int], headers: dict[str, str], regions, categories, known_prefix, today):
        self.columns = columns
        self.headers = headers  # key -> header text as written, for messages
        self.regions = regions
        self.categories = categories
        self.known_prefix = known_prefix
        self.today = today

    def cell(self, values: list, key: str):
        index = self.columns.get(key)
        if index is None or index >= len(values):
            return None
        value = values[index]
        return None if value == "" else value

    def is_blank(self, values: list) -> bool:
        """Empty rows, rows with only a 序号, and footers (合计, 制表人) are not records."""
        name, id_value = self.cell(values, "name"), self.cell(values, "id_number")
        if name is None and id_value is None:
            return True
        joined = "".join(str(c) for c in values if c not in ("", None))
        return id_value in ("", None) and any(word in joined for word in FOOTER_WORDS)

    def parse(self, row: int, values: list) -> ParsedRow:
        problems: list[Problem] = []
        warnings: list[Problem] = []

        def fail(key: str, message: str) -> None:
            problems.append(Problem(row, self.headers.get(key) or canonical_header(key), message))

        def read(key: str, parser, **kwargs):
            value = self.cell(values, key)
            try:
                return parser(value, **kwargs)
            except CellError as exc:
                fail(key, str(exc))
                return None

        name = text(self.cell(values, "name"))
        if not name:
            fail("name", "姓名不能为空")
        id_number = ""
        id_birth, id_sex = None, None
        try:
            parsed = idnumber.parse(self.cell(values, "id_number"), self.known_prefix)
            id_number, id_birth, id_sex = parsed.value, parsed.birth_date, parsed.sex
            warnings.extend(Problem(row, self.headers["id_number"], w) for w in parsed.warnings)
        except idnumber.IdNumberError as exc:
            fail("id_number", str(exc))

        sex = read("sex", parse_sex)
        if id_sex and sex and sex != id_sex:
            fail("sex", f"性别“{'男' if sex == 'M' else '女'}”与身份证号不符")
        birth = read("birth_date", parse_date)
        if id_birth and birth and (birth.year, birth.month) != (id_birth.year, id_birth.month):
            fail("birth_date", f"出生年月 {birth:%Y.%m} 与身份证号（{id_birth:%Y.%m}）不符")
        if id_birth and birth and birth.day != 1 and birth != id_birth:
            fail("birth_date", f"出生日期 {birth} 与身份证号（{id_birth}）不符")

        region_id = None
        try:
            region_id = self.regions.match(
                text(self.cell(values, "town")),
                text(self.cell(values, "village")),
                text(self.cell(values, "region_code")),
            )
        except PlaceError as exc:
            fail(exc.key, str(exc))

        category = None
        try:
            category = self.categories.match(self.cell(values, "category"))
        except CellError as exc:
            fail("category", str(exc))

        person = {
            "name": name,
            "sex": id_sex or sex or "",
            "birth_date": id_birth or birth,
            "ethnicity": text(self.cell(values, "ethnicity")),
            "phone": text(self.cell(values, "phone")),
            "address": text(self.cell(values, "address")),
            "region_id": region_id,
            "hukou": read("hukou", parse_hukou) or "",
            "bank_name": text(self.cell(values, "bank_name")),
            "bank_holder": text(self.cell(values, "bank_holder")) or name,
            "bank_account": read("bank_account", parse_account) or "",
            "note": text(self.cell(values, "note")),
        }
        entitlement = {
            "disability_grade": read("disability_grade", parse_grade),
            "disability_nature": read("disability_nature", parse_nature) or "",
            "certificate_no": text(self.cell(values, "certificate_no")),
            "enlistment_date": read("enlistment_date", parse_date),
            "discharge_date": read("discharge_date", parse_date),
            "service_years": read("service_years", parse_years),
            "relation": text(self.cell(values, "relation")),
            "soldier_name": text(self.cell(values, "soldier_name")),
            "approval_date": read("approval_date", parse_date),
            "paid_through": read("paid_through", parse_date, month_only=True),
            "support_mode": read("support_mode", parse_support) or "",
        }
        if category is not None and person["birth_date"] and not problems:
            for key, message in entitlement_problems(
                category,
                grade=entitlement["disability_grade"],
                nature=entitlement["disability_nature"],
                relation=entitlement["relation"] if "relation" in self.columns else None,
                birth_date=person["birth_date"],
                death_date=None,
                on=entitlement["approval_date"] or self.today,
            ):
                fail(key, message)
        ent_dates = [d for d in (entitlement["enlistment_date"], entitlement["discharge_date"]) if d]
        if len(ent_dates) == 2 and ent_dates[1] < ent_dates[0]:
            fail("discharge_date", "退伍时间早于入伍时间")
        if entitlement["paid_through"] and entitlement["paid_through"] > date(self.today.year + 1, 12, 1):
            fail("paid_through", "已发放至的月份在未来过远")
        return ParsedRow(row, id_number, person, category, entitlement, problems, warnings)
