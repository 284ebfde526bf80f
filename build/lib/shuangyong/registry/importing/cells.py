"""The roster's own cell vocabularies: 伤残等级 as 四级 or 4, 性别, 户籍性质, 伤残性质, 入伍时期, 供养方式. The generic
parsers (text, dates, years, accounts, a label from a table) are in shuangyong.sheets.cells."""

from shuangyong.sheets.cells import CellError, choice, text

CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def parse_grade(value) -> int | None:
    raw = text(value).removesuffix("级").removeprefix("伤残").removesuffix("等")
    if not raw:
        return None
    if raw.isdigit():
        grade = int(raw)
    elif raw in CHINESE_DIGITS:
        grade = CHINESE_DIGITS[raw]
    else:
        raise CellError(f"伤残等级“{text(value)}”无法识别，应为一级至十级或 1-10")
    if not 1 <= grade <= 10:
        raise CellError(f"伤残等级 {grade} 超出一级至十级")
    return grade


SEX = {"男": "M", "女": "F", "M": "M", "F": "F", "男性": "M", "女性": "F"}
HUKOU = {
    "城镇": "urban",
    "城市": "urban",
    "非农": "urban",
    "非农业": "urban",
    "城": "urban",
    "居民": "urban",
    "农村": "rural",
    "农业": "rural",
    "乡村": "rural",
    "农": "rural",
}
NATURE = {"因战": "war", "因公": "duty", "因病": "illness", "战": "war", "公": "duty", "病": "illness"}
PERIOD = {
    "抗日战争时期": "anti_japanese",
    "抗日战争": "anti_japanese",
    "抗日": "anti_japanese",
    "解放战争时期": "liberation",
    "解放战争": "liberation",
    "解放": "liberation",
    "建国后": "prc",
    "新中国成立后": "prc",
    "建国以后": "prc",
}
SUPPORT = {"集中": "central", "集中供养": "central", "分散": "dispersed", "分散供养": "dispersed"}


def parse_sex(value) -> str:
    return choice(value, SEX, "性别", "男或女")


def parse_hukou(value) -> str:
    return choice(value, HUKOU, "户籍性质", "城镇或农村")


def parse_nature(value) -> str:
    return choice(value, NATURE, "伤残性质", "因战、因公或因病")


def parse_period(value) -> str:
    return choice(value, PERIOD, "入伍时期", "抗日战争时期、解放战争时期或建国后")


def parse_support(value) -> str:
    return choice(value, SUPPORT, "供养方式", "集中供养或分散供养")
