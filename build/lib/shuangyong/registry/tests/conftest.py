from datetime import date

import pytest

from shuangyong.pinyin import initials
from shuangyong.registry.models import Category, Person
from shuangyong.registry.services.categories import load_categories
from shuangyong.registry.tests.sheets import make_id


@pytest.fixture(autouse=True)
def categories(db):
    load_categories()  # transactional tests flush the migration-loaded rows
    return {c.code: c for c in Category.objects.all()}


@pytest.fixture
def person_factory(county, categories):
    def make(name="张三", birth="19500315", seq=11, region=None, **fields):
        born = date(int(birth[:4]), int(birth[4:6]), int(birth[6:]))
        return Person.objects.create(
            id_number=make_id(birth, seq),
            name=name,
            name_initials=initials(name),
            sex="M" if seq % 2 else "F",
            birth_date=born,
            region=region or county["village_a1"],
            hukou="rural",
            **fields,
        )

    return make
