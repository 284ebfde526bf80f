"""A run's bank files: the disbursement file (代发文件) sent to the bank, and its return file (回盘文件) read back.

The disbursement file carries full account and ID numbers, because the bank needs them; so only a user who may
both see full numbers and approve payments handles bank files. Commands and jobs act as the system
actor (accounts.system), which holds both rights.
"""

import csv
import hashlib
import io
from dataclasses import asdict, dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from shuangyong.accounts.roles import Cap
from shuangyong.accounts.scope import ensure_can_write
from shuangyong.audit.context import actor_for
from shuangyong.audit.models import AuditAction
from shuangyong.audit.services import record, record_export, record_many, to_json
from shuangyong.benefits.choices import BankStatus, RunStatus
from shuangyong.benefits.models import BankFileLayout, Payee, PaymentLine, PaymentRun
from shuangyong.benefits.services.bankreturn import ReturnFile, ReturnFileError, ReturnRow, read_return_file
from shuangyong.benefits.services.engine import BenefitsError
from shuangyong.money import yuan_text
from shuangyong.registry.services.export import _place_names, _town_and_village
from shuangyong.xlsx import new_workbook

EXPORTABLE = (RunStatus.APPROVED, RunStatus.EXPORTED)
RECONCILABLE = (RunStatus.EXPORTED, RunStatus.RECONCILED)
NUMERIC_FIELDS = {"seq", "amount_fen"}  # every other field is written as text, so Excel keeps it digit for digit
TEXT_WIDTHS = {"bank_account": 24, "id_number": 21, "summary": 16, "bank_name": 16, "region_name": 14}
LISTED_PENDING = 100  # how many payees still pending a reconciliation names one by one
LOOKUP_CHUNK = 500
MAX_REF_DIGITS = 18  # a payee id fits a BIGINT; a longer number is the bank's own serial, not our reference


def _require_bank_rights(user) -> None:
    if not (user.can(Cap.VIEW_FULL_IDS) and user.can(Cap.APPROVE_PAYMENTS)):
        raise PermissionDenied("您的角色不能处理银行代发文件（须有查看完整证件号与账号、审批待遇发放的权限）")


def _locked_run(run: PaymentRun, user, statuses, action: str) -> PaymentRun:
    run = PaymentRun.objects.select_for_update().select_related("region").get(pk=run.pk)
    ensure_can_write(user, run)
    if run.status not in statuses:
        allowed = "、".join(RunStatus(s).label for s in statuses)
        raise BenefitsError(f"发放批次当前为“{run.get_status_display()}”，只有{allowed}的批次可以{action}")
    return run


def _layout(layout: BankFileLayout | None) -> BankFileLayout:
    layout = layout or BankFileLayout.objects.filter(is_default=True).first()
    if layout is None:
        raise BenefitsError("没有默认的代发文件格式，请先在“代发文件格式”中设一个默认格式")
    unknown = [c.get("field") for c in layout.columns if c.get("field") not in BankFileLayout.FIELDS]
    if not layout.columns or unknown:
        raise BenefitsError(f"代发文件格式“{layout.name}”的列无效：{'、'.join(map(str, unknown)) or '没有列'}")
    return layout


def _bank_payees(run: PaymentRun):
    """The payees the bank pays: a positive total, not yet reconciled (held ones are listed by the roster)."""
    return run.payees.filter(total_fen__gt=0, bank_status=BankStatus.PENDING).order_by("region_id", "name", "id")


def _bank_rows(run: PaymentRun, layout: BankFileLayout):
    names = _place_names(run.region_id)
    summary = f"{layout.summary_text}{run.period_label}"
    fields = [c["field"] for c in layout.columns]
    for seq, payee in enumerate(_bank_payees(run).iterator(chunk_size=5000), start=1):
        town, village = _town_and_village(payee.region_id, names)
        values = {
            "seq": seq,
            "ref": str(payee.pk),
            "name": payee.name,
            "bank_holder": payee.bank_holder or payee.name,
            "bank_account": payee.bank_account,
            "bank_name": payee.bank_name,
            "id_number": payee.id_number,
            "amount_yuan": yuan_text(payee.total_fen, grouping=False),
            "amount_fen": payee.total_fen,
            "region_name": village or town,
            "town_name": town,
            "summary": summary,
        }
        yield payee, [values[f] for f in fields]


