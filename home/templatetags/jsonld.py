"""{% load jsonld %}: `{{ data|ld_json }}` writes a dict as a schema.org JSON-LD script."""

from django import template

from home.jsonld import ld_json_script

register = template.Library()


@register.filter
def ld_json(data):
    """The data as a safe <script type="application/ld+json"> element; nothing if empty."""
    return ld_json_script(data) if data else ""
