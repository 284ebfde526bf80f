"""The local settings sheet (区划代码 · 设置项 · 取值 · 生效日期 · 说明), through the one sheet package: every row is
checked and, if any is wrong, nothing is saved; the same sheet again changes nothing. It lives here rather than in
`regions` for the reason the region import does (sheets/regions.py); each value is saved by
regions.setting_services.save_setting, which checks the user's right and scope."""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import transaction

from shuangyong.regions.local_settings import SettingValueError, parse_value, spec_for
from shuangyong.regions.models import RegionSetting
from shuangyong.regions.services import RegionNotFound, resolve_region
from shuangyong.regions.setting_services import SettingError, save_setting
from shuangyong.sheets.cells import CellError, parse_date, text
from shuangyong.sheets.headers import find_header, read_synonyms, unread_columns
from shuangyong.sheets.problems import ImportCounts, Problem
from shuangyong.sheets.reader import csv_sheet

HEADERS_CSV = Path(__file__).resolve().parent / "data" / "setting_headers.csv"
REQUIRED = ("region", "key", "value", "valid_from")


def import_settings_text(content: str, *, user) -> ImportCounts:
    table = read_synonyms(HEADERS_CSV)
    rows = list(csv_sheet(content))
    header = find_header(rows, table, anchors=REQUIRED, required=REQUIRED)
    counts = ImportCounts(warnings=unread_columns(header))

    parsed = []
    for row, cells in rows[header.index + 1 :]:
        if not any(text(value) for value in cells):
            continue
        key = "region"
        try:
            region = resolve_region(header.text(cells, "region"))
            key = "key"
            spec = spec_for(header.text(cells, "key"))
            if spec is None:
                raise SettingValueError(f"没有设置项“{header.text(cells, 'key')}”")
            key = "value"
            value = parse_value(spec, header.text(cells, "value"))
            key = "valid_from"
            valid_from = parse_date(header.text(cells, "valid_from"))
            if valid_from is None:
                raise SettingValueError("生效日期不能为空")
        except (RegionNotFound, SettingValueError, CellError) as exc:
            counts.errors.append(Problem(row, header.label(key, table), str(exc)))
            continue
        parsed.append((row, region, spec.key, value, valid_from, header.text(cells, "note")))
    if not counts.errors:
        _save(parsed, counts, user, lambda key: header.label(key, table))
    return counts


def _save(parsed: list, counts: ImportCounts, user, label) -> None:
    """All or nothing: a refusal on any row (a place outside the user's scope) takes back the rows before it."""
    with transaction.atomic():
        savepoint = transaction.savepoint()
        for row, region, key, value, valid_from, note in parsed:
            before = RegionSetting.objects.filter(region=region, key=key, valid_from=valid_from).first()
            try:
                save_setting(region, key, value, valid_from=valid_from, note=note, user=user)
            except (SettingError, PermissionDenied) as exc:
                counts.errors.append(Problem(row, label("region"), str(exc)))
                continue
            if before is None:
                counts.created += 1
            elif before.value == value and before.note == note:
                counts.unchanged += 1
            else:
                counts.updated += 1
        if counts.errors:
            transaction.savepoint_rollback(savepoint)
            counts.created = counts.updated = counts.unchanged = 0
        else:
            transaction.savepoint_commit(savepoint)
