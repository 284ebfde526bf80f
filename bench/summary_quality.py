"""Benchmark: how much of what its records know the demo county's yearly summary says, and how it reads.

Builds the demo county (`shuangyong demo`, SQLite, in a temporary folder), then writes the summaries of the
previous finished year for the county, each of its towns and each member unit, and prints for each: the share of
the figures with a value other than zero that the text says (goal ≥ 95 %; the rest are listed under "omitted"
with their reason), the sections written and the named examples per section (goal ≥ 1 wherever records exist),
and the style rules broken (reports.summary.style: goal 0). With --timing it then runs bench/summary.py for the
1M-person timing.

Usage: python bench/summary_quality.py [--year YYYY] [--timing]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from import_persons import SHUANGYONG  # noqa: E402

REPORT = r"""
import json, os, sys, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shuangyong.settings"); django.setup()
from shuangyong.figures.catalogue import Scope
from shuangyong.regions.models import Region
from shuangyong.reports.summary.generate import generate_summary
from shuangyong.reports.summary.style import repeated, violations
from shuangyong.units.models import Unit, UnitKind
year, county = int(sys.argv[1]), sys.argv[2]
scopes = [("县", Scope(year, region=county))]
scopes += [(r.name, Scope(year, region=r.code)) for r in Region.objects.filter(parent_id=county).order_by("code")]
scopes += [(u.name, Scope(year, unit=u.code)) for u in Unit.objects.filter(kind=UnitKind.MEMBER).order_by("code")]
rows = []
for name, scope in scopes:
    data = generate_summary(scope).as_json()
    said = [f["key"] for f in data["figures"] if not f["key"].startswith("frame.")]
    sections = [s for s in data["sections"] if s["heading"] and s["key"] not in ("problems", "plan")]
    broken = []
    for section in data["sections"]:
        text = "".join(section["paragraphs"])
        broken += [f"{section['key']}: {why}" for why in violations(text)]
        broken += [f"{section['key']}: 重复“{run}”" for run in repeated(text)]
    rows.append({
        "name": name, "said": len(said), "omitted": len(data["omitted"]),
        "examples": {s["key"]: len(s["examples"]) for s in sections}, "broken": broken,
        "reasons": sorted({o["reason"] for o in data["omitted"]}),
    })
print(json.dumps(rows, ensure_ascii=False))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=date.today().year - 1, help="默认：上一个完整年度")
    parser.add_argument("--timing", action="store_true", help="再运行 bench/summary.py（100 万人）计时")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        env = {**os.environ, "DEBUG": "true", "SHUANGYONG_VAR_DIR": workdir}
        env.pop("DATABASE_URL", None)
        env.setdefault("FIELD_ENCRYPTION_KEY", "YmVuY2gtb25seS1rZXktMzItYnl0ZXMtbG9uZy1rZXk=")
        subprocess.run([*SHUANGYONG, "migrate", "-v0"], env=env, check=True)
        subprocess.run([*SHUANGYONG, "demo"], env=env, check=True, capture_output=True)
        out = subprocess.run(
            [sys.executable, "-c", REPORT, str(args.year), "350123000000"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    rows = json.loads(out.strip().splitlines()[-1])
    said = sum(r["said"] for r in rows)
    total = said + sum(r["omitted"] for r in rows)
    print(f"demo county, {args.year}: {len(rows)} summaries (the county, its towns, its member units)")
    for r in rows:
        share = 100 * r["said"] / max(1, r["said"] + r["omitted"])
        bare = [key for key, count in r["examples"].items() if not count]
        print(
            f"  {r['name']:<12} said {r['said']:>3} of {r['said'] + r['omitted']:>3} non-zero figures ({share:5.1f} %)"
            f" | sections {len(r['examples'])}, examples {sum(r['examples'].values())}"
            + (f" (none in {', '.join(bare)})" if bare else "")
            + f" | style rules broken {len(r['broken'])}"
        )
        for item in r["broken"]:
            print(f"      {item}")
    county = rows[0]
    county_share = 100 * county["said"] / max(1, county["said"] + county["omitted"])
    print(
        f"SUMMARY county said {county_share:.1f} % of its non-zero figures (goal ≥ 95 %), all summaries "
        f"{100 * said / max(1, total):.1f} %; county examples {sum(county['examples'].values())} in "
        f"{sum(1 for c in county['examples'].values() if c)} of {len(county['examples'])} sections; style rules broken "
        f"{sum(len(r['broken']) for r in rows)} (goal 0)"
    )
    if args.timing:
        subprocess.run([sys.executable, str(HERE / "summary.py"), "--persons", "1000000"], check=True)


if __name__ == "__main__":
    main()
