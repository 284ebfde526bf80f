"""One roster row → the person and entitlement it describes, or the problems with it.

A roster repeats the same few values thousands of times (2025.12, 农村, 四级, 凤山镇), so each column's
parser remembers what it has already read: a million rows cost little more than the distinct values.
"""

from dataclasses import dataclass, field
from datetime import date
from functools import partial

from shuangyong.registry import idnumber
from shuangyong.registry.importing.cells import (
    CellError,
    parse_account,
    parse_date,
    parse_grade,
    parse_hukou,
    parse_nature,
    parse_period,
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
    "enlistment_period",
    "discharge_date",
    "service_years",
    "relation",
    "soldier_name",
    "approval_date",
    "paid_through",
    "support_mode",
)
PARSERS = {
    "sex": parse_sex,
    "birth_date": parse_date,
    "hukou": parse_hukou,
    "bank_account": parse_account,
    "disability_grade": parse_grade,
    "disability_nature": parse_nature,
    "enlistment_date": parse_date,
    "enlistment_period": parse_period,
    "discharge_date": parse_date,
    "service_years": parse_years,
    "approval_date": parse_date,
    "paid_through": partial(parse_date, month_only=True),
    "support_mode": parse_support,
}
TEXT_KEYS = (
    "name",
    "ethnicity",
    "phone",
    "address",
    "bank_name",
    "bank_holder",
    "certificate_no",
    "relation",
    "soldier_name",
    "note",
    "town",
    "village",
    "region_code",
    "category",
)
UNIQUE_VALUES = {"bank_account"}  # nearly every value differs: remembering them would only cost memory
FOOTER_WORDS = ("合计", "总计", "制表", "填表", "审核", "负责人", "说明")
MISSING = object()


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
        self._memo = {key: {} for key in PARSERS}

    def column(self, key: str) -> str:
        return self.headers.get(key) or canonical_header(key)

    def raw(self, values: list, key: str):
        index = self.columns.get(key)
        if index is None or index >= len(values):
            return None
        value = values[index]
        return None if value == "" else value

    def is_blank(self, values: list) -> bool:
        """Empty rows, rows with only a 序号, and footers (合计, 制表人) are not records."""
        if self.raw(values, "id_number") is not None:
            return False
        if self.raw(values, "name") is None:
            return True
        joined = "".join(str(c) for c in values if c not in ("", None))
        return any(word in joined for word in FOOTER_WORDS)

    def _parsed(self, values: list, key: str, problems: list, row: int):
        value = self.raw(values, key)
        if value is None:
            return None
        memo = self._memo[key]
        hit = memo.get(value, MISSING) if key not in UNIQUE_VALUES else MISSING
        if hit is MISSING:
            try:
                hit = (True, PARSERS[key](value))
            except CellError as exc:
                hit = (False, str(exc))
            if key not in UNIQUE_VALUES:
                memo[value] = hit
        ok, result = hit
        if not ok:
            problems.append(Problem(row, self.column(key), result))
            return None
        return result

    def parse(self, row: int, values: list) -> ParsedRow:
        problems: list[Problem] = []
        warnings: list[Problem] = []
        texts = {key: text(self.raw(values, key)) for key in TEXT_KEYS}
        parsed = {key: self._parsed(values, key, problems, row) for key in PARSERS}

        def fail(key: str, message: str) -> None:
            problems.append(Problem(row, self.column(key), message))

        name = texts["name"]
        if not name:
            fail("name", "姓名不能为空")
        id_number, id_birth, id_sex = "", None, None
        try:
            checked = idnumber.parse(self.raw(values, "id_number"), self.known_prefix)
            id_number, id_birth, id_sex = checked.value, checked.birth_date, checked.sex
            warnings.extend(Problem(row, self.column("id_number"), w) for w in checked.warnings)
        except idnumber.IdNumberError as exc:
            fail("id_number", str(exc))

        sex, birth = parsed["sex"], parsed["birth_date"]
        if id_sex and sex and sex != id_sex:
            fail("sex", f"性别“{'男' if sex == 'M' else '女'}”与身份证号不符")
        if id_birth and birth:
            if (birth.year, birth.month) != (id_birth.year, id_birth.month):
                fail("birth_date", f"出生年月 {birth:%Y.%m} 与身份证号（{id_birth:%Y.%m}）不符")
            elif birth.day != 1 and birth != id_birth:
                fail("birth_date", f"出生日期 {birth} 与身份证号（{id_birth}）不符")

        region_id = None
        try:
            region_id = self.regions.match(texts["town"], texts["village"], texts["region_code"])
        except PlaceError as exc:
            fail(exc.key, str(exc))
        category = None
        try:
            category = self.categories.match(texts["category"])
        except CellError as exc:
            fail("category", str(exc))

        person = {
            "name": name,
            "sex": id_sex or sex or "",
            "birth_date": id_birth or birth,
            "ethnicity": texts["ethnicity"],
            "phone": texts["phone"],
            "address": texts["address"],
            "region_id": region_id,
            "hukou": parsed["hukou"] or "",
            "bank_name": texts["bank_name"],
            "bank_holder": texts["bank_holder"] or name,
            "bank_account": parsed["bank_account"] or "",
            "note": texts["note"],
        }
        entitlement = {
            "disability_grade": parsed["disability_grade"],
            "disability_nature": parsed["disability_nature"] or "",
            "certificate_no": texts["certificate_no"],
            "enlistment_date": parsed["enlistment_date"],
            "enlistment_period": parsed["enlistment_period"] or "",
            "discharge_date": parsed["discharge_date"],
            "service_years": parsed["service_years"],
            "relation": texts["relation"],
            "soldier_name": texts["soldier_name"],
            "approval_date": parsed["approval_date"],
            "paid_through": parsed["paid_through"],
            "support_mode": parsed["support_mode"] or "",
        }
        if category is not None and person["birth_date"] and not problems:
            for key, message in entitlement_problems(
                category,
                grade=entitlement["disability_grade"],
                nature=entitlement["disability_nature"],
                relation=entitlement["relation"] if "relation" in self.columns else None,
                birth_date=person["birth_date"],
                death_date=None,
                on=self.today,  # a roster lists current payees: judge them as of today
            ):
                fail(key, message)
        enlisted, discharged = entitlement["enlistment_date"], entitlement["discharge_date"]
        if enlisted and discharged and discharged < enlisted:
            fail("discharge_date", "退伍时间早于入伍时间")
        if entitlement["paid_through"] and entitlement["paid_through"] > date(self.today.year + 1, 12, 1):
            fail("paid_through", "已发放至的月份在未来过远")
        return ParsedRow(row, id_number, person, category, entitlement, problems, warnings)
