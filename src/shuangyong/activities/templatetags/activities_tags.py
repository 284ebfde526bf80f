from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def yuan(fen) -> str:
    """Integer 分 as 元 with two places and thousands separators: 1234500 → 12,345.00."""
    return f"{(Decimal(fen or 0) / 100).quantize(Decimal('0.01')):,}"


@register.filter
def amount(value) -> str:
    """A quantity without trailing zeros: 1200.00 → 1200, 2.50 → 2.5."""
    if value is None:
        return ""
    value = Decimal(value)
    return f"{value.normalize():f}" if value != value.to_integral_value() else f"{int(value)}"
