"""The API: scoped lists with masked numbers, steps through the services, awards raising the allowance."""

from datetime import date

from shuangyong.api.tests.clients import client_for
from shuangyong.conscription.models import Candidate, MeritIncrement


def test_candidates_are_scoped_and_masked(candidate_of, county, users):
    candidate_of("甲")
    candidate_of("乙", region=county["village_b1"])
    rows = client_for(users["town_staff"]).get("/api/conscription/candidates/").json()
    rows = rows.get("results", rows)
    assert [(r["name"], r["id_number"][:4], r["id_number"][4:14]) for r in rows] == [("甲", "3501", "*" * 10)]
    rows = client_for(users["county_admin"]).get("/api/conscription/candidates/?year=2026").json()
    assert len(rows.get("results", rows)) == 2


def test_steps_in_order_through_the_api(candidate_of, users):
    c = candidate_of()
    api = client_for(users["town_staff"])
    url = f"/api/conscription/candidates/{c.pk}/step/"
    refused = api.post(url, {"step": "approve", "on": "2026-08-01"}, format="json")
    assert refused.status_code == 400 and "须体检合格且政治考核合格" in refused.json()["detail"]
    for body in (
        {"step": "exam", "on": "2026-07-01", "passed": True},
        {"step": "review", "on": "2026-07-02", "passed": True},
        {"step": "approve", "on": "2026-08-01"},
        {"step": "dispatch", "on": "2026-09-10", "military_unit": "陆军某部"},
    ):
        assert api.post(url, body, format="json").status_code == 200
    assert Candidate.objects.get().stage == "dispatched"
    leader = client_for(users["leader"]).post(url, {"step": "return", "on": "2026-10-01"}, format="json")
    assert leader.status_code == 403
    assert Candidate.objects.get().stage == "dispatched"


def test_an_award_through_the_api_raises_the_allowance(member, allowance_standard, county, users, reference):
    MeritIncrement.objects.create(
        award_kind=reference["awards"]["三等功"],
        region=county["county"],
        increment_bp=1000,
        valid_from=date(2025, 1, 1),
    )
    api = client_for(users["county_admin"])
    api.post(f"/api/conscription/members/{member.pk}/refresh_allowances/")
    body = {"member": member.pk, "kind": "merit3", "awarded_on": "2026-03-05", "military_unit": "陆军某部"}
    assert api.post("/api/conscription/awards/", body, format="json").status_code == 201
    rows = api.get(f"/api/conscription/allowances/?member={member.pk}").json()
    rows = rows.get("results", rows)
    assert [(r["service_year"], r["amount_fen"], r["state"]) for r in rows] == [
        (1, 605000, "待发放"),
        (2, 1400000, "待发放"),
    ]
