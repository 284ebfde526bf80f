"""The to-do list: the providers' items in the user's scope with exact counts and due dates, ordered, empty ones
left out; the calendar's seasons by region; the same list from the API and the command."""

import json
from datetime import date
from io import StringIO

import pytest
from conftest import PASSWORD, make_region
from django.core.management import call_command
from django.test import Client

from shuangyong.leadership import services as leadership
from shuangyong.leadership.kinds import load_kinds
from shuangyong.leadership.models import MeetingKind
from shuangyong.todo import registry
from shuangyong.todo.calendar import load_calendar, seasons
from shuangyong.todo.models import CalendarDate
from shuangyong.todo.registry import Todo, todos_for

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 5)


def test_items_with_work_first_by_due_the_empty_left_out(monkeypatch, users):
    def provider(user, today):
        return [
            Todo("b.later", "后到期", 2, date(2026, 12, 20), "/b/"),
            Todo("a.none", "无时限", 1, None, "/a/"),
            Todo("c.empty", "没有待办", 0, date(2026, 1, 1), "/c/"),
            Todo("calendar.x", "某季节", 0, date(2026, 12, 10), "/x/"),
            Todo("d.late", "已逾期", 3, date(2026, 11, 1), "/d/"),
        ]

    monkeypatch.setattr(registry, "_providers", [provider])
    assert [t.kind for t in todos_for(users["county_admin"], TODAY)] == ["d.late", "b.later", "a.none", "calendar.x"]
    assert Todo("a", "甲", 1, None, "/a/").as_json() == {"kind": "a", "label": "甲", "count": 1, "due": None,
                                                         "url": "/a/"}  # fmt: skip


def test_the_calendar_by_region(county, users):
    load_calendar()
    assert load_calendar() == 0  # loaded once; a row staff edited stays
    office, town = users["county_admin"], users["town_staff"]
    shipped = {row.key: (start, end) for row, start, end in seasons(office, 2026)}
    assert shipped["bayi_visits"] == (date(2026, 7, 15), date(2026, 8, 5))
    assert shipped["spring_visits"] == (date(2026, 2, 1), date(2026, 3, 3))  # the lunar season: a row a year
    CalendarDate.objects.create(key="bayi_visits", label="“八一”走访慰问（本县）", region=county["county"],
                                start=date(2000, 7, 20), end=date(2000, 8, 10))  # fmt: skip
    other = make_region("350122000000", "连江县")
    CalendarDate.objects.create(key="bayi_visits", label="外县", region=other, start=date(2000, 6, 1),
                                end=date(2000, 6, 2))  # fmt: skip
    for user in (office, town):  # the county's own row, for its towns too
        found = {row.key: (row.label, start, end) for row, start, end in seasons(user, 2026)}
        assert found["bayi_visits"] == ("“八一”走访慰问（本县）", date(2026, 7, 20), date(2026, 8, 10))
    near = [t for t in todos_for(office, date(2026, 7, 1)) if t.calendar]
    assert [(t.kind, t.due) for t in near] == [
        ("calendar.bayi_visits", date(2026, 8, 10)), ("calendar.conscription_second", date(2026, 9, 30)),
    ]  # fmt: skip


def test_decisions_in_scope_the_api_and_the_command_agree(county, users):
    load_kinds()
    admin = users["county_admin"]
    group = MeetingKind.objects.get(code="group")
    meeting = leadership.record_meeting(region=county["town_a"], kind=group, date=date(2026, 11, 1), title="镇会议",
                                        user=admin)  # fmt: skip
    leadership.add_decision(meeting, text="走访慰问", owner_person="张三", due=date(2026, 12, 10), user=admin)
    leadership.add_decision(meeting, text="来年再议", owner_person="李四", due=date(2027, 3, 1), user=admin)
    mine = [t for t in todos_for(users["town_staff"], TODAY) if t.kind == "leadership.decisions_due"]
    assert [(t.count, t.due, t.url) for t in mine] == [(1, date(2026, 12, 10), "/leadership/")]
    others = [t.kind for t in todos_for(users["town_b_staff"], TODAY)]
    assert "leadership.decisions_due" not in others  # another town's decision is not theirs to do
    client = Client()
    client.login(username="town_staff", password=PASSWORD)
    listed = client.get("/api/todo/").json()
    out = StringIO()
    call_command("todo", "--user", "town_staff", "--json", stdout=out)
    assert json.loads(out.getvalue()) == listed
    assert {"kind", "label", "count", "due", "url"} == set(listed[0])
    assert "到期或两周内到期的会议议定事项" in client.get("/").content.decode()


def test_a_county_sets_its_own_dates_a_town_cannot(county, users):
    load_calendar()
    office, town = Client(), Client()
    office.login(username="county_admin", password=PASSWORD)
    town.login(username="town_staff", password=PASSWORD)
    season = {"key": "bayi_visits", "label": "“八一”走访慰问", "start": "2026-07-10", "end": "2026-08-08",
              "every_year": "on"}  # fmt: skip
    assert town.post("/todo/calendar/", season).status_code == 200  # shown, the form not offered
    assert not CalendarDate.objects.filter(region__isnull=False).exists()  # the town's post changed nothing
    assert office.post("/todo/calendar/?year=2026", {**season, "end": "2026-07-01"}).status_code == 200  # refused
    assert office.post("/todo/calendar/?year=2026", season).status_code == 302
    own = CalendarDate.objects.get(region=county["county"])
    assert (own.key, own.start, own.end, own.link) == ("bayi_visits", date(2000, 7, 10), date(2000, 8, 8),
                                                       "/activities/visits/")  # fmt: skip
    shown = town.get("/todo/calendar/?year=2027").content.decode()
    assert "7月10日" in shown and "罗源县自定" in shown and "恢复通用安排" not in shown
    assert town.post(f"/todo/calendar/{own.pk}/drop/").status_code == 403
    assert CalendarDate.objects.filter(pk=own.pk).exists()  # a town cannot remove the county's
    assert office.post(f"/todo/calendar/{own.pk}/drop/").status_code == 302
    assert not CalendarDate.objects.filter(region__isnull=False).exists()


def test_a_season_ending_on_29_february_falls_on_the_28th_in_other_years():
    season = CalendarDate(key="x", label="冬季走访", start=date(2000, 2, 1), end=date(2000, 2, 29), every_year=True)
    assert season.in_year(2027) == (date(2027, 2, 1), date(2027, 2, 28))
    assert season.in_year(2028) == (date(2028, 2, 1), date(2028, 2, 29))
