"""One roster row → the person and entitlement it describes, or the problems with it.

A roster repeats the same few values thousands of times (2025.12, 农村, 四级, 凤山镇), so each column's
parser remembers what it has already read: a million rows cost little more than the distinct values.
"""

from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from operator import itemgetter

from shuangyong.registry import idnumber
from shuangyong.registry.importing.cells import (
    parse_grade,
    parse_hukou,
    parse_nature,
    parse_period,
    parse_sex,
    parse_support,
)
from shuangyong.registry.importing.headers import canonical_header
from shuangyong.registry.rules import entitlement_problems
from shuangyong.sheets.cells import CellError, parse_account, parse_date, parse_years, text
from shuangyong.sheets.places import PlaceError
from shuangyong.sheets.problems import FOOTER_WORDS, Problem

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
MISSING = object()


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


@dataclass(slots=True)
class RowBatch:
    """Good rows of one slice of the sheet, column by column (the writer zips them straight into inserts).

    `categories` holds category primary keys; `person` and `entitlement` map each field to its column;
    `fresh` says whether the row is the first of its ID number in the sheet.
    """

    rows: list[int]
    id_numbers: list[str]
    person: dict[str, list]
    categories: list
    entitlement: dict[str, list]
    fresh: list[bool]

    def __len__(self) -> int:
        return len(self.rows)

    def set(self, index: int, parsed: ParsedRow) -> None:
        self.rows[index], self.id_numbers[index] = parsed.row, parsed.id_number
        self.categories[index] = parsed.category.pk
        for name, column in self.person.items():
            column[index] = parsed.person[name]
        for name, column in self.entitlement.items():
            column[index] = parsed.entitlement[name]

    def keep(self, wanted: list[bool]) -> "RowBatch":
        def only(column: list) -> list:
            return [value for value, keep in zip(column, wanted, strict=True) if keep]

        return RowBatch(
            only(self.rows),
            only(self.id_numbers),
            {name: only(column) for name, column in self.person.items()},
            only(self.categories),
            {name: only(column) for name, column in self.entitlement.items()},
            only(self.fresh),
        )

    def record(self, index: int) -> tuple:
        """(row, id_number, person dict, category pk, entitlement dict) of one row."""
        return (
            self.rows[index],
            self.id_numbers[index],
            {name: column[index] for name, column in self.person.items()},
            self.categories[index],
            {name: column[index] for name, column in self.entitlement.items()},
        )


FAILED = object()  # a memo entry for a cell value its parser refused
MEMO_LIMIT = 200_000  # distinct values remembered per column; beyond it the memo starts over


