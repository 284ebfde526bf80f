from django.db import migrations

# the shipped texts these keys had before (a row still holding one was never edited: it gets the new text)
PREVIOUS = {
    "point.support.allowance": "按{support.allowance_standard}的标准为{support.allowance_families}义务兵家庭发放优待金"
    "{support.allowance_total}\n为{support.allowance_families}义务兵家庭足额发放优待金{support.allowance_total}",
    "point.support.merit": "为立功受奖的{support.merit_awards}现役军人家庭送喜报{support.honor_deliveries}，发放奖励金"
    "{support.merit_reward_total}\n对立功受奖现役军人{support.merit_awards}的家庭送喜报{support.honor_deliveries}、"
    "发放奖励金{support.merit_reward_total}",
    "point.support.serving": "走访现役军人家庭，全{place}现有现役军人{support.serving_members}，让军属感受到“一人参军、"
    "全家光荣”",
    "point.benefits.changes": "全年新认定享受待遇{registry.approved}，办理年度确认{registry.confirmed}\n"
    "新增享受待遇对象{registry.approved}，完成年度确认{registry.confirmed}",
    "point.others": "全年{others}\n据统计，{others}\n{others}",
    "point.leadership.group": "及时调整充实双拥工作领导小组，现有成员{leadership.group_members}，本年新调整"
    "{leadership.group_new_members}\n健全双拥工作领导小组，领导小组成员{leadership.group_members}，其中本年调整充实"
    "{leadership.group_new_members}",
    "point.support.activities": "全年开展双拥活动{activities.count}，投入资金{activities.money}\n广泛开展走访慰问、"
    "座谈联谊等双拥活动{activities.count}，投入资金{activities.money}",
    "point.leadership.targets": "将双拥工作纳入目标管理，层层分解下达考核目标{assessment.targets_set}，完成"
    "{assessment.targets_met}，目标完成率{assessment.completion_rate}\n坚持目标考核，全年下达考核目标"
    "{assessment.targets_set}，已完成{assessment.targets_met}，完成率达{assessment.completion_rate}",
}


def load(apps, schema_editor):
    from shuangyong.reports.summary.wording import load_wording, refresh_unedited

    templates = apps.get_model("reports", "SummaryTemplate")
    refresh_unedited(templates, PREVIOUS)
    load_wording(templates, apps.get_model("reports", "NamingCycle"))  # the templates added since 0003


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_wording_for_support_conscription")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
