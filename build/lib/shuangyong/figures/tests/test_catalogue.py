from decimal import Decimal

import pytest

from shuangyong.figures import catalogue
from shuangyong.figures.catalogue import CatalogueError, Figure, Scope


def test_scope_is_a_region_or_a_unit_not_both():
    with pytest.raises(CatalogueError):
        Scope(2026)
    with pytest.raises(CatalogueError):
        Scope(2026, region="350123000000", unit="U1")
    scope = Scope(2026, region="350123101000")
    assert (
        str(scope.in_region("region_id"))
        == "(AND: ('region_id__gte', '350123101000'), ('region_id__lte', '350123101999'))"
    )
    assert (scope.start.isoformat(), scope.end.isoformat()) == ("2026-01-01", "2026-12-31")


def test_figures_register_once_and_answer_only_their_scopes():
    figure = Figure(
        key="test.answer", label="测试", unit="人", section="support", value=lambda s: s.year - 2000, source="测试"
    )
    catalogue.register(figure)
    catalogue.register(figure)  # the same declaration again (a module imported twice) is harmless
    with pytest.raises(CatalogueError):
        catalogue.register(
            Figure(key="test.answer", label="另一个", unit="人", section="support", value=len, source="")
        )
    with pytest.raises(CatalogueError):
        catalogue.register(Figure(key="test.bad", label="x", unit="人", section="nowhere", value=len, source=""))
    assert catalogue.compute("test.answer", Scope(2026, region="350123000000")) == 26
    assert catalogue.compute("test.answer", Scope(2026, unit="U1")) is None
    with pytest.raises(CatalogueError):
        catalogue.get("test.missing")


def test_money_and_shares_are_exact():
    assert catalogue.yuan(123456) == Decimal("1234.56")
    assert catalogue.share(2, 3) == Decimal("66.7")
    assert catalogue.share(1, 8) == Decimal("12.5")
    assert catalogue.share(1, 0) is None
