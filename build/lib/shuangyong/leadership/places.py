"""Which regions' groups a user may look at and keep: the county and its towns, within the user's scope."""

from shuangyong.accounts.roles import REGION_ROLES, Cap
from shuangyong.accounts.scope import ancestor_codes, in_subtree
from shuangyong.regions.codes import Level, level_of
from shuangyong.regions.models import Region


def readable_regions(user) -> list[Region]:
    home = user.home_region_id
    if not home or level_of(home) < Level.COUNTY:
        return []
    county = home[:6].ljust(12, "0")
    above = set(ancestor_codes(home)) | {home}
    towns = Region.objects.subtree(county).filter(level=Level.TOWN)
    regions = [r for r in Region.objects.filter(code=county)] + list(towns.order_by("code"))
    if user.role in REGION_ROLES:
        return [r for r in regions if in_subtree(r.code, home) or r.code in above]
    return [r for r in regions if r.code in above]


def default_region(user, regions: list[Region]) -> Region | None:
    """A town's (or village's) staff start at their town, everyone else at the county."""
    home = user.home_region_id
    for region in regions:
        if home and level_of(home) >= Level.TOWN and region.code == home[:9].ljust(12, "0"):
            return region
    return regions[0] if regions else None


def can_keep(user, region: Region) -> bool:
    return (
        user.role in REGION_ROLES
        and user.can(Cap.EDIT_RECORDS)
        and bool(user.region_id)
        and in_subtree(region.code, user.region_id)
    )
