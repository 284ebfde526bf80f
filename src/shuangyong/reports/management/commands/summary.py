import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from shuangyong.audit.context import acting_as, command_line_source
from shuangyong.audit.services import record_export
from shuangyong.reports.scopes import add_scope_arguments, scope_from
from shuangyong.reports.summary.drafts import draft_for, summary_docx
from shuangyong.reports.summary.generate import SummaryError, generate_summary
from shuangyong.reports.summary.word import docx_to_pdf, soffice
from shuangyong.terminal import TerminalProgress


class Command(BaseCommand):
    help = "按记录生成年度双拥工作总结（Word，公文格式）；--json 输出引用的统计数据和各部分文字"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="年度")
        add_scope_arguments(parser)
        parser.add_argument("--out", required=True, help="输出文件 .docx")
        parser.add_argument("--pdf", help="另存 PDF（须安装 LibreOffice soffice）")
        parser.add_argument("--no-plan", action="store_true", help="只写总结，不含下一年工作计划")
        parser.add_argument(
            "--json", action="store_true", help="输出 JSON：年度、范围、引用的指标（数值与单位同文中）、各部分"
        )

    def handle(self, *args, **options):
        scope = scope_from(options)
        progress = TerminalProgress(self.stderr)
        try:
            draft_for(scope)  # the scope exists
            progress.note("汇总全年数据并撰写总结…")
            summary = generate_summary(scope, with_plan=not options["no_plan"])
        except SummaryError as exc:
            raise CommandError(str(exc)) from None
        progress.note(f"写出 Word 文件（{len(summary.paragraphs)} 段）…")
        data = summary_docx(summary)
        out = Path(options["out"])
        out.write_bytes(data)
        with acting_as(None, command_line_source()):
            record_export(f"工作总结：{summary.title}", model="reports.summarydraft", count=len(summary.paragraphs))
        if options["pdf"]:
            if soffice() is None:
                raise CommandError("未安装 LibreOffice（soffice），无法生成 PDF；Word 文件已写出")
            progress.note("转换为 PDF…")
            Path(options["pdf"]).write_bytes(docx_to_pdf(data))
        if options["json"]:
            self.stdout.write(json.dumps(summary.as_json(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(
                f"已生成 {summary.title}（{len(summary.paragraphs)} 段，引用 {len(summary.figures)} 项数据）：{out}"
            )
