"""The .xlsx rosters: candidates of a year, and the 优待金发放花名册 of a year; numbers masked unless the
user's role may see them; every export is audited."""

import io
from decimal import Decimal

from shuangyong.audit.services import record_export
from shuangyong.conscription.models import Allowance
from shuangyong.conscription.presenters import allowance_state, shown_account, shown_id
from shuangyong.money import yuan_capital
from shuangyong.xlsx import for_print, new_workbook, sign_off


def _book(title: str, header: list[str], rows, *, user, money_column: int | None = None) -> tuple[bytes, int]:
    """The roster as offices print it: title, column heads, rows, a 合计 in 大写 under a money column, the
    sign-off line."""
    out = io.BytesIO()
    book = new_workbook(out, in_memory=True, default_date_format="yyyy-mm-dd")
    sheet = book.add_worksheet(title[:31])
    sheet.write(0, 0, title, book.add_format({"bold": True, "font_size": 14}))
    sheet.write_row(1, 0, header, book.add_format({"bold": True, "border": 1}))
    sheet.set_column(0, len(header) - 1, 12)
    for_print(sheet, columns=len(header), header_rows=2)
    count = total = 0
    for count, row in enumerate(rows, start=1):
        sheet.write_row(count + 1, 0, row)
        total += int(row[money_column] * 100) if money_column is not None else 0
    end = count + 2
    if money_column is not None:
        sheet.write(end, 0, "合计")
        sheet.write_number(end, money_column, total / 100)
        sheet.write(end + 1, 0, f"合计金额（大写）：{yuan_capital(total)}")
        end += 2
    sign_off(sheet, end + 1, user.office_name)
    book.close()
    return out.getvalue(), count


def candidate_roster(user, candidates, year: int) -> bytes:
    header = ["批次", "姓名", "性别", "公民身份号码", "村（社区）", "文化程度", "大学生情况", "政治面貌", "报名日期"]
    header += ["体检日期", "体检结论", "政考日期", "政考结论", "审批定兵", "输送日期", "入伍部队", "状态", "退兵原因"]

    def verdict(value):
        return "" if value is None else "合格" if value else "不合格"

    rows = (
        [
            c.get_season_display(),
            c.name,
            c.get_sex_display(),
            shown_id(user, c.id_number),
            c.region.name,
            c.education.name,
            c.get_student_status_display() if c.student_status else "",
            c.get_political_display(),
            c.registered_on,
            c.exam_on,
            verdict(c.exam_passed),
            c.review_on,
            verdict(c.review_passed),
            c.approved_on,
            c.dispatched_on,
            c.military_unit,
            c.get_stage_display(),
            c.return_reason.name if c.return_reason_id else "",
        ]
        for c in candidates.select_related("region", "education", "return_reason")
    )
    data, count = _book(f"{year}年应征公民花名册", header, rows, user=user)
    record_export(f"{year}年应征公民花名册", model="conscription.candidate", count=count)
    return data


AMOUNT = 11  # 应发金额(元) in the allowance roster


def allowance_roster(user, allowances, year: int) -> bytes:
    header = ["军人姓名", "入伍日期", "服役年度", "年度起始", "领取人", "关系", "领取人身份证号", "开户银行"]
    header += ["银行账号", "标准(元)", "立功增发比例", "应发金额(元)", "状态"]

    def row(a: Allowance):
        payee = a.grant.entitlement if a.grant_id else None
        person = payee.person if payee else None
        return [
            a.member.name,
            a.member.enlistment_date,
            f"第{a.service_year}年",
            a.year_start,
            person.name if person else "",
            payee.relation if payee else "",
            shown_id(user, person.id_number) if person else "",
            person.bank_name if person else "",
            shown_account(user, person.bank_account) if person else "",
            Decimal(a.standard_fen) / 100,
            f"{a.increment_bp / 100:g}%",
            Decimal(a.amount_fen) / 100,
            allowance_state(a),
        ]

    rows = (row(a) for a in allowances.select_related("member", "grant__entitlement__person"))
    data, count = _book(f"{year}年义务兵家庭优待金发放花名册", header, rows, user=user, money_column=AMOUNT)
    record_export(f"{year}年义务兵家庭优待金发放花名册", model="conscription.allowance", count=count)
    return data
