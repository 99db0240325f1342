"""schema.org JSON-LD for events and news articles, as safe <script> elements."""

from __future__ import annotations

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import prefetch_related_objects
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

# Same escapes as Django's json_script: the JSON can't close the <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

ATTENDANCE_MODES = {
    "in-person": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}
PUBLISHER = {"@type": "Organization", "name": "France Tiers-Lieux"}


def ld_json_script(data: dict) -> str:
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(JSON_SCRIPT_ESCAPES)),  # noqa: S308 (escaped above)
    )


def absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if request is not None else url


def organisation_data(organisation) -> dict:
    data = {"@type": "Organization", "name": organisation.name}
    if organisation.website:
        data["url"] = organisation.website
    return data


def person_data(person) -> dict:
    data = {"@type": "Person", "name": person.name}
    if person.role:
        data["jobTitle"] = person.role
    return data


def event_data(event, request, organisers=(), speakers=(), image_url: str = "") -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.intro,
        "url": event.get_full_url(request),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODES[event.format],
    }
    if event.all_day:
        data["startDate"] = event.first_day.isoformat()
        data["endDate"] = event.last_day.isoformat()
    else:
        data["startDate"] = event.local_start.isoformat()
        if event.end:
            data["endDate"] = event.local_end.isoformat()
    locations = []
    if event.is_in_person and event.location_text:
        place = {"@type": "Place", "name": event.location_text, "address": event.location_text}
        fabrique = event.venue_fabrique if event.venue_fabrique_id else None
        if fabrique is not None:
            place["name"] = fabrique.title
            place["address"] = {
                "@type": "PostalAddress",
                "streetAddress": fabrique.address,
                "postalCode": fabrique.postcode,
                "addressLocality": fabrique.commune,
                "addressRegion": fabrique.region_name,
                "addressCountry": "FR",
            }
        if coordinates := event.coordinates:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": coordinates[0],
                "longitude": coordinates[1],
            }
        locations.append(place)
    if event.is_online and event.online_url:
        locations.append({"@type": "VirtualLocation", "url": event.online_url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if organisers:
        data["organizer"] = [organisation_data(o) for o in organisers]
    if speakers:
        data["performer"] = [person_data(s.person) for s in speakers]
    if image_url:
        data["image"] = [absolute(request, image_url)]
    if event.registration_url:
        data["offers"] = {
            "@type": "Offer",
            "url": event.registration_url,
            "price": 0,
            "priceCurrency": "EUR",
            "availability": "https://schema.org/"
            + ("SoldOut" if event.registration_status == "full" else "InStock"),
        }
    return data


def news_article_data(article, request, image_url: str = "", event: dict | None = None) -> dict:
    # Prefetched on the page itself: the byline further down reuses them for free.
    prefetch_related_objects([article], "authors")
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": article.intro,
        "datePublished": article.date.isoformat(),
        "url": article.get_full_url(request),
        "mainEntityOfPage": article.get_full_url(request),
        "inLanguage": get_language(),
        "publisher": PUBLISHER,
        "author": [person_data(p) for p in article.authors.all()] or [PUBLISHER],
    }
    if article.last_published_at:
        data["dateModified"] = article.last_published_at.isoformat()
    if image_url:
        data["image"] = [absolute(request, image_url)]
    if event:
        data["about"] = {"@type": "Event", "name": event["title"], "url": event["full_url"]}
    return data


@register.simple_tag(takes_context=True)
def event_json_ld(context, event, organisers=(), speakers=(), image_url=""):
    return ld_json_script(
        event_data(event, context.get("request"), organisers, speakers, image_url)
    )


@register.simple_tag(takes_context=True)
def news_article_json_ld(context, article, image_url="", event=None):
    return ld_json_script(news_article_data(article, context.get("request"), image_url, event))
