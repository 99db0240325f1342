"""Pre-publication checks: what an editor is told before publishing, and what blocks it.

Each check reads the page as the editor left it (the latest revision), so a problem in a
draft shows before it goes live. Blocking problems stop publication with their message;
the others are warnings (an empty alternative text may be a decorative image).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from wagtail.models import Page, ReferenceIndex

TITLE_MAX = 110


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    blocking: bool


def title_length(page) -> list[Problem]:
    if len(page.title or "") <= TITLE_MAX:
        return []
    return [
        Problem(
            "title_too_long",
            _(
                "Titre trop long : %(count)d caractères pour %(max)d au plus. Les moteurs de "
                "recherche et les partages le coupent ; raccourcissez-le."
            )
            % {"count": len(page.title), "max": TITLE_MAX},
            blocking=True,
        )
    ]


def empty_intro(page) -> list[Problem]:
    """Blocking where the model requires a chapô (articles, events), else a warning."""
    if not hasattr(page, "intro") or (str(page.intro or "")).strip():
        return []
    return [
        Problem(
            "empty_intro",
            _("Chapô vide : il résume la page sous le titre, dans les listes et les partages."),
            blocking=not page._meta.get_field("intro").blank,
        )
    ]


def missing_alt_text(page) -> list[Problem]:
    """Hero images without a text alternative (blank means decorative: a warning)."""
    if getattr(page, "hero_image_id", None) and not (getattr(page, "hero_alt", "") or "").strip():
        return [
            Problem(
                "missing_alt_text",
                _(
                    "Image principale sans texte alternatif : décrivez-la, sauf si elle est "
                    "purement décorative."
                ),
                blocking=False,
            )
        ]
    return []


def article_without_theme(page) -> list[Problem]:
    if page._meta.label_lower != "articles.articlepage" or page.themes.exists():
        return []
    return [
        Problem(
            "no_theme",
            _(
                "Article sans thématique : il n'apparaîtrait dans aucun filtre de l'actualité "
                "ni dans les articles liés. Choisissez au moins une thématique."
            ),
            blocking=True,
        )
    ]


def broken_internal_links(page) -> list[Problem]:
    """Links and choosers (rich text, StreamField, page fields) to pages that no longer
    exist or are not live: visitors would land on a 404."""
    page_types = {
        content_type.pk
        for content_type in ContentType.objects.get_for_models(
            *[model for model in ReferenceIndex.indexed_models if issubclass(model, Page)]
        ).values()
    }
    targets = {
        int(object_id)
        for content_type_id, object_id, _model_path, _content_path in (
            ReferenceIndex._extract_references_from_object(page)
        )
        if content_type_id in page_types and str(object_id).isdigit()
    }
    targets.discard(page.pk)
    if not targets:
        return []
    live = set(Page.objects.filter(pk__in=targets, live=True).values_list("pk", flat=True))
    broken = sorted(targets - live)
    if not broken:
        return []
    return [
        Problem(
            "broken_link",
            _(
                "Lien interne cassé : %(count)d lien(s) vers une page supprimée ou non publiée "
                "(identifiant %(ids)s). Retirez le lien ou publiez la page visée."
            )
            % {"count": len(broken), "ids": ", ".join(str(pk) for pk in broken)},
            blocking=True,
        )
    ]


CHECKS = (title_length, empty_intro, missing_alt_text, article_without_theme, broken_internal_links)


def publication_problems(page) -> list[Problem]:
    """Every check's problems for this page (specific instance, as the editor left it)."""
    return [problem for check in CHECKS for problem in check(page)]
