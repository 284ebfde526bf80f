"""Figures on invented sentences: one test per rule (value, unit, qualifier, subject, what is not a figure)."""

import pytest

from shuangyong.intake.reading.extract import extract_text


def figures(text):
    found = extract_text(text).figures
    return [(text[f["start"] : f["end"]], f["value"], f["unit"], f["qualifier"], f["subject"]) for f in found]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("共发放宣传资料5万多份。", [("5万多份", 50000, "份", "多", "宣传资料")]),
        ("全年筹集拥军资金1000多万元。", [("1000多万元", 10000000, "元", "多", "拥军资金")]),
        ("组织民兵两百余名参加抢险。", [("两百余名", 200, "名", "余", "民兵")]),
        ("武装部组织近百名志愿者参加义诊。", [("近百名", 100, "名", "近", "志愿者")]),
        ("慰问重点优抚对象320户。", [("320户", 320, "户", "", "重点优抚对象")]),
        ("接待来访群众1.5万人次。", [("1.5万人次", 15000, "人次", "", "来访群众")]),
        (
            "新建双拥公园3个，培训退役军人120人左右。",
            [("3个", 3, "个", "", "双拥公园"), ("120人左右", 120, "人", "左右", "退役军人")],
        ),
        ("全镇共有烈属十七户。", [("十七户", 17, "户", "", "烈属")]),
        ("辖12个行政村。", [("12个", 12, "个", "", "行政村")]),
        ("今年拥军文艺队共演出了8场。", [("8场", 8, "场", "", "拥军文艺队")]),
        (
            "体检合格率达到95.5%，政审通过率为百分之九十。",
            [("95.5%", 95.5, "%", "", "体检合格率"), ("百分之九十", 90, "%", "", "政审通过率")],
        ),
        (
            "发放春节慰问金6.8万元，全年共发放12万元。",
            [("6.8万元", 68000, "元", "", "春节慰问金"), ("12万元", 120000, "元", "", "春节慰问金")],
        ),
        ("全县上千名群众参加。", [("上千名", 1000, "名", "上", "群众")]),
    ],
)
def test_quantities(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2023年3月5日召开会议。",  # a date
        "第一，提高认识；第3项任务已完成。",  # ordinals
        "庆祝建军96周年。",  # an anniversary: a count of years since an event, not a reported quantity
        "坚持三个代表重要思想。",  # a set phrase
        "送去一批物资，一人参军全家光荣。",  # the article 一
        "把温暖送到千家万户。",  # magnitude words alone
        "共慰问xx户，发放x.x万元。",  # placeholders
    ],
)
def test_not_figures(text):
    assert figures(text) == []


def test_traditional_and_full_width_keep_offsets_into_the_original():
    text = "今年發放慰問金１２萬元，走訪軍屬兩百餘戶。"
    assert figures(text) == [("１２萬元", 120000, "元", "", "慰问金"), ("兩百餘戶", 200, "户", "余", "军属")]


def test_sentence_is_simplified_and_figures_in_junk_are_ignored():
    text = "本文来源：网络，如有侵权请联系删除（共5页）\n全年發放慰問品300份。\n第 2 页 共 5 页"
    found = extract_text(text).figures
    assert [(f["value"], f["unit"], f["subject"], f["sentence"]) for f in found] == [
        (300, "份", "慰问品", "全年发放慰问品300份。")
    ]
