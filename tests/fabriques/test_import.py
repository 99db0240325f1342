import csv
import io
from decimal import Decimal

import pytest

from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import translation

from fabriques import importer
from fabriques.models import FabriquePage

AGREED_THEME_SLUGS = [
    "gouvernance-partagee",
    "mediation-numerique",
    "agriculture",
    "culture",
    "insertion-professionnelle",
    "transition-ecologique",
    "ruralite",
    "qpv",
]
HEADER = [
    "identifier",
    "name",
    "short_description",
    "address",
    "postcode",
    "commune",
    "departement_code",
    "departement_name",
    "region_code",
    "region_name",
    "latitude",
    "longitude",
    "territory_type",
    "themes",
    "year_labelled",
    "structure",
    "email",
    "phone",
    "website",
    "social_links",
]

GRANGE = {
    "identifier": "FT-23-001",
    "name": "La Grange Numérique",
    "short_description": "Une grange où l'on apprend le numérique.",
    "postcode": "23000",
    "commune": "Guéret",
    "departement_code": "23",
    "region_code": "75",
    "latitude": "46.1714",
    "longitude": "1.8717",
    "territory_type": "rural",
    "themes": "mediation-numerique",
    "year_labelled": "2020",
    "structure": "association",
    "email": "contact@grange.example.org",
    "website": "https://grange.example.org/",
    "social_links": "https://mastodon.example.org/@grange|https://video.example.org/grange",
}
FERME = {
    "identifier": "FT-26-001",
    "name": "La Ferme Commune",
    "short_description": "Une ferme partagée.",
    "commune": "Die",
    "departement_code": "26",
    "departement_name": "Drôme",
    "region_code": "84",
    "region_name": "Auvergne-Rhône-Alpes",
    "latitude": "44,7536",
    "longitude": "5.37",
    "territory_type": "rural",
    "themes": "agriculture",
}


def make_csv(rows, delimiter=";", encoding="utf-8", header=HEADER) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, delimiter=delimiter, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue().encode(encoding)


