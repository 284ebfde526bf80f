from datetime import date

import pytest

from shuangyong.care import services
from shuangyong.care.kinds import load_codes
from shuangyong.care.models import CareKind

TODAY = date(2026, 11, 30)


@pytest.fixture(autouse=True)
def codes(db):
    """The shipped code tables (the data migration's rows; a transactional test elsewhere may have flushed them)."""
    load_codes()


def kind(code: str) -> CareKind:
    return CareKind.objects.get(code=code)


def data(code: str, region: str, **fields) -> services.CareData:
    return services.CareData(kind=kind(code), date=fields.pop("date", date(2026, 4, 3)), region=region, **fields)
