"""shuangyong extract FILE [--json]: read one summary (.docx/.txt) into structure, figures and activities."""

import json

from django.core.management.base import BaseCommand, CommandError

from shuangyong.intake.reading.extract import extract_text
from shuangyong.intake.reading.loaders import ReadError, read_path


class Command(BaseCommand):
    help = "识读一份双拥工作总结（.docx 或 .txt）：标题、年度、单位、章节、数字、活动"

    def add_arguments(self, parser):
        parser.add_argument("file", help="总结文件（.docx 或 .txt；装有 LibreOffice 时也可 .doc/.pdf）")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, file, json: bool = False, **options):
        try:
            result = extract_text(read_path(file))
        except ReadError as exc:
            raise CommandError(str(exc)) from exc
        if json:
            self.stdout.write(_dumps(result.as_json()))
        else:
            self.stdout.write(listing(result))


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def listing(result) -> str:
    lines = [
        f"标题：{result.title or '（未识别）'}",
        f"年度：{result.year or '（未识别）'}",
        f"单位：{result.unit or '（未识别）'}",
    ]
    if result.addressee:
        lines.append(f"主送：{result.addressee}")
    lines.append("")
    lines.append("章节：")
    lines.extend(_outline(result.sections, 1))
    lines.append("")
    lines.append(f"数字（{len(result.figures)} 个）：")
    for f in result.figures:
        qualifier = f"（{f['qualifier']}）" if f["qualifier"] else ""
        lines.append(f"  {f['subject'] or '？'}：{f['value']} {f['unit']}{qualifier}    [{f['start']}-{f['end']}]")
    lines.append("")
    lines.append(f"活动（{len(result.activities)} 项）：")
    for a in result.activities:
        where = "，".join(x for x in (a["date"], a["place"], "、".join(a["organisations"])) if x)
        lines.append(f"  {'、'.join(a['kinds'])}{f'（{where}）' if where else ''}：{a['text'][:60]}")
    if result.organisations:
        lines.append("")
        lines.append("单位与组织：" + "、".join(o["name"] for o in result.organisations))
    if result.persons:
        lines.append("人物：" + "、".join(f"{p['name']}（{p['role']}）" for p in result.persons))
    return "\n".join(lines)


def _outline(nodes, depth) -> list[str]:
    out = []
    for node in nodes:
        out.append("  " * depth + f"{node['marker']}{node['title']}")
        out.extend(_outline(node["children"], depth + 1))
    return out