def _xlsx(run: PaymentRun, layout: BankFileLayout) -> tuple[bytes, int]:
    buffer = io.BytesIO()
    workbook = new_workbook(buffer, constant_memory=True)
    # a fixed creation time: exporting the same run again gives the same bytes (and the same sha256)
    if run.approved_at:
        workbook.set_properties({"created": timezone.localtime(run.approved_at).replace(tzinfo=None)})
    sheet = workbook.add_worksheet("代发明细")
    text = workbook.add_format({"num_format": "@"})
    head = workbook.add_format({"bold": True, "num_format": "@"})
    fields = [c["field"] for c in layout.columns]
    for index, name in enumerate(fields):
        sheet.set_column(index, index, TEXT_WIDTHS.get(name, 10), None if name in NUMERIC_FIELDS else text)
    row = 0
    if layout.include_header:
        sheet.write_row(0, 0, [c.get("header") or BankFileLayout.FIELDS[c["field"]] for c in layout.columns], head)
        row = 1
    count = 0
    for _, values in _bank_rows(run, layout):
        for column, (name, value) in enumerate(zip(fields, values, strict=True)):
            if name in NUMERIC_FIELDS:
                sheet.write_number(row, column, value)
            else:
                sheet.write_string(row, column, value, text)
        row += 1
        count += 1
    workbook.close()
    return buffer.getvalue(), count


def _delimited(run: PaymentRun, layout: BankFileLayout) -> tuple[bytes, int]:
    delimiter = layout.delimiter.replace("\\t", "\t") or ","
    if layout.file_format == BankFileLayout.Format.CSV and len(delimiter) != 1:
        raise BenefitsError(f"代发文件格式“{layout.name}”：CSV 的分隔符须为一个字符")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n") if len(delimiter) == 1 else None

    def write(values, what: str):
        cells = [str(v) for v in values]
        if layout.file_format == BankFileLayout.Format.TXT:
            if any(delimiter in c or "\n" in c for c in cells):
                raise BenefitsError(f"{what}的内容含分隔符“{delimiter}”或换行，不能写入文本代发文件")
            out.write(delimiter.join(cells) + "\r\n")
        elif writer is not None:  # a CSV: its one-character delimiter was checked above
            writer.writerow(cells)

    if layout.include_header:
        write([c.get("header") or BankFileLayout.FIELDS[c["field"]] for c in layout.columns], "表头")
    count = 0
    for payee, values in _bank_rows(run, layout):
        write(values, f"{payee.name}（业务编号 {payee.pk}）")
        count += 1
    try:
        return out.getvalue().encode(layout.encoding), count
    except LookupError:
        raise BenefitsError(f"代发文件格式“{layout.name}”的编码“{layout.encoding}”无效") from None
    except UnicodeEncodeError as exc:
        line = out.getvalue()[: exc.start].count("\n") + 1
        raise BenefitsError(
            f"代发文件第 {line} 行含编码 {layout.encoding} 无法表示的字“{exc.object[exc.start : exc.end]}”，"
            "请改用 GB18030 编码的格式"
        ) from None


def bank_file_name(run: PaymentRun, layout: BankFileLayout) -> str:
    return f"{run.region.name}-{run.period_label}-代发文件.{layout.file_format}"


def export_bank_file(run: PaymentRun, *, layout: BankFileLayout | None = None, user) -> tuple[bytes, str]:
    """代发文件 of an approved (or already exported) run: one row per payee the bank pays. The run becomes
    exported; exporting again gives the same file. Returns (content, file name)."""
    _require_bank_rights(user)
    with actor_for(user), transaction.atomic():
        run = _locked_run(run, user, EXPORTABLE, "导出银行代发文件（请先审批）")
        layout = _layout(layout)
        if layout.file_format == BankFileLayout.Format.XLSX:
            content, count = _xlsx(run, layout)
        else:
            content, count = _delimited(run, layout)
        name = bank_file_name(run, layout)
        if run.status == RunStatus.APPROVED:
            run.status, run.exported_at = RunStatus.EXPORTED, timezone.now()
            run.save()
        digest = hashlib.sha256(content).hexdigest()
        record_export(
            f"{run} 银行代发文件",
            model="benefits.paymentrun",
            count=count,
            note=f"批次 {run.pk}；{name}；格式 {layout.name}；合计 {count} 人；SHA-256 {digest}",
        )
        return content, name


# -- the return file --------------------------------------------------------------------------------------------


