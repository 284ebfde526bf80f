"""Office-style rosters (花名册) of N persons for the demo county, deterministic for a seed.

Used by `shuangyong demo` (a few thousand persons) and by the benchmarks (100k and 1M rows). Written with
xlsxwriter's constant-memory mode so that a million rows fit in little memory.
Usage: python -m shuangyong.demo.roster ROWS OUT.xlsx
"""

import random
import sys
from datetime import date, timedelta

from shuangyong.registry.idnumber import check_char
from shuangyong.xlsx import new_workbook

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红德福海玉金荣林春文辉成"
CATEGORIES = [
    ("在乡复员军人", 0.30),
    ("农村籍退役士兵", 0.28),
    ("带病回乡退伍军人", 0.08),
    ("参战退役人员", 0.14),
    ("残疾军人", 0.12),
    ("烈士遗属", 0.03),
    ("因公牺牲军人遗属", 0.02),
    ("病故军人遗属", 0.03),
]
# plausible birth years per category: 在乡复员军人 enlisted before 1954-10-31; 农村籍老兵 are 60 or older
BIRTH_YEARS = {
    "在乡复员军人": (1926, 1937),
    "农村籍退役士兵": (1940, 1963),
    "带病回乡退伍军人": (1935, 1966),
    "参战退役人员": (1948, 1966),
    "残疾军人": (1940, 2000),
    "烈士遗属": (1930, 1985),
    "因公牺牲军人遗属": (1935, 1995),
    "病故军人遗属": (1935, 1990),
}
# 残疾等级 一级 … 十级: most disabled veterans are rated 七至十级, 一至四级 a small share, as in a county's roster
GRADE_WEIGHTS = [1, 1, 1, 2, 5, 8, 16, 20, 22, 24]
MEN_ONLY = {"在乡复员军人", "农村籍退役士兵", "带病回乡退伍军人", "参战退役人员", "残疾军人"}
HEADER = [
    "序号",
    "姓名",
    "性别",
    "身份证号码",
    "出生年月",
    "优抚类别",
    "伤残等级",
    "伤残性质",
    "户籍性质",
    "批准时间",
    "已发放至",
    "开户银行",
    "银行账号",
    "乡镇",
    "村(社区)",
    "备注",
]


def places() -> list[tuple[str, str]]:
    import csv
    from pathlib import Path

    path = Path(__file__).resolve().parent / "data" / "luoyuan-towns-villages.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    towns = {r["code"]: r["name"] for r in rows if r["code"].endswith("000")}
    return [(towns[r["parent_code"]], r["name"]) for r in rows if not r["code"].endswith("000")]


def person_rows(count: int, seed: int = 2026, paid_through: str = "2025.12"):
    rng = random.Random(seed)
    villages = places()
    names, weights = zip(*CATEGORIES, strict=True)
    used = set()
    for index in range(count):
        category = rng.choices(names, weights)[0]
        first, last = BIRTH_YEARS[category]
        born = date(first, 1, 1) + timedelta(days=rng.randrange(0, 365 * (last - first)))
        while True:
            # veterans are men (odd sequence digit); survivors (三属) are of either sex
            seq = rng.randrange(0, 500) * 2 + (1 if category in MEN_ONLY else rng.randrange(0, 2))
            first17 = f"350123{born:%Y%m%d}{seq:03d}"
            if first17 not in used:
                used.add(first17)
                break
        sex = "男" if seq % 2 else "女"
        grade = nature = None
        if category == "残疾军人":
            nature = rng.choices(["因战", "因公", "因病"], [2, 8, 1])[0]
            grades = GRADE_WEIGHTS[:6] if nature == "因病" else GRADE_WEIGHTS  # 因病 is rated 一至六级 only
            grade = rng.choices(range(1, len(grades) + 1), grades)[0]
        town, village = rng.choice(villages)
        yield [
            index + 1,
            rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
            sex,
            first17 + check_char(first17),
            f"{born:%Y.%m}",
            category,
            f"{'一二三四五六七八九十'[grade - 1]}级" if grade else None,
            nature,
            "农村" if category == "农村籍退役士兵" else rng.choice(["农村", "农村", "城镇"]),
            f"{rng.randint(1985, 2024)}.{rng.randint(1, 12):02d}",
            paid_through,
            rng.choice(["农业银行", "农村信用社", "邮储银行"]),
            f"62284804{rng.randrange(10**10, 10**11)}",
            town,
            village,
            None,
        ]


def write_roster(count: int, out, seed: int = 2026, paid_through: str = "2025.12") -> None:
    """`paid_through` (YYYY.MM): the 已发放至 every row carries, the month paid before the system."""

    workbook = new_workbook(out, constant_memory=True)
    sheet = workbook.add_worksheet("花名册")
    sheet.write_row(0, 0, ["罗源县优抚对象花名册"])
    sheet.write_row(1, 0, HEADER)
    for row_index, row in enumerate(person_rows(count, seed, paid_through), start=2):
        sheet.write_row(row_index, 0, row)
    workbook.close()


if __name__ == "__main__":
    write_roster(int(sys.argv[1]), sys.argv[2])
