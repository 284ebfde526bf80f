"""The demo county: 福建省福州市罗源县 (350123) with its real towns and villages (统计用区划代码 2023),
fictional units and one user for every role. Everything here is deterministic."""

COUNTY_CODE = "350123000000"
TOWNS_AND_VILLAGES_CSV = "luoyuan-towns-villages.csv"
DEMO_PASSWORD = "Demo@2026"

MEMBER_UNITS = [
    ("LY-SYB", "罗源县双拥工作领导小组办公室", "县双拥办"),
    ("LY-TYJR", "罗源县退役军人事务局", "县退役军人事务局"),
    ("LY-XCB", "中共罗源县委宣传部", "县委宣传部"),
    ("LY-MZJ", "罗源县民政局", "县民政局"),
    ("LY-CZJ", "罗源县财政局", "县财政局"),
    ("LY-RSJ", "罗源县人力资源和社会保障局", "县人社局"),
    ("LY-JYJ", "罗源县教育局", "县教育局"),
    ("LY-WSJ", "罗源县卫生健康局", "县卫健局"),
    ("LY-WGJ", "罗源县文体和旅游局", "县文旅局"),
    ("LY-ZJJ", "罗源县住房和城乡建设局", "县住建局"),
    ("LY-JTJ", "罗源县交通运输局", "县交通局"),
    ("LY-GAJ", "罗源县公安局", "县公安局"),
    ("LY-SFJ", "罗源县司法局", "县司法局"),
    ("LY-YBJ", "罗源县医疗保障局", "县医保局"),
    ("LY-NYJ", "罗源县农业农村局", "县农业农村局"),
    ("LY-ZGH", "罗源县总工会", "县总工会"),
    ("LY-TXW", "共青团罗源县委员会", "团县委"),
    ("LY-FL", "罗源县妇女联合会", "县妇联"),
]

# (code, name, branch, designation) — designations are fictional
GARRISON_UNITS = [
    ("LY-RWB", "罗源县人民武装部", "pafd", ""),
    ("LY-WJ", "武警罗源中队", "armed_police", "武警某中队"),
    ("LY-XF", "罗源县消防救援大队", "fire_rescue", ""),
    ("LY-LJ", "陆军某部", "army", "某部一营"),
    ("LY-HJ", "海军某部", "navy", "某部码头营区"),
    ("LY-YBY", "预备役某团罗源营", "reserve", ""),
]

# (code, name, partner kind, town code)
PARTNER_UNITS = [
    ("LY-SCH-1", "罗源第一中学", "school", "350123100000"),
    ("LY-SCH-2", "罗源县实验小学", "school", "350123100000"),
    ("LY-SCH-3", "松山中学", "school", "350123101000"),
    ("LY-SCH-4", "起步中心小学", "school", "350123102000"),
    ("LY-COM-1", "罗源湾港务有限公司", "company", "350123500000"),
    ("LY-COM-2", "罗源县供电公司", "company", "350123100000"),
    ("LY-HOS-1", "罗源县医院", "hospital", "350123100000"),
    ("LY-CMY-1", "闽凤社区", "community", "350123100000"),
    # villages paired with garrisons (the activities demo records their 共建 activities)
    ("LY-VIL-1", "霍口村委会", "village", "350123203201"),
    ("LY-VIL-2", "东湾村委会", "village", "350123105202"),
    ("LY-VIL-3", "叶洋村委会", "village", "350123102203"),
]

# (username, full name, role, region code or None, unit code or None)
USERS = [
    ("syb", "林海燕", "county_admin", COUNTY_CODE, None),
    ("syb2", "张国平", "county_admin", COUNTY_CODE, None),  # second approver: payment runs need two people
    ("fengshan", "陈建华", "town_staff", "350123100000", None),
    ("songshan", "郑丽萍", "town_staff", "350123101000", None),
    ("beimen", "黄秀英", "village_staff", "350123100001", None),
    ("wenlv", "吴志强", "unit_staff", None, "LY-WGJ"),
    ("leader", "王明德", "leader", COUNTY_CODE, None),
    ("sysadmin", "系统管理员", "sysadmin", None, None),
    ("secadmin", "安全管理员", "secadmin", None, None),
    ("auditadmin", "审计管理员", "auditadmin", None, None),
]
