"""The rules an entitlement must meet to be paid, as one function over plain values.

Used by the life-event services and by the roster import alike, so a rule lives in one place.
"""

from datetime import date

from shuangyong.registry.choices import DisabilityNature


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def entitlement_problems(
    category, *, grade: int | None, nature: str, relation: str, birth_date: date, death_date: date | None, on: date
) -> list[tuple[str, str]]:
    """(field key, Chinese message) for every rule broken; empty when the entitlement may be paid.

    relation=None means "not known" (a roster without that column): the relation rule is then not judged.
    """
    problems = []
    if category.requires_disability:
        if not grade:
            problems.append(("disability_grade", f"{category.name}须填写伤残等级"))
        if not nature:
            problems.append(("disability_nature", f"{category.name}须填写伤残性质"))
        if grade and nature == DisabilityNature.ILLNESS and grade > 6:
            # 条例 §25-27
            problems.append(("disability_grade", "因病致残只有一级至六级享受抚恤（条例第二十五条）"))
    elif grade or nature:
        problems.append(("disability_grade", f"{category.name}不应填写伤残等级或性质"))
    if category.requires_relation and relation is not None and not relation:
        problems.append(("relation", f"{category.name}须填写与军人的关系"))
    if category.min_age and age_on(birth_date, on) < category.min_age:
        problems.append(
            ("category", f"{category.name}须年满 {category.min_age} 周岁（现年 {age_on(birth_date, on)} 岁）")
        )
    if death_date:
        problems.append(("death_date", f"已于 {death_date} 去世"))
    return problems


OLD_WOUND = "旧伤复发"
SURVIVOR_OF_DUTY = "22"  # 因公牺牲军人遗属
SURVIVOR_OF_ILLNESS = "23"  # 病故军人遗属
DISABLED = "11"
# a bank account as banks issue them for 社会化发放: 12 to 25 digits
BANK_ACCOUNT_PATTERN = r"^\d{12,25}$"


def family_after_death(person, entitlements) -> tuple[str, str] | None:
    """(category code, reason) under which the family of a deceased disabled veteran is entitled, or None:
    a death of 旧伤复发 counts as 因公牺牲 (条例 §32), so the family are 因公牺牲军人遗属; a 一至四级 veteran
    disabled 因战 or 因公 who dies of illness leaves 病故军人遗属 (条例 §32)."""
    if not person.death_date:
        return None
    disabled = [e for e in entitlements if e.category_id == DISABLED]
    if not disabled:
        return None
    if OLD_WOUND in (person.death_cause or ""):
        return SURVIVOR_OF_DUTY, "因旧伤复发死亡，按因公牺牲对待，遗属按因公牺牲军人遗属享受待遇（条例第三十二条）"
    if any(
        e.disability_grade
        and e.disability_grade <= 4
        and e.disability_nature in (DisabilityNature.WAR, DisabilityNature.DUTY)
        for e in disabled
    ):
        return (
            SURVIVOR_OF_ILLNESS,
            "因战、因公致残的一至四级残疾军人因病死亡，遗属按病故军人遗属享受待遇（条例第三十二条）",
        )
    return None
