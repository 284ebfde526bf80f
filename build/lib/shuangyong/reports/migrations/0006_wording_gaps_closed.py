from django.db import migrations

# the shipped text this key had before (a row still holding it was never edited: it gets the new text, which says
# how many of the year before's gaps are now met)
PREVIOUS = {
    "point.leadership.creation": "开展双拥模范城（县）创建自评，对照考评标准逐条查缺补漏，自评得分{creation.score}"
    "（满分{creation.max}）[，查找差距{creation.gaps}，逐项明确牵头单位和完成时限]\n对照考评标准开展创建自评，自评得分"
    "{creation.score}（满分{creation.max}）[，梳理出差距{creation.gaps}并逐项落实整改责任]",
}


def load(apps, schema_editor):
    from shuangyong.reports.summary.wording import refresh_unedited

    refresh_unedited(apps.get_model("reports", "SummaryTemplate"), PREVIOUS)


class Migration(migrations.Migration):
    dependencies = [("reports", "0005_wording_for_care")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
