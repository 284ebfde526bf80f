"""Amounts in 分 written as 元, one way everywhere: thousands separators and two decimals ("4,518.33"), by integer
arithmetic, never a float on the way. Bank files alone ask for the bare digits (grouping=False)."""


def yuan_text(fen: int | None, *, grouping: bool = True) -> str:
    """451833 → "4,518.33"; with grouping=False "4518.33" (a bank's file layout)."""
    fen = fen or 0
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole:,}.{cents:02d}" if grouping else f"{sign}{whole}.{cents:02d}"
