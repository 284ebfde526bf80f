"""Refusing hostile files before a parser reads them (等保 恶意代码防范 / 资源控制).

An .xlsx or .docx is a zip of XML. A zip bomb of a few hundred KB inflates to gigabytes inside calamine or
python-docx; the parsers give no way to cap what they inflate, so the container is checked first from its
directory (declared sizes, compression ratio) and, for a sheet, from the <dimension> the sheet declares at its
top. Reading the directory and a few hundred bytes takes milliseconds, whatever the file claims to hold.
"""

import re
import zipfile
from pathlib import Path

from django.conf import settings

RATIO_LIMIT = 200  # XML of real rosters and reports compresses 5-30 times; a bomb, thousands of times
DIMENSION = re.compile(rb'<dimension\s+ref="[A-Z]+\d+:([A-Z]+)(\d+)"')


class FileRefused(Exception):
    """The file is refused before reading; the message is Chinese and names the limit."""


def _zip(source: Path | bytes, what: str) -> zipfile.ZipFile:
    import io

    try:
        return zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except (zipfile.BadZipFile, OSError):
        raise FileRefused(f"{what}已损坏或不是有效的 Office 文件，请用 Excel 或 WPS 另存后重新上传") from None


def check_container(source: Path | bytes, *, what: str = "文件") -> zipfile.ZipFile:
    """Refuse an OOXML container whose parts would inflate past the limits; returns the open zip."""
    archive = _zip(source, what)
    limit = settings.UPLOAD_MAX_UNCOMPRESSED_MB * 1024 * 1024
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > RATIO_LIMIT * max(info.compress_size, 1):
            raise FileRefused(f"{what}内的“{info.filename}”压缩比异常（疑似压缩炸弹），已拒绝")
    if total > limit:
        raise FileRefused(
            f"{what}解压后约 {total // (1024 * 1024)} MB，超过上限 {settings.UPLOAD_MAX_UNCOMPRESSED_MB} MB，"
            "请拆分后分批上传"
        )
    return archive


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + (letter - 64)
    return number


def check_workbook(path: Path, *, what: str = "表格") -> None:
    """An .xlsx: the container check, then the cell count its sheets declare."""
    archive = check_container(path, what=what)
    for name in archive.namelist():
        if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
            continue
        with archive.open(name) as part:
            head = part.read(4096)
        found = DIMENSION.search(head)
        if found:
            cells = _column_number(found.group(1)) * int(found.group(2))
            if cells > settings.SHEET_MAX_CELLS:
                raise FileRefused(
                    f"{what}的工作表声明了约 {cells:,} 个单元格，超过上限 {settings.SHEET_MAX_CELLS:,}，"
                    "请拆分后分批上传"
                )
