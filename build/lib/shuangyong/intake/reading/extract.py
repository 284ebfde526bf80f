"""The whole reading of one text: normalise, mask junk, structure, figures, activities, people.

Offsets in the result are into the ORIGINAL text; subjects, sentences and titles are simplified Chinese.
"""

from dataclasses import dataclass, field

from shuangyong.intake.reading import entities, structure
from shuangyong.intake.reading.figures import find_figures
from shuangyong.intake.reading.junk import find_junk, mask
from shuangyong.intake.reading.normalise import normalise


@dataclass
class Extraction:
    title: str = ""
    year: int | None = None
    unit: str = ""
    addressee: str = ""
    sections: list = field(default_factory=list)
    figures: list = field(default_factory=list)
    activities: list = field(default_factory=list)
    organisations: list = field(default_factory=list)
    persons: list = field(default_factory=list)
    junk: list = field(default_factory=list)

    def as_json(self) -> dict:
        """The CLI's and the API's JSON."""
        return {
            "title": self.title,
            "year": self.year,
            "unit": self.unit,
            "addressee": self.addressee,
            "sections": self.sections,
            "figures": self.figures,
            "activities": self.activities,
            "organisations": self.organisations,
            "persons": self.persons,
        }


def extract_text(original: str) -> Extraction:
    norm = normalise(original)
    junk = find_junk(norm.text)
    masked = mask(norm.text, junk)
    figures = find_figures(masked)
    out = Extraction()
    out.title = structure.find_title(masked)
    out.year = structure.find_year(out.title, masked)
    out.unit = structure.find_unit(masked)
    out.addressee = structure.find_addressee(masked)
    out.sections = structure.find_sections(masked, norm.span)
    for figure in figures:
        start, end = norm.span(figure.start, figure.end)
        out.figures.append(
            {
                "value": figure.number,
                "unit": figure.unit,
                "qualifier": figure.qualifier,
                "subject": figure.subject,
                "sentence": figure.sentence,
                "start": start,
                "end": end,
            }
        )
    for activity in entities.find_activities(masked, figures):
        activity["start"], activity["end"] = norm.span(activity["start"], activity["end"])
        out.activities.append(activity)
    seen = set()
    for name, s, e in entities.find_organisations(masked):
        if name not in seen:
            seen.add(name)
            start, end = norm.span(s, e)
            out.organisations.append({"name": name, "start": start, "end": end})
    for person in entities.find_persons(masked):
        person["start"], person["end"] = norm.span(person["start"], person["end"])
        out.persons.append(person)
    out.junk = [(*norm.span(s, e), why) for s, e, why in junk.spans]
    return out
