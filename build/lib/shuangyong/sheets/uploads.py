"""Imports that offer an upload page: each domain app registers its sheet import once (`register_upload`), and
the one upload page (sheets.views), its background job (sheets.tasks) and its downloadable template serve them
all. The importer keeps its own columns, row → fields and writer; this module knows none of them."""

import io
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter
from django import forms
from django.conf import settings

from shuangyong.accounts.roles import REGION_ROLES
from shuangyong.jobs.files import uploads_root
from shuangyong.sheets.headers import HeaderTable
from shuangyong.sheets.problems import ImportCounts

UPLOAD_DIR = "imports"
MAX_LISTED = 500  # row problems kept on the job page (the count is always whole)
OPTIONS = ("year", "season")  # the options an upload may ask for besides the region


@dataclass(frozen=True)
class SheetUpload:
    name: str  # in the URL: /sheets/<name>/
    label: str  # 征兵报名名单
    importer: Callable[..., ImportCounts]  # (path, *, region, user, dry_run, **options)
    headers: Callable[[], HeaderTable]
    template_keys: tuple[str, ...]  # the template's columns, required ones first
    required: tuple[str, ...]
    options: tuple[str, ...] = ()  # of OPTIONS
    back: str = ""  # the URL name of the list the rows land in
    notes: str = ""
    roles: frozenset[str] = REGION_ROLES  # who may upload it
    # the import's own choices on the upload form, given the user (say, the organising unit); each cleaned value
    # goes to the importer as an option, a model instance as its primary key
    fields: Callable[[object], dict[str, forms.Field]] | None = None
    takes_progress: bool = False  # the importer reports its progress (progress=) for a long sheet


UPLOADS: dict[str, SheetUpload] = {}


def register_upload(upload: SheetUpload) -> None:
    assert set(upload.options) <= set(OPTIONS), upload.options
    UPLOADS[upload.name] = upload


def upload_path(file_name: str) -> Path:
    """A fresh folder per upload keeps the name the office gave the file."""
    folder = uploads_root() / uuid.uuid4().hex
    folder.mkdir(parents=True, exist_ok=True)
    return folder / Path(file_name).name


def report_path(job_id: int) -> Path:
    """Where a failed import's marked error report (sheets.report) is kept for its job's page."""
    folder = Path(settings.MEDIA_ROOT) / UPLOAD_DIR / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{job_id}-错误报告.xlsx"


def store_upload(uploaded) -> Path:
    """An uploaded file written to its own folder (upload_path) for the job that reads it, which deletes it."""
    path = upload_path(uploaded.name)
    with path.open("wb") as handle:
        for block in uploaded.chunks():
            handle.write(block)
    return path


def template_xlsx(upload: SheetUpload) -> bytes:
    """The blank sheet an office fills in: the header row the import reads, required columns marked."""
    table = upload.headers()
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet(upload.label[:31])
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    required = book.add_format({"bold": True, "bg_color": "#FCE4D6", "border": 1})
    for column, key in enumerate(upload.template_keys):
        title = table.canonical[key]
        sheet.write(0, column, title, required if key in upload.required else bold)
        sheet.set_column(column, column, max(10, 2 * len(title) + 2))
    sheet.freeze_panes(1, 0)
    notes = book.add_worksheet("填写说明")  # not on the first sheet: the import reads that one whole
    notes.set_column(0, 0, 100)
    notes.write(0, 0, "橙色表头为必填列；列的顺序可调换，表头也可用常见的其他写法；多出的列导入时会提示未读取。")
    if upload.notes:
        notes.write(1, 0, upload.notes)
    book.close()
    return out.getvalue()


def job_result(result: ImportCounts, *, dry_run: bool) -> dict:
    """The job's result in the shape job pages show (jobs.presenters) and the API returns."""
    summary = result.as_dict()
    summary["errors"], summary["warnings"] = summary["errors"][:MAX_LISTED], summary["warnings"][:MAX_LISTED]
    summary["error_count"], summary["warning_count"] = len(result.errors), len(result.warnings)
    summary["dry_run"] = dry_run
    done = "校验通过（未写入）" if dry_run else "已导入"
    summary["summary"] = f"{done}：新增 {result.created}，更新 {result.updated}，未变 {result.unchanged}"
    if result.warnings:
        summary["summary"] += f"，提示 {len(result.warnings)} 条"
    return summary
