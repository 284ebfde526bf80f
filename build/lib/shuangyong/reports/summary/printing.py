"""How a figure's value is printed in the summary, and the same number and unit for --json.

Money arrives in 元 (two places); from 10,000 元 up it is printed in 万元 with at most two places, as the
offices write it ("共发放补助资金9.85万元"). Shares keep their one place; counts print as integers.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

WAN = Decimal(10000)
MONEY_UNIT = "元"


@dataclass(frozen=True)
class Printed:
    key: str
    label: str
    number: int | Decimal  # the number exactly as printed
    unit: str  # the unit as printed
    source: str

    @property
    def number_text(self) -> str:
        return plain(self.number)

    @property
    def text(self) -> str:
        return f"{self.number_text}{self.unit}"

    def as_json(self) -> dict:
        number = self.number
        value = number if isinstance(number, int) else float(number)
        return {"key": self.key, "label": self.label, "value": value, "unit": self.unit, "source": self.source}


def plain(number: int | Decimal) -> str:
    """A number without exponent or trailing zeros: 12, 9.85, 95.5."""
    if isinstance(number, int):
        return str(number)
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def printed(figure, value) -> Printed:
    """The printed form of one figure's value (an int or a Decimal)."""
    unit = figure.unit
    if isinstance(value, Decimal):
        if unit == MONEY_UNIT and abs(value) >= WAN:
            number = (value / WAN).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            unit = "万" + MONEY_UNIT
        else:
            number = value
        number = number.normalize() if number != 0 else Decimal(0)
        if number == number.to_integral_value():
            number = int(number)
    else:
        number = int(value)
    return Printed(figure.key, figure.label, number, unit, figure.source)
