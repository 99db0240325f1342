"""Build pre-rename.sqlite3.gz: a database of the site as it was while the agenda app
was called `events` (commit b667fec), for tests/agenda/test_rename_migration.py.

Run from a checkout of that commit, with this file copied beside manage.py:

    git worktree add /tmp/old b667fec && cp tests/agenda/data/make_pre_rename_db.py /tmp/old/
    cd /tmp/old && DATABASE_URL=sqlite:////tmp/pre-rename.sqlite3 \
        DJANGO_SETTINGS_MODULE=tierslieux.settings.dev python manage.py migrate
    DATABASE_URL=sqlite:////tmp/pre-rename.sqlite3 DJANGO_SETTINGS_MODULE=tierslieux.settings.dev \
        python manage.py shell -c "exec(open('make_pre_rename_db.py').read())"
    gzip -9 -c /tmp/pre-rename.sqlite3 > tests/agenda/data/pre-rename.sqlite3.gz

It writes content through the models of that time: an agenda with two events (one
edited and published twice), a speaker, themes, and an article linking to an event.
"""

import datetime

from django.utils import timezone

from wagtail.models import Locale, Page, Site

from articles.models import ArticleIndexPage, ArticlePage
from events.models import EventIndexPage, EventPage, EventSpeaker
from home.models import HomePage, Person, Theme

locale = Locale.objects.get_or_create(language_code="fr")[0]
root = Page.get_first_root_node()
home = root.add_child(
    instance=HomePage(title="Accueil", slug="accueil", hero_title="Bienvenue", locale=locale)
)
Site.objects.all().delete()
Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
theme = Theme.objects.create(name="Culture", slug="culture", locale=locale)
person = Person.objects.create(name="Patrick Levy-Waitz", role="Président", locale=locale)

agenda = home.add_child(instance=EventIndexPage(title="Agenda", slug="agenda", locale=locale))
agenda.save_revision().publish()


def paris(*args):
    return timezone.make_aware(datetime.datetime(*args))


meeting = agenda.add_child(
    instance=EventPage(
        title="1ère rencontre annuelle des Fabriques de Territoire",
        slug="rencontre-annuelle-fabriques-2020",
        intro="Une journée en ligne pour les Fabriques de Territoire.",
        start=paris(2020, 11, 16, 9, 30),
        end=paris(2020, 11, 16, 17, 0),
        format="online",
        online_url="https://visio.example.org/rencontre",
        attendance=200,
        locale=locale,
    )
)
meeting.themes.set([theme])
EventSpeaker.objects.create(event=meeting, person=person, role="Ouverture", sort_order=0)
meeting.save_revision().publish()
meeting.intro = "Près de 200 participants en ligne, des ateliers l'après-midi."
meeting.save_revision().publish()

round_table = agenda.add_child(
    instance=EventPage(
        title="Les tiers-lieux, acteurs de la réinsertion professionnelle",
        slug="table-ronde-reinsertion-2020",
        intro="Une table ronde avec la DGEFP.",
        start=paris(2020, 11, 25, 14, 0),
        end=paris(2020, 11, 25, 16, 0),
        format="online",
        online_url="https://visio.example.org/table-ronde",
        locale=locale,
    )
)
round_table.save_revision().publish()

news = home.add_child(instance=ArticleIndexPage(title="Actualités", slug="actualites", locale=locale))
news.save_revision().publish()
article = news.add_child(
    instance=ArticlePage(
        title="Retour sur la 1ère rencontre annuelle",
        slug="retour-rencontre",
        intro="Ce qu'il faut en retenir.",
        date=datetime.date(2020, 11, 20),
        body=[("paragraph", "<p>Deux cents participants.</p>")],
        event=meeting,
        locale=locale,
    )
)
article.save_revision().publish()
print("events:", EventPage.objects.count(), "revisions:", meeting.revisions.count())
