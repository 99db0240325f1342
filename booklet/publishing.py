"""Publish a booklet and its ready chapters as one: all of them, or none."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from wagtail.blocks import StreamValue
from wagtail.fields import StreamField

from .models import BookletChapterPage, BookletPage


class BookletPublicationError(Exception):
    """The booklet was not published: the messages say what to fix first."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass
class Skipped:
    """A ready chapter left out of the publication, and why (in the editor's words)."""

    chapter: BookletChapterPage
    reason: str


@dataclass
class PublicationPlan:
    booklet: BookletPage
    ready: list[BookletChapterPage] = field(default_factory=list)
    not_ready: list[BookletChapterPage] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


@dataclass
class PublicationReport:
    """What the publication did, chapter by chapter."""

    published: list[str]
    scheduled_for: object = None
    skipped: list[Skipped] = field(default_factory=list)
    not_ready: list[str] = field(default_factory=list)


def refusal(page, user) -> str | None:
    """Why `user` may not publish this page now (a lock, or no right), or None."""
    if user is None:
        return None
    lock = page.get_lock()
    if lock and lock.for_user(user):
        return _("verrouillé (%(message)s)") % {"message": strip_tags(lock.get_message(user) or "")}
    if not page.permissions_for_user(user).can_publish():
        return _("vous n'avez pas le droit de le publier")
    return None


def plan_publication(booklet: BookletPage, user=None) -> PublicationPlan:
    """The booklet's latest draft and its chapters' latest drafts: ready, not, or skipped."""
    plan = PublicationPlan(booklet=booklet.get_latest_revision_as_object())
    chapters = BookletChapterPage.objects.child_of(booklet).order_by("path")
    for chapter in chapters:
        draft = chapter.get_latest_revision_as_object()
        if not draft.ready:
            plan.not_ready.append(draft)
        elif reason := refusal(chapter, user):
            plan.skipped.append(Skipped(draft, reason))
        else:
            plan.ready.append(draft)
    return plan


def validation_messages(page) -> list[str]:
    """Everything that forbids publishing this draft, as sentences naming the page."""
    messages = []
    try:
        page.full_clean()
    except ValidationError as error:
        messages += [f"{page.title} : {m}" for m in flatten(error)]
    for model_field in page._meta.get_fields():
        if isinstance(model_field, StreamField):
            value = getattr(page, model_field.name)
            if isinstance(value, StreamValue):
                try:
                    model_field.stream_block.clean(value)
                except ValidationError as error:
                    messages += [f"{page.title} : {m}" for m in flatten(error)]
    return messages


def flatten(error) -> list[str]:
    """The sentences of a (possibly nested) validation error."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return [m for errors in error.error_dict.values() for e in errors for m in flatten(e)]
    block_errors = getattr(error, "block_errors", None)
    non_block_errors = getattr(error, "non_block_errors", None)
    if block_errors or non_block_errors:
        messages = []
        for child in list(non_block_errors or []):
            messages += flatten(child)
        items = block_errors.values() if isinstance(block_errors, dict) else block_errors
        for child in items:
            if child is not None:
                messages += flatten(child)
        return messages
    if isinstance(error, ValidationError):
        return list(error.messages)
    if isinstance(error, list | tuple):
        return [m for child in error for m in flatten(child)]
    return [str(error)]


def publish_booklet(booklet: BookletPage, user=None, go_live_at=None) -> PublicationReport:
    """Publish (or schedule) the booklet and every ready chapter together.

    Chapters locked against the user or that the user may not publish are left out and
    reported; the booklet itself must be publishable by the user (PermissionDenied).
    Every draft is validated first; if one fails, or if anything goes wrong while
    publishing, nothing is published and BookletPublicationError says why. Published
    chapters lose their "ready" mark: the next publication waits for a new review.
    """
    reason = refusal(booklet, user)
    if reason:
        raise PermissionDenied(
            _("Vous ne pouvez pas publier « %(title)s » : %(reason)s.")
            % {"title": booklet.title, "reason": reason}
        )
    plan = plan_publication(booklet, user)
    pages = [plan.booklet, *plan.ready]
    if go_live_at is not None and go_live_at <= timezone.now():
        go_live_at = None
    messages = []
    for page in pages:
        if go_live_at is not None:
            page.go_live_at = go_live_at
        messages += validation_messages(page)
    if messages:
        raise BookletPublicationError(messages)

    for chapter in plan.ready:
        chapter.ready = False
    try:
        with transaction.atomic():
            for page in pages:
                revision = page.save_revision(user=user, log_action=True, clean=False)
                revision.publish(user=user)
    except ValidationError as error:
        raise BookletPublicationError(flatten(error)) from error
    return PublicationReport(
        published=[page.title for page in pages],
        scheduled_for=go_live_at,
        skipped=plan.skipped,
        not_ready=[chapter.title for chapter in plan.not_ready],
    )
