"""The scope options of the commands that report on one year (`summary`, `figures`): --region or --unit, by
default the county this installation serves (regions.services.home_county)."""

from django.core.management.base import CommandError

from shuangyong.figures.catalogue import Scope
from shuangyong.regions.codes import InvalidRegionCode, normalize_code
from shuangyong.regions.services import RegionNotFound, home_county


def add_scope_arguments(parser) -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--region", help="区划代码（12 位或简码）：该区划及以下；默认本系统服务的县")
    where.add_argument("--unit", help="成员单位代码")


def scope_from(options) -> Scope:
    try:
        if options["unit"]:
            return Scope(options["year"], unit=options["unit"])
        region = normalize_code(options["region"]) if options["region"] else home_county().code
    except (InvalidRegionCode, RegionNotFound) as exc:
        raise CommandError(str(exc)) from None
    return Scope(options["year"], region=region)
