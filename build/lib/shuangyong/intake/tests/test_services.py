"""Upload, review and recording as activities, through the services."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from shuangyong.accounts.roles import Role
from shuangyong.accounts.system import system_user
from shuangyong.activities.models import Activity
from shuangyong.activities.services.records import record_activity
from shuangyong.archive.models import Attachment
from shuangyong.audit.models import AuditEntry
from shuangyong.intake import services
from shuangyong.intake.models import DocumentStatus, ExtractedItem, ItemKind, ItemStatus, SummaryDocument
from shuangyong.intake.tests.conftest import summary_file

pytestmark = pytest.mark.django_db


def upload(users, **kwargs):
    return services.upload_document(summary_file(), user=users[Role.TOWN_STAFF], **kwargs)


def test_upload_reads_items_and_keeps_the_original_in_the_archive(county, users):
    document = upload(users)
    assert (document.title, document.year, document.region_id, document.unit_text) == (
        "凤山镇2025年双拥工作总结",
        2025,
        "350123100000",
        "凤山镇",
    )
    assert document.extraction["addressee"] == "县双拥办"
    figures = document.items.filter(kind=ItemKind.FIGURE).order_by("seq")
    assert [(f.value, f.unit, f.subject, f.qualifier) for f in figures] == [
        (Decimal("120"), "人", "重点优抚对象", ""),
        (Decimal("35"), "户", "现役军人家庭", ""),
        (Decimal("17500"), "元", "慰问金", ""),
        (Decimal("5000"), "份", "宣传资料", "余"),
        (Decimal("12"), "幅", "横幅", ""),
    ]
    assert [f.quantity_kind for f in figures] == ["", "", "", "materials", "banners"]
    first = figures[0]
    assert document.text[first.start : first.end] == "120人"
    visit = document.items.get(kind=ItemKind.ACTIVITY, activity_kind="visit")
    assert (visit.occasion, visit.date) == ("bayi", date(2025, 8, 1))
    assert [f.seq for f in visit.figures.order_by("seq")] == [2, 3]
    attachment = Attachment.objects.get(pk=document.attachment_id)
    assert (attachment.original_name, attachment.category.code, attachment.year) == ("凤山镇总结.txt", "summary", 2025)
    assert AuditEntry.objects.filter(model__icontains="summarydocument", object_id=str(document.pk)).exists()


def test_the_same_file_twice_is_refused(county, users):
    upload(users)
    with pytest.raises(services.IntakeError, match="已上传过"):
        upload(users)
    assert SummaryDocument.objects.count() == 1


def test_unreadable_and_unsupported_files_are_refused_and_nothing_is_stored(county, users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(services.IntakeError, match="不支持的文件类型"):
        services.upload_document(SimpleUploadedFile("a.xlsx", b"PK.."), user=users[Role.TOWN_STAFF])
    assert (SummaryDocument.objects.count(), ExtractedItem.objects.count(), Attachment.objects.count()) == (0, 0, 0)


def test_a_leader_cannot_upload(county, users):
    with pytest.raises(PermissionDenied):
        services.upload_document(summary_file(), user=users[Role.LEADER])
    assert SummaryDocument.objects.count() == 0


def test_confirming_an_activity_records_it_with_its_quantities_once(county, users):
    document = upload(users)
    staff = users[Role.TOWN_STAFF]
    publicity = document.items.get(kind=ItemKind.ACTIVITY, activity_kind="publicity")
    item = services.confirm_item(publicity, user=staff, title="全年宣传教育", date="2025-06-30")
    activity = Activity.objects.get(pk=item.activity_id)
    assert (activity.kind_id, activity.date, activity.title, activity.region_id, activity.organiser_id) == (
        "publicity",
        date(2025, 6, 30),
        "全年宣传教育",
        "350123100000",
        None,
    )
    assert sorted((q.kind_id, q.amount) for q in activity.quantities.all()) == [
        ("banners", Decimal("12")),
        ("materials", Decimal("5000")),
    ]
    assert "总结识读：凤山镇2025年双拥工作总结" in activity.source
    assert item.status == ItemStatus.CONFIRMED and item.reviewed_by == staff
    services.confirm_item(item, user=staff)  # again: the same record, not a second one
    assert Activity.objects.count() == 1


def test_money_of_an_activity_is_recorded_in_fen(county, users):
    document = upload(users)
    visit = document.items.get(kind=ItemKind.ACTIVITY, activity_kind="visit")
    item = services.confirm_item(visit, user=users[Role.TOWN_STAFF])
    assert Activity.objects.get(pk=item.activity_id).money_fen == 1_750_000


def test_an_activity_already_on_record_is_flagged_and_linked_not_duplicated(county, users):
    existing = record_activity(
        region=county["town_a"], kind="visit", date=date(2025, 8, 1), title="八一走访慰问", user=system_user()
    )
    document = upload(users)
    visit = document.items.get(kind=ItemKind.ACTIVITY, activity_kind="visit")
    assert visit.matches == [existing.pk]
    item = services.confirm_item(visit, user=users[Role.TOWN_STAFF])
    assert item.activity_id == existing.pk
    assert Activity.objects.count() == 1


def test_corrections_and_rejections(county, users):
    document = upload(users)
    staff = users[Role.TOWN_STAFF]
    figure = document.items.get(kind=ItemKind.FIGURE, seq=1)
    corrected = services.correct_item(figure, user=staff, subject="重点优抚对象（在册）", value="121")
    assert (corrected.subject, corrected.value, corrected.status) == ("重点优抚对象（在册）", Decimal("121"), "pending")
    with pytest.raises(services.IntakeError, match="不是数字"):
        services.correct_item(figure, user=staff, value="一百")
    services.reject_item(figure, user=staff)
    figure.refresh_from_db()
    assert (figure.status, figure.value) == (ItemStatus.REJECTED, Decimal("121"))
    for item in document.items.filter(status=ItemStatus.PENDING, kind=ItemKind.FIGURE):
        services.confirm_item(item, user=staff)
    for item in document.items.filter(status=ItemStatus.PENDING):
        services.reject_item(item, user=staff)
    document.refresh_from_db()
    assert document.status == DocumentStatus.DONE


def test_staff_of_another_town_can_neither_see_nor_change(county, users):
    from shuangyong.accounts.models import User

    other = User.objects.create_user("songshan", password="x", role=Role.TOWN_STAFF, region=county["town_b"])
    document = upload(users)
    item = document.items.get(seq=1)
    with pytest.raises(PermissionDenied):
        services.confirm_item(item, user=other)
    with pytest.raises(PermissionDenied):
        services.reject_item(item, user=other)
    item.refresh_from_db()
    assert (item.status, item.reviewed_by_id) == (ItemStatus.PENDING, None)
    assert Activity.objects.count() == 0


def test_confirming_needs_a_year(county, users):
    text = "某镇双拥工作总结\n八一期间走访慰问军属10户。\n"
    from shuangyong.intake.tests.conftest import summary_file as make

    document = services.upload_document(make(text, "x.txt"), user=users[Role.TOWN_STAFF])
    assert document.year is None
    visit = document.items.get(kind=ItemKind.ACTIVITY)
    with pytest.raises(services.IntakeError, match="年度"):
        services.confirm_item(visit, user=users[Role.TOWN_STAFF])
    services.set_document_details(document, user=users[Role.TOWN_STAFF], year=2024)
    item = services.confirm_item(visit, user=users[Role.TOWN_STAFF])
    assert Activity.objects.get(pk=item.activity_id).date == date(2024, 8, 1)


def test_figures_in_the_catalogue(county, users):
    from shuangyong.figures.catalogue import Scope, compute

    document = upload(users)
    services.confirm_item(document.items.get(seq=1), user=users[Role.TOWN_STAFF])
    services.reject_item(document.items.get(seq=2), user=users[Role.TOWN_STAFF])
    county_2025, town_b = Scope(2025, region="350123000000"), Scope(2025, region="350123101000")
    assert [compute(k, county_2025) for k in ("intake.documents", "intake.confirmed_items")] == [1, 1]
    assert [compute(k, town_b) for k in ("intake.documents", "intake.confirmed_items")] == [0, 0]
    assert compute("intake.documents", Scope(2024, region="350123000000")) == 0
