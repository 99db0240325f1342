"""Rate limits on the JSON endpoints (django-ratelimit, counted in the shared cache)."""

from __future__ import annotations

import logging

from django_ratelimit.core import get_usage

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def too_many_requests(request: HttpRequest, group: str, rate_setting: str) -> JsonResponse | None:
    """A 429 answer when this client went over the rate named by `rate_setting`, else None.

    Counted per client address in the shared cache, so that every process and machine
    counts together. If that cache is down, the request is served (and logged): a
    search that works unlimited beats refusing every visitor.
    """
    try:
        usage = get_usage(
            request, group=group, key="ip", rate=getattr(settings, rate_setting), increment=True
        )
    except Exception as exc:  # the cache server is unreachable: fail open
        logger.warning("Rate limit of %s not counted (%s: %s)", group, type(exc).__name__, exc)
        return None
    if usage is None or not usage["should_limit"]:
        return None
    retry_after = max(1, int(usage["time_left"]))
    response = JsonResponse(
        {
            "error": _(
                "Trop de requêtes depuis votre adresse : réessayez dans %(seconds)d secondes."
            )
            % {"seconds": retry_after}
        },
        status=429,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Retry-After"] = str(retry_after)
    return response
