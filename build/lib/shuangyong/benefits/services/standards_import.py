"""Importing a 抚恤补助标准 table (.csv or .xlsx) as offices write it: `import_standards(path, user=...)`.

Every row is read and checked (its cells, then the rules of `standard_problems`); every problem is reported
with its row, the column header as written and a Chinese message, and if any row is wrong nothing is written.
A row is matched to the stored standard with the same keys and 生效日期: identical → unchanged, another
amount → updated, none → created. Saving goes through `save_standard`, so each row is audited and a back-dated
one schedules 补发. Cell parsers (dates, full-width digits, 四级) are the roster import's.
"""

from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from django.db import transaction

from shuangyong.accounts.scope import ancestor_codes, in_subtree
from shuangyong.audit.context import actor_for
from shuangyong.benefits.choices import Basis
from shuangyong.benefits.models import LOCAL_SOURCE, BenefitKind, PaymentLine, Standard
from shuangyong.benefits.services.engine import BenefitsError
from shuangyong.benefits.services.rates import month_start
from shuangyong.benefits.services.reference import DATA_DIR
from shuangyong.benefits.services.standards import ensure_can_manage_standards, save_standard, standard_problems
from shuangyong.regions.models import Region
from shuangyong.regions.services import RegionNotFound, resolve_region
from shuangyong.registry.importing.cells import parse_grade, parse_hukou, parse_nature, parse_period
from shuangyong.registry.importing.lookups import CategoryMatcher
from shuangyong.registry.models import Category
from shuangyong.sheets.cells import CellError, parse_date, text
from shuangyong.sheets.headers import Header, HeaderTable, clean_header, read_header, unread_columns
from shuangyong.sheets.problems import ImportCounts, Problem, SheetError
from shuangyong.sheets.reader import ReadError, open_sheet
from shuangyong.sheets.rows import SheetRow

NATIONAL_STANDARDS = DATA_DIR / "national-standards.csv"
FILE_ROW = 0  # the row number of problems with the file as a whole

# key → (header as the layout names it, variants offices write)
COLUMNS = {
    "kind": ("待遇项目", ("项目", "待遇项目名称", "抚恤补助项目", "待遇类别")),
    "category": ("优抚类别", ("类别", "对象类别", "人员类别", "优抚对象类别")),
    "nature": ("伤残性质", ("性质", "致残性质", "残疾性质")),
    "grade": ("伤残等级", ("等级", "残疾等级")),
    "hukou": ("户籍性质", ("户籍类别", "户籍", "城乡")),
    "region": ("区划代码", ("适用区划代码", "行政区划代码", "适用区划")),
    "period": ("入伍时期", ("参军时期",)),
    "support": ("供养方式", ("集中供养", "供养类别", "集中/分散供养")),
    "basis": ("计发方式", ("计发单位",)),
    "yearly": ("年标准(元)", ("年标准", "标准(元/年)", "年标准(元/年)", "标准(元)", "金额(元)")),
    "monthly": ("月标准(元)", ("月标准", "标准(元/月)", "月标准(元/月)")),
    "share": ("工资比例(%)", ("工资比例", "工资基数比例(%)", "工资基数比例")),
    "valid_from": ("生效日期", ("执行日期", "起始日期", "起发日期")),
    "valid_to": ("失效日期", ("终止日期", "截止日期")),
    "note": ("说明", ("备注", "依据", "依据或说明")),
    "source": ("来源", ("文号", "发文字号", "依据文件", "标准来源", "来源文件")),
}
REQUIRED = ("kind", "valid_from")
BASIS_WORDS = {
    "元/年": Basis.YEAR,
    "年": Basis.YEAR,
    "按年": Basis.YEAR,
    "元/月": Basis.MONTH,
    "月": Basis.MONTH,
    "按月": Basis.MONTH,
    "每服役年": Basis.SERVICE_YEAR,
    "元/年每服役年": Basis.SERVICE_YEAR,
    "每服役年元/年": Basis.SERVICE_YEAR,
    "按服役年限": Basis.SERVICE_YEAR,
    "工资基数比例": Basis.WAGE_SHARE,
    "工资比例": Basis.WAGE_SHARE,
    "按工资基数比例": Basis.WAGE_SHARE,
    "一次性": Basis.ONCE,
    **{choice.value: choice for choice in Basis},
}
# a source that says the figure was worked out rather than published
DERIVED_WORDS = ("推算", "估算", "演示")
FOOTER_STARTS = ("注", "说明", "备注", "合计", "制表", "填表", "审核")
# what a stored standard holds beyond its keys; a row equal in all of them is unchanged
VALUE_FIELDS = ("basis", "amount_fen", "share_bp", "valid_to", "note", "source")


