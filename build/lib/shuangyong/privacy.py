"""Masking personal numbers (ID numbers, bank accounts, phone numbers) wherever they could leak: the audit log,
job messages and results, logs. The registry masks its own fields for display; this module masks free text and
stored snapshots, which may carry a number anywhere."""

import re

from django.utils.crypto import salted_hmac

# Field names that hold a personal number in any model; their values never reach the audit log in full.
PERSONAL_FIELDS = frozenset({"id_number", "bank_account", "phone"})  # a unit's contact_phone is an office's

# 11 digits (a mobile number), 15 to 19 digits (old and new ID numbers, bank cards), an ID's final X. Twelve
# digits stay readable: that is a 区划代码, not a person's number.
NUMBER = re.compile(r"(?<![\dA-Za-z])(1\d{10}|\d{14}[\dXx]|\d{15,18}[\dXx]|\d{16,19})(?![\dA-Za-z])")


def mask_number(value: str) -> str:
    """3501**********123X: four first, four last; a mobile number 138****5678."""
    value = str(value)
    if len(value) <= 8:
        return "*" * max(0, len(value) - 4) + value[-4:]
    keep = 3 if len(value) == 11 else 4
    return value[:keep] + "*" * (len(value) - keep - 4) + value[-4:]


def redact_text(text: str) -> str:
    return NUMBER.sub(lambda m: mask_number(m.group(1)), text) if text else text


def redact(value):
    """A copy of a JSON-like value with every personal number in its strings masked."""
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, list):
        return [redact(v) for v in value]
    if isinstance(value, dict):
        return {k: redact(v) for k, v in value.items()}
    return value


def fingerprint(value: str) -> str:
    """A short keyed digest: shows that a number changed (or stayed) without letting anyone who lacks the server's
    key test guesses against it, as a plain hash of an 18-digit ID number would."""
    return salted_hmac("shuangyong.privacy.fingerprint", str(value)).hexdigest()[:8]


def mask_field(value) -> str:
    if value in (None, ""):
        return value
    return f"{mask_number(str(value))}·{fingerprint(value)}"
