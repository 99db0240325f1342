"""The Fabriques as open data: GeoJSON features and schema.org JSON-LD."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import FabriquePage


def geojson_feature(fabrique: FabriquePage, request) -> dict:
    return {
        "type": "Feature",
        "id": fabrique.identifier,
        "geometry": {
            "type": "Point",
            "coordinates": [float(fabrique.longitude), float(fabrique.latitude)],
        },
        "properties": {
            "identifier": fabrique.identifier,
            "name": fabrique.title,
            "url": fabrique.get_full_url(request),
            "commune": fabrique.commune,
            "departement_code": fabrique.departement_code,
            "departement_name": fabrique.departement_name,
            "region_code": fabrique.region_code,
            "region_name": fabrique.region_name,
            "territory_type": fabrique.territory_type,
            "territory_type_label": str(fabrique.get_territory_type_display()),
            "themes": sorted(fabrique.theme_slugs),
        },
    }


def geojson_feature_collection(fabriques: list[FabriquePage], request) -> dict:
    """A FeatureCollection of Points ([longitude, latitude], RFC 7946) for located Fabriques."""
    return {
        "type": "FeatureCollection",
        "features": [geojson_feature(f, request) for f in fabriques if f.has_coordinates],
    }


def json_ld_data(fabrique: FabriquePage, request, themes: list) -> dict:
    """schema.org description of the place and the organisation running it.

    The page writes it with home's `ld_json` filter (home/jsonld.py escapes it).
    """
    data = {
        "@context": "https://schema.org",
        "@type": ["Place", "Organization"],
        "@id": fabrique.get_full_url(request) + "#fabrique",
        "name": fabrique.title,
        "description": fabrique.short_description,
        "url": fabrique.website or fabrique.get_full_url(request),
        "identifier": fabrique.identifier,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": fabrique.address or None,
            "postalCode": fabrique.postcode or None,
            "addressLocality": fabrique.commune,
            "addressRegion": fabrique.region_name,
            "addressCountry": "FR",
        },
        "email": fabrique.email or None,
        "telephone": fabrique.phone or None,
        "sameAs": fabrique.social_link_list or None,
        "knowsAbout": [theme.name for theme in themes] or None,
    }
    if fabrique.has_coordinates:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(fabrique.latitude),
            "longitude": float(fabrique.longitude),
        }
    data["address"] = {k: v for k, v in data["address"].items() if v is not None}
    return {k: v for k, v in data.items() if v is not None}