class StandardsImportResult(ImportCounts):
    """The counts and problems of import-standards, the same shape as the roster import's."""


def parse_yuan(value) -> int | None:
    """元 with up to two decimals → 分 (Decimal, never float arithmetic); "54,220", "５４２２０元" accepted."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError("金额应为数字")
    raw = repr(value) if isinstance(value, float) else text(value).replace(",", "").replace("，", "")
    raw = raw.removesuffix("元")
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        raise CellError(f"金额“{text(value)}”不是数字") from None
    if not amount.is_finite():
        raise CellError(f"金额“{text(value)}”不是数字")
    if amount < 0:
        raise CellError("金额不能为负数")
    if amount != amount.quantize(Decimal("0.01")):
        raise CellError(f"金额“{text(value)}”最多保留两位小数（到分）")
    return int(amount * 100)


def parse_share(value) -> int | None:
    """工资比例 in percent → 万分比 (50 → 5000); a number cell ≤ 1 is Excel's percent format (0.5 = 50%)."""
    if value is None or value == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 < value <= 1:
        value = Decimal(repr(value)) * 100
    raw = text(value).replace("％", "%").removesuffix("%")
    try:
        percent = Decimal(raw)
    except InvalidOperation:
        raise CellError(f"工资比例“{text(value)}”不是数字（如 50 或 50%）") from None
    if not percent.is_finite() or not 0 < percent <= 100:
        raise CellError(f"工资比例“{text(value)}”应在 0 到 100 之间")
    if percent != percent.quantize(Decimal("0.01")):
        raise CellError(f"工资比例“{text(value)}”最多保留两位小数")
    return int(percent * 100)


SUPPORT_WORDS = {
    "集中": "central",
    "集中供养": "central",
    "是": "central",
    "分散": "dispersed",
    "分散供养": "dispersed",
    "否": "dispersed",
    "central": "central",
    "dispersed": "dispersed",
}


def parse_support(value) -> str:
    """集中供养 / 分散供养 (a 集中供养 column of 是/否 too); empty = any."""
    raw = text(value)
    if not raw:
        return ""
    if raw in SUPPORT_WORDS:
        return SUPPORT_WORDS[raw]
    raise CellError(f"供养方式“{raw}”无法识别，应为集中供养或分散供养")


def parse_basis(value) -> str:
    raw = text(value).replace("·", "").replace("•", "").replace("・", "")
    if not raw:
        return ""
    if raw in BASIS_WORDS:
        return BASIS_WORDS[raw]
    raise CellError(f"计发方式“{raw}”无法识别，应为元/年、元/月、每服役年、工资基数比例或一次性")


@cache
def header_table() -> HeaderTable:
    lookup = {
        clean_header(name): key for key, (canonical, variants) in COLUMNS.items() for name in (canonical, *variants)
    }
    return HeaderTable(lookup, {key: canonical for key, (canonical, _) in COLUMNS.items()})


class _Rollback(Exception):
    pass


