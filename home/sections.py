"""The home page's sections, provided by the content apps.

home/ knows no content app: each app registers what it shows on the home page in its
AppConfig.ready(), and HomePage.get_context adds every section's variables to the context,
in the order the apps were registered (INSTALLED_APPS order). Adding a content family then
never edits home/.

A section is a callable `section(home_page, request, context) -> dict`: it receives the
context built so far (the editors' featured pages among it, so a section can leave them
out) and returns the variables it adds. Its template part stays in templates/home/.
"""

from __future__ import annotations

from collections.abc import Callable

Section = Callable[..., dict]

_sections: dict[str, Section] = {}


def register_section(name: str, section: Section) -> None:
    """Add a section (or replace the one of that name, keeping its place)."""
    _sections[name] = section


def unregister_section(name: str) -> None:
    _sections.pop(name, None)


def sections() -> list[tuple[str, Section]]:
    """The registered sections, in order."""
    return list(_sections.items())


def section_context(home_page, request, context: dict) -> dict:
    """Every section's variables, each section seeing those of the sections before it."""
    added: dict = {}
    for _name, section in _sections.items():
        added.update(section(home_page, request, {**context, **added}))
    return added
