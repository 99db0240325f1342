"""The restitution booklet: a cover page and its chapters, read online or as a PDF."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models
from django.db.models import Exists, OuterRef
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, PageViewRestriction, Revision
from wagtail.query import PageQuerySet
from wagtail.search import index

from home.blocks import heading_anchor
from home.forms import LocaleBoundPageForm
from home.models import LeanPageMixin, SocialMetaMixin
from home.queries import chosen_in, current_q, mark_visible, only_visible

from .blocks import ChapterStreamBlock
from .pdf_record import BookletPdf

__all__ = ["BookletChapterPage", "BookletPage", "BookletPdf"]

FOREWORD_FEATURES = ["bold", "italic", "link", "ol", "ul"]
# Seconds a reader is asked to wait when the booklet has no PDF yet.
RETRY_AFTER_SECONDS = 30


@dataclass(frozen=True)
class Section:
    """A level-2 heading of a chapter, as the table of contents lists it."""

    text: str
    anchor: str


class BookletChapterQuerySet(PageQuerySet):
    def reading_order(self, booklet: BookletPage) -> BookletChapterQuerySet:
        """The booklet's live chapters in tree order (the admin's sibling order).

        Whoever reads the booklet has passed its view restrictions (and its ancestors'),
        which its chapters inherit: a booklet restricted as a whole lists its chapters to
        the readers it admits. A chapter restricted on its own is left out.
        """
        restricted = PageViewRestriction.objects.filter(page_id=OuterRef("pk"))
        return self.child_of(booklet).filter(current_q(), ~Exists(restricted)).order_by("path")


BookletChapterManager = PageManager.from_queryset(BookletChapterQuerySet)


class BookletPage(RoutablePageMixin, LeanPageMixin, SocialMetaMixin, Page):
    """The cover of a booklet; its chapters are its children, in the admin's order."""

    base_form_class = LocaleBoundPageForm

    subtitle = models.CharField(_("sous-titre"), max_length=250, blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image de couverture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_alt = models.CharField(
        _("texte alternatif de la couverture"),
        max_length=250,
        blank=True,
        help_text=_("Laissez vide si l'image est décorative ; sinon décrivez-la."),
    )
    edition_date = models.DateField(_("date d'édition"), default=timezone.localdate)
    publishers = ParentalManyToManyField(
        "home.Organisation", verbose_name=_("éditeurs"), blank=True, related_name="booklets"
    )
    event = models.ForeignKey(
        "agenda.EventPage",
        verbose_name=_("événement restitué"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="booklets",
    )
    foreword = RichTextField(_("avant-propos"), features=FOREWORD_FEATURES, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("subtitle"),
        MultiFieldPanel(
            [FieldPanel("cover_image"), FieldPanel("cover_alt")], heading=_("Couverture")
        ),
        FieldPanel("edition_date"),
        FieldPanel("publishers"),
        FieldPanel("event"),
        FieldPanel("foreword"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("subtitle", boost=2),
        index.SearchField("foreword"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["booklet.BookletChapterPage"]

    class Meta:
        verbose_name = _("livret")
        verbose_name_plural = _("livrets")

    def get_social_image(self):
        return self.cover_image

    def get_social_description(self) -> str:
        return self.search_description or self.subtitle

    def chapters(self, with_bodies: bool = True) -> list[BookletChapterPage]:
        """Live chapters in reading order, numbered from 1, in one query."""
        queryset = BookletChapterPage.objects.reading_order(self)
        if not with_bodies:
            queryset = queryset.defer_streamfields()
        chapters = list(queryset)
        for number, chapter in enumerate(chapters, start=1):
            chapter.number = number
            chapter._cached_parent_obj = self
        return chapters

    def cover_context(self) -> dict:
        return {
            "booklet": self,
            "publishers": list(self.publishers.all()),
            "event": next(iter(only_visible([self.event] if self.event_id else [])), None),
        }

    @path("")
    def home(self, request):
        return self.render(
            request, context_overrides={**self.cover_context(), "chapters": self.chapters()}
        )

    @path("complet/", name="full")
    def full_view(self, request):
        """The whole booklet on one page: for reading straight through and for printing."""
        chapters = self.chapters()
        # Every body is rendered: one query tells which of their chosen pages may be linked.
        mark_visible([page for chapter in chapters for page in chosen_in(chapter.body)])
        return self.render(
            request,
            template="booklet/booklet_page_full.html",
            context_overrides={**self.cover_context(), "chapters": chapters},
        )

    @path("pdf/", name="pdf")
    def pdf_download(self, request):
        """The stored PDF; never rendered here (the worker does it, see pdf_files.py)."""
        from .pdf_serving import stored_pdf

        pdf = stored_pdf(self)
        if pdf.name is None:
            response = self.render(
                request,
                template="booklet/booklet_pdf_pending.html",
                context_overrides=self.cover_context(),
            )
            response.status_code = 503
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
            return response
        response = FileResponse(
            default_storage.open(pdf.name, "rb"),
            as_attachment=True,
            filename=f"{self.slug}.pdf",
            content_type="application/pdf",
        )
        if not pdf.current:
            # The last good PDF while the worker renders the new one: say so to clients.
            response["Warning"] = '110 - "Response is Stale"'
            response["Cache-Control"] = "no-cache"
        return response

    def full_url_path(self) -> str:
        return self.url + self.reverse_subpage("full")

    def pdf_url(self) -> str:
        return self.url + self.reverse_subpage("pdf")


class BookletChapterPage(LeanPageMixin, SocialMetaMixin, Page):
    """One chapter; its number is its position among the booklet's live chapters."""

    base_form_class = LocaleBoundPageForm

    intro = models.TextField(_("introduction"), max_length=1000, blank=True)
    body = StreamField(ChapterStreamBlock(), verbose_name=_("contenu du chapitre"))
    ready = models.BooleanField(
        _("prêt à publier"),
        default=False,
        help_text=_(
            "Cochez quand le chapitre est relu : « Publier le livret » publie alors "
            "le livret et tous ses chapitres prêts en une fois."
        ),
    )

    objects = BookletChapterManager()

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("ready"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
    ]
    parent_page_types = ["booklet.BookletPage"]
    subpage_types: list[str] = []

    number: int | None = None

    class Meta:
        verbose_name = _("chapitre de livret")
        verbose_name_plural = _("chapitres de livret")

    def get_social_description(self) -> str:
        return self.search_description or self.intro

    @property
    def sections(self) -> list[Section]:
        """The chapter's h2 headings, read off the stored JSON without loading any block."""
        sections = []
        for block in self.body.raw_data:
            value = block.get("value") or {}
            if block.get("type") == "heading" and value.get("level", "h2") == "h2":
                sections.append(Section(value.get("text", ""), heading_anchor(value)))
        return sections

    @property
    def html_id(self) -> str:
        return f"chapitre-{self.slug}"

    def get_booklet(self) -> BookletPage | None:
        parent = self.get_parent()
        if parent is None:
            return None
        return parent if isinstance(parent, BookletPage) else parent.specific

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        booklet = self.get_booklet()
        chapters = booklet.chapters(with_bodies=False)
        position = next((i for i, c in enumerate(chapters) if c.pk == self.pk), None)
        if position is not None:
            self.number = chapters[position].number
        context.update(
            booklet=booklet,
            chapters=chapters,
            chapter_count=len(chapters),
            previous_chapter=chapters[position - 1] if position else None,
            next_chapter=(
                chapters[position + 1]
                if position is not None and position + 1 < len(chapters)
                else None
            ),
        )
        return context

    # Editorial rule: a chapter never goes live before its booklet.

    def publication_blocker(self, go_live_at=None) -> str | None:
        """Why this chapter may not go live now (or at `go_live_at`), or None."""
        booklet = (
            Page.objects.filter(path=self.path[: -self.steplen], depth=self.depth - 1)
            .values("pk", "live", "title")
            .first()
        )
        if booklet is None or booklet["live"]:
            return None
        moment = go_live_at or timezone.now()
        scheduled = Revision.page_revisions.filter(
            object_id=str(booklet["pk"]),
            approved_go_live_at__isnull=False,
            approved_go_live_at__lte=moment,
        ).exists()
        if scheduled:
            return None
        return str(
            _(
                "Le chapitre « %(chapter)s » ne peut pas être publié seul : le livret "
                "« %(booklet)s » n'est pas encore publié. Utilisez l'action « Publier le "
                "livret et ses chapitres prêts » depuis la page du livret."
            )
            % {"chapter": self.title, "booklet": booklet["title"]}
        )

    def approval_blocker(self) -> str | None:
        """Why a reviewer may not approve this chapter now (approving publishes it), or None."""
        blocker = self.publication_blocker(go_live_at=self.go_live_at)
        if blocker is None:
            return None
        return str(
            _(
                "Le chapitre « %(chapter)s » ne peut pas être approuvé : son livret n'est pas "
                "publié, et l'approuver le publierait seul. Publiez d'abord le livret avec "
                "« Publier le livret et ses chapitres prêts »."
            )
            % {"chapter": self.title}
        )

    def clean(self):
        super().clean()
        if self.live and self.path:
            blocker = self.publication_blocker()
            if blocker:
                raise ValidationError(blocker)


def get_booklet_or_404(page_id: int) -> BookletPage:
    booklet = BookletPage.objects.filter(pk=page_id).first()
    if booklet is None:
        raise Http404("Livret introuvable")
    return booklet