class StandardReader:
    """Reads one data row (a sheets.rows.SheetRow) into an unsaved Standard, noting every problem on the row."""

    def __init__(self, header: Header, user, national: bool = False):
        self.columns, self.written, self.user, self.national = header.columns, header, user, national
        self.kinds = {}
        self.kind_names = "、".join(BenefitKind.objects.filter(is_active=True).values_list("name", flat=True))
        for kind in BenefitKind.objects.all():
            for name in [kind.code, kind.name, *filter(None, kind.aliases.split("|"))]:
                self.kinds[text(name)] = kind
        self.categories = CategoryMatcher(list(Category.objects.all()))
        self.regions: dict[str, Region | CellError] = {}

    def header(self, key: str) -> str:
        return self.written.label(key, header_table())

    @staticmethod
    def is_blank(row: SheetRow) -> bool:
        """Empty rows, and notes below the table (注：金额单位为元) that carry no 生效日期."""
        filled = [str(c).strip() for c in row.cells if c not in ("", None) and str(c).strip()]
        if not filled:
            return True
        return filled[0].startswith(FOOTER_STARTS) and not row.has("valid_from")

    def read(self, row: SheetRow) -> Standard | None:
        kind = row.get("kind", self._kind, required=True)
        category = row.get("category", self._category)
        nature = row.get("nature", parse_nature) or ""
        grade = row.get("grade", parse_grade)
        hukou = row.get("hukou", parse_hukou) or ""
        period = row.get("period", parse_period) or ""
        support = row.get("support", parse_support) or ""
        region = row.get("region", self._region)
        basis = row.get("basis", parse_basis) or ""
        yearly = row.get("yearly", parse_yuan)
        monthly = row.get("monthly", parse_yuan)
        share = row.get("share", parse_share)
        valid_from = row.get("valid_from", parse_date, required=True)
        valid_to = row.get("valid_to", parse_date)
        note = str(row.raw("note") or "").strip()
        if len(note) > 200:
            row.fail("note", f"说明最长 200 字，现有 {len(note)} 字")
        source = str(row.raw("source") or "").strip() or LOCAL_SOURCE
        if len(source) > 200:
            row.fail("source", f"来源最长 200 字，现有 {len(source)} 字")
        if self.national:
            self._national_problems(row, source)
        if category is not None and not category.requires_disability and (nature or grade):
            row.fail("grade" if grade else "nature", f"{category.name}不分伤残性质和等级，请留空")
        if kind is None:
            return None
        basis = basis or self._implied_basis(kind, yearly, monthly, share)
        amount, amount_key = self._amount(basis, {"yearly": yearly, "monthly": monthly, "share": share})
        if amount is None and amount_key not in row.refused:  # a cell that could not be read is reported once
            row.fail(amount_key, f"计发方式为{Basis(basis).label}，请填写{COLUMNS[amount_key][0]}")
        if row.failed or amount is None:
            return None
        standard = Standard(
            kind=kind,
            category=category,
            disability_nature=nature,
            disability_grade=grade,
            hukou=hukou,
            enlistment_period=period,
            support_mode=support,
            region=region,
            basis=basis,
            amount_fen=amount,
            share_bp=share if basis == Basis.WAGE_SHARE else None,
            valid_from=valid_from,
            valid_to=valid_to,
            note=note,
            source=source,
        )
        field_columns = {
            "region": "region",
            "disability_grade": "grade",
            "share_bp": "share",
            "amount_fen": amount_key,
            "basis": "basis" if "basis" in self.columns else "kind",
            "valid_to": "valid_to",
        }
        for name, message in standard_problems(standard):
            row.fail(field_columns.get(name, "kind"), message)
        return None if row.failed else standard

    def _national_problems(self, row: SheetRow, source: str) -> None:
        """A national standard is a figure a cited national notice published: no region, a source, no derivation."""
        if row.has("region"):
            row.fail("region", "全国标准表只能含全国标准（区划代码留空）")
        if "source" in self.columns and (source == LOCAL_SOURCE or any(word in source for word in DERIVED_WORDS)):
            row.fail("source", "全国标准须注明发布它的文件（文号和日期）；推算或本地录入的金额不是全国标准")

    def _kind(self, value) -> BenefitKind | None:
        raw = text(value)
        if not raw:
            raise CellError("待遇项目不能为空")
        kind = self.kinds.get(raw)
        if kind is None:
            raise CellError(f"待遇项目“{raw}”无法识别，应为：{self.kind_names}")
        if not kind.is_active:
            raise CellError(f"待遇项目“{kind.name}”已停用")
        return kind

    def _category(self, value):
        return self.categories.match(value) if text(value) else None

    def _region(self, value):
        raw = text(value)
        if not raw:
            return None  # national
        if raw not in self.regions:
            try:
                self.regions[raw] = resolve_region(raw)
            except RegionNotFound as exc:
                self.regions[raw] = CellError(str(exc))
        found = self.regions[raw]
        if isinstance(found, CellError):
            raise found
        mine = getattr(self.user, "region_id", None)
        if mine and not (found.code in ancestor_codes(mine) or in_subtree(found.code, mine)):
            raise CellError(f"区划 {found.name}（{found.code}）不在您的管辖范围内：只能录入全国、上级或本辖区的标准")
        return found

    @staticmethod
    def _implied_basis(kind, yearly, monthly, share) -> str:
        if not kind.is_periodic:
            return Basis.ONCE
        if share is not None and yearly is None and monthly is None:
            return Basis.WAGE_SHARE
        if monthly is not None and yearly is None:
            return Basis.MONTH
        return Basis.YEAR

    @staticmethod
    def _amount(basis, given: dict) -> tuple[int | None, str]:
        """The stored amount for the basis (元/年, 元/月, 元/年 per year of service; 0 for a wage share) and the
        column it comes from; None when that column is empty."""
        if basis == Basis.WAGE_SHARE:
            return (None if given["share"] is None else 0), "share"
        if basis == Basis.MONTH:
            return given["monthly"], "monthly"
        if basis == Basis.SERVICE_YEAR and given["yearly"] is None and given["monthly"] is not None:
            return given["monthly"] * 12, "monthly"  # 40 元/月 per year of service = 480 元/年
        return given["yearly"], "yearly"


def _key(standard: Standard) -> tuple:
    return (
        standard.kind_id,
        standard.category_id or "",
        standard.disability_nature,
        standard.disability_grade or 0,
        standard.hukou,
        standard.enlistment_period,
        standard.support_mode,
        standard.region_id or "",
        standard.valid_from,
    )


