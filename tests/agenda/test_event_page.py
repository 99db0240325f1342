import json

import pytest
from bs4 import BeautifulSoup

from agenda.models import EventSpeaker
from tests.articles.test_article import count_queries
from tests.factories import (
    ArticlePageFactory,
    EventPageFactory,
    FabriquePageFactory,
    OrganisationFactory,
    PersonFactory,
    ThemeFactory,
    paris,
)


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def json_ld(soup) -> list[dict]:
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


def workshop(title, fabriques=(), summary_page=None, facilitators=(), theme=None) -> dict:
    return {
        "type": "item",
        "value": {
            "kind": "workshop",
            "title": title,
            "start_time": "14:00",
            "end_time": "15:30",
            "theme": theme.pk if theme else None,
            "facilitators": [p.pk for p in facilitators],
            "summary": "<p>Synthèse des échanges.</p>",
            "fabriques": [f.pk for f in fabriques],
            "summary_page": summary_page.pk if summary_page else None,
        },
    }


@pytest.mark.django_db
class TestCrossLinks:
    def test_article_and_event_link_to_each_other(self, client, agenda, news_index):
        event = EventPageFactory(parent=agenda, title="1re rencontre")
        article = ArticlePageFactory(
            parent=news_index, title="Retour sur la rencontre", event=event
        )
        other = ArticlePageFactory(parent=news_index, title="Sans rapport")
        draft = ArticlePageFactory(parent=news_index, title="Brouillon", event=event)
        draft.unpublish()

        event_soup = soup_of(client.get(event.url))
        aside = event_soup.find("aside", attrs={"aria-labelledby": "event-articles-title"})
        assert [a["href"] for a in aside.select(".card__title a")] == [article.url]
        assert other.url not in str(aside)

        article_soup = soup_of(client.get(article.url))
        assert article_soup.select_one(".article__event a")["href"] == event.url

    def test_article_does_not_link_to_an_unpublished_event(self, client, agenda, news_index):
        event = EventPageFactory(parent=agenda)
        article = ArticlePageFactory(parent=news_index, event=event)
        event.unpublish()
        assert soup_of(client.get(article.url)).select_one(".article__event") is None

    def test_deleting_the_event_keeps_the_article(self, agenda, news_index):
        event = EventPageFactory(parent=agenda)
        article = ArticlePageFactory(parent=news_index, event=event)
        event.delete()
        article.refresh_from_db()
        assert article.event is None

    def test_workshop_links_to_fabriques_and_summary_page(
        self, client, agenda, fabrique_index, news_index, locale_fr
    ):
        grange = FabriquePageFactory(parent=fabrique_index, title="La Grange Numérique")
        hidden = FabriquePageFactory(parent=fabrique_index, title="Fabrique en brouillon")
        hidden.unpublish()
        synthesis = ArticlePageFactory(parent=news_index, title="Chapitre médiation")
        facilitator = PersonFactory(name="Marie-Laure Cuvelier", locale=locale_fr)
        theme = ThemeFactory(name="Médiation numérique", locale=locale_fr)
        event = EventPageFactory(
            parent=agenda,
            programme=json.dumps(
                [workshop("Médiation numérique", [grange, hidden], synthesis, [facilitator], theme)]
            ),
        )
        soup = soup_of(client.get(event.url))
        item = soup.select_one(".programme-item")
        assert "Atelier :" in item.h3.get_text() and "14h00" in item.h3.get_text()
        assert [a["href"] for a in item.select(".programme-item__fabriques a")] == [grange.url]
        # A Fabrique a visitor may not see is neither linked nor named.
        assert (
            "Fabrique en brouillon" not in item.select_one(".programme-item__fabriques").get_text()
        )
        assert item.select_one(".programme-item__summary-page a")["href"] == synthesis.url
        assert "Marie-Laure Cuvelier" in item.select_one(".programme-item__people").get_text()
        assert item.select_one(".programme-item__theme").get_text() == "Médiation numérique"


