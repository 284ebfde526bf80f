"""Demo archive: photos, minutes, summaries and publicity files on the county, its towns, its units and — when
their demos ran first — activities and meetings. Files are drawn in code (Pillow, python-docx, openpyxl, a
hand-written PDF) so the repository stays small; a file already on its record (same name) is not filed again,
so a second run adds nothing."""

import io
import random
from datetime import date

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from shuangyong.accounts.models import User
from shuangyong.archive.models import Attachment
from shuangyong.archive.services import attach_file
from shuangyong.regions.codes import Level
from shuangyong.regions.models import Region
from shuangyong.units.models import Unit

PALETTES = [((135, 185, 230), (90, 140, 80)), ((250, 200, 150), (120, 110, 100)), ((200, 220, 240), (170, 60, 50))]


def photo(seed: int, width: int = 640, height: int = 427) -> bytes:
    """A small made-up "event photo": sky, ground, a red banner and a row of people."""
    rng = random.Random(seed)
    sky, ground = PALETTES[seed % len(PALETTES)]
    image = Image.new("RGB", (width, height), sky)
    draw = ImageDraw.Draw(image)
    horizon = int(height * rng.uniform(0.55, 0.7))
    draw.rectangle((0, horizon, width, height), fill=ground)
    left = rng.randint(40, 160)
    draw.rectangle((left, 40, width - left, 40 + height // 8), fill=(200, 20, 30))  # 横幅
    for i in range(rng.randint(5, 12)):
        x = 30 + i * (width - 60) // 12 + rng.randint(-6, 6)
        tone = rng.choice([(40, 70, 40), (30, 40, 90), (60, 60, 60), (200, 40, 40)])
        draw.ellipse((x, horizon - 70, x + 22, horizon - 48), fill=(230, 190, 160))
        draw.rectangle((x - 4, horizon - 48, x + 26, horizon + 10), fill=tone)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=70)
    return out.getvalue()


def certificate(seed: int) -> bytes:
    image = Image.new("RGB", (600, 420), (250, 240, 220))
    draw = ImageDraw.Draw(image)
    draw.rectangle((15, 15, 585, 405), outline=(180, 30, 30), width=8)
    draw.regular_polygon((300, 150, 60), 5, fill=(230, 180, 30), rotation=seed % 72)
    draw.rectangle((150, 260, 450, 280), fill=(180, 30, 30))
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def poster(seed: int) -> bytes:
    rng = random.Random(seed)
    image = Image.new("RGB", (420, 600), (200, 20, 30))
    draw = ImageDraw.Draw(image)
    draw.regular_polygon((210, 200, 90), 5, fill=(250, 210, 40))
    for i in range(4):
        draw.rectangle((60, 360 + i * 45, 360 - rng.randint(0, 80), 380 + i * 45), fill=(250, 235, 200))
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def word(title: str, paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.add_heading(title, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def sheet(title: str, header: list[str], rows: list[list]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    page = book.active
    page.title = "统计"
    page.append([title])
    page.append(header)
    for row in rows:
        page.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def pdf(lines: list[str]) -> bytes:
    """A one-page PDF with ASCII text (the Chinese title lives on the attachment)."""
    text = "BT /F1 14 Tf 60 760 Td 18 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n" % len(text) + text.encode() + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _attach(record, name: str, data: bytes, user: User, *, title: str, category: str, year: int) -> None:
    # Office files carry their save time, so a second run is recognised by record and file name, not by hash
    content_type = ContentType.objects.get_for_model(record)
    if Attachment.objects.filter(content_type=content_type, object_id=str(record.pk), original_name=name).exists():
        return
    attach_file(record, ContentFile(data, name=name), user=user, category=category, title=title, year=year)


def _county_files(county: Region, syb: User) -> None:
    for year in (2025, 2026):
        _attach(
            county,
            f"{year}年双拥工作总结.docx",
            word(
                f"罗源县{year}年双拥工作总结",
                [
                    "一、加强组织领导，县双拥工作领导小组全年召开全体会议两次。",
                    "二、深入开展宣传教育，发放宣传材料，举办国防教育日活动。",
                    "三、扎实做好拥军优属，八一、春节走访慰问重点优抚对象。",
                ],
            ),
            syb,
            title=f"罗源县{year}年双拥工作总结",
            category="summary",
            year=year,
        )
        _attach(
            county,
            f"{year}年双拥工作要点.docx",
            word(
                f"{year}年全县双拥工作要点",
                [
                    "巩固全国双拥模范县创建成果，落实优抚安置政策。",
                ],
            ),
            syb,
            title=f"{year}年全县双拥工作要点",
            category="document",
            year=year,
        )
        _attach(
            county,
            f"领导小组全体会议纪要{year}.docx",
            word(
                f"{year}年县双拥工作领导小组全体会议纪要",
                [
                    "会议听取县双拥办工作汇报，研究部署八一慰问、征兵宣传等工作。",
                ],
            ),
            syb,
            title=f"{year}年县双拥工作领导小组全体会议纪要",
            category="minutes",
            year=year,
        )
        for i, occasion in enumerate(("八一建军节走访慰问", "春节走访慰问驻罗部队")):
            _attach(
                county,
                f"{occasion}{year}.jpg",
                photo(year * 10 + i),
                syb,
                title=f"{year}年{occasion}",
                category="photo",
                year=year,
            )
    _attach(
        county,
        "双拥模范县证书.png",
        certificate(1),
        syb,
        title="福建省双拥模范县（七连冠）证书",
        category="certificate",
        year=2025,
    )
    _attach(
        county,
        "国防教育日海报.png",
        poster(2026),
        syb,
        title="2026年全民国防教育日宣传海报",
        category="publicity",
        year=2026,
    )
    _attach(
        county,
        "宣传材料发放统计.xlsx",
        sheet(
            "2026年双拥宣传材料发放统计",
            ["乡镇", "宣传册（份）", "展板（块）"],
            [
                ["凤山镇", 600, 12],
                ["松山镇", 420, 8],
                ["起步镇", 380, 6],
                ["鉴江镇", 300, 5],
            ],
        ),
        syb,
        title="2026年双拥宣传材料发放统计",
        category="publicity",
        year=2026,
    )
    _attach(
        county,
        "luoyuan-2026-briefing.pdf",
        pdf(["Luoyuan County", "Shuangyong briefing 2026"]),
        syb,
        title="2026年双拥工作简报（第3期）",
        category="document",
        year=2026,
    )


def _town_files(county: Region, syb: User, fengshan: User | None) -> None:
    towns = list(county.children.filter(level=Level.TOWN).order_by("code")[:6])
    for index, town in enumerate(towns):
        uploader = fengshan if fengshan and town.code == fengshan.region_id else syb
        for year in (2025, 2026):
            _attach(
                town,
                f"{town.name}八一座谈会{year}.jpg",
                photo(index * 100 + year),
                uploader,
                title=f"{town.name}{year}年八一军民座谈会",
                category="photo",
                year=year,
            )
        _attach(
            town,
            f"{town.name}2026年双拥工作总结.pdf",
            pdf([f"Town {town.code}", "Summary 2026"]),
            uploader,
            title=f"{town.name}2026年双拥工作总结",
            category="summary",
            year=2026,
        )


UNIT_FILES = [
    # (unit code, file title, kind, category, year)
    ("LY-RWB", "民兵应急分队集中训练", "photo", "photo", 2026),
    ("LY-RWB", "2026年征兵宣传进校园", "photo", "photo", 2026),
    ("LY-WJ", "武警中队与罗源一中共建国防教育课", "photo", "photo", 2025),
    ("LY-XF", "消防救援大队进社区宣传", "photo", "publicity", 2026),
    ("LY-LJ", "驻地部队参与抗台抢险", "photo", "photo", 2025),
    ("LY-HJ", "海军某部营区开放日", "photo", "photo", 2026),
    ("LY-WGJ", "送文艺进军营演出", "photo", "photo", 2026),
    ("LY-WGJ", "送图书进军营清单", "sheet", "document", 2026),
    ("LY-TYJR", "光荣牌悬挂现场", "photo", "photo", 2025),
    ("LY-JYJ", "中小学国防教育课堂", "photo", "photo", 2026),
]


def _unit_files(syb: User, wenlv: User | None) -> None:
    units = {u.code: u for u in Unit.objects.filter(code__in={row[0] for row in UNIT_FILES})}
    for index, (code, title, kind, category, year) in enumerate(UNIT_FILES):
        unit = units.get(code)
        if unit is None:
            continue
        uploader = wenlv if wenlv and wenlv.unit_id == unit.pk else syb
        if kind == "sheet":
            data, name = sheet(title, ["书名", "册数"], [["强军故事汇", 200], ["红色家书", 150]]), f"{title}.xlsx"
        else:
            data, name = photo(5000 + index), f"{title}.jpg"
        _attach(unit, name, data, uploader, title=title, category=category, year=year)


def _records_of_other_apps(syb: User) -> None:
    """Photos on the first activities and minutes on the first meetings, when those demos have run."""
    for label, field, limit, make in (
        ("activities.Activity", "date", 12, lambda r, i: (photo(9000 + i), "现场照片.jpg", "photo")),
        (
            "leadership.Meeting",
            "date",
            4,
            lambda r, i: (word(f"{r}纪要", ["会议议定事项见附件。"]), "会议纪要.docx", "minutes"),
        ),
    ):
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        for index, record in enumerate(model.objects.order_by(field, "pk")[:limit]):
            data, name, category = make(record, index)
            day = getattr(record, field)
            _attach(
                record,
                name,
                data,
                syb,
                title=f"{record}（{name.split('.')[0]}）"[:200],
                category=category,
                year=day.year if isinstance(day, date) else 2026,
            )


def build(county: Region, today: date) -> None:
    users = {u.username: u for u in User.objects.filter(username__in=["syb", "fengshan", "wenlv"])}
    syb = users["syb"]
    _county_files(county, syb)
    _town_files(county, syb, users.get("fengshan"))
    _unit_files(syb, users.get("wenlv"))
    _records_of_other_apps(syb)
