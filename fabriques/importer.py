"""Import Fabriques from a CSV file: validate every row, then write all or nothing.

Reading accepts UTF-8 (with or without BOM) and Windows-1252, `;` or `,` separators.
Rows are keyed on `identifier`: a new identifier creates a page, a known one updates
it when something differs, and is left alone (no new revision) when nothing does.
The import never publishes what an editor has not: a Fabrique that is unpublished, or
has a draft waiting, gets the new values as a new draft revision (built on that draft,
so nothing the editor wrote is lost), reported as "drafted" for an editor to review.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from home.models import Theme

from .models import FabriqueIndexPage, FabriquePage
from .records import (
    COLUMNS,
    FabriqueRecord,
    RowError,
    parse_row,
    record_from_page,
    restore_cell,
)


class ImportFileError(ValueError):
    """The file as a whole cannot be read (encoding, header)."""


@dataclass
class Rejection:
    line: int
    identifier: str
    reason: str

    def __str__(self) -> str:
        values = {"line": self.line, "identifier": self.identifier, "reason": self.reason}
        if self.identifier:
            return _("ligne %(line)d (%(identifier)s) : %(reason)s") % values
        return _("ligne %(line)d : %(reason)s") % values


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    drafted: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    applied: bool = False

    def summary(self) -> str:
        summary = _(
            "%(created)d créée(s), %(updated)d mise(s) à jour, "
            "%(unchanged)d inchangée(s), %(rejected)d rejetée(s)"
        ) % {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "rejected": len(self.rejected),
        }
        if self.drafted:
            summary += ngettext(
                ", %(count)d brouillon à relire",
                ", %(count)d brouillons à relire",
                len(self.drafted),
            ) % {"count": len(self.drafted)}
        return summary

    def outcome(self) -> dict[str, list]:
        """What the run did or would do, line by line: a dry run's equals the real run's."""
        return {
            "created": self.created,
            "updated": self.updated,
            "drafted": self.drafted,
            "unchanged": self.unchanged,
            "rejected": [str(rejection) for rejection in self.rejected],
        }


def decode(content: bytes) -> str:
    """UTF-8 (a BOM is dropped) or, failing that, Windows-1252."""
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ImportFileError(_("encodage illisible : ni UTF-8 ni Windows-1252")) from exc


def read_rows(content: bytes) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) pairs; the header is line 1."""
    text = decode(content)
    header_line = text.split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(header_line, delimiters=";,").delimiter
    except csv.Error:
        delimiter = ";" if header_line.count(";") >= header_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [
        name
        for name, (required, _description) in COLUMNS.items()
        if required and name not in header
    ]
    if missing:
        raise ImportFileError(
            _("colonne(s) absente(s) de l'en-tête : %(columns)s") % {"columns": ", ".join(missing)}
        )
    reader.fieldnames = header
    rows = []
    for row in reader:
        if not any((value or "").strip() for key, value in row.items() if key is not None):
            continue  # blank line
        if None in row:
            rows.append((reader.line_num, {"__extra__": "1", **row}))
        else:
            rows.append((reader.line_num, row))
    return rows


@dataclass
class PlannedRow:
    line: int
    record: FabriqueRecord
    page: FabriquePage | None  # None: to create
    # The page as its latest revision has it; publish only when that is what is live.
    publish: bool = True


def editor_state(page: FabriquePage) -> tuple[FabriquePage, bool]:
    """The version of the page the import builds on, and whether it may publish it.

    A live page without pending changes: the page itself, published again. Otherwise
    (unpublished, or a draft waiting): the latest revision, saved as a new draft.
    """
    if page.live and not page.has_unpublished_changes:
        return page, True
    return page.get_latest_revision_as_object(), False