@pytest.mark.django_db
class TestEventPage:
    def test_page_shows_practical_information(self, client, agenda, locale_fr):
        anct = OrganisationFactory(
            name="Agence nationale de la cohésion des territoires", acronym="ANCT", locale=locale_fr
        )
        ftl = OrganisationFactory(name="France Tiers-Lieux", acronym="FTL", locale=locale_fr)
        bouchain = PersonFactory(name="Patrick Bouchain", locale=locale_fr)
        event = EventPageFactory(
            parent=agenda,
            title="1re rencontre",
            start=paris(2020, 11, 16, 9, 30),
            end=paris(2020, 11, 16, 17),
            organisers=[anct],
            partners=[ftl],
        )
        event.attendance = 200
        event.save()
        EventSpeaker.objects.create(event=event, person=bouchain, role="Le permis de faire")
        soup = soup_of(client.get(event.url))
        assert [h.get_text() for h in soup.find_all("h1")] == ["1re rencontre"]
        facts = soup.select_one(".event__facts").get_text(" ", strip=True)
        assert "lundi 16 novembre 2020, 09h30 – 17h00" in facts
        assert "Agence nationale de la cohésion des territoires" in facts
        assert "France Tiers-Lieux" in facts
        assert "200 participants" in facts
        speaker = soup.select_one(".speaker-list li").get_text(" ", strip=True)
        assert "Patrick Bouchain" in speaker and "Le permis de faire" in speaker

    def test_event_json_ld(self, client, agenda, fabrique_index, locale_fr):
        fabrique = FabriquePageFactory(
            parent=fabrique_index,
            title="La Ferme Commune",
            commune="Die",
            latitude="44.75",
            longitude="5.37",
        )
        anct = OrganisationFactory(name="ANCT", acronym="", locale=locale_fr)
        event = EventPageFactory(
            parent=agenda,
            title="Journée </script> agricole",
            format="hybrid",
            venue_fabrique=fabrique,
            start=paris(2021, 6, 3, 9),
            end=paris(2021, 6, 3, 17),
            organisers=[anct],
        )
        soup = soup_of(client.get(event.url))
        assert "</script> agricole" not in soup.decode_contents().split("<body")[0]
        [data] = json_ld(soup)
        assert data["@type"] == "Event"
        assert data["name"] == "Journée </script> agricole"
        assert data["startDate"] == "2021-06-03T09:00:00+02:00"
        assert data["endDate"] == "2021-06-03T17:00:00+02:00"
        assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
        place, virtual = data["location"]
        assert place["name"] == "La Ferme Commune"
        assert place["address"]["addressLocality"] == "Die"
        assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 44.75, "longitude": 5.37}
        assert virtual == {"@type": "VirtualLocation", "url": event.online_url}
        assert data["organizer"] == [{"@type": "Organization", "name": "ANCT"}]
        assert data["url"] == event.full_url

    def test_news_article_json_ld(self, client, agenda, news_index, locale_fr):
        event = EventPageFactory(parent=agenda, title="La rencontre")
        author = PersonFactory(name="Camille Martin", locale=locale_fr)
        article = ArticlePageFactory(
            parent=news_index, title="Retour", intro="Chapô.", event=event, authors=[author]
        )
        [data] = json_ld(soup_of(client.get(article.url)))
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == "Retour"
        assert data["datePublished"] == article.date.isoformat()
        assert data["author"][0]["name"] == "Camille Martin"
        assert data["about"] == {"@type": "Event", "name": "La rencontre", "url": event.full_url}


@pytest.mark.django_db
class TestQueryCounts:
    """The agenda and event pages stay at 12 queries or fewer, however rich."""

    def build_event(self, agenda, news_index, fabrique_index, locale_fr, size: int):
        people = [PersonFactory(locale=locale_fr) for _ in range(size)]
        organisations = [OrganisationFactory(locale=locale_fr) for _ in range(size)]
        themes = [ThemeFactory(locale=locale_fr) for _ in range(size)]
        fabriques = [FabriquePageFactory(parent=fabrique_index) for _ in range(size)]
        event = EventPageFactory(
            parent=agenda,
            format="hybrid",
            venue_fabrique=fabriques[0],
            themes=themes,
            organisers=organisations,
            partners=organisations,
            programme=json.dumps(
                [
                    workshop(f"Atelier {n}", fabriques, news_index, people, themes[n])
                    for n in range(size)
                ]
            ),
        )
        for person in people:
            EventSpeaker.objects.create(event=event, person=person, role="Table ronde")
        for _ in range(size):
            ArticlePageFactory(parent=news_index, event=event, themes=themes[:1])
        return event

    def test_event_page_does_not_grow_with_content(
        self, client, agenda, news_index, fabrique_index, locale_fr
    ):
        small = self.build_event(agenda, news_index, fabrique_index, locale_fr, 1)
        large = self.build_event(agenda, news_index, fabrique_index, locale_fr, 8)
        for _ in range(2):  # the first views create the site settings: a new cache generation
            client.get(small.url)
            client.get(large.url)
        small_count = count_queries(client, small.url)
        large_count = count_queries(client, large.url)
        assert small_count <= 12
        assert large_count == small_count

    def test_agenda_and_feeds(self, client, agenda, news_index, fabrique_index, locale_fr):
        for _ in range(3):
            self.build_event(agenda, news_index, fabrique_index, locale_fr, 2)
        theme = ThemeFactory(locale=locale_fr, slug="culture")
        urls = [
            agenda.url,
            agenda.url + f"?theme={theme.slug}&format=hybrid&region=32",
            agenda.url + "ical/",
        ]
        for _ in range(2):
            for url in urls:
                client.get(url)
        counts = [count_queries(client, url) for url in urls]
        for _ in range(6):
            self.build_event(agenda, news_index, fabrique_index, locale_fr, 2)
        for url in urls:  # new content, new cache generation: warm again
            client.get(url)
        assert all(count <= 12 for count in counts), counts
        assert [count_queries(client, url) for url in urls] == counts


@pytest.mark.django_db
class TestProgrammeCache:
    def test_renamed_facilitator_shows_on_the_next_view(self, client, agenda, locale_fr):
        person = PersonFactory(name="Marie Dupont", locale=locale_fr)
        event = EventPageFactory(
            parent=agenda, programme=json.dumps([workshop("Atelier", facilitators=[person])])
        )
        for _ in range(2):
            assert "Marie Dupont" in client.get(event.url).content.decode()
        person.name = "Marie Durand"
        person.save()
        content = client.get(event.url).content.decode()
        assert "Marie Durand" in content and "Marie Dupont" not in content

    def test_unpublished_fabrique_is_no_longer_linked(self, client, agenda, fabrique_index):
        fabrique = FabriquePageFactory(parent=fabrique_index, title="La Scène du Bourg")
        event = EventPageFactory(
            parent=agenda, programme=json.dumps([workshop("Atelier", fabriques=[fabrique])])
        )
        for _ in range(2):
            assert f'href="{fabrique.url}"' in client.get(event.url).content.decode()
        fabrique_url = fabrique.url
        fabrique.unpublish()
        content = client.get(event.url).content.decode()
        # Hidden now: neither linked nor named (home.queries.visible_q).
        assert "La Scène du Bourg" not in content and f'href="{fabrique_url}"' not in content
