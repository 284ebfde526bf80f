"""The pages: index with quota vs sent, a candidate's steps through the forms, the member page, exports masked."""

import io
from datetime import date

from openpyxl import load_workbook

from shuangyong.accounts.system import system_user
from shuangyong.conscription.models import Candidate
from shuangyong.conscription.services.allowances import refresh_allowances


def login(client, user):
    client.force_login(user)
    return client


def test_steps_through_the_pages(client, candidate_of, users):
    c = candidate_of("王小明")
    login(client, users["town_staff"])
    url = f"/conscription/candidates/{c.pk}/"
    assert "王小明" in client.get(url).content.decode()
    client.post(url + "approve/", {"on": "2026-08-01"})
    assert Candidate.objects.get().stage == "registered"  # refused: no exam yet
    client.post(url + "exam/", {"on": "2026-07-01", "passed": "1"})
    client.post(url + "review/", {"on": "2026-07-02", "passed": "1"})
    client.post(url + "approve/", {"on": "2026-08-01"})
    response = client.post(url + "dispatch/", {"on": "2026-09-10", "military_unit": "陆军某部"}, follow=True)
    assert "已输送" in response.content.decode()
    page = client.get("/conscription/?year=2026").content.decode()
    assert "输送合格" in page and "凤山镇" in page


def test_a_leader_reads_but_cannot_change(client, candidate_of, users):
    c = candidate_of()
    login(client, users["leader"])
    assert client.get(f"/conscription/candidates/{c.pk}/").status_code == 200
    assert client.post(f"/conscription/candidates/{c.pk}/exam/", {"on": "2026-07-01", "passed": "1"}).status_code == 403
    assert Candidate.objects.get().stage == "registered"


def test_member_page_shows_each_years_allowance(client, member, allowance_standard, users):
    refresh_allowances(member, on=date(2026, 11, 25), user=system_user())
    login(client, users["town_staff"])
    page = client.get(f"/conscription/members/{member.pk}/").content.decode()
    assert "5,500.00" in page and "14,000.00" in page and "待发放" in page
    assert "6228********5678" in page  # the payee's account, masked for town staff


def test_allowance_roster_is_masked_per_role(client, member, allowance_standard, users):
    refresh_allowances(member, on=date(2026, 11, 25), user=system_user())
    for role, shown in (("town_staff", "6228********5678"), ("county_admin", "6228480012345678")):
        login(client, users[role])
        response = client.get("/conscription/export/allowances.xlsx?year=2026")
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(min_row=3, values_only=True))
        assert [(r[0], r[2], r[8], r[11], r[12]) for r in rows[:2]] == [
            ("陈伟", "第2年", shown, 14000, "待发放"),
            ("合计", None, None, 14000, None),
        ]
        assert rows[2][0] == "合计金额（大写）：人民币壹万肆仟元整"
        assert rows[4][0].startswith("制表单位：" + users[role].office_name)


def test_the_honor_notice_and_the_plaque_list_print_for_the_family(client, member, reference, users):
    from shuangyong.conscription.services.awards import record_award
    from shuangyong.conscription.services.members import hang_plaque

    award = record_award(member, kind=reference["awards"]["三等功"], awarded_on=date(2026, 3, 5),
                         military_unit="陆军某部", user=users["county_admin"])  # fmt: skip
    login(client, users["town_staff"])
    assert (
        f"/conscription/awards/{award.pk}/notice/" in client.get(f"/conscription/members/{member.pk}/").content.decode()
    )
    notice = client.get(f"/conscription/awards/{award.pk}/notice/").content.decode()
    assert "陈伟同志家属：" in notice and "于2026年3月5日荣立三等功" in notice
    assert "罗源县人民政府" in notice and "罗源县人民武装部" in notice
    waiting = client.get("/conscription/plaques/?hung=no").context["members"]
    assert [(m.name, m.payee.person.name) for m in waiting] == [("陈伟", "陈秀兰")]
    hang_plaque(member, on=date(2025, 10, 1), user=users["county_admin"])
    assert list(client.get("/conscription/plaques/?hung=no").context["members"]) == []
    listed = client.get("/conscription/plaques/").content.decode()
    assert "2025-10-01" in listed and "家属签收" in listed and "制表单位：凤山镇" in listed
    other = login(client, users["town_b_staff"])
    assert other.get(f"/conscription/awards/{award.pk}/notice/").status_code == 404
    assert list(other.get("/conscription/plaques/").context["members"]) == []
