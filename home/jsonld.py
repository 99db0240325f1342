"""schema.org JSON-LD: the one way to write it into a page, and the parts every app shares.

Each content app builds its own type's data (agenda: Event, articles: NewsArticle,
fabriques: Place and Organization) from these parts and renders it with ld_json_script.
"""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

# The escapes of Django's json_script: the JSON can't close the <script> element or open
# a comment, and stays valid JSON (\u003C is "<" to a JSON parser).
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

PUBLISHER = {"@type": "Organization", "name": "France Tiers-Lieux"}


def ld_json_script(data: dict) -> SafeString:
    """A <script type="application/ld+json"> element holding the data, safe in any page."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(JSON_SCRIPT_ESCAPES)),
    )


def absolute(request, url: str) -> str:
    """The URL made absolute for the request's host (as given without a request)."""
    return request.build_absolute_uri(url) if request is not None else url


def organisation_data(organisation) -> dict:
    """A home.Organisation as a schema.org Organization."""
    data = {"@type": "Organization", "name": organisation.name}
    if organisation.website:
        data["url"] = organisation.website
    return data


def person_data(person) -> dict:
    """A home.Person as a schema.org Person."""
    data = {"@type": "Person", "name": person.name}
    if person.role:
        data["jobTitle"] = person.role
    return data
