"""The .xlsx rosters: candidates of a year, and the 优待金发放花名册 of a year; numbers masked unless the
user's role may see them; every export is audited."""

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font

from shuangyong.audit.services import record_export
from shuangyong.conscription.models import Allowance
from shuangyong.conscription.presenters import allowance_state, shown_account, shown_id
from shuangyong.xlsx import as_text


def _book(title: str, header: list[str], rows) -> tuple[bytes, int]:
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(header)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    count = 0
    for row in rows:
        ws.append([as_text(value) for value in row])
        count += 1
    out = io.BytesIO()
    wb.save(out)
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
    data, count = _book(f"{year}年应征公民花名册", header, rows)
    record_export(f"{year}年应征公民花名册", model="conscription.candidate", count=count)
    return data


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
    data, count = _book(f"{year}年义务兵家庭优待金发放花名册", header, rows)
    record_export(f"{year}年义务兵家庭优待金发放花名册", model="conscription.allowance", count=count)
    return data
