import json
import re
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from shuangyong.accounts.system import system_user
from shuangyong.audit.context import acting_as, command_line_source
from shuangyong.benefits.services.approval import approve_unattended
from shuangyong.benefits.services.engine import BenefitsError, compute_run
from shuangyong.money import yuan_text
from shuangyong.regions.services import RegionNotFound, resolve_region
from shuangyong.terminal import TerminalProgress

PERIOD_RE = re.compile(r"^(\d{4})-(\d{1,2})$")
AUTOMATION_REASON = "命令行 payment-run --approve：自动化批准，检查问题一并豁免"


def parse_period(text: str) -> date:
    match = PERIOD_RE.match(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise CommandError(f"期间“{text}”无效：应为 YYYY-MM，如 2026-11")
    return date(int(match.group(1)), int(match.group(2)), 1)


class Command(BaseCommand):
    help = "计算一个发放批次（按地方设置的发放周期，含补发、追缴和去世一次性待遇）；--approve 以系统用户批准"

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="发放月份 YYYY-MM（按季、按年发放时取所在季度或年度）")
        parser.add_argument("--region", required=True, help="发放范围的区划代码（12 位，或 6 位县、9 位乡镇简码）")
        parser.add_argument(
            "--approve", action="store_true", help="检查后以系统用户批准（检查问题一并豁免并记入审计日志）"
        )
        parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    def handle(self, *args, **options):
        month = parse_period(options["period"])
        try:
            region = resolve_region(options["region"])
        except RegionNotFound as exc:
            raise CommandError(str(exc)) from None
        progress = TerminalProgress(self.stderr)
        with acting_as(None, command_line_source()):
            try:
                progress.note(f"计算 {region.name} {month:%Y-%m} 的发放批次…")
                run = compute_run(region, month, user=system_user(), progress=progress)
                if options["approve"]:
                    progress.note("检查并批准…")
                    run, waived = approve_unattended(run, reason=AUTOMATION_REASON, progress=progress)
                    if waived:
                        progress.note(f"已豁免 {waived} 个检查问题（见审计日志）")
            except BenefitsError as exc:
                raise CommandError(str(exc)) from None
            finally:
                progress.finish()
        result = {
            "run": run.pk,
            "period": f"{month:%Y-%m}",
            "lines": run.line_count,
            "persons": run.person_count,
            "total_fen": run.total_fen,
            "backpay_fen": run.backpay_fen,
        }
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        else:
            self.stdout.write(
                f"发放批次 {run.pk}（{run.region.name} {run.period_label}，{run.get_status_display()}）："
                f"{run.person_count} 人，{run.line_count} 行，合计 {yuan_text(run.total_fen)} 元，"
                f"其中补发 {yuan_text(run.backpay_fen)} 元"
            )
