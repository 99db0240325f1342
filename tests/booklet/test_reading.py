import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    BookletChapterPageFactory,
    BookletPageFactory,
    PersonFactory,
    heading,
    paragraph,
    workshop,
)


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
class TestTableOfContents:
    def test_lists_chapters_in_order_with_their_h2_sections(self, client, booklet, chapters):
        second = chapters[1]
        second.body = json.dumps(
            [
                heading("Laissons le permis de faire"),
                paragraph("Texte."),
                heading("Un détail", level="h3"),
                heading("Jugeons la chose faite", anchor="chose-faite"),
            ]
        )
        second.save_revision().publish()
        soup = soup_of(client, booklet.url)
        toc = soup.select_one("nav.booklet-toc")
        titles = [
            a.select_one(".booklet-toc__title").get_text()
            for a in toc.select(".booklet-toc__chapter > a")
        ]
        assert titles == ["Discours d'ouverture", "Le permis de faire", "Les besoins des Fabriques"]
        numbers = [n.get_text() for n in toc.select(".booklet-toc__number")]
        assert numbers == ["Chapitre 1", "Chapitre 2", "Chapitre 3"]
        sections = toc.select(".booklet-toc__chapter")[1].select(".booklet-toc__sections a")
        assert [(a.get_text(), a["href"]) for a in sections] == [
            ("Laissons le permis de faire", second.url + "#laissons-le-permis-de-faire"),
            ("Jugeons la chose faite", second.url + "#chose-faite"),
        ]
        # The anchors exist on the chapter page.
        chapter_soup = soup_of(client, second.url)
        assert chapter_soup.find("h2", id="laissons-le-permis-de-faire")
        assert chapter_soup.find("h2", id="chose-faite")

    def test_draft_chapters_stay_out_and_empty_state(self, client, booklet):
        BookletChapterPageFactory(parent=booklet, title="Brouillon", live=False)
        soup = soup_of(client, booklet.url)
        assert "Brouillon" not in soup.get_text()
        assert soup.select_one(".booklet-toc .empty-state")
        assert [h.get_text() for h in soup.find_all("h1")] == [booklet.title]


@pytest.mark.django_db
class TestChapterNavigation:
    def test_number_progress_and_neighbours(self, client, booklet, chapters):
        soup = soup_of(client, chapters[1].url)
        assert [h.get_text() for h in soup.find_all("h1")] == ["Le permis de faire"]
        label = soup.select_one(".booklet-progress label")
        assert label.get_text() == "Chapitre 2 sur 3"
        progress = soup.find("progress", id=label["for"])
        assert (progress["value"], progress["max"]) == ("2", "3")
        assert soup.find("a", rel="prev")["href"] == chapters[0].url
        assert soup.find("a", rel="next")["href"] == chapters[2].url

    def test_first_and_last_have_one_neighbour(self, client, chapters):
        first = soup_of(client, chapters[0].url)
        assert first.find("a", rel="prev") is None
        assert first.find("a", rel="next")["href"] == chapters[1].url
        last = soup_of(client, chapters[2].url)
        assert last.find("a", rel="next") is None

    def test_numbers_follow_the_admin_order(self, client, booklet, chapters):
        chapters[2].move(chapters[0], pos="left")  # "besoins" becomes the first sibling
        soup = soup_of(client, booklet.url)
        titles = [a.get_text() for a in soup.select(".booklet-toc__title")]
        assert titles == ["Les besoins des Fabriques", "Discours d'ouverture", "Le permis de faire"]
        chapter = soup_of(client, chapters[0].url)
        assert chapter.select_one(".booklet-progress label").get_text() == "Chapitre 2 sur 3"
        assert chapter.find("a", rel="prev")["href"].endswith("/besoins/")

    def test_preview_of_a_draft_chapter(self, booklet, chapters):
        draft = BookletChapterPageFactory(parent=booklet, title="En relecture", live=False)
        response = draft.make_preview_request()
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.find("h1").get_text() == "En relecture"
        assert "None" not in soup.get_text()
        assert soup.select_one(".booklet-progress") is None  # not numbered until published

    def test_unpublished_chapter_is_skipped_in_numbering(self, client, chapters):
        chapters[0].unpublish()
        soup = soup_of(client, chapters[1].url)
        assert soup.select_one(".booklet-progress label").get_text() == "Chapitre 1 sur 2"