def run_import(tmp_path, content: bytes, *args):
    path = tmp_path / "fabriques.csv"
    path.write_bytes(content)
    out = io.StringIO()
    call_command("import_fabriques", str(path), *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def ready(directory, themes):
    return directory


@pytest.mark.django_db
class TestImportGoodFile:
    def test_creates_published_pages_with_official_names(self, tmp_path, ready):
        out = run_import(tmp_path, make_csv([GRANGE, FERME]))
        assert "2 créée(s), 0 mise(s) à jour, 0 inchangée(s), 0 rejetée(s)" in out
        grange = FabriquePage.objects.get(identifier="FT-23-001")
        assert grange.live and grange.get_parent().pk == ready.pk
        assert grange.title == "La Grange Numérique"
        assert (grange.departement_name, grange.region_name) == ("Creuse", "Nouvelle-Aquitaine")
        assert grange.latitude == Decimal("46.171400")
        assert [t.slug for t in grange.themes.all()] == ["mediation-numerique"]
        assert grange.social_link_list == [
            "https://mastodon.example.org/@grange",
            "https://video.example.org/grange",
        ]
        assert grange.revisions.count() == 1
        ferme = FabriquePage.objects.get(identifier="FT-26-001")
        assert ferme.latitude == Decimal("44.753600")  # decimal comma accepted

    def test_reimport_is_unchanged_and_adds_no_revision(self, tmp_path, ready):
        run_import(tmp_path, make_csv([GRANGE, FERME]))
        out = run_import(tmp_path, make_csv([GRANGE, FERME]))
        assert "0 créée(s), 0 mise(s) à jour, 2 inchangée(s), 0 rejetée(s)" in out
        assert FabriquePage.objects.get(identifier="FT-23-001").revisions.count() == 1

    def test_changed_row_updates_and_publishes(self, tmp_path, ready):
        run_import(tmp_path, make_csv([GRANGE, FERME]))
        changed = {**GRANGE, "commune": "Guéret Centre", "themes": "mediation-numerique|culture"}
        out = run_import(tmp_path, make_csv([changed, FERME]))
        assert "0 créée(s), 1 mise(s) à jour, 1 inchangée(s)" in out
        grange = FabriquePage.objects.get(identifier="FT-23-001")
        assert grange.commune == "Guéret Centre"
        assert sorted(t.slug for t in grange.themes.all()) == ["culture", "mediation-numerique"]
        assert grange.revisions.count() == 2
        assert not grange.has_unpublished_changes
        assert FabriquePage.objects.count() == 2

    @pytest.mark.parametrize(
        ("delimiter", "encoding"),
        [(";", "utf-8"), (",", "utf-8"), (";", "utf-8-sig"), (",", "cp1252"), (";", "cp1252")],
    )
    def test_encodings_and_separators(self, tmp_path, ready, delimiter, encoding):
        run_import(tmp_path, make_csv([GRANGE, FERME], delimiter=delimiter, encoding=encoding))
        assert FabriquePage.objects.get(identifier="FT-23-001").commune == "Guéret"
        assert FabriquePage.objects.get(identifier="FT-26-001").region_name == (
            "Auvergne-Rhône-Alpes"
        )

    def test_dry_run_changes_nothing(self, tmp_path, ready):
        out = run_import(tmp_path, make_csv([GRANGE, FERME]), "--dry-run")
        assert "rien n'a été écrit" in out
        assert "2 créée(s)" in out
        assert not FabriquePage.objects.exists()

    def test_dry_run_reports_updates_without_writing(self, tmp_path, ready):
        run_import(tmp_path, make_csv([GRANGE]))
        out = run_import(tmp_path, make_csv([{**GRANGE, "commune": "Ailleurs"}]), "--dry-run")
        assert "1 mise(s) à jour" in out
        assert FabriquePage.objects.get(identifier="FT-23-001").commune == "Guéret"

    def test_no_directory_is_a_clear_error(self, tmp_path, home, themes):
        with pytest.raises(CommandError, match="Aucun annuaire"):
            run_import(tmp_path, make_csv([GRANGE]))


@pytest.mark.django_db
class TestImportBadInput:
    @pytest.mark.parametrize(
        ("change", "reason"),
        [
            ({"name": ""}, "obligatoire"),
            ({"departement_code": "99"}, "département inconnu"),
            ({"region_code": "12"}, "région inconnu"),
            ({"region_code": "84"}, "n'appartient pas à la région 84"),
            ({"departement_name": "Corrèze"}, "ne correspond pas"),
            ({"latitude": "95"}, "latitude hors limites"),
            ({"longitude": "-181"}, "longitude hors limites"),
            ({"latitude": "nord"}, "n'est pas un nombre"),
            ({"longitude": ""}, "latitude et longitude vont ensemble"),
            ({"email": "pas-une-adresse"}, "courriel invalide"),
            ({"website": "grange.example.org"}, "website : adresse invalide"),
            ({"social_links": "javascript:alert(1)"}, "social_links : adresse invalide"),
            ({"territory_type": "montagne"}, "type de territoire inconnu"),
            ({"themes": "culture|cuisine"}, "thématique(s) inconnue(s) : cuisine"),
            ({"themes": "culture|ruralite"}, "ruralite : c'est le type de territoire"),
            ({"year_labelled": "2015"}, "année de labellisation invalide"),
            ({"structure": "sarl"}, "forme juridique inconnue"),
        ],
    )
    def test_each_rule_rejects_with_line_number(self, tmp_path, ready, change, reason):
        content = make_csv([FERME, {**GRANGE, **change}])
        with pytest.raises(CommandError, match="rien n'a été importé"):
            run_import(tmp_path, content)
        report = importer.import_fabriques(content, ready, dry_run=True)
        assert [(r.line, r.identifier) for r in report.rejected] == [(3, "FT-23-001")]
        assert reason in report.rejected[0].reason
        assert not FabriquePage.objects.exists()

    def test_mixed_file_writes_nothing_and_lists_rejections(self, tmp_path, ready):
        bad = {**GRANGE, "identifier": "FT-23-002", "latitude": "200"}
        content = make_csv([GRANGE, bad, FERME, {**FERME}])
        out = io.StringIO()
        path = tmp_path / "mixed.csv"
        path.write_bytes(content)
        with pytest.raises(CommandError):
            call_command("import_fabriques", str(path), stdout=out)
        printed = out.getvalue()
        assert "ligne 3 (FT-23-002)" in printed
        assert "ligne 5 (FT-26-001) : identifiant déjà présent ligne 4" in printed
        assert not FabriquePage.objects.exists()

    def test_skip_invalid_imports_the_good_rows(self, tmp_path, ready):
        bad = {**GRANGE, "identifier": "FT-23-002", "territory_type": "lunaire"}
        out = run_import(tmp_path, make_csv([GRANGE, bad, FERME]), "--skip-invalid")
        assert "2 créée(s), 0 mise(s) à jour, 0 inchangée(s), 1 rejetée(s)" in out
        assert set(FabriquePage.objects.values_list("identifier", flat=True)) == {
            "FT-23-001",
            "FT-26-001",
        }

    def test_missing_column_refuses_the_file(self, tmp_path, ready):
        header = [name for name in HEADER if name != "commune"]
        with pytest.raises(CommandError, match="commune"):
            run_import(tmp_path, make_csv([GRANGE], header=header))
        assert not FabriquePage.objects.exists()

    def test_unreadable_encoding(self, tmp_path, ready):
        content = make_csv([GRANGE]) + b"\x81\x8d\x8f\x90\x9d"  # undefined in Windows-1252
        with pytest.raises(CommandError, match="encodage"):
            run_import(tmp_path, content)

    def test_row_with_extra_values_is_rejected(self, tmp_path, ready):
        content = make_csv([GRANGE]) + b"FT-X;a;b;;;c;59;;32;;50;3;urban;;;;;;;;extra\n"
        report = importer.import_fabriques(content, ready, dry_run=True)
        assert report.rejected[0].line == 3
        assert "plus de valeurs" in report.rejected[0].reason

    def test_failure_while_writing_rolls_everything_back(self, tmp_path, ready, monkeypatch):
        original = importer.write_page
        calls = []

        def failing(index_page, item, themes):
            calls.append(item)
            if len(calls) == 2:
                raise RuntimeError("disk full")
            return original(index_page, item, themes)

        monkeypatch.setattr(importer, "write_page", failing)
        with pytest.raises(RuntimeError):
            importer.import_fabriques(make_csv([GRANGE, FERME]), ready)
        assert not FabriquePage.objects.exists()


@pytest.mark.django_db
class TestSampleFile:
    EXPECTED = {
        "FT-59-001": ("La Condition Publique", "Roubaix", "59", "Nord", "32", "urban", "culture"),
        "FT-23-001": ("La Grange Numérique", "Guéret", "23", "Creuse", "75", "rural",
                      "mediation-numerique"),
        "FT-93-001": ("Le Hangar des Possibles", "Saint-Denis", "93", "Seine-Saint-Denis", "11",
                      "qpv", "insertion-professionnelle"),
        "FT-26-001": ("La Ferme Commune", "Die", "26", "Drôme", "84", "rural", "agriculture"),
        "FT-35-001": ("La Scène du Bourg", "Redon", "35", "Ille-et-Vilaine", "53", "rural",
                      "culture"),
        "FT-31-001": ("La Coopérative des Savoirs", "Toulouse", "31", "Haute-Garonne", "76",
                      "qpv", "gouvernance-partagee"),
    }  # fmt: skip

    def test_sample_has_the_agreed_fabriques_and_is_valid(self, tmp_path, directory, locale_fr):
        from fabriques.demo import SAMPLE_CSV
        from tests.factories import ThemeFactory

        for slug in AGREED_THEME_SLUGS:
            ThemeFactory(slug=slug, locale=locale_fr)
        out = run_import(tmp_path, SAMPLE_CSV.read_bytes())
        assert "0 rejetée(s)" in out
        assert FabriquePage.objects.count() >= 30
        for identifier, expected in self.EXPECTED.items():
            page = FabriquePage.objects.get(identifier=identifier)
            name, commune, dep, dep_name, region, kind, theme = expected
            assert (page.title, page.commune, page.departement_code) == (name, commune, dep)
            assert (page.departement_name, page.region_code) == (dep_name, region)
            assert page.territory_type == kind
            assert theme in {t.slug for t in page.themes.all()}
            assert "fictive" in page.short_description
        out = run_import(tmp_path, SAMPLE_CSV.read_bytes())
        assert f"0 créée(s), 0 mise(s) à jour, {FabriquePage.objects.count()} inchangée(s)" in out


@pytest.mark.django_db
class TestEnglishReport:
    """The operator's report follows the active language; French stays the source."""

    def test_summary_and_created_lines(self, tmp_path, ready):
        with translation.override("en"):
            out = run_import(tmp_path, make_csv([GRANGE, FERME]))
        assert out.splitlines() == [
            "Created: FT-23-001",
            "Created: FT-26-001",
            "2 created, 0 updated, 0 unchanged, 0 rejected.",
        ]

    def test_dry_run_and_update(self, tmp_path, ready):
        run_import(tmp_path, make_csv([GRANGE]))
        with translation.override("en"):
            out = run_import(tmp_path, make_csv([{**GRANGE, "commune": "Ailleurs"}]), "--dry-run")
        assert "Updated: FT-23-001" in out
        assert out.splitlines()[-1] == (
            "Dry run (--dry-run), nothing was written: 0 created, 1 updated, 0 unchanged, "
            "0 rejected."
        )

    def test_rejected_line_reason_and_error(self, tmp_path, ready):
        path = tmp_path / "fabriques.csv"
        path.write_bytes(make_csv([FERME, {**GRANGE, "departement_code": "99"}]))
        out = io.StringIO()
        with translation.override("en"), pytest.raises(CommandError) as refused:
            call_command("import_fabriques", str(path), stdout=out)
        assert out.getvalue().splitlines() == [
            "Rejected: line 3 (FT-23-001): unknown department code: '99'"
        ]
        assert str(refused.value) == (
            "1 line rejected: nothing was imported (1 created, 0 updated, 0 unchanged, "
            "1 rejected once the file is fixed). Fix the file or run again with --skip-invalid."
        )
        assert not FabriquePage.objects.exists()

    def test_skip_invalid_with_two_rejections(self, tmp_path, ready):
        bad = {**GRANGE, "identifier": "FT-23-002", "latitude": "200"}
        content = make_csv([GRANGE, bad, FERME, {**FERME}])
        with translation.override("en"):
            out = run_import(tmp_path, content, "--skip-invalid")
        assert out.splitlines() == [
            "Rejected: line 3 (FT-23-002): latitude out of range (-90 to 90): 200",
            "Rejected: line 5 (FT-26-001): identifier already on line 4",
            "Created: FT-23-001",
            "Created: FT-26-001",
            "2 created, 0 updated, 0 unchanged, 2 rejected.",
        ]

    @pytest.mark.parametrize(
        ("change", "reason"),
        [
            ({"name": ""}, "required column(s) empty: name"),
            ({"region_code": "84"}, "department 23 (Creuse) is not in region 84"),
            ({"departement_name": "Corrèze"}, "departement_name 'Corrèze' does not match"),
            ({"longitude": ""}, "latitude and longitude go together"),
            ({"themes": "culture|cuisine"}, "unknown theme(s): cuisine"),
            ({"themes": "qpv"}, "theme(s) qpv: this is the territory type (qpv)"),
            ({"website": "grange.example.org"}, "website: invalid address"),
            ({"territory_type": "montagne"}, "unknown territory type: 'montagne' (expected: "),
        ],
    )
    def test_row_reasons(self, ready, change, reason):
        content = make_csv([{**GRANGE, **change}])
        with translation.override("en"):
            report = importer.import_fabriques(content, ready, dry_run=True)
        assert reason in report.rejected[0].reason

    def test_file_errors(self, tmp_path, ready):
        header = [name for name in HEADER if name != "commune"]
        with translation.override("en"), pytest.raises(CommandError) as refused:
            run_import(tmp_path, make_csv([GRANGE], header=header))
        assert str(refused.value) == "File refused: column(s) missing from the header: commune"
        with translation.override("en"), pytest.raises(CommandError) as refused:
            run_import(tmp_path, make_csv([GRANGE]) + b"\x81\x8d\x8f\x90\x9d")
        assert str(refused.value) == (
            "File refused: unreadable encoding: neither UTF-8 nor Windows-1252"
        )

    def test_no_directory(self, tmp_path, home, themes):
        with (
            translation.override("en"),
            pytest.raises(CommandError, match="No Fabriques directory"),
        ):
            run_import(tmp_path, make_csv([GRANGE]))

    def test_command_help(self):
        from fabriques.management.commands.import_fabriques import Command

        with translation.override("en"):
            text = Command().create_parser("manage.py", "import_fabriques").format_help()
        assert "Create or update the Fabriques from a CSV file" in text
        assert "Check everything without writing anything." in text
        assert "rien" not in text


def test_readme_documents_the_csv_columns():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    table = readme.split("| Column | Required | Content |", 1)[1].split("\n\n", 1)[0]
    documented = [line.split("`")[1] for line in table.splitlines() if line.startswith("| `")]
    assert documented == HEADER


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.django_db
def test_progress_bar_on_a_terminal_and_report_on_stdout(tmp_path, directory, themes, monkeypatch):
    terminal = FakeTerminal()
    monkeypatch.setattr("sys.stderr", terminal)
    out = run_import(tmp_path, make_csv([GRANGE, FERME]))
    assert "Publication" in terminal.getvalue() and "2/2" in terminal.getvalue()
    assert "Publication" not in out
    assert out.splitlines()[-1] == "2 créée(s), 0 mise(s) à jour, 0 inchangée(s), 0 rejetée(s)."


def live_grange(tmp_path) -> FabriquePage:
    run_import(tmp_path, make_csv([GRANGE, FERME]))
    return FabriquePage.objects.get(identifier="FT-23-001")


@pytest.mark.django_db
class TestEditorsDecisionsAreKept:
    """The import never publishes what an editor unpublished, never replaces a draft."""

    def test_unpublished_fabrique_gets_a_draft_and_stays_unpublished(self, tmp_path, ready):
        live_grange(tmp_path).unpublish()
        out = run_import(tmp_path, make_csv([{**GRANGE, "commune": "Ailleurs"}, FERME]))
        assert "Brouillon à relire : FT-23-001" in out
        assert "1 brouillon à relire" in out.splitlines()[-1]
        grange = FabriquePage.objects.get(identifier="FT-23-001")
        assert not grange.live
        assert grange.commune == "Guéret"  # the row keeps what was last published
        assert grange.get_latest_revision_as_object().commune == "Ailleurs"
        assert grange.has_unpublished_changes

    def test_pending_draft_is_built_upon_not_replaced(self, tmp_path, ready):
        grange = live_grange(tmp_path)
        grange.search_description = "Le brouillon de l'éditrice"
        grange.phone = "05 55 00 00 00"
        grange.save_revision()
        changed = {**GRANGE, "commune": "Ailleurs", "phone": "05 55 00 00 00"}
        report = importer.import_fabriques(make_csv([changed, FERME]), ready)
        assert (report.drafted, report.updated) == (["FT-23-001"], [])
        grange = FabriquePage.objects.get(identifier="FT-23-001")
        draft = grange.get_latest_revision_as_object()
        assert (draft.commune, draft.phone) == ("Ailleurs", "05 55 00 00 00")
        assert draft.search_description == "Le brouillon de l'éditrice"
        assert (grange.commune, grange.search_description) == ("Guéret", "")  # live unchanged
        assert grange.revisions.count() == 3

    def test_draft_already_matching_the_row_is_unchanged(self, tmp_path, ready):
        grange = live_grange(tmp_path)
        grange.commune = "Ailleurs"
        grange.save_revision()
        report = importer.import_fabriques(make_csv([{**GRANGE, "commune": "Ailleurs"}]), ready)
        assert report.unchanged == ["FT-23-001"] and not report.drafted
        assert grange.revisions.count() == 2


TOO_LONG = {
    # Valid for the validators, longer than the model's fields (URLField 200, EmailField 254).
    "website": "https://grange.example.org/" + "a" * 200,
    "email": "contact@" + "b" * 60 + "." + "c" * 60 + "." + "d" * 60 + "." + "e" * 60 + ".org",
    "phone": "0" * 31,
    "address": "x" * 251,
}


@pytest.mark.django_db
class TestModelLimits:
    @pytest.mark.parametrize("column", sorted(TOO_LONG))
    def test_value_longer_than_the_field_is_rejected_with_its_line(self, ready, column):
        content = make_csv([FERME, {**GRANGE, column: TOO_LONG[column]}])
        report = importer.import_fabriques(content, ready, dry_run=True)
        assert [(r.line, r.identifier) for r in report.rejected] == [(3, "FT-23-001")]
        limit = FabriquePage._meta.get_field(column).max_length
        assert report.rejected[0].reason == f"{column} dépasse {limit} caractères"

    def test_name_follows_the_page_title_limit(self, ready):
        content = make_csv([{**GRANGE, "name": "n" * 256}])
        report = importer.import_fabriques(content, ready, dry_run=True)
        assert report.rejected[0].reason == "name dépasse 255 caractères"


@pytest.mark.django_db
def test_dry_run_predicts_the_real_run_exactly(tmp_path, ready):
    """One file with every outcome: new, updated, drafted (unpublished and pending draft),
    unchanged and rejected lines (lengths over the model's limits among them)."""
    run_import(tmp_path, make_csv([GRANGE, FERME]))
    FabriquePage.objects.get(identifier="FT-26-001").unpublish()
    grange = FabriquePage.objects.get(identifier="FT-23-001")
    grange.search_description = "Brouillon"
    grange.save_revision()
    third = {**GRANGE, "identifier": "FT-23-003", "name": "La Troisième"}
    rows = [
        {**GRANGE, "commune": "Ailleurs"},
        {**FERME, "commune": "Ailleurs"},
        third,
        {**third, "identifier": "FT-23-004", "website": TOO_LONG["website"]},
        {**third, "identifier": "FT-23-005", "email": TOO_LONG["email"]},
        {**third, "identifier": "FT-23-006", "latitude": "91"},
    ]
    content = make_csv(rows)
    dry = importer.import_fabriques(content, ready, dry_run=True, skip_invalid=True)
    dry_out = run_import(tmp_path, content, "--dry-run", "--skip-invalid")
    with transaction.atomic():
        real_out = run_import(tmp_path, content, "--skip-invalid")
        transaction.set_rollback(True)
    assert dry_out.splitlines()[:-1] == real_out.splitlines()[:-1]
    assert dry_out.splitlines()[-1].endswith(real_out.splitlines()[-1])
    real = importer.import_fabriques(content, ready, skip_invalid=True)
    assert real.applied
    assert dry.outcome() == real.outcome()
    assert dry.outcome()["drafted"] == ["FT-23-001", "FT-26-001"]
    assert [r.line for r in real.rejected] == [5, 6, 7]
    # A second run on the same file: the drafts now match, nothing left to do.
    again = importer.import_fabriques(content, ready, dry_run=True, skip_invalid=True)
    assert again.unchanged == ["FT-23-001", "FT-26-001", "FT-23-003"]
