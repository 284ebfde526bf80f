import json

from django.core.management.base import BaseCommand, CommandError

from shuangyong.creation.models import SelfAssessment
from shuangyong.creation.report import as_json, report, write_xlsx
from shuangyong.regions.services import RegionNotFound, home_county, resolve_region


class Command(BaseCommand):
    help = "某年创建自评的得分、各考评项目得分、每项考评内容的状态和台账资料，以及差距（查缺补漏）清单"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="自评年度")
        parser.add_argument("--region", help="区划代码（默认：本系统服务的县）")
        parser.add_argument("--out", help="另存为 .xlsx：逐项得分和差距清单")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出（README 列出其字段）")

    def handle(self, *args, **options):
        try:
            region = resolve_region(options["region"]) if options["region"] else home_county()
        except RegionNotFound as exc:
            raise CommandError(str(exc)) from None
        assessment = SelfAssessment.objects.filter(region=region, year=options["year"]).order_by("rubric__code").first()
        if assessment is None:
            raise CommandError(f"{region.name}{options['year']}年尚未开展创建自评（在“创建考评”页面开始自评）")
        found = report(assessment)
        if options["out"]:
            write_xlsx(found, options["out"])
        if options["json"]:
            self.stdout.write(json.dumps(as_json(found), ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"{found['rubric']} {found['year']}年：得分 {found['score']} / {found['max']}，差距 {found['gaps']} 项"
        )
        for section in found["sections"]:
            self.stdout.write(f"  {section['title']}：{section['score']} / {section['points']}")
        for item in found["items"]:
            if item["status"] in ("partly", "missing"):
                self.stdout.write(f"  差距 第{item['code']}项 {item['title'][:30]}：{item['score']} / {item['points']}")