class ColumnParser:
    """Parses a slice of rows column by column: each distinct cell value of a column is read once.

    Only rows that are plainly right take this path. A row with anything to say (an error, a warning, a blank
    ID) is handed to RowParser.parse, so messages, their order and the values kept are exactly the row parser's.
    """

    def __init__(self, parser: RowParser):
        self.parser = parser
        self.memo: dict[str, dict] = {key: {} for key in (*PARSERS, *TEXT_KEYS)}
        self.births: dict[str, date | None] = {}  # 8 digits of an ID number -> birth date, None if refused
        self.prefixes: dict[str, bool] = {}
        self.rules: dict[tuple, bool] = {}
        self.places: dict[tuple, str | None] = {}
        self.category_of: dict[str, object] = {}
        self.mixed: set[str] = set()  # columns with cells other than text
        self.failing: set[str] = set()  # columns with a cell their parser refused
        self.latest_paid = date(parser.today.year + 1, 12, 1)

    def _mapped(self, key: str, cells, compute, slow: set) -> list:
        """compute(value) for every cell, once per distinct value; rows whose value failed go to `slow`."""
        memo = self.memo[key]
        results = None
        if key not in self.mixed:  # only text keys so far: a cell of another type misses, it cannot match wrongly
            with suppress(KeyError):
                results = list(map(memo.__getitem__, cells))
        if results is None:
            distinct = dict.fromkeys(cells)
            types = set(map(type, distinct))
            if bool in types:  # True == 1 would share a memo entry with 1: no memo here
                self.failing.add(key)
                results = [compute(value) for value in cells]
            else:
                if types - {str}:
                    self.mixed.add(key)
                if len(memo) > MEMO_LIMIT:
                    memo.clear()
                for value in distinct.keys() - memo.keys():
                    if (memo.setdefault(value, compute(value))) is FAILED:
                        self.failing.add(key)
                results = list(map(memo.__getitem__, cells))
        if key in self.failing and FAILED in results:
            slow.update(i for i, value in enumerate(results) if value is FAILED)
        return results

    def _parse_cell(self, key: str):
        parse = PARSERS[key]

        def compute(value):
            if value == "":
                return None
            try:
                return parse(value)
            except CellError:
                return FAILED

        return compute

    def _birth(self, digits: str) -> date | None:
        try:
            found = idnumber._birth(digits)
        except idnumber.IdNumberError:
            found = None
        self.births[digits] = found
        return found

    def _known(self, prefix: str) -> bool:
        found = self.prefixes.get(prefix)
        if found is None:
            found = self.prefixes[prefix] = bool(self.parser.known_prefix(prefix))
        return found

    def parse(self, items: list[tuple[int, list]]) -> tuple[RowBatch, set[int]]:
        """The batch of all rows (slow rows hold placeholders) and the positions that need RowParser.parse."""
        p = self.parser
        count = len(items)
        slow: set[int] = set()
        rows = [number for number, _ in items]
        values = [cells for _, cells in items]
        width = min(map(len, values), default=0)
        wanted = sorted(set(p.columns.values()))
        by_index = {}
        if count and len(wanted) > 1 and wanted[-1] < width:  # every row long enough: transpose in one go
            by_index = dict(zip(wanted, zip(*map(itemgetter(*wanted), values), strict=True), strict=True))

        def cells_of(key: str):
            index = p.columns.get(key)
            if index is None:
                return None
            if index in by_index:
                return by_index[index]
            # a short row: the missing cells are empty
            return [cells[index] if index < len(cells) else "" for cells in values]

        texts: dict[str, list] = {}
        for key in TEXT_KEYS:
            cells = cells_of(key)
            texts[key] = [""] * count if cells is None else self._mapped(key, cells, text, slow)
        parsed: dict[str, list] = {}
        for key in PARSERS:
            cells = cells_of(key)
            if cells is None:
                parsed[key] = [None] * count
            elif key in UNIQUE_VALUES:
                parsed[key] = self._accounts(cells, slow)
            else:
                parsed[key] = self._mapped(key, cells, self._parse_cell(key), slow)

        id_cells = cells_of("id_number") or [""] * count
        id_numbers, births, sexes = self._ids(id_cells, slow)
        names = texts["name"]
        categories = self._categories(texts["category"], slow)
        regions = self._regions(texts["town"], texts["village"], texts["region_code"], slow)
        relations = texts["relation"] if "relation" in p.columns else [None] * count
        sheet_sex, sheet_birth = parsed["sex"], parsed["birth_date"]
        grades, natures = parsed["disability_grade"], parsed["disability_nature"]
        enlisted, discharged, paid = parsed["enlistment_date"], parsed["discharge_date"], parsed["paid_through"]
        pks = [category.pk if category is not None else None for category in categories]
        rules = self.rules
        for i in range(count):
            if i in slow:
                continue
            born = births[i]
            if not names[i] or born is None:
                slow.add(i)
                continue
            sex = sheet_sex[i]
            if sex and sex != sexes[i]:
                slow.add(i)
                continue
            birth = sheet_birth[i]
            if birth and birth != born and (birth.year != born.year or birth.month != born.month or birth.day != 1):
                slow.add(i)
                continue
            key = (pks[i], grades[i], natures[i] or "", relations[i], born)
            ok = rules.get(key)
            if ok is None:
                ok = rules[key] = not entitlement_problems(
                    categories[i],
                    grade=key[1],
                    nature=key[2],
                    relation=key[3],
                    birth_date=born,
                    death_date=None,
                    on=p.today,
                )
            if not ok or (enlisted[i] and discharged[i] and discharged[i] < enlisted[i]):
                slow.add(i)
                continue
            if paid[i] and paid[i] > self.latest_paid:
                slow.add(i)

        holders = texts["bank_holder"]
        person = {
            "name": names,
            "sex": sexes,
            "birth_date": births,
            "ethnicity": texts["ethnicity"],
            "phone": texts["phone"],
            "address": texts["address"],
            "region_id": regions,
            "hukou": _or_blank(parsed["hukou"]),
            "bank_name": texts["bank_name"],
            "bank_holder": [holder or name for holder, name in zip(holders, names, strict=True)],
            "bank_account": _or_blank(parsed["bank_account"]),
            "note": texts["note"],
        }
        entitlement = {
            "disability_grade": grades,
            "disability_nature": _or_blank(natures),
            "certificate_no": texts["certificate_no"],
            "enlistment_date": enlisted,
            "enlistment_period": _or_blank(parsed["enlistment_period"]),
            "discharge_date": discharged,
            "service_years": parsed["service_years"],
            "relation": texts["relation"],
            "soldier_name": texts["soldier_name"],
            "approval_date": parsed["approval_date"],
            "paid_through": paid,
            "support_mode": _or_blank(parsed["support_mode"]),
        }
        return RowBatch(rows, id_numbers, person, pks, entitlement, [True] * count), slow

    def _accounts(self, cells: list, slow: set) -> list:
        """Bank accounts differ row by row: plain ASCII digit strings are taken as they are, others parsed."""
        results = []
        append = results.append
        for i, value in enumerate(cells):
            if type(value) is str and value.isascii() and value.isdigit() and 8 <= len(value) <= 30:
                append(value)
            elif value == "":
                append(None)
            else:
                try:
                    append(parse_account(value))
                except CellError:
                    slow.add(i)
                    append(None)
        return results

    def _ids(self, cells: list, slow: set) -> tuple[list, list, list]:
        """ID numbers already in their 18-character form with a right check digit; anything else goes slow.

        The check digit is Σ dᵢ·2^(17-i) mod 11; since 13 ≡ 2 (mod 11) that is 2·int(first17, 13) mod 11.
        """
        numbers, births, sexes = [], [], []
        known = self.parser.known_prefix
        check_chars = idnumber.CHECK_CHARS
        birth_of = self.births.get
        prefix_ok = self.prefixes.get
        for i, value in enumerate(cells):
            if (
                type(value) is str
                and len(value) == 18
                and value.isascii()
                and value[:17].isdigit()
                and check_chars[2 * int(value[:17], 13) % 11] == value[17]
            ):
                born = birth_of(value[6:14], MISSING)
                if born is MISSING:
                    born = self._birth(value[6:14])
                if born is not None and (known is None or prefix_ok(value[:6]) or self._known(value[:6])):
                    numbers.append(value)
                    births.append(born)
                    sexes.append("M" if value[16] in "13579" else "F")
                    continue
            slow.add(i)
            numbers.append("")
            births.append(None)
            sexes.append("")
        return numbers, births, sexes

    def _categories(self, names: list, slow: set) -> list:
        memo = self.category_of
        distinct = dict.fromkeys(names)
        for name in distinct.keys() - memo.keys():
            try:
                memo[name] = self.parser.categories.match(name)
            except CellError:
                memo[name] = None
        unknown = {name for name in distinct if memo[name] is None}  # `None in` would call Model.__eq__ per row
        if unknown:
            slow.update(i for i, name in enumerate(names) if name in unknown)
        return list(map(memo.__getitem__, names))

    def _regions(self, towns: list, villages: list, codes: list, slow: set) -> list:
        memo = self.places
        keys = list(zip(towns, villages, codes, strict=True))
        distinct = dict.fromkeys(keys)
        for key in distinct.keys() - memo.keys():
            try:
                memo[key] = self.parser.regions.match(*key)
            except PlaceError:
                memo[key] = None
        unknown = {key for key in distinct if memo[key] is None}
        if unknown:
            slow.update(i for i, key in enumerate(keys) if key in unknown)
        return list(map(memo.__getitem__, keys))


def _or_blank(values: list) -> list:
    return [value or "" for value in values]
