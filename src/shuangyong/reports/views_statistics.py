"""Downloads of the statistics tables (.xlsx); every download is written to the audit log."""

import io

from django.http import FileResponse, Http404

from shuangyong.accounts.pages import page
from shuangyong.accounts.roles import Cap
from shuangyong.audit.context import actor_for
from shuangyong.audit.services import record_export
from shuangyong.replica import replica_reads
from shuangyong.reports.statistics.tables import TABLES
from shuangyong.reports.statistics.xlsx import write_table
from shuangyong.reports.views_scope import pick


@page(Cap.VIEW_RECORDS)
@replica_reads
def download(request, table: str):
    picked = pick(request)
    if table not in TABLES:
        raise Http404("没有这张统计表")
    if table != "activities" and not picked.scope.is_region:
        raise Http404("该统计表按区划统计，请选择区划")
    built = TABLES[table](picked.scope, picked.name)
    out = io.BytesIO()
    rows = write_table(built, out)
    with actor_for(request.user):
        record_export(f"{built.year}年{built.scope_name}{built.title}", model="reports.statistics", count=rows,
                      note=picked.query())  # fmt: skip
    out.seek(0)
    name = f"{built.year}年{built.scope_name}{built.title}.xlsx"
    return FileResponse(out, as_attachment=True, filename=name)