class BankReturnError(BenefitsError):
    """The return file was refused; `errors` lists every problem, each naming its row and column."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        shown = "；".join(errors[:20]) + (f"；……另有 {len(errors) - 20} 处" if len(errors) > 20 else "")
        super().__init__(f"回盘文件有 {len(errors)} 处问题，未做任何更改：{shown}")


@dataclass
class ReconcileResult:
    paid: int = 0  # payees newly recorded as paid
    failed: int = 0  # payees newly recorded as failed (paid again by the next run)
    unchanged: int = 0  # rows that repeat what was already recorded
    pending: int = 0  # payees of the bank file this and earlier return files have not answered for
    unmatched: list[str] = field(default_factory=list)  # those payees, by name (the first LISTED_PENDING)
    file_sha256: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class _Outcome:
    payee: Payee
    paid: bool
    message: str
    row: int


def _is_ref(text: str) -> bool:
    return text.isdigit() and len(text) <= MAX_REF_DIGITS


def _fetch_payees(run: PaymentRun, rows: list[ReturnRow]) -> tuple[dict[int, Payee], dict[str, list[Payee]]]:
    """Only the payees the file names (a run may have a million)."""
    refs = sorted({int(r.ref) for r in rows if _is_ref(r.ref)})
    accounts = sorted({r.account for r in rows if not r.ref and r.account})
    by_id: dict[int, Payee] = {}
    by_account: dict[str, list[Payee]] = {}
    for start in range(0, len(refs), LOOKUP_CHUNK):
        by_id.update(run.payees.in_bulk(refs[start : start + LOOKUP_CHUNK]))
    for start in range(0, len(accounts), LOOKUP_CHUNK):
        chunk = accounts[start : start + LOOKUP_CHUNK]
        for payee in run.payees.filter(bank_account__in=chunk).order_by("id"):
            by_account.setdefault(payee.bank_account, []).append(payee)
    return by_id, by_account


def _match(row: ReturnRow, names: dict, by_id, by_account) -> tuple[Payee | None, str]:
    if row.ref:
        payee = by_id.get(int(row.ref)) if _is_ref(row.ref) else None
        if payee is None:
            return None, f"第 {row.row} 行“{names['ref']}”列：{row.ref} 不是本批次的发放对象"
        if row.account and "*" not in row.account and row.account != payee.bank_account:
            return None, f"第 {row.row} 行“{names['account']}”列：账号与业务编号 {row.ref}（{payee.name}）的账号不符"
        return payee, ""
    candidates = by_account.get(row.account, [])
    if not candidates:
        return None, f"第 {row.row} 行“{names['account']}”列：账号 {row.account} 不在本批次的代发文件中"
    same_amount = [p for p in candidates if p.total_fen == row.amount_fen]
    if len(same_amount) > 1 and row.holder:
        same_amount = [p for p in same_amount if row.holder in (p.bank_holder, p.name)]
    if len(same_amount) > 1:
        return None, f"第 {row.row} 行：账号 {row.account} 与金额对应本批次多人，请用含业务编号的回盘文件"
    return (same_amount[0] if same_amount else candidates[0]), ""


def _check_row(row: ReturnRow, payee: Payee, names: dict, earlier: dict[int, _Outcome]) -> str:
    if payee.total_fen <= 0 or payee.bank_status == BankStatus.HELD:
        return f"第 {row.row} 行：{payee.name} 本批次不发放（金额为零或应追缴），不在代发文件中"
    if row.amount_fen != payee.total_fen:
        return (
            f"第 {row.row} 行“{names['amount']}”列：金额 {yuan_text(row.amount_fen or 0)} 元与本批次应发 {payee.name} "
            f"的 {yuan_text(payee.total_fen)} 元不符"
        )
    if payee.bank_status == BankStatus.FAILED and row.paid:
        return (
            f"第 {row.row} 行“{names['status']}”列：{payee.name} 此前已记为发放失败（下一批次将重发），"
            "不能再改为成功，请与银行核实"
        )
    before = earlier.get(payee.pk)
    if before is not None and before.paid != row.paid:
        return f"第 {row.row} 行：与第 {before.row} 行是同一人（{payee.name}），处理结果却不同"
    return ""


def _outcomes(run: PaymentRun, parsed: ReturnFile) -> list[_Outcome]:
    errors = list(parsed.problems)
    usable = [r for r in parsed.rows if (r.amount_fen or 0) > 0 and r.paid is not None and (r.ref or r.account)]
    by_id, by_account = _fetch_payees(run, usable)
    outcomes: dict[int, _Outcome] = {}
    for row in usable:
        payee, error = _match(row, parsed.names, by_id, by_account)
        error = error if payee is None else _check_row(row, payee, parsed.names, outcomes)
        if payee is None or error:
            errors.append(error)
            continue
        message = "" if row.paid else (row.reason or row.status_text)[:200]
        outcomes.setdefault(payee.pk, _Outcome(payee, bool(row.paid), message, row.row))
    if errors:
        errors.sort(key=_row_number)
        raise BankReturnError(errors)
    return list(outcomes.values())


def _row_number(message: str) -> int:
    digits = message.removeprefix("第 ").split(" ", 1)[0]
    return int(digits) if digits.isdigit() else 0


def _pending(run: PaymentRun) -> tuple[int, list[str]]:
    pending = _bank_payees(run)
    listed = [f"{p.name}（业务编号 {p.pk}）：回盘文件中没有，仍为待发放" for p in pending[:LISTED_PENDING]]
    return pending.count(), listed


def reconcile_run(run: PaymentRun, content: bytes, file_name: str, *, user) -> ReconcileResult:
    """对账: record the bank's result for each payee of the return file. A failed payee's lines are marked
    failed, so the next run pays those months again (carry lines). A file with any bad row changes nothing;
    reading the same file again changes nothing."""
    _require_bank_rights(user)
    digest = hashlib.sha256(content).hexdigest()
    with actor_for(user), transaction.atomic():
        run = _locked_run(run, user, RECONCILABLE, "对账（请先导出银行代发文件）")
        try:
            parsed = read_return_file(content, file_name)
        except ReturnFileError as exc:
            raise BankReturnError([str(exc)]) from None
        result = ReconcileResult(file_sha256=digest)
        changed_paid, changed_failed = [], []
        for outcome in _outcomes(run, parsed):
            new_status = BankStatus.PAID if outcome.paid else BankStatus.FAILED
            if outcome.payee.bank_status == new_status:
                result.unchanged += 1
            elif outcome.paid:
                changed_paid.append(outcome)
            else:
                changed_failed.append(outcome)
        result.paid, result.failed = len(changed_paid), len(changed_failed)
        if changed_paid or changed_failed:
            _write(run, changed_paid, changed_failed, result, file_name)
        result.pending, result.unmatched = _pending(run)
        return result


def _write(run: PaymentRun, paid: list[_Outcome], failed: list[_Outcome], result: ReconcileResult, name: str):
    for start in range(0, len(paid), LOOKUP_CHUNK):
        ids = [o.payee.pk for o in paid[start : start + LOOKUP_CHUNK]]
        Payee.objects.filter(pk__in=ids).update(bank_status=BankStatus.PAID, bank_message="")
    audit_rows = []
    for outcome in failed:
        payee = outcome.payee
        before = {"bank_status": payee.bank_status, "bank_message": payee.bank_message}
        payee.bank_status, payee.bank_message = BankStatus.FAILED, outcome.message
        after = {"bank_status": payee.bank_status, "bank_message": payee.bank_message}
        audit_rows.append((payee.pk, str(payee), before, after))
    Payee.objects.bulk_update([o.payee for o in failed], ["bank_status", "bank_message"], batch_size=LOOKUP_CHUNK)
    for start in range(0, len(failed), LOOKUP_CHUNK):
        persons = [o.payee.person_id for o in failed[start : start + LOOKUP_CHUNK]]
        PaymentLine.objects.filter(run=run, person_id__in=persons).update(failed=True)
    record_many(AuditAction.UPDATE, Payee, audit_rows, note=f"银行回盘：发放失败（{name}）")
    before = {"status": run.status, "reconciled_at": to_json(run.reconciled_at)}
    run.status, run.reconciled_at = RunStatus.RECONCILED, timezone.now()
    # the run's one entry below carries the counts and the file's fingerprint with the change
    PaymentRun._base_manager.filter(pk=run.pk).update(status=run.status, reconciled_at=run.reconciled_at)
    run_after: dict[str, object] = {
        "status": run.status,
        "reconciled_at": to_json(run.reconciled_at),
        "paid": result.paid,
        "failed": result.failed,
        "unchanged": result.unchanged,
        "file_name": name[:100],
        "file_sha256": result.file_sha256,
    }
    record(AuditAction.UPDATE, run, before, run_after, note=f"银行回盘对账：{name}"[:300])
