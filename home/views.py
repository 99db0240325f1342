from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page

from home.queries import visible_q


class AllLocalesSitemap(Sitemap):
    """Every language tree of the site, not only the default one."""

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = Q()
        for root in roots:
            in_a_tree |= Q(path__startswith=root.path)
        return (
            Page.objects.filter(in_a_tree, visible_q())
            .order_by("path")
            .defer_streamfields()
            .specific()
        )


def sitemap(request: HttpRequest) -> HttpResponse:
    return sitemap_views.sitemap(request, sitemaps={"pages": AllLocalesSitemap})


@require_GET
@cache_control(max_age=86400)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=86400)
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask /favicon.ico whatever the pages name: send them to the SVG icon
    (not permanently: its hashed static name changes with it)."""
    return HttpResponseRedirect(static("favicon.svg"))


@cache_control(max_age=86400)
def apple_touch_icon(request: HttpRequest) -> HttpResponse:
    """iPhones and iPads ask /apple-touch-icon.png for the home screen, whatever the
    pages name (SVG is not accepted there): send them to the PNG icon."""
    return HttpResponseRedirect(static("apple-touch-icon.png"))


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 400 page: says what to correct when the listing layer refused a parameter."""
    from django.template.response import TemplateResponse

    from .listing import BadParameter

    message = str(exception) if isinstance(exception, BadParameter) else ""
    response = TemplateResponse(request, "400.html", {"message": message}, status=400)
    return response.render()
