"""One Fabrique as a flat record: the CSV columns shared by the import and the export.

The import parses rows into records, the export writes records of live pages back
into rows, and comparing a page's record with a row's tells whether anything changed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import TYPE_CHECKING

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import territories
from .choices import FIRST_LABEL_YEAR, TERRITORY_THEMES, Structure, TerritoryType, url_validator

if TYPE_CHECKING:
    from .models import FabriquePage

LIST_SEPARATOR = "|"
# OWASP CSV injection: the first characters that make a spreadsheet cell a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
COORDINATE_STEP = Decimal("0.000001")

# Column name → (required, description). The README documents the same table.
COLUMNS: dict[str, tuple[bool, str]] = {
    "identifier": (True, "identifiant stable, clé de l'import (ex. FT-59-001)"),
    "name": (True, "nom de la Fabrique"),
    "short_description": (True, "description courte (500 caractères au plus)"),
    "address": (False, "adresse"),
    "postcode": (False, "code postal (5 chiffres)"),
    "commune": (True, "commune"),
    "departement_code": (True, "code INSEE du département (59, 2A, 974…)"),
    "departement_name": (False, "nom du département, vérifié s'il est donné"),
    "region_code": (True, "code INSEE de la région (32, 84…)"),
    "region_name": (False, "nom de la région, vérifié s'il est donné"),
    "latitude": (False, "latitude WGS 84 (-90 à 90) ; vide : la Fabrique n'est pas sur la carte"),
    "longitude": (False, "longitude WGS 84 (-180 à 180), donnée avec la latitude"),
    "territory_type": (True, "rural, qpv, urban ou peri-urban"),
    "themes": (False, "identifiants de thématiques séparés par |"),
    "year_labelled": (False, f"année de labellisation ({FIRST_LABEL_YEAR} ou après)"),
    "structure": (False, "association, scic, scop, company, public ou other"),
    "email": (False, "courriel de contact"),
    "phone": (False, "téléphone"),
    "website": (False, "site web (http:// ou https://)"),
    "social_links": (False, "adresses des réseaux sociaux séparées par |"),
}
# Columns stored under another name on the page.
MODEL_FIELDS = {"name": "title"}


# Fields checked or converted on their way from a CSV row into a record.
DERIVED_FIELDS = {
    "name",
    "departement_code",
    "departement_name",
    "region_code",
    "region_name",
    "latitude",
    "longitude",
    "themes",
    "year_labelled",
    "social_links",
}


class RowError(ValueError):
    """A row that cannot be imported, with the reason given to the user."""


@dataclass(frozen=True)
class FabriqueRecord:
    identifier: str
    name: str
    short_description: str
    address: str
    postcode: str
    commune: str
    departement_code: str
    departement_name: str
    region_code: str
    region_name: str
    latitude: Decimal | None
    longitude: Decimal | None
    territory_type: str
    themes: tuple[str, ...]
    year_labelled: int | None
    structure: str
    email: str
    phone: str
    website: str
    social_links: tuple[str, ...]

    def to_row(self) -> dict[str, str]:
        """The CSV row; text cells neutralised against formulas, numbers written as they are
        (a negative longitude stays a number: validated, it cannot be a formula)."""
        row = {}
        for key, value in asdict(self).items():
            if isinstance(value, tuple):
                value = LIST_SEPARATOR.join(value)
            if isinstance(value, str):
                row[key] = neutralise_cell(value)
            else:
                row[key] = "" if value is None else str(value)
        return row

    def apply_to(self, page: FabriquePage) -> None:
        """Copy the record onto a page (themes are set by the caller: they need ids)."""
        for field in fields(self):
            if field.name in ("name", "themes", "social_links"):
                continue
            setattr(page, field.name, getattr(self, field.name))
        page.title = self.name
        page.social_links = "\n".join(self.social_links)


def record_from_page(page: FabriquePage, theme_slugs: list[str]) -> FabriqueRecord:
    converted = {"name", "latitude", "longitude", "themes", "social_links"}
    names = [field.name for field in fields(FabriqueRecord) if field.name not in converted]
    return FabriqueRecord(
        **{name: getattr(page, name) for name in names},
        name=page.title,
        latitude=quantize(page.latitude),
        longitude=quantize(page.longitude),
        themes=tuple(sorted(theme_slugs)),
        social_links=tuple(page.social_link_list),
    )


def quantize(value: Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(COORDINATE_STEP)


def parse_row(row: dict[str, str | None], known_themes: set[str]) -> FabriqueRecord:
    """Validate one CSV row (column name → text) into a record, or raise RowError."""
    values = {key: restore_cell((row.get(key) or "").strip()) for key in COLUMNS}
    missing = [
        key for key, (required, _description) in COLUMNS.items() if required and not values[key]
    ]
    if missing:
        raise RowError(
            _("colonne(s) obligatoire(s) vide(s) : %(columns)s") % {"columns": ", ".join(missing)}
        )
    for key, limit in max_lengths().items():
        if len(values[key]) > limit:
            raise RowError(
                ngettext(
                    "%(column)s dépasse %(limit)d caractère",
                    "%(column)s dépasse %(limit)d caractères",
                    limit,
                )
                % {"column": key, "limit": limit}
            )

    departement = territories.departement(values["departement_code"])
    if departement is None:
        raise RowError(
            _("code de département inconnu : %(code)s") % {"code": repr(values["departement_code"])}
        )
    region = territories.region(values["region_code"])
    if region is None:
        raise RowError(
            _("code de région inconnu : %(code)s") % {"code": repr(values["region_code"])}
        )
    if departement.region != region:
        raise RowError(
            _(
                "le département %(departement_code)s (%(departement)s) n'appartient pas à la "
                "région %(region_code)s (%(region)s) mais à %(actual_region)s"
            )
            % {
                "departement_code": departement.code,
                "departement": departement.name,
                "region_code": region.code,
                "region": region.name,
                "actual_region": departement.region.name,
            }
        )
    for key, official in (("departement_name", departement.name), ("region_name", region.name)):
        if values[key] and values[key].casefold() != official.casefold():
            raise RowError(
                _("%(column)s %(value)s ne correspond pas au code (%(official)s)")
                % {"column": key, "value": repr(values[key]), "official": official}
            )

    latitude = longitude = None
    if values["latitude"] or values["longitude"]:
        if not (values["latitude"] and values["longitude"]):
            raise RowError(_("latitude et longitude vont ensemble : donnez les deux ou aucune"))
        latitude = parse_coordinate(values["latitude"], "latitude", 90)
        longitude = parse_coordinate(values["longitude"], "longitude", 180)

    if values["territory_type"] not in TerritoryType.values:
        raise RowError(
            _("type de territoire inconnu : %(value)s (attendu : %(expected)s)")
            % {"value": repr(values["territory_type"]), "expected": ", ".join(TerritoryType.values)}
        )
    if values["structure"] and values["structure"] not in Structure.values:
        raise RowError(
            _("forme juridique inconnue : %(value)s (attendu : %(expected)s)")
            % {"value": repr(values["structure"]), "expected": ", ".join(Structure.values)}
        )
    themes = split_list(values["themes"])
    territorial = [slug for slug in themes if slug in TERRITORY_THEMES]
    if territorial:
        raise RowError(
            _(
                "thématique(s) %(themes)s : c'est le type de territoire, à donner dans la "
                "colonne territory_type (%(types)s), pas dans themes"
            )
            % {
                "themes": ", ".join(territorial),
                "types": ", ".join(sorted({TERRITORY_THEMES[slug] for slug in territorial})),
            }
        )
    unknown = [slug for slug in themes if slug not in known_themes]
    if unknown:
        raise RowError(_("thématique(s) inconnue(s) : %(themes)s") % {"themes": ", ".join(unknown)})

    year = None
    if values["year_labelled"]:
        if not values["year_labelled"].isdigit() or not (
            FIRST_LABEL_YEAR <= int(values["year_labelled"]) <= 2100
        ):
            raise RowError(
                _("année de labellisation invalide : %(value)s")
                % {"value": repr(values["year_labelled"])}
            )
        year = int(values["year_labelled"])

    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            raise RowError(
                _("courriel invalide : %(value)s") % {"value": repr(values["email"])}
            ) from None
    social_links = split_list(values["social_links"])
    urls = [("website", values["website"])] if values["website"] else []
    urls += [("social_links", url) for url in social_links]
    for key, url in urls:
        try:
            url_validator(url)
        except ValidationError:
            raise RowError(
                _("%(column)s : adresse invalide %(url)s") % {"column": key, "url": repr(url)}
            ) from None

    record = FabriqueRecord(
        **{key: values[key] for key in COLUMNS if key not in DERIVED_FIELDS},
        name=values["name"],
        departement_code=departement.code,
        departement_name=departement.name,
        region_code=region.code,
        region_name=region.name,
        latitude=latitude,
        longitude=longitude,
        themes=tuple(sorted(set(themes))),
        year_labelled=year,
        social_links=tuple(social_links),
    )
    check_with_model(record)
    return record


def page_model() -> type[FabriquePage]:
    # Looked up, not imported: the model module imports this one's neighbours.
    return apps.get_model("fabriques", "FabriquePage")


@cache
def max_lengths() -> dict[str, int]:
    """Column → the max_length of the page field it fills: the model is the one source,
    so a value the import accepts always fits the database."""
    limits = {}
    for column in COLUMNS:
        try:
            field = page_model()._meta.get_field(MODEL_FIELDS.get(column, column))
        except FieldDoesNotExist:
            continue
        if getattr(field, "max_length", None) and not field.is_relation:
            limits[column] = field.max_length
    return limits


def check_with_model(record: FabriqueRecord) -> None:
    """Run the page fields' own validation (lengths, validators, choices) on the record,
    so that what the import accepts is what an editor could save: a dry run that passes
    cannot fail later on a field the checks above did not foresee."""
    page = page_model()()
    record.apply_to(page)
    filled = {MODEL_FIELDS.get(field.name, field.name) for field in fields(record)} - {"themes"}
    others = [field.name for field in page._meta.fields if field.name not in filled]
    try:
        page.clean_fields(exclude=others)
    except ValidationError as exc:
        name, messages = next(iter(exc.message_dict.items()))
        column = next((c for c, f in MODEL_FIELDS.items() if f == name), name)
        raise RowError(
            _("%(column)s : %(error)s") % {"column": column, "error": messages[0]}
        ) from None


def parse_coordinate(raw: str, label: str, limit: int) -> Decimal:
    try:
        value = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        raise RowError(
            _("%(column)s n'est pas un nombre : %(value)s") % {"column": label, "value": repr(raw)}
        ) from None
    if not value.is_finite() or not -limit <= value <= limit:
        raise RowError(
            _("%(column)s hors limites (-%(limit)d à %(limit)d) : %(value)s")
            % {"column": label, "limit": limit, "value": raw}
        )
    return value.quantize(COORDINATE_STEP)


def split_list(raw: str) -> list[str]:
    return [item.strip() for item in raw.split(LIST_SEPARATOR) if item.strip()]


def needs_quote(text: str) -> bool:
    """Text a spreadsheet would read as a formula, once any leading quotes are set aside."""
    return text.lstrip(QUOTE).startswith(FORMULA_TRIGGERS)


def neutralise_cell(value: str) -> str:
    """A CSV cell no spreadsheet runs as a formula (OWASP CSV injection): a value starting
    with =, +, -, @, tab or carriage return gets a leading single quote. A value already
    made of quotes before such a character gets one more, so that restore_cell, which
    takes one off, gives every value back as it was."""
    return QUOTE + value if needs_quote(value) else value


def restore_cell(cell: str) -> str:
    """The value neutralise_cell quoted, as it was: the inverse of neutralise_cell."""
    return cell[1:] if cell.startswith(QUOTE) and needs_quote(cell) else cell
