"""The calendar's seasons as to-do items: each from a month before it starts until it ends."""

from datetime import date, timedelta

from shuangyong.accounts.roles import Cap
from shuangyong.todo.calendar import seasons
from shuangyong.todo.registry import Todo, register_todo

AHEAD = timedelta(days=30)


@register_todo
def current_seasons(user, today: date) -> list[Todo]:
    if not user.can(Cap.VIEW_RECORDS):
        return []
    return [
        Todo(
            f"calendar.{row.key}",
            f"{row.label}（{start.month}月{start.day}日至{end.month}月{end.day}日）",
            0,
            end,
            row.link,
        )  # fmt: skip
        for row, start, end in seasons(user, today.year)
        if start - AHEAD <= today <= end
    ]
