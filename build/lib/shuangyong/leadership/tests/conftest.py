from datetime import date

import pytest

from shuangyong.leadership import services
from shuangyong.leadership.kinds import load_kinds
from shuangyong.leadership.models import MeetingKind


@pytest.fixture(autouse=True)
def meeting_kinds(db):
    """The shipped code table (the data migration's rows; a transactional test elsewhere may have flushed them)."""
    load_kinds()


@pytest.fixture
def group(county, users):
    """罗源县's group: 组长 李建国 (2021-03-01 on), 副组长 from the garrison, a member from the bureau."""
    admin = users["county_admin"]
    region = county["county"]
    return {
        "leader": services.appoint_member(
            region=region, post="leader", name="李建国", title="县委书记", start=date(2021, 3, 1), user=admin
        ),
        "deputy": services.appoint_member(
            region=region,
            post="deputy",
            name="赵卫东",
            title="县人武部政委",
            unit=county["unit_garrison"],
            is_military=True,
            start=date(2021, 3, 1),
            user=admin,
        ),
        "member": services.appoint_member(
            region=region,
            post="member",
            name="孙丽",
            title="县文广局局长",
            unit=county["unit_bureau"],
            start=date(2022, 1, 10),
            user=admin,
        ),
    }


@pytest.fixture
def kind():
    return MeetingKind.objects.get(code="group")