def plan_import(
    rows: Iterable[tuple[int, dict[str, str]]], index_page: FabriqueIndexPage, report: ImportReport
) -> list[PlannedRow]:
    """Validate every row and sort it into created, updated, unchanged or rejected."""
    known_themes = set(
        Theme.objects.filter(locale_id=index_page.locale_id).values_list("slug", flat=True)
    )
    same_language = FabriquePage.objects.filter(locale_id=index_page.locale_id)
    existing = {
        page.identifier: page for page in same_language.prefetch_related("themes").order_by("pk")
    }
    # A Fabrique known only in another language is translated, not imported again.
    elsewhere = set(
        FabriquePage.objects.exclude(locale_id=index_page.locale_id).values_list(
            "identifier", flat=True
        )
    )
    seen: dict[str, int] = {}
    planned = []
    for line, row in rows:
        identifier = restore_cell((row.get("identifier") or "").strip())
        try:
            if "__extra__" in row:
                raise RowError(_("plus de valeurs que de colonnes (séparateur dans une valeur ?)"))
            if identifier in seen:
                raise RowError(
                    _("identifiant déjà présent ligne %(line)d") % {"line": seen[identifier]}
                )
            record = parse_row(row, known_themes)
        except RowError as exc:
            report.rejected.append(Rejection(line, identifier, str(exc)))
            continue
        seen[identifier] = line
        page = existing.get(identifier)
        if page is None and identifier in elsewhere:
            report.rejected.append(
                Rejection(
                    line,
                    identifier,
                    _("cette Fabrique existe dans une autre langue : traduisez-la plutôt"),
                )
            )
            continue
        if page is None:
            report.created.append(identifier)
            planned.append(PlannedRow(line, record, None))
            continue
        if not page.is_child_of(index_page):
            report.rejected.append(
                Rejection(line, identifier, _("cette Fabrique est rangée dans un autre annuaire"))
            )
            continue
        base, publish = editor_state(page)
        current = record_from_page(base, [theme.slug for theme in base.themes.all()])
        if current == record:
            report.unchanged.append(identifier)
        else:
            (report.updated if publish else report.drafted).append(identifier)
            planned.append(PlannedRow(line, record, base, publish))
    return planned


def import_fabriques(
    content: bytes,
    index_page: FabriqueIndexPage,
    *,
    dry_run: bool = False,
    skip_invalid: bool = False,
    create_only: bool = False,
    progress: Callable[[Iterable], Iterable] = lambda items: items,
) -> ImportReport:
    """Read, validate and (unless dry_run, or rows were rejected) write in one transaction.

    With `create_only`, known identifiers are left as they are (the demo loader's mode).
    """
    report = ImportReport()
    planned = plan_import(read_rows(content), index_page, report)
    if create_only:
        report.unchanged += report.updated + report.drafted
        report.updated, report.drafted = [], []
        planned = [item for item in planned if item.page is None]
    if dry_run or (report.rejected and not skip_invalid):
        return report
    themes = {theme.slug: theme for theme in Theme.objects.filter(locale_id=index_page.locale_id)}
    with transaction.atomic():
        for item in progress(planned):
            write_page(index_page, item, themes)
    report.applied = True
    return report


def write_page(index_page: FabriqueIndexPage, item: PlannedRow, themes: dict) -> FabriquePage:
    page = item.page
    if page is None:
        page = FabriquePage(locale_id=index_page.locale_id)
        item.record.apply_to(page)
        page.slug = unique_slug(index_page, item.record.name, item.record.identifier)
        page.themes.set([themes[slug] for slug in item.record.themes])
        index_page.add_child(instance=page)
    else:
        item.record.apply_to(page)
        page.themes.set([themes[slug] for slug in item.record.themes])
    revision = page.save_revision()
    if item.publish:
        revision.publish()
    return page


def unique_slug(index_page: FabriqueIndexPage, name: str, identifier: str) -> str:
    base = slugify(name)[:200] or slugify(identifier)
    taken = set(index_page.get_children().values_list("slug", flat=True))
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug
