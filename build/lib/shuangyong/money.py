"""Amounts in 分 written as 元, one way everywhere: thousands separators and two decimals ("4,518.33"), by integer
arithmetic, never a float on the way. Bank files alone ask for the bare digits (grouping=False)."""

from cn2an import an2cn


def yuan_text(fen: int | None, *, grouping: bool = True) -> str:
    """451833 → "4,518.33"; with grouping=False "4518.33" (a bank's file layout)."""
    fen = fen or 0
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole:,}.{cents:02d}" if grouping else f"{sign}{whole}.{cents:02d}"


def yuan_capital(fen: int | None) -> str:
    """451833 → "人民币肆仟伍佰壹拾捌元叁角叁分" (金额大写, as 支付结算办法 writes it: 整 after whole 元, 零 for a
    gap); a negative amount is written 人民币负…. cn2an does the digits; the sign and the 人民币 are ours."""
    fen = fen or 0
    words = an2cn(yuan_text(abs(fen), grouping=False), "rmb")
    return f"人民币{'负' if fen < 0 else ''}{words}"
