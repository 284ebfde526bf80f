"""Building office-style roster workbooks for the tests."""

from datetime import date

import openpyxl

from shuangyong.registry.idnumber import check_char


def make_id(birth: str, seq: int, region: str = "350123") -> str:
    first17 = f"{region}{birth}{seq:03d}"
    return first17 + check_char(first17)


def write_sheet(
    path,
    header: list[str],
    rows: list[list],
    *,
    title: str | None = "罗源县优抚对象花名册",
    filler: bool = True,
    merges: list[str] = (),
) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "花名册"
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    if filler:
        sheet.append(["填报单位：凤山镇退役军人服务站", None, None, "填报日期：2026年3月"])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for ref in merges:
        sheet.merge_cells(ref)
    workbook.save(path)


MESSY_HEADER = [
    "序号",
    "姓名",
    "性别",
    "身份证号码",
    "出生日期",
    "人员类别",
    "伤残等级",
    "伤残性质",
    "城乡",
    "批准日期",
    "发放截止年月",
    "开户行",
    "银行卡号",
    "乡镇(街道)",
    "村居",
    "备注",
]

# six good rows, in six different office habits (title row 1, filler row 2, header row 3: data from row 4)
ZHANG = make_id("19500315", 11)  # male
LI = make_id("19480920", 22)  # female
WANG = make_id("19620101", 33)
CHEN_OLD15 = "350123" + "510607" + "015"  # an old 15-digit number (born 1951-06-07, male)
LIN = make_id("19550505", 44)


def messy_rows() -> list[list]:
    return [
        [
            1,
            "张三",
            "男",
            ZHANG,
            "1950.03",
            "残疾军人",
            "四级",
            "因战",
            "农村",
            date(2001, 5, 1),
            "2025.12",
            "农业银行",
            "6228480402564890018",
            "凤山镇",
            "北门社区",
            "",
        ],
        [
            2,
            " 李 四 ",
            "女",
            LI.replace("0", "０", 2),
            "1948年9月",
            "烈士遗属",
            None,
            None,
            "城镇",
            "1990-3-15",
            "2025年12月",
            "信用社",
            "62215012345678",
            "凤山",
            "东门居委会",
            "与军人关系见档案",
        ],
        [None, None, None, None, None, None, None, None, None, None, None, None, None, None, None, None],
        [
            3,
            "王五",
            "男",
            WANG,
            "1962-1-1",
            "参战退役人员",
            None,
            None,
            "农村",
            "2010/07/01",
            "2025.12",
            "农业银行",
            "6228480402564890026",
            "松山镇",
            "",
            "",
        ],
        [
            4,
            "陈六",
            "男",
            CHEN_OLD15,
            "1951.06",
            "在乡复员军人",
            None,
            None,
            "农村",
            "1985.1",
            "2025.12",
            "",
            "",
            "凤山镇",
            "北门居委会",
            "",
        ],
        [
            5,
            "林七",
            "女",
            LIN,
            19550505,
            "残疾军人",
            6,
            "因病",
            "城镇",
            "2012.03",
            "2025.12",
            "建设银行",
            "6217001234567890",
            "凤山镇",
            "北门居委会",
            "",
        ],
        ["合计", None, None, None, None, None, None, None, None, None, None, None, None, None, None, None],
    ]
