from django.db import migrations

# the shipped texts these keys had before (a row still holding one was never edited: it gets the new text)
PREVIOUS = {
    "point.support.allowance": "按农村{support.allowance_standard.rural}、城镇{support.allowance_standard.urban}的标准为"
    "{support.allowance_families}义务兵家庭发放优待金{support.allowance_total}\n为{support.allowance_families}义务兵家庭"
    "足额发放优待金{support.allowance_total}",
    # it claimed a check against the 考评标准 that no record showed; the 创建 self-assessment now says it
    "section.archive": "把各类资料的收集、整理、汇总当作一件大事来抓，做到汇报有听头、工作有看头、资料有查头。\n"
    "认真对照考评标准逐条查缺补漏，双拥资料收集整理规范完整。",
}


def load(apps, schema_editor):
    from shuangyong.reports.summary.wording import load_wording, refresh_unedited

    templates = apps.get_model("reports", "SummaryTemplate")
    refresh_unedited(templates, PREVIOUS)
    # the templates of 优待服务与关爱, 双拥经费 and 创建, added since 0004 (existing rows are left as staff keep them)
    load_wording(templates, apps.get_model("reports", "NamingCycle"))


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_wording_for_every_section")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
