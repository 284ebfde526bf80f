"""Where a cited figure's records can be opened: the reports app's records list."""

from urllib.parse import urlencode

from django.urls import reverse


def figure_records_url(key: str, year: int, *, region: str | None = None, unit: str | None = None) -> str:
    """The link to a figure's records for one scope, or "" for the summary's own keys (frame, plan)."""
    if key.startswith(("frame.", "plan.")):
        return ""
    query = urlencode({"year": year, **({"unit": unit} if unit else {"region": region})})
    return f"{reverse('reports:records', args=[key])}?{query}"
