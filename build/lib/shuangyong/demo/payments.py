"""The demo county's payment runs, made once every area that owes grants (优待金 and rewards by conscription,
一次性经济补助 by resettlement) is built and the year's 年度确认 done: each month's run pays what was owed by then
(demo/benefits.py)."""

from datetime import date

from shuangyong.demo.benefits import build_runs
from shuangyong.demo.registry import confirm_years
from shuangyong.regions.models import Region


def build(county: Region, today: date) -> None:
    confirm_years(today)  # before the runs: a county that stops the unconfirmed would not pay them
    build_runs(county, today)
