"""How a person is named in a yearly summary: in full where the region's setting allows it (summary_full_names),
else as 李某某 (figures.examples.anonymise)."""

from shuangyong.figures.catalogue import Scope, cached
from shuangyong.figures.examples import anonymise
from shuangyong.regions.local_settings import get_setting, is_on


def full_names(scope: Scope) -> bool:
    region = scope.region
    if not region:
        return False
    setting = cached(("names", region), lambda: get_setting("summary_full_names", region, scope.end))
    return is_on(setting)


def named(name: str, scope: Scope) -> str:
    return name if full_names(scope) else anonymise(name)
