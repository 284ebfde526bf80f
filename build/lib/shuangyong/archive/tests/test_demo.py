from datetime import date

import pytest

from shuangyong.accounts.models import User
from shuangyong.archive.models import Attachment
from shuangyong.audit.models import AuditEntry
from shuangyong.demo import archive as demo_archive
from shuangyong.units.models import Unit

pytestmark = pytest.mark.django_db


def test_demo_files_the_county_towns_and_units_once(county):
    User.objects.create_user(username="syb", role="county_admin", region=county["county"], full_name="林海燕")
    wgj = Unit.objects.create(code="LY-WGJ", name="罗源县文体和旅游局", kind="member", region=county["county"])
    User.objects.create_user(username="wenlv", role="unit_staff", unit=wgj, full_name="吴志强")

    demo_archive.build(county["county"], date(2026, 11, 25))
    # county: 5 a year for 2025 and 2026, and 4 more; two towns with 3 each; the bureau's 2
    assert Attachment.objects.count() == 14 + 6 + 2
    assert Attachment.objects.filter(region_id="350123000000", unit=None).count() == 14
    assert Attachment.objects.filter(category__code="photo", year=2026).count() == 2 + 2 + 1
    by_wenlv = Attachment.objects.filter(uploaded_by__username="wenlv")
    assert sorted(by_wenlv.values_list("title", "file_type__code")) == [
        ("送图书进军营清单", "xlsx"),
        ("送文艺进军营演出", "jpg"),
    ]
    assert all(a.thumbnail_name for a in Attachment.objects.filter(file_type__is_image=True))
    assert set(Attachment.objects.values_list("file_type__code", flat=True)) == {"jpg", "png", "docx", "xlsx", "pdf"}

    counts = (Attachment.objects.count(), AuditEntry.objects.count())
    demo_archive.build(county["county"], date(2026, 11, 25))
    assert (Attachment.objects.count(), AuditEntry.objects.count()) == counts
