"""Roster rows → the persons and entitlements they describe, and the problems with the rest.

A roster repeats the same few values thousands of times (2025.12, 农村, 四级, 凤山镇), so a slice of rows is
read column by column and each column remembers what it has already read: a million rows cost little more than
the distinct values. Every check is written once, here; a row with a problem is reported and left out.
"""

from contextlib import suppress
from dataclasses import dataclass
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
    "approval_no",
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
    "approval_no",
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


class Refused(str):
    """A cell value its parser refused; the text is the message."""


MEMO_LIMIT = 200_000  # distinct values remembered per column; beyond it the memo starts over


@dataclass(slots=True)
class ParsedSlice:
    batch: RowBatch  # the good rows only
    errors: list[Problem]  # in row order, each row's problems in the order the checks run
    warnings: list[Problem]


class RosterParser:
    """Reads slices of roster rows: column positions, header texts, matchers and memos carry over between slices."""

    def __init__(self, columns: dict[str, int], headers: dict[str, str], regions, categories, known_prefix, today):
        self.columns = columns
        self.headers = headers  # key -> header text as written, for messages
        self.regions = regions
        self.categories = categories
        self.known_prefix = known_prefix
        self.today = today
        self.latest_paid = date(today.year + 1, 12, 1)
        self.memo: dict[str, dict] = {key: {} for key in (*PARSERS, *TEXT_KEYS)}
        self.births: dict[str, date | None] = {}  # 8 digits of an ID number -> birth date, None if refused
        self.prefixes: dict[str, bool] = {}
        self.rules: dict[tuple, list] = {}
        self.places: dict[tuple, object] = {}  # (town, village, code) -> region id or the PlaceError
        self.category_of: dict[str, object] = {}  # text -> Category or the refusal
        self.mixed: set[str] = set()  # columns with cells other than text
        self.failing: set[str] = set()  # columns with a cell their parser refused

    def column(self, key: str) -> str:
        return self.headers.get(key) or canonical_header(key)

    def is_blank(self, values: list) -> bool:
        """Empty rows, rows with only a 序号, and footers (合计, 制表人) are not records."""
        if _raw(values, self.columns.get("id_number")) is not None:
            return False
        if _raw(values, self.columns.get("name")) is None:
            return True
        joined = "".join(str(c) for c in values if c not in ("", None))
        return any(word in joined for word in FOOTER_WORDS)

    def parse(self, items: list[tuple[int, list]]) -> ParsedSlice:
        """(Excel row number, cells) pairs → the good rows as a batch, and every problem of the others."""
        count = len(items)
        rows = [number for number, _ in items]
        values = [cells for _, cells in items]
        cells_of = self._column_reader(values)
        problems: dict[int, list[Problem]] = {}  # position in the slice -> its problems so far

        def fail(i: int, key: str, message: str) -> None:
            problems.setdefault(i, []).append(Problem(rows[i], self.column(key), message))

        id_cells = cells_of("id_number") or [""] * count
        blank = {i for i, cell in enumerate(id_cells) if cell in ("", None) and self.is_blank(values[i])}
        texts: dict[str, list] = {}
        for key in TEXT_KEYS:
            cells = cells_of(key)
            texts[key] = [""] * count if cells is None else self._mapped(key, cells, text)
        parsed: dict[str, list] = {}
        for key in PARSERS:  # a cell's own problems come first, in this order
            cells = cells_of(key)
            if cells is None:
                parsed[key] = [None] * count
                continue
            results = self._accounts(cells) if key in UNIQUE_VALUES else self._mapped(key, cells, self._cell(key))
            if key in self.failing:
                for i, result in enumerate(results):
                    if type(result) is Refused:
                        results[i] = None
                        if i not in blank:
                            fail(i, key, result)
            parsed[key] = results

        warnings: list[Problem] = []
        id_numbers, births, sexes, id_refusals = self._ids(id_cells, blank, rows, warnings)
        names = texts["name"]
        categories = self._categories(texts["category"])
        regions = self._regions(texts["town"], texts["village"], texts["region_code"])
        relations = texts["relation"] if "relation" in self.columns else [None] * count
        sheet_sex, sheet_birth = parsed["sex"], parsed["birth_date"]
        grades, natures = parsed["disability_grade"], parsed["disability_nature"]
        enlisted, discharged, paid = parsed["enlistment_date"], parsed["discharge_date"], parsed["paid_through"]
        for i in range(count):
            if i in blank:
                continue
            if not names[i]:
                fail(i, "name", "姓名不能为空")
            born = births[i]
            if born is None:
                fail(i, "id_number", id_refusals[i])
            sex = sheet_sex[i]
            if sex and born is not None and sex != sexes[i]:
                fail(i, "sex", f"性别“{'男' if sex == 'M' else '女'}”与身份证号不符")
            birth = sheet_birth[i]
            if birth and born is not None and birth != born:
                if (birth.year, birth.month) != (born.year, born.month):
                    fail(i, "birth_date", f"出生年月 {birth:%Y.%m} 与身份证号（{born:%Y.%m}）不符")
                elif birth.day != 1:
                    fail(i, "birth_date", f"出生日期 {birth} 与身份证号（{born}）不符")
            region = regions[i]
            if type(region) is PlaceError:
                fail(i, region.key, str(region))
            category = categories[i]
            if type(category) is Refused:
                fail(i, "category", category)
            elif i not in problems:
                key = (category.pk, grades[i], natures[i] or "", relations[i], born)
                found = self.rules.get(key)
                if found is None:
                    found = self.rules[key] = entitlement_problems(
                        category,
                        grade=key[1],
                        nature=key[2],
                        relation=key[3],
                        birth_date=born,
                        death_date=None,
                        on=self.today,  # a roster lists current payees: judge them as of today
                    )
                for column, message in found:
                    fail(i, column, message)
            if enlisted[i] and discharged[i] and discharged[i] < enlisted[i]:
                fail(i, "discharge_date", "退伍时间早于入伍时间")
            if paid[i] and paid[i] > self.latest_paid:
                fail(i, "paid_through", "已发放至的月份在未来过远")

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
            "approval_no": texts["approval_no"],
            "paid_through": paid,
            "support_mode": _or_blank(parsed["support_mode"]),
        }
        pks = [getattr(category, "pk", None) for category in categories]
        batch = RowBatch(rows, id_numbers, person, pks, entitlement, [True] * count)
        if problems or blank:
            batch = batch.keep([i not in problems and i not in blank for i in range(count)])
        errors = [problem for i in sorted(problems) for problem in problems[i]]
        return ParsedSlice(batch, errors, warnings)

    def _column_reader(self, values: list[list]):
        """key -> that column's cells (None when the sheet has no such column); a short row's missing cells are
        empty."""
        width = min(map(len, values), default=0)
        wanted = sorted(set(self.columns.values()))
        by_index = {}
        if values and len(wanted) > 1 and wanted[-1] < width:  # every row long enough: transpose in one go
            by_index = dict(zip(wanted, zip(*map(itemgetter(*wanted), values), strict=True), strict=True))

        def cells_of(key: str):
            index = self.columns.get(key)
            if index is None:
                return None
            if index in by_index:
                return by_index[index]
            return [cells[index] if index < len(cells) else "" for cells in values]

        return cells_of

    def _mapped(self, key: str, cells, compute) -> list:
        """compute(value) for every cell, once per distinct value."""
        memo = self.memo[key]
        if key not in self.mixed:  # only text keys so far: a cell of another type misses, it cannot match wrongly
            with suppress(KeyError):
                return list(map(memo.__getitem__, cells))
        types = set(map(type, cells))  # of the cells, not of distinct values: a True folds into an earlier 1
        if bool in types:  # True == 1 would share a memo entry with 1: no memo for this slice, none looked up later
            self.mixed.add(key)
            self.failing.add(key)
            return [compute(value) for value in cells]
        if types - {str}:
            self.mixed.add(key)
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        for value in dict.fromkeys(cells).keys() - memo.keys():
            if type(memo.setdefault(value, compute(value))) is Refused:
                self.failing.add(key)
        return list(map(memo.__getitem__, cells))

    @staticmethod
    def _cell(key: str):
        parse = PARSERS[key]

        def compute(value):
            if value is None or value == "":
                return None
            try:
                return parse(value)
            except CellError as exc:
                return Refused(exc)

        return compute

    def _accounts(self, cells: list) -> list:
        """Bank accounts differ row by row: plain ASCII digit strings are taken as they are, others parsed."""
        results = []
        append = results.append
        for value in cells:
            if type(value) is str and value.isascii() and value.isdigit() and 8 <= len(value) <= 30:
                append(value)
            elif value is None or value == "":
                append(None)
            else:
                try:
                    append(parse_account(value))
                except CellError as exc:
                    self.failing.add("bank_account")
                    append(Refused(exc))
        return results

    def _ids(self, cells: list, blank: set[int], rows: list[int], warnings: list[Problem]):
        """ID numbers, birth dates and sexes; for a refused number its birth date is None and its message kept.

        Numbers already in their 18-character form with a right check digit are taken here; the check digit is
        Σ dᵢ·2^(17-i) mod 11, and since 13 ≡ 2 (mod 11) that is 2·int(first17, 13) mod 11. Any other cell goes
        through idnumber.parse, which says what is wrong or what it changed.
        """
        numbers, births, sexes, refusals = [], [], [], {}
        known = self.known_prefix
        check_chars = idnumber.CHECK_CHARS
        birth_of = self.births.get
        prefix_ok = self.prefixes.get
        column = self.column("id_number")
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
            if i in blank:
                numbers.append("")
                births.append(None)
                sexes.append("")
                continue
            try:
                checked = idnumber.parse(value if value != "" else None, known)
            except idnumber.IdNumberError as exc:
                refusals[i] = str(exc)
                numbers.append("")
                births.append(None)
                sexes.append("")
                continue
            warnings.extend(Problem(rows[i], column, message) for message in checked.warnings)
            numbers.append(checked.value)
            births.append(checked.birth_date)
            sexes.append(checked.sex)
        return numbers, births, sexes, refusals

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
            found = self.prefixes[prefix] = bool(self.known_prefix(prefix))
        return found

    def _categories(self, names: list) -> list:
        memo = self.category_of
        for name in dict.fromkeys(names).keys() - memo.keys():
            try:
                memo[name] = self.categories.match(name)
            except CellError as exc:
                memo[name] = Refused(exc)
        return list(map(memo.__getitem__, names))

    def _regions(self, towns: list, villages: list, codes: list) -> list:
        memo = self.places
        keys = list(zip(towns, villages, codes, strict=True))
        for key in dict.fromkeys(keys).keys() - memo.keys():
            try:
                memo[key] = self.regions.match(*key)
            except PlaceError as exc:
                memo[key] = exc
        return list(map(memo.__getitem__, keys))


def _raw(values: list, index: int | None):
    if index is None or index >= len(values):
        return None
    value = values[index]
    return None if value == "" else value


def _or_blank(values: list) -> list:
    return [value or "" for value in values]
