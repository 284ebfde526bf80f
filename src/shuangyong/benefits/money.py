"""Amounts in 分 written as 元, exactly: integer arithmetic, never a float on the way."""


def yuan_text(fen: int, *, grouping: bool = False) -> str:
    """451833 → "4518.33" (bank files), or "4,518.33" with grouping (messages)."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole:,}.{cents:02d}" if grouping else f"{sign}{whole}.{cents:02d}"
