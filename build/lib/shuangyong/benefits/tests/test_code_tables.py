"""Code tables that decide money: shipped rows loaded once, a staff edit kept by every later load, every edit
audited (codetables.load_shipped, AuditedModel)."""

import pytest

from shuangyong.audit.context import actor_for
from shuangyong.audit.models import AuditEntry
from shuangyong.benefits.models import BankFileLayout, BenefitKind, DeathGrantRule
from shuangyong.benefits.services.reference import load_reference
from shuangyong.conscription.models import Education
from shuangyong.conscription.reference import load_reference as load_conscription_reference

pytestmark = pytest.mark.django_db


def test_a_staff_edit_survives_every_later_load(reference, users):
    rule = DeathGrantRule.objects.get(category_id="11", death_cause="other")
    kind = BenefitKind.objects.get(code="funeral")
    with actor_for(users["county_admin"]):
        rule.months, rule.note = 20, "本地规定：增发20个月"
        rule.save()
        kind.name = "丧葬补助金"
        kind.save()
    counts = (BenefitKind.objects.count(), DeathGrantRule.objects.count(), BankFileLayout.objects.count())
    load_reference(BenefitKind, DeathGrantRule, BankFileLayout)
    rule.refresh_from_db()
    kind.refresh_from_db()
    assert (rule.months, rule.note, kind.name) == (20, "本地规定：增发20个月", "丧葬补助金")
    assert (BenefitKind.objects.count(), DeathGrantRule.objects.count(), BankFileLayout.objects.count()) == counts


def test_edits_of_the_rules_that_decide_money_are_audited(reference, users):
    rule = DeathGrantRule.objects.get(category_id="11", death_cause="other")
    with actor_for(users["county_admin"]):
        rule.months = 6
        rule.save()
    entry = AuditEntry.objects.filter(model="benefits.deathgrantrule", object_id=str(rule.pk)).latest("at")
    assert (entry.action, entry.actor, entry.before["months"], entry.after["months"]) == (
        "update",
        users["county_admin"],
        12,
        6,
    )


def test_a_removed_shipped_row_comes_back_and_an_edited_one_stays(reference):
    load_conscription_reference()
    Education.objects.filter(code="senior").update(name="高中（含职高）")
    Education.objects.filter(code="junior").delete()
    load_conscription_reference()
    assert dict(Education.objects.filter(code__in=["junior", "senior"]).values_list("code", "name")) == {
        "junior": "初中",
        "senior": "高中（含职高）",
    }
