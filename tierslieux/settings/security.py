"""The security headers' policies: Content-Security-Policy and Permissions-Policy."""

from urllib.parse import urlsplit

from wagtail.embeds import oembed_providers

# What the video block (home/blocks.py VideoEmbedBlock) may embed: these oEmbed providers
# only, and the hosts of the players their iframes load (the CSP's frame-src).
VIDEO_PROVIDERS = [oembed_providers.youtube, oembed_providers.vimeo]
VIDEO_FRAME_HOSTS = ["https://www.youtube.com", "https://player.vimeo.com"]

SELF = "'self'"
NONE = "'none'"


def tile_source(tile_url: str) -> str | None:
    """The CSP source of a Leaflet tile URL template: its scheme and host (with port);
    a "{s}" subdomain becomes a wildcard. None when there is no tile server."""
    if not tile_url:
        return None
    parts = urlsplit(tile_url.replace("{s}.", "__subdomain__."))
    host = parts.netloc.replace("__subdomain__.", "*.")
    return f"{parts.scheme}://{host}"


def content_security_policy(tile_url: str) -> dict:
    """django-csp's CONTENT_SECURITY_POLICY for the public site.

    No inline script nor style element: the templates load every script and style sheet
    from our static files (JSON-LD blocks are data, not run). Leaflet positions the map
    through element.style, which the CSP does not govern.
    """
    img_src = [SELF, "data:"]
    if source := tile_source(tile_url):
        img_src.append(source)
    return {
        # The Wagtail admin and Django's admin run inline scripts and styles: they are left
        # out of this policy (they are behind a login and serve no third-party content).
        "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF],
            "style-src": [SELF],
            "img-src": img_src,
            "frame-src": VIDEO_FRAME_HOSTS,
            "object-src": [NONE],
            "frame-ancestors": [NONE],
            "base-uri": [SELF],
            "form-action": [SELF],
        },
    }


# Powerful features the site never uses, off for it and anything it embeds. Left at the
# browser's default: fullscreen, autoplay, encrypted-media and picture-in-picture, which
# the video players' iframes ask for.
DISABLED_FEATURES = [
    "accelerometer",
    "ambient-light-sensor",
    "bluetooth",
    "browsing-topics",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "interest-cohort",
    "local-fonts",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "sync-xhr",
    "usb",
    "xr-spatial-tracking",
]


def permissions_policy() -> dict[str, list[str]]:
    """django-permissions-policy's PERMISSIONS_POLICY: every disabled feature allowed to none."""
    return {feature: [] for feature in DISABLED_FEATURES}
