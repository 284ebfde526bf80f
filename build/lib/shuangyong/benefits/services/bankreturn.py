"""Reading a bank's return file (回盘文件): the rows as banks write them, checked cell by cell.

Banks name their columns differently (业务编号 or 流水号, 账号 or 卡号, 状态 or 处理结果; the synonyms are
data/bank_return_headers.csv) and often put a title line above the header, so the header is found by the one
rule of sheets.headers. Every problem is collected
with its Excel row number and column name, so one pass reports them all.
"""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePath

import python_calamine

from shuangyong.filelimits import FileRefused, check_container
from shuangyong.sheets.headers import find_header, read_synonyms
from shuangyong.sheets.problems import SheetError
from shuangyong.sheets.reader import ReadError, decode_csv

HEADERS_CSV = Path(__file__).resolve().parent.parent / "data" / "bank_return_headers.csv"
# failure words first: "未入账" and "入账失败" contain the success word "入账"
FAILED_WORDS = ("失败", "未入账", "不成功", "销户", "冻结", "不符", "不存在", "错误", "无效", "退回", "退票", "止付")
PAID_WORDS = ("成功", "入账", "到账", "已支付", "已发放")
HEADER_SEARCH_ROWS = 10
SUFFIXES = {".xlsx", ".xls", ".csv"}


class ReturnFileError(ValueError):
    """The file cannot be read at all (type, encoding, missing columns)."""


@dataclass
class ReturnRow:
    row: int  # Excel row number, for messages
    ref: str
    account: str
    holder: str
    amount_fen: int | None
    paid: bool | None
    status_text: str
    reason: str


def _cells(content: bytes, file_name: str) -> list[list]:
    suffix = PurePath(file_name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ReturnFileError(f"不支持的回盘文件类型“{suffix or file_name}”，请上传银行返回的 .xlsx、.xls 或 .csv 文件")
    if suffix == ".csv":
        try:
            text = decode_csv(content)
        except ReadError:
            raise ReturnFileError("回盘文件编码无法识别（请用 UTF-8 或 GBK）") from None
        return [row for row in csv.reader(io.StringIO(text))]
    if content.startswith(b"PK"):  # .xlsx: refuse a zip bomb before calamine inflates it
        try:
            check_container(content, what="回盘文件")
        except FileRefused as exc:
            raise ReturnFileError(str(exc)) from None
    try:
        sheet = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0)
        return [list(row) for row in sheet.to_python(skip_empty_area=False)]
    except Exception:  # calamine raises its own error types, in English, for damaged files
        raise ReturnFileError("无法打开回盘文件：文件已损坏或格式不对，请用 Excel 或 WPS 另存后重新上传") from None


def _find_header(rows: list[list]) -> tuple[int, dict[str, int], dict[str, str]]:
    """(index of the header row, field → column, field → the column's name as the bank wrote it), by the one
    header rule of sheets.headers. Our 业务编号 wins over the bank's own 流水号 when a file has both."""
    try:
        header = find_header(
            list(enumerate(rows[:HEADER_SEARCH_ROWS], start=1)),
            read_synonyms(HEADERS_CSV),
            anchors=("status", "amount"),
            one_of=(("ref", "bank_ref", "account"),),
            scan=HEADER_SEARCH_ROWS,
        )
    except SheetError:
        raise ReturnFileError(
            "回盘文件前 10 行中找不到表头：须有“状态”（或处理结果、交易结果）、“金额”，"
            "以及“业务编号”（或流水号、参考号）或“账号”（或卡号）列"
        ) from None
    columns, names = dict(header.columns), dict(header.written)
    if "ref" not in columns and "bank_ref" in columns:
        columns["ref"], names["ref"] = columns["bank_ref"], names["bank_ref"]
    return header.index, columns, names


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a number cell holding an account or reference
    return "" if value is None else str(value).strip()


def _amount_fen(value) -> int | None:
    """Exact 分 from a cell: 4518.33, "4,518.33", "￥4518.33元"; None when it is not an amount of yuan."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        text = repr(value)  # the shortest text that reads back as the same number
    else:
        text = str(value or "").strip()
        for noise in (",", "，", "¥", "￥", "元", " "):
            text = text.replace(noise, "")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        return None
    fen = amount * 100
    if not amount.is_finite() or fen != fen.to_integral_value():
        return None
    return int(fen)


def classify(status: str) -> bool | None:
    """True paid, False failed, None unknown."""
    if any(word in status for word in FAILED_WORDS):
        return False
    if any(word in status for word in PAID_WORDS):
        return True
    return None


@dataclass
class ReturnFile:
    rows: list[ReturnRow]
    problems: list[str]  # each names its row and column
    names: dict[str, str]  # field → the column's name as the bank wrote it


def read_return_file(content: bytes, file_name: str) -> ReturnFile:
    """The data rows of the file and what is wrong with them."""
    rows = _cells(content, file_name)
    header_index, columns, names = _find_header(rows)
    problems: list[str] = []
    result = []

    def cell(row, field):
        position = columns.get(field)
        return row[position] if position is not None and position < len(row) else ""

    for index in range(header_index + 1, len(rows)):
        row, number = rows[index], index + 1
        if not any(_text(value) for value in row):
            continue
        amount_raw, status = cell(row, "amount"), _text(cell(row, "status"))
        amount = _amount_fen(amount_raw)
        if amount is None or amount <= 0:
            problems.append(f"第 {number} 行“{names['amount']}”列：金额“{_text(amount_raw)}”无法识别")
        paid = classify(status)
        if paid is None:
            shown = f"“{status}”" if status else "为空"
            problems.append(f"第 {number} 行“{names['status']}”列：处理结果{shown}无法识别（应为成功或失败）")
        ref, account = _text(cell(row, "ref")), _text(cell(row, "account")).replace(" ", "")
        if not ref and not account:
            what = "、".join(f"“{names[f]}”" for f in ("ref", "account") if f in names)
            problems.append(f"第 {number} 行：{what}列为空，无法对应发放对象")
        result.append(
            ReturnRow(
                row=number,
                ref=ref,
                account=account,
                holder=_text(cell(row, "holder")),
                amount_fen=amount,
                paid=paid,
                status_text=status,
                reason=_text(cell(row, "reason")),
            )
        )
    if not result and not problems:
        problems.append("回盘文件表头下没有数据行")
    return ReturnFile(rows=result, problems=problems, names=names)
