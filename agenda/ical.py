"""iCalendar (RFC 5545) files of events, built with the icalendar library."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Site

PRODID = "-//France Tiers-Lieux//Agenda des tiers-lieux//FR"


def event_uid(event, host: str) -> str:
    """Stable across edits, moves and renames: the page's translation key and the site host."""
    return f"event-{event.translation_key}@{host}"


def site_host(request) -> str:
    site = Site.find_for_request(request)
    return site.hostname if site is not None else request.get_host().split(":")[0]


def build_vevent(event, request, host: str) -> icalendar.Event:
    zone = ZoneInfo(settings.TIME_ZONE)
    vevent = icalendar.Event()
    vevent.add("uid", event_uid(event, host))
    stamp = event.last_published_at or timezone.now()
    vevent.add("dtstamp", stamp.astimezone(datetime.UTC))
    if event.all_day:
        vevent.add("dtstart", event.first_day)
        # DTEND of a DATE event is exclusive: the day after the last day.
        vevent.add("dtend", event.last_day + datetime.timedelta(days=1))
    else:
        vevent.add("dtstart", event.start.astimezone(zone))
        if event.end:
            vevent.add("dtend", event.end.astimezone(zone))
    vevent.add("summary", event.title)
    url = event.get_full_url(request)
    description = [event.intro.strip()]
    if event.is_online and event.online_url:
        description.append(_("En ligne : %(url)s") % {"url": event.online_url})
    if event.registration_url:
        description.append(_("Inscription : %(url)s") % {"url": event.registration_url})
    description.append(url)
    vevent.add("description", "\n\n".join(part for part in description if part))
    vevent.add("url", url)
    location = event.location_text if event.is_in_person else ""
    if not location and event.is_online:
        location = event.online_url
    if location:
        vevent.add("location", location)
    if event.is_in_person and (coordinates := event.coordinates):
        vevent.add("geo", coordinates)
    themes = [theme.name for theme in event.themes.all()]
    if themes:
        vevent.add("categories", themes)
    vevent.add("status", "CONFIRMED")
    vevent.add("transp", "TRANSPARENT" if event.all_day else "OPAQUE")
    if event.last_published_at:
        vevent.add("last-modified", event.last_published_at.astimezone(datetime.UTC))
    return vevent


def build_calendar(request, events: Iterable, name: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    host = site_host(request)
    for event in events:
        calendar.add_component(build_vevent(event, request, host))
    calendar.add_missing_timezones()
    return calendar


def calendar_response(request, events: Iterable, name: str, filename: str | None) -> HttpResponse:
    """A .ics download (with a filename) or a subscribable feed (without)."""
    response = HttpResponse(
        build_calendar(request, events, name).to_ical(),
        content_type="text/calendar; charset=utf-8",
    )
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    else:
        response["Content-Disposition"] = 'inline; filename="agenda.ics"'
    return response
