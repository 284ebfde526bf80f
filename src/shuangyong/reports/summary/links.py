"""Where a cited figure's records can be opened: the reports app's records list, when it is installed."""

from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

# the records list of the figures catalogue (reports/urls.py); the first name that resolves is used
RECORDS_URL_NAMES = ("reports:records", "reports:figure_records")


def figure_records_url(key: str, year: int, *, region: str | None = None, unit: str | None = None) -> str:
    """The link to a figure's records for one scope, or "" when no records page exists (or the key is ours)."""
    if key.startswith(("frame.", "plan.")):
        return ""
    query = urlencode({"year": year, **({"unit": unit} if unit else {"region": region})})
    for name in RECORDS_URL_NAMES:
        try:
            return f"{reverse(name, args=[key])}?{query}"
        except NoReverseMatch:
            continue
    return ""
