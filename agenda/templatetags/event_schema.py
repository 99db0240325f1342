"""{% load event_schema %}: an event's schema.org Event JSON-LD, as a safe <script> element."""

from __future__ import annotations

from django import template

from home.jsonld import absolute, ld_json_script, organisation_data, person_data

register = template.Library()

ATTENDANCE_MODES = {
    "in-person": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}


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
        fabrique = event.venue
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


@register.simple_tag(takes_context=True)
def event_json_ld(context, event, organisers=(), speakers=(), image_url=""):
    return ld_json_script(
        event_data(event, context.get("request"), organisers, speakers, image_url)
    )
