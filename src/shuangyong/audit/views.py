import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from shuangyong.accounts.pages import page
from shuangyong.accounts.roles import Cap
from shuangyong.audit.chain import verify
from shuangyong.audit.context import actor_for
from shuangyong.audit.middleware import client_address
from shuangyong.audit.models import AuditAction, AuditVerification, model_label
from shuangyong.audit.queries import filtered_entries, readable_entries
from shuangyong.audit.services import record_export
from shuangyong.xlsx import for_print, new_workbook

EXPORT_LIMIT = 100_000
EXPORT_HEADER = ["时间", "操作人", "来源", "操作", "对象类型", "对象编号", "对象", "修改前", "修改后", "说明"]


@page(Cap.VIEW_AUDIT)
def entry_list(request):
    entries, values = filtered_entries(request.GET, request.user)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    labels = readable_entries(request.user).order_by("model").values_list("model", flat=True).distinct()
    models = [(label, model_label(label)) for label in labels]
    return render(
        request,
        "audit/list.html",
        {
            "page": page,
            "values": values,
            "actions": AuditAction.choices,
            "models": models,
            "query": request.GET.urlencode(),
            "verification": AuditVerification.objects.first(),
        },
    )


@page(Cap.VIEW_AUDIT)
@require_POST
def chain_verify(request):
    outcome = verify(source=f"{request.user.username} {client_address(request)}")
    if outcome.ok:
        messages.success(request, f"审计链完整：共 {outcome.entries} 条")
    else:
        messages.error(request, f"审计链断裂：{outcome.first_broken['reason']}")
    return redirect("audit:list")


@page(Cap.VIEW_AUDIT)
def entry_detail(request, pk: int):
    entry = get_object_or_404(readable_entries(request.user), pk=pk)
    return render(request, "audit/detail.html", {"entry": entry, "changes": entry.changed_fields()})


def _cell(value) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False)


@page(Cap.VIEW_AUDIT)
def entry_export(request):
    entries, values = filtered_entries(request.GET, request.user)
    response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.xlsx"'
    workbook = new_workbook(response, constant_memory=True, in_memory=True)
    sheet = workbook.add_worksheet("审计日志")
    sheet.write_row(0, 0, EXPORT_HEADER)
    for_print(sheet, columns=len(EXPORT_HEADER), header_rows=1)
    count = 0
    for count, e in enumerate(entries[:EXPORT_LIMIT].iterator(chunk_size=2000), start=1):
        sheet.write_row(
            count,
            0,
            [
                timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"),
                e.actor_name,
                e.source,
                e.get_action_display(),
                model_label(e.model),
                e.object_id,
                e.object_repr,
                _cell(e.before),
                _cell(e.after),
                e.note,
            ],
        )
    workbook.close()
    filters = "，".join(f"{k}={v}" for k, v in values.items() if v) or "全部"
    with actor_for(request.user):
        record_export("审计日志", model="audit.auditentry", count=count, note=f"筛选：{filters}")
    return response
