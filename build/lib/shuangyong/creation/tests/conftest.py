import pytest

from shuangyong.care.kinds import load_codes
from shuangyong.creation.models import Rubric
from shuangyong.creation.rubrics import NATIONAL, load_national
from shuangyong.leadership.kinds import load_kinds


@pytest.fixture
def rubric(db):
    """The shipped national rubric (the data migration's; a transactional test elsewhere may have flushed it)."""
    load_kinds()
    load_codes()
    load_national()
    return Rubric.objects.get(code=NATIONAL)
