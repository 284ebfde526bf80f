"""Parts of the person page that higher apps contribute (benefits: 发放记录), so the registry imports none of
them: an app registers a template and a function (person, user) → its context, in its AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonSection:
    key: str
    template: str
    build: Callable  # (person, user) -> dict


_SECTIONS: dict[str, PersonSection] = {}


def register_person_section(key: str, template: str, build: Callable) -> None:
    _SECTIONS[key] = PersonSection(key, template, build)


def person_sections(person, user) -> list[dict]:
    """[{"template", "context"}] in the order the apps registered them."""
    return [{"template": s.template, "context": s.build(person, user)} for s in _SECTIONS.values()]
