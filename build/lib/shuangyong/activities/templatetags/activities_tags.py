from decimal import Decimal

from django import template

from shuangyong.money import yuan_text

register = template.Library()


@register.filter
def yuan(fen) -> str:
    """Integer 分 as 元, the one way (money.yuan_text): 1234500 → 12,345.00."""
    return yuan_text(fen)


@register.filter
def amount(value) -> str:
    """A quantity without trailing zeros: 1200.00 → 1200, 2.50 → 2.5."""
    if value is None:
        return ""
    value = Decimal(value)
    return f"{value.normalize():f}" if value != value.to_integral_value() else f"{int(value)}"
