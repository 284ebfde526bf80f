"""Matching the place a sheet names (乡镇 and 村 by name, or a 区划代码) to a region of the import's scope.

Town staff write 凤山 for 凤山镇 and 北门社区 for 北门居委会, so names are compared with and without their
administrative suffix. Every answer is cached: a roster repeats the same few hundred places.
"""

import re
from functools import lru_cache

from shuangyong.regions.codes import InvalidRegionCode, Level, normalize_code
from shuangyong.regions.models import Region
from shuangyong.sheets.cells import CellError, text

SUFFIXES = re.compile(
    r"(社区居民委员会|村民委员会|居民委员会|社区居委会|村委会|居委会|社区|村|街道办事处|街道|镇|乡|办事处)$"
)


class PlaceError(CellError):
    def __init__(self, message: str, key: str):
        super().__init__(message)
        self.key = key  # the column at fault: town, village or region_code


def bare(name: str) -> str:
    name = text(name)
    return SUFFIXES.sub("", name) or name


class RegionMatcher:
    def __init__(self, root: Region):
        self.root = root
        self.regions = {r.code: r for r in root.subtree().only("code", "name", "level", "parent_id")}
        self.towns: dict[str, list[Region]] = {}
        self.villages: dict[str, list[Region]] = {}
        for region in self.regions.values():
            index = (
                self.towns if region.level == Level.TOWN else self.villages if region.level == Level.VILLAGE else None
            )
            if index is not None:
                for key in {text(region.name), bare(region.name)}:
                    index.setdefault(key, []).append(region)
        # the names above the towns as a sheet may write them before a town: 福建省, 福州市, 罗源县
        self._ancestor_names = (
            [text(r.name) for r in root.ancestors()] + [text(root.name)] if root.level < Level.TOWN else []
        )
        self.match = lru_cache(maxsize=20000)(self._match)

    def _one(self, index, name: str, key: str, within: str | None = None) -> Region:
        column = {"town": "乡镇", "village": "村（社区）"}.get(key, "乡镇或村（社区）")
        found = index.get(text(name)) or index.get(bare(name)) or []
        if within:
            found = [r for r in found if r.parent_id == within]
        if len(found) == 1:
            return found[0]
        if not found:
            where = f"{self.regions[within].name}下" if within else f"{self.root.name}范围内"
            raise PlaceError(f"{where}没有名为“{text(name)}”的{column}", key)
        names = "、".join(self.regions[r.parent_id].name if r.parent_id in self.regions else r.code for r in found)
        raise PlaceError(f"“{text(name)}”有多处同名（{names}），请同时填写乡镇或区划代码", key)

    def _written_place(self, place: str) -> str:
        """A place written out in one cell (所属行政区划, 户籍地): "罗源县凤山镇北门居委会", "凤山镇北门村", "凤山镇".
        The names above the import's region are dropped, then a town name leads and a village may follow."""
        rest = place
        for name in self._ancestor_names:
            rest = rest.removeprefix(name)
        for name in sorted(self.towns, key=len, reverse=True):
            if name and rest.startswith(name) and len(self.towns[name]) == 1:
                town = self.towns[name][0]
                village = rest.removeprefix(name)
                if not village:
                    return town.code
                return self._one(self.villages, village, "region_code", within=town.code).code
        if rest:
            return self._one(self.villages, rest, "region_code").code
        return self.root.code

    def _match(self, town: str, village: str, code: str) -> str:
        """The region code the row belongs to; raises PlaceError naming the column at fault."""
        if code and not text(code).isdigit():
            return self._written_place(text(code))
        if code:
            try:
                full = normalize_code(code)
            except InvalidRegionCode as exc:
                raise PlaceError(str(exc), "region_code") from None
            if full not in self.regions:
                raise PlaceError(f"区划代码 {code} 不在{self.root.name}范围内或尚未导入", "region_code")
            return full
        if town:
            town_region = self._one(self.towns, town, "town")
            if not village:
                return town_region.code
            return self._one(self.villages, village, "village", within=town_region.code).code
        if village:
            return self._one(self.villages, village, "village").code
        if self.root.level >= Level.TOWN:
            return self.root.code
        raise PlaceError("请填写乡镇和村（社区），或区划代码", "town")