def _read(path: Path, reader_for, result: StandardsImportResult) -> list[tuple[int, Standard, StandardReader]]:
    try:
        sheet = open_sheet(path)
    except (ReadError, OSError) as exc:
        result.errors.append(Problem(FILE_ROW, "", str(exc)))
        return []
    try:
        header, rows = read_header(sheet, header_table(), anchors=REQUIRED)
    except SheetError as exc:
        result.errors.append(Problem(FILE_ROW, "", str(exc)))
        return []
    columns = header.columns
    if not {"yearly", "monthly", "share"} & columns.keys():
        result.errors.append(Problem(header.row, "年标准(元)", "缺少金额列：年标准(元)、月标准(元)或工资比例(%)"))
        return []
    result.warnings += unread_columns(header)
    result.header_row, result.columns = header.row, header.positions()
    reader = reader_for(header)
    parsed: list = []
    seen: dict = {}
    for number, cells in rows:
        row = SheetRow(number, cells, header, header_table(), result.errors)
        if reader.is_blank(row):
            continue
        standard = reader.read(row)
        if standard is None:
            continue
        key = _key(standard)
        if key in seen:
            row.fail("valid_from", f"与第 {seen[key]} 行的待遇项目、适用条件和生效日期都相同")
            continue
        seen[key] = number
        parsed.append((number, standard, reader))
    return parsed


def _changed(stored: Standard, new: Standard, columns: dict) -> list[str]:
    """The value fields the row changes; 失效日期, 说明 and 来源 only when the file has those columns."""
    optional = {"valid_to", "note", "source"} - columns.keys()
    return [name for name in VALUE_FIELDS if name not in optional and getattr(stored, name) != getattr(new, name)]


def _backpay_warning(row: int, standard: Standard, header: str, paid_from: dict) -> Problem | None:
    """A row effective in months already paid: the next run pays the difference for them (补发)."""
    month = month_start(standard.valid_from)
    if not standard.kind.is_periodic or month > month_start(date.today()):
        return None
    if standard.kind_id not in paid_from:
        paid_from[standard.kind_id] = (
            PaymentLine.objects.filter(kind_id=standard.kind_id).order_by("-month").values_list("month", flat=True)[:1]
        ).first()
    latest = paid_from[standard.kind_id]
    if latest is None or latest < month:
        return None
    return Problem(row, header, f"{standard.kind.name}已发放至 {latest:%Y-%m}，保存后下次计算发放批次时补发差额")


def import_standards(path, *, user, dry_run: bool = False, national: bool = False) -> StandardsImportResult:
    """Read, check and (unless dry_run or any row is wrong) save a standards table; see the module doc.
    With national=True every row must be a national standard with its source (import-standards --national).

    Problems with the file as a whole (unreadable, no header) are reported as row 0."""
    ensure_can_manage_standards(user)
    result = StandardsImportResult()
    with actor_for(user):
        parsed = _read(Path(path), lambda header: StandardReader(header, user, national), result)
        if national and parsed and "source" not in parsed[0][2].columns:
            result.errors.insert(0, Problem(FILE_ROW, "", "全国标准表须有“来源”列（发布标准的文件，文号和日期）"))
        if result.errors:
            result.created = result.updated = result.unchanged = 0
            return result
        stored = {_key(s): s for s in Standard.objects.select_related("kind")}
        paid_from: dict = {}
        try:
            with transaction.atomic():
                for row, standard, reader in parsed:
                    current = stored.get(_key(standard))
                    changes = [] if current is None else _changed(current, standard, reader.columns)
                    if current is not None and not changes:
                        result.unchanged += 1
                        continue
                    if current is not None:
                        for name in changes:
                            setattr(current, name, getattr(standard, name))
                        standard = current
                    warning = _backpay_warning(row, standard, reader.header("valid_from"), paid_from)
                    if warning:
                        result.warnings.append(warning)
                    if current is None:
                        result.created += 1
                    else:
                        result.updated += 1
                    if not dry_run:
                        try:
                            save_standard(standard, user=user)
                        except BenefitsError as exc:
                            result.errors.append(Problem(row, reader.header("kind"), str(exc)))
                if result.errors or dry_run:
                    raise _Rollback
        except _Rollback:
            pass
        if result.errors:
            result.created = result.updated = result.unchanged = 0
        return result


def load_national_standards(path=None, *, user, dry_run: bool = False) -> StandardsImportResult:
    """A national table — the shipped one (data/national-standards.csv) unless `path` — through the same import,
    refusing any row that is not a national figure with its source."""
    return import_standards(path or NATIONAL_STANDARDS, user=user, dry_run=dry_run, national=True)
