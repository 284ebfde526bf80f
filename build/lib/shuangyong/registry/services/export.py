"""花名册 export (.xlsx): one row per entitlement, in the column order offices file, masked by role.

Written with xlsxwriter in constant-memory mode and read from the database in chunks, so a county's whole
registry exports without holding it in memory. The export itself is written to the audit log.
"""

from django.utils import timezone

from shuangyong.accounts.roles import Cap
from shuangyong.audit.context import actor_for
from shuangyong.audit.services import record_export, record_reveal
from shuangyong.regions.codes import Level, level_of
from shuangyong.regions.models import Region
from shuangyong.registry.choices import DisabilityNature, Hukou, Status
from shuangyong.registry.idnumber import mask, mask_account
from shuangyong.registry.models import Category, Entitlement
from shuangyong.xlsx import for_print, new_workbook, sign_off

GRADE_NAMES = "一二三四五六七八九十"
COLUMNS = [
    ("序号", 6),
    ("乡镇", 12),
    ("村(社区)", 16),
    ("姓名", 10),
    ("性别", 5),
    ("公民身份号码", 21),
    ("出生年月", 9),
    ("优抚类别", 16),
    ("伤残等级", 8),
    ("伤残性质", 8),
    ("户籍性质", 8),
    ("批准时间", 11),
    ("状态", 10),
    ("已发放至", 9),
    ("开户银行", 12),
    ("银行账号", 22),
    ("联系电话", 14),
    ("备注", 20),
]


def may_see_full_numbers(user) -> bool:
    return user.can(Cap.VIEW_FULL_IDS)


def reveal_full_numbers(user, *, what: str, count: int = 1, where: str = "") -> bool:
    """Whether a page shows `user` full numbers; when it does, the display is audited."""
    if user is None or not user.can(Cap.VIEW_FULL_IDS):
        return False
    with actor_for(user):
        record_reveal(what, count, where)
    return True


def _place_names(root_code: str) -> dict[str, str]:
    return dict(Region.objects.subtree(root_code).filter(level__gte=Level.TOWN).values_list("code", "name"))


def _town_and_village(code: str, names: dict[str, str]) -> tuple[str, str]:
    if level_of(code) == Level.VILLAGE:
        return names.get(code[:9] + "000", ""), names.get(code, "")
    if level_of(code) == Level.TOWN:
        return names.get(code, ""), ""
    return "", ""


def export_roster(
    persons,
    out,
    *,
    user,
    title: str,
    full: bool | None = None,
    scope_code: str,
    category_codes: list[str] | None = None,
    statuses: list[str] | None = None,
) -> int:
    """Write the entitlements of `persons` (a queryset) to `out` (path or file object). Returns the row count."""
    show_full = may_see_full_numbers(user) if full is None else (full and may_see_full_numbers(user))
    names = _place_names(scope_code)
    categories = dict(Category.objects.values_list("code", "name"))
    chosen = Entitlement.objects.filter(person__in=persons.order_by().values("pk"))
    if category_codes:
        chosen = chosen.filter(category_id__in=category_codes)
    if statuses:
        chosen = chosen.filter(status__in=statuses)
    rows = chosen.order_by("person__region_id", "person__name", "person_id", "category_id").values_list(
        "person__region_id",
        "person__name",
        "person__sex",
        "person__id_number",
        "person__birth_date",
        "category_id",
        "disability_grade",
        "disability_nature",
        "person__hukou",
        "approval_date",
        "status",
        "paid_through",
        "person__bank_name",
        "person__bank_account",
        "person__phone",
        "person__note",
    )
    workbook = new_workbook(out, constant_memory=True)
    sheet = workbook.add_worksheet("花名册")
    title_format = workbook.add_format({"bold": True, "font_size": 16, "align": "center"})
    head_format = workbook.add_format({"bold": True, "border": 1, "align": "center", "bg_color": "#EDEDED"})
    cell_format = workbook.add_format({"border": 1})
    for index, (_, width) in enumerate(COLUMNS):
        sheet.set_column(index, index, width)
    sheet.merge_range(0, 0, 0, len(COLUMNS) - 1, title, title_format)
    stamp = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    note = "" if show_full else "；证件号与账号已脱敏"
    sheet.write(1, 0, f"导出时间：{stamp}{note}")
    sheet.write_row(2, 0, [name for name, _ in COLUMNS], head_format)
    for_print(sheet, columns=len(COLUMNS), header_rows=3)
    count = 0
    for count, row in enumerate(rows.iterator(chunk_size=5000), start=1):
        (
            region,
            name,
            sex,
            id_number,
            birth,
            category,
            grade,
            nature,
            hukou,
            approval,
            status,
            paid,
            bank,
            account,
            phone,
            remark,
        ) = row
        town, village = _town_and_village(region, names)
        sheet.write_row(
            count + 2,
            0,
            [
                count,
                town,
                village,
                name,
                "男" if sex == "M" else "女",
                id_number if show_full else mask(id_number),
                f"{birth:%Y.%m}" if birth else "",
                categories.get(category, category),
                f"{GRADE_NAMES[grade - 1]}级" if grade else "",
                DisabilityNature(nature).label if nature else "",
                Hukou(hukou).label if hukou else "",
                f"{approval:%Y.%m.%d}" if approval else "",
                Status(status).label,
                f"{paid:%Y.%m}" if paid else "",
                bank,
                account if show_full else mask_account(account),
                phone,
                remark,
            ],
            cell_format,
        )
    office = Region.objects.filter(code=scope_code).values_list("name", flat=True).first() or ""
    sign_off(sheet, count + 4, office)
    workbook.close()
    with actor_for(user):
        record_export(
            title,
            model="registry.person",
            count=count,
            note=f"范围 {scope_code}；{'完整号码' if show_full else '脱敏'}",
        )
    return count
