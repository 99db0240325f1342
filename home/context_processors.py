from django.http import HttpRequest

from .models import get_site_settings


def site_settings(request: HttpRequest) -> dict:
    return {"site_settings": get_site_settings(request)}
