"""A candidate's steps in order: 报名 → 体检 → 政治考核 → 审批定兵 → 输送 (→ 退兵), each audited."""

from datetime import date

import pytest

from shuangyong.accounts.scope import ScopeDenied
from shuangyong.accounts.system import system_user
from shuangyong.audit.models import AuditEntry
from shuangyong.conscription.choices import Stage
from shuangyong.conscription.models import Candidate, ServiceMember
from shuangyong.conscription.services.candidates import (
    approve_candidate,
    dispatch_candidate,
    record_exam,
    record_review,
    return_recruit,
)
from shuangyong.conscription.services.errors import ConscriptionError


def test_the_steps_run_in_order_and_dispatch_enlists(candidate_of, users):
    admin = users["county_admin"]
    c = candidate_of()
    with pytest.raises(ConscriptionError, match="尚未审批定兵，不能输送"):
        dispatch_candidate(c, on=date(2026, 9, 10), military_unit="陆军某部", user=admin)
    with pytest.raises(ConscriptionError, match="须体检合格且政治考核合格才能审批定兵"):
        approve_candidate(c, on=date(2026, 8, 1), user=admin)
    with pytest.raises(ConscriptionError, match="体检合格后才能登记政治考核"):
        record_review(c, on=date(2026, 7, 1), passed=True, user=admin)
    with pytest.raises(ConscriptionError, match="体检日期（2026-05-01）不能早于报名日期"):
        record_exam(c, on=date(2026, 5, 1), passed=True, user=admin)
    record_exam(c, on=date(2026, 7, 1), passed=True, user=admin)
    record_review(c, on=date(2026, 7, 20), passed=True, user=admin)
    approve_candidate(c, on=date(2026, 8, 20), user=admin)
    c, member = dispatch_candidate(c, on=date(2026, 9, 10), military_unit="武警某部", user=admin)
    assert (c.stage, c.dispatched_on, c.military_unit) == (Stage.DISPATCHED, date(2026, 9, 10), "武警某部")
    assert (member.name, member.enlistment_date, member.rank_kind, member.enlistment_county_id) == (
        "林志强",
        date(2026, 9, 10),
        "conscript",
        "350123000000",
    )
    changes = AuditEntry.objects.filter(model="conscription.candidate", object_id=str(c.pk)).count()
    assert changes == 5  # registered, examined, reviewed, approved, dispatched


def test_a_failed_exam_ends_the_campaign(candidate_of, users):
    admin = users["county_admin"]
    c = record_exam(candidate_of(), on=date(2026, 7, 1), passed=False, user=admin)
    assert c.stage == Stage.EXAM_FAILED
    with pytest.raises(ConscriptionError, match="体检合格后才能登记政治考核"):
        record_review(c, on=date(2026, 7, 2), passed=True, user=admin)
    c = record_exam(c, on=date(2026, 7, 8), passed=True, user=admin)  # 复检合格
    c = record_review(c, on=date(2026, 7, 9), passed=False, user=admin)
    with pytest.raises(ConscriptionError, match="须体检合格且政治考核合格"):
        approve_candidate(c, on=date(2026, 8, 1), user=admin)
    assert Candidate.objects.get().stage == Stage.REVIEW_FAILED


def test_a_returned_recruit_leaves_service(candidate_of, users, reference):
    admin = users["county_admin"]
    c = candidate_of()
    record_exam(c, on=date(2026, 7, 1), passed=True, user=admin)
    record_review(c, on=date(2026, 7, 2), passed=True, user=admin)
    approve_candidate(c, on=date(2026, 8, 1), user=admin)
    dispatch_candidate(c, on=date(2026, 9, 10), military_unit="陆军某部", user=admin)
    c = return_recruit(
        c, on=date(2026, 10, 8), reason=reference["reasons"]["身体原因"], responsibility="县征兵体检站", user=admin
    )
    assert (c.stage, c.return_reason.name) == (Stage.RETURNED, "身体原因")
    assert ServiceMember.objects.get().discharge_date == date(2026, 10, 8)


def test_a_town_cannot_change_another_towns_candidate(candidate_of, users, county):
    c = candidate_of(region=county["village_b1"])
    entries = AuditEntry.objects.count()
    with pytest.raises(ScopeDenied):
        record_exam(c, on=date(2026, 7, 1), passed=True, user=users["town_staff"])
    with pytest.raises(ScopeDenied):
        record_exam(c, on=date(2026, 7, 1), passed=True, user=users["leader"])
    c.refresh_from_db()
    assert (c.stage, c.exam_on, AuditEntry.objects.count()) == (Stage.REGISTERED, None, entries)


def test_a_second_registration_in_one_campaign_is_refused(candidate_of, users, county):
    c = candidate_of()
    from shuangyong.conscription.services.candidates import register_candidate

    with pytest.raises(ConscriptionError, match="已在 2026 年秋季征兵中报名"):
        register_candidate(
            year=2026,
            season="autumn",
            id_number=c.id_number,
            name="林志强",
            region=county["village_a1"],
            education=c.education,
            registered_on=date(2026, 6, 2),
            user=system_user(),
        )
    assert Candidate.objects.count() == 1
