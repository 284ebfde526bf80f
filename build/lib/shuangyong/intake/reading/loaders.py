"""Reading an uploaded file into text: .docx (paragraphs and tables in document order) and .txt (UTF-8 with or
without BOM, GB18030). .doc and .pdf are converted by LibreOffice when `soffice` is installed."""

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from shuangyong.filelimits import FileRefused, check_container

SUPPORTED = (".docx", ".txt")
CONVERTIBLE = (".doc", ".pdf", ".wps", ".rtf")


class ReadError(Exception):
    """A file that cannot be read, with a Chinese message for the user."""


def decode_text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError("文本文件的编码无法识别（支持 UTF-8 和 GB18030/GBK）")


def docx_text(data: bytes) -> str:
    """Paragraphs and table rows in document order; a table row becomes one line, cells joined by tabs."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        check_container(data, what="Word 文件")
    except FileRefused as exc:
        raise ReadError(str(exc)) from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises several kinds, with Python reprs, for a file that is not a .docx
        raise ReadError(
            "无法读取 Word 文件：文件已损坏或不是 .docx，请用 Word 或 WPS 另存为 .docx 后重新上传"
        ) from None
    lines = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, document).text)
        elif tag == "tbl":
            for row in Table(block, document).rows:
                cells = []
                for cell in row.cells:
                    if not cells or cells[-1] is not cell._tc:  # merged cells repeat: keep one
                        cells.append(cell._tc)
                lines.append("\t".join(_cell_text(c, document) for c in cells))
    return "\n".join(lines)


def _cell_text(tc, document) -> str:
    from docx.table import _Cell

    return " ".join(p.text for p in _Cell(tc, document).paragraphs).strip()


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_soffice(data: bytes, suffix: str) -> str:
    binary = soffice()
    if binary is None:
        raise ReadError(f"本系统未安装 LibreOffice，无法读取 {suffix} 文件；请另存为 .docx 或 .txt 后上传")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"source{suffix}"
        source.write_bytes(data)
        result = subprocess.run(
            [binary, "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", tmp, str(source)],
            capture_output=True,
            timeout=120,
        )
        target = Path(tmp) / "source.txt"
        if result.returncode != 0 or not target.exists():
            raise ReadError(f"LibreOffice 无法转换该 {suffix} 文件")
        return decode_text(target.read_bytes())


def read_bytes(data: bytes, name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix == ".docx":
        text = docx_text(data)
    elif suffix == ".txt":
        text = decode_text(data)
    elif suffix in CONVERTIBLE:
        text = convert_with_soffice(data, suffix)
    else:
        raise ReadError(f"不支持的文件类型“{suffix or name}”：请上传 .docx 或 .txt 文件")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_path(path: str | Path) -> str:
    path = Path(path)
    if not path.exists():
        raise ReadError(f"文件不存在：{path}")
    return read_bytes(path.read_bytes(), path.name)
