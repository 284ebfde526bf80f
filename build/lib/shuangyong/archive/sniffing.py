"""Recognise a file by its content, not its name: Pillow for images, magic bytes for PDF and office files."""

import io
import zipfile

from PIL import Image, UnidentifiedImageError

PILLOW_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word/Excel 97-2003 compound files
OOXML_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx"}
KIND_NAMES = {
    "jpg": "JPEG 图片",
    "png": "PNG 图片",
    "gif": "GIF 图片",
    "webp": "WebP 图片",
    "pdf": "PDF 文档",
    "docx": "Word 文档",
    "xlsx": "Excel 表格",
    "ole2": "Word/Excel 97-2003 文档",
    "zip": "ZIP 压缩包",
    "txt": "文本",
}


def _image_kind(data: bytes) -> str | None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = PILLOW_FORMATS.get(image.format or "")
            image.verify()
            return kind
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None


def _zip_kind(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        return "zip"
    for part, kind in OOXML_PARTS.items():
        if part in names:
            return kind
    return "zip"


def _is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            data.decode(encoding)
            return True
        except UnicodeDecodeError:
            continue
    return False


def sniff(data: bytes) -> str | None:
    """The kind of file the bytes are: a file type code (jpg, pdf, docx ...), "ole2", "zip", or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if data.startswith(OLE2_MAGIC):
        return "ole2"
    image = _image_kind(data)
    if image:
        return image
    if data and _is_text(data):
        return "txt"
    return None


def kind_name(kind: str | None) -> str:
    return KIND_NAMES.get(kind or "", "无法识别的格式")
