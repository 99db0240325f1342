"""Share links as plain URLs: no third-party script, no tracking parameters."""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ShareLink:
    network: str
    label: str
    url: str


def share_links(
    url: str, title: str, mastodon_instance: str = "mastodon.social"
) -> list[ShareLink]:
    text = f"{title} {url}"
    instance = mastodon_instance.strip().removeprefix("https://").strip("/") or "mastodon.social"
    return [
        ShareLink(
            "email",
            _("Courriel"),
            "mailto:?" + urlencode({"subject": title, "body": text}, quote_via=quote),
        ),
        ShareLink(
            "linkedin",
            "LinkedIn",
            "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        ),
        ShareLink(
            "mastodon",
            "Mastodon",
            f"https://{instance}/share?" + urlencode({"text": text}),
        ),
        ShareLink(
            "facebook",
            "Facebook",
            "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        ),
        ShareLink(
            "x",
            "X",
            "https://x.com/intent/post?" + urlencode({"text": title, "url": url}),
        ),
    ]