@pytest.mark.django_db
class TestFullView:
    def test_one_page_print_view_has_every_chapter(self, client, booklet, chapters):
        for chapter in chapters[1:]:  # the same heading in two chapters
            chapter.body = json.dumps([heading("Ce qui a été partagé"), paragraph("Texte.")])
            chapter.save_revision().publish()
        soup = soup_of(client, booklet.url + "complet/")
        assert [h.get_text() for h in soup.find_all("h1")] == [booklet.title]
        sections = soup.select("section.booklet-chapter")
        assert [s.select_one(".booklet-chapter__title").get_text() for s in sections] == [
            c.title for c in chapters
        ]
        targets = [a["href"] for a in soup.select(".booklet-toc a")]
        assert len(targets) == len(chapters) + 2
        assert len(set(targets)) == len(targets)
        for target in targets:
            assert target.startswith("#") and len(soup.find_all(id=target[1:])) == 1, target
        shared = soup.find_all("h3", string="Ce qui a été partagé")  # under the h2 title
        assert {h.find_parent("section")["id"] for h in shared} == {
            "chapitre-permis-de-faire",
            "chapitre-besoins",
        }
        assert "Les Fabriques ont partagé leurs besoins." in sections[0].get_text()
        for section in sections:  # each chapter's section is named by its own title
            title = soup.find(id=section["aria-labelledby"])
            assert title is not None and title.get_text() == section.select_one("h2").get_text()

    def test_print_rules_hide_navigation(self, client, chapters):
        from django.contrib.staticfiles import finders

        css = Path(finders.find("css/site.css")).read_text(encoding="utf-8")
        booklet_css = css.split("/* == booklet == */", 1)[1]
        print_rules = booklet_css.split("@media print", 1)[1]
        assert ".booklet-pager" in print_rules and "break-before: page" in print_rules
        soup = soup_of(client, chapters[0].url)
        assert soup.find("link", rel="stylesheet")["href"].endswith("css/site.css")


@pytest.mark.django_db
class TestBlocks:
    def test_workshop_summary_links_live_fabriques(self, client, home, booklet):
        from tests.factories import FabriqueIndexPageFactory, FabriquePageFactory

        directory = FabriqueIndexPageFactory(parent=home)
        grange = FabriquePageFactory(parent=directory, title="La Grange Numérique")
        hidden = FabriquePageFactory(parent=directory, title="Fabrique en brouillon", live=False)
        chapter = BookletChapterPageFactory(
            parent=booklet, body=json.dumps([workshop("Médiation", fabriques=[grange, hidden])])
        )
        soup = soup_of(client, chapter.url)
        summary = soup.select_one(".workshop-summary")
        assert summary.select_one(".workshop-summary__title").get_text() == "Médiation"
        links = summary.select(".workshop-summary__fabriques a")
        assert [(a.get_text(), a["href"]) for a in links] == [("La Grange Numérique", grange.url)]
        assert "Fabrique en brouillon" not in summary.get_text()  # neither linked nor named

    def test_quote_footnote_and_page_card(self, client, booklet, news_index):
        from tests.factories import ArticlePageFactory

        article = ArticlePageFactory(parent=news_index, title="Retour sur la rencontre")
        speaker = PersonFactory(name="Patrick Bouchain", role="Architecte", organisation=None)
        chapter = BookletChapterPageFactory(
            parent=booklet,
            body=json.dumps(
                [
                    {
                        "type": "quote",
                        "value": {"text": "Laissons faire.", "person": speaker.pk},
                    },
                    {
                        "type": "footnote",
                        "value": {"text": "Propos recueillis.", "source": "ANCT", "url": ""},
                    },
                    {
                        "type": "page_card",
                        "value": {"page": article.pk, "title": "", "description": "À lire."},
                    },
                ]
            ),
        )
        soup = soup_of(client, chapter.url)
        assert "Patrick Bouchain" in soup.select_one(".block-quote figcaption").get_text()
        assert soup.select_one(".booklet-footnote[role=note]").get_text().endswith("ANCT")
        card = soup.select_one(".page-link-card a")
        assert (card.get_text(), card["href"]) == ("Retour sur la rencontre", article.url)


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.django_db
class TestQueryCounts:
    def build(self, home, size: int):
        from tests.factories import FabriqueIndexPageFactory, FabriquePageFactory

        booklet = BookletPageFactory(parent=home)
        directory = FabriqueIndexPageFactory(parent=home, slug=f"fabriques-{size}")
        fabriques = [FabriquePageFactory(parent=directory) for _ in range(size)]
        people = [PersonFactory() for _ in range(size)]
        body = [heading(f"Section {n}") for n in range(size)]
        body += [workshop(f"Atelier {n}", fabriques=fabriques) for n in range(size)]
        body += [
            {"type": "quote", "value": {"text": "Citation", "person": person.pk}}
            for person in people
        ]
        chapters = [
            BookletChapterPageFactory(parent=booklet, body=json.dumps(body)) for _ in range(size)
        ]
        return booklet, chapters

    def test_booklet_home_and_chapter_do_not_grow(self, client, home):
        small, small_chapters = self.build(home, 1)
        large, large_chapters = self.build(home, 6)
        urls = [small.url, large.url, small_chapters[0].url, large_chapters[3].url]
        for url in urls:
            client.get(url)  # warm the caches
        counts = [count_queries(client, url) for url in urls]
        assert max(counts) <= 12, counts
        assert counts[0] == counts[1], counts
        assert counts[2] == counts[3], counts
