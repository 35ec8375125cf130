"""More packaged organisations: large companies, news media, NGOs and agencies by sector.

General world knowledge (the best-known names of each sector, written once), in the
format of ``orgs.ORGS``: canonical name -> (variants and acronyms, IPTC topic hint).
Names that are also everyday words ("Target", "Gap", "Orange") are left out: a table
hit must not turn a common word into an organisation. Hints are given only where the
name says what a story is about (a bank -> economy); most companies give none.
"""

from __future__ import annotations

__all__ = ["COMPANIES"]

_FIN = "04"

COMPANIES: dict[str, tuple[tuple[str, ...], str]] = {
    # carmakers and transport
    "Stellantis": ((), ""), "Renault": ((), ""), "Peugeot": ((), ""), "Fiat": ((), ""),
    "General Motors": (("GM",), ""), "Ford Motor": ((), ""), "Honda": ((), ""),
    "Nissan": ((), ""), "Hyundai": ((), ""), "Kia": ((), ""), "Volvo": ((), ""),
    "Porsche": ((), ""), "Audi": ((), ""), "Ferrari": ((), ""), "McLaren": ((), ""),
    "Rivian": ((), ""), "BYD": ((), ""), "Geely": ((), ""), "Suzuki": ((), ""),
    "Mitsubishi": ((), ""), "Subaru": ((), ""), "Mazda": ((), ""), "Uber": ((), ""),
    "Lyft": ((), ""), "Maersk": ((), ""), "FedEx": ((), ""), "DHL": ((), ""), "UPS": ((), ""),
    "Air France": ((), ""), "KLM": ((), ""), "British Airways": ((), ""),
    "Emirates airline": ((), ""),
    "Qatar Airways": ((), ""), "Delta Air Lines": ((), ""), "United Airlines": ((), ""),
    "American Airlines": ((), ""), "easyJet": (("EasyJet",), ""), "Air India": ((), ""),
    "Turkish Airlines": ((), ""), "Singapore Airlines": ((), ""), "Qantas": ((), ""),
    "Air Canada": ((), ""), "Alstom": ((), ""), "Embraer": ((), ""), "Rolls-Royce": ((), ""),
    # energy, mining, industry
    "TotalEnergies": ((), ""), "Chevron": ((), ""), "ConocoPhillips": ((), ""), "Eni": ((), ""),
    "Equinor": ((), ""), "Rosneft": ((), ""), "Lukoil": ((), ""), "Petrobras": ((), ""),
    "Pemex": ((), ""), "Sinopec": ((), ""), "PetroChina": ((), ""), "ADNOC": ((), ""),
    "Glencore": ((), ""), "Rio Tinto": ((), ""), "BHP": ((), ""),
    "ArcelorMittal": ((), ""), "Thyssenkrupp": (("ThyssenKrupp",), ""), "BASF": ((), ""),
    "Bayer": ((), ""), "3M": ((), ""), "General Electric": (("GE",), ""),
    "Honeywell": ((), ""), "Caterpillar": ((), ""), "Schneider Electric": ((), ""),
    "ABB": ((), ""), "Rheinmetall": ((), ""), "Lockheed Martin": ((), ""), "Raytheon": ((), ""),
    "Northrop Grumman": ((), ""), "BAE Systems": ((), ""), "Thales": ((), ""),
    "Leonardo SpA": ((), ""), "Saab": ((), ""), "Iberdrola": ((), ""), "EDF": ((), ""),
    "Enel": ((), ""), "E.ON": ((), ""), "RWE": ((), ""), "Vattenfall": ((), ""),
    "Orsted": (("Ørsted",), ""), "Vestas": ((), ""), "Siemens Energy": ((), ""),
    # technology, telecoms, media companies
    "IBM": ((), ""), "Oracle": ((), ""), "Cisco": ((), ""), "Qualcomm": ((), ""), "AMD": ((), ""),
    "Broadcom": ((), ""), "TSMC": (("Taiwan Semiconductor Manufacturing Company",), ""),
    "ASML": ((), ""), "Arm Holdings": ((), ""), "SAP": ((), ""), "Salesforce": ((), ""),
    "Adobe": ((), ""), "HP": ((), ""), "Lenovo": ((), ""), "Xiaomi": ((), ""),
    "Tencent": ((), ""), "ByteDance": ((), ""), "Baidu": ((), ""), "Anthropic": ((), ""),
    "DeepMind": (("Google DeepMind",), ""), "Mistral AI": ((), ""), "Palantir": ((), ""),
    "X Corp": ((), ""), "Snapchat": ((), ""), "WhatsApp": ((), ""), "YouTube": ((), ""),
    "LinkedIn": ((), ""), "Reddit": ((), ""), "Telegram": ((), ""), "Vodafone": ((), ""),
    "Deutsche Telekom": ((), ""), "Verizon": ((), ""), "AT&T": ((), ""), "Ericsson": ((), ""),
    "Nokia": ((), ""), "Starlink": ((), ""), "Blue Origin": ((), ""), "Rocket Lab": ((), ""),
    "Warner Bros": (("Warner Bros.",), ""), "Universal Music": ((), ""),
    "Sony Music": ((), ""), "Live Nation": ((), ""), "Ubisoft": ((), ""), "Nintendo": ((), ""),
    # consumer goods and retail
    "Unilever": ((), ""), "Procter & Gamble": (("P&G",), ""), "Coca-Cola": ((), ""),
    "PepsiCo": ((), ""), "Danone": ((), ""), "Heineken": ((), ""), "AB InBev": ((), ""),
    "Diageo": ((), ""), "McDonald's": ((), ""), "Starbucks": ((), ""), "LVMH": ((), ""),
    "Kering": ((), ""), "Hermes": (("Hermès",), ""), "Gucci": ((), ""), "Chanel": ((), ""),
    "Adidas": ((), ""), "Nike": ((), ""), "Puma": ((), ""), "Inditex": ((), ""),
    "H&M": ((), ""), "Tesco": ((), ""), "Carrefour": ((), ""), "Aldi": ((), ""), "Lidl": ((), ""),
    "Costco": ((), ""), "Alibaba Group": ((), ""), "Temu": ((), ""), "Shein": ((), ""),
    "L'Oreal": (("L'Oréal",), ""), "Philips": ((), ""), "Panasonic": ((), ""),
    # pharma and health companies
    "Novo Nordisk": ((), ""), "Eli Lilly": ((), ""), "Roche": ((), ""),
    "Novartis": ((), ""), "Sanofi": ((), ""), "GSK": (("GlaxoSmithKline",), ""),
    "Merck": ((), ""), "Johnson & Johnson": ((), ""), "AbbVie": ((), ""),
    "Bristol Myers Squibb": ((), ""), "Gilead": ((), ""), "Bayer AG": ((), ""),
    "Teva": ((), ""), "CSL": ((), ""),
    # banks, insurers, funds, exchanges, rating agencies
    "Morgan Stanley": ((), _FIN), "Citigroup": (("Citi",), _FIN), "Bank of America": ((), _FIN),
    "Wells Fargo": ((), _FIN), "BlackRock": ((), _FIN), "Barclays": ((), _FIN),
    "Lloyds": (("Lloyds Banking Group",), _FIN), "NatWest": ((), _FIN), "UBS": ((), _FIN),
    "Credit Suisse": ((), _FIN), "BNP Paribas": ((), _FIN), "Societe Generale": ((), _FIN),
    "Santander": ((), _FIN), "BBVA": ((), _FIN), "ING": ((), _FIN), "UniCredit": ((), _FIN),
    "Commerzbank": ((), _FIN), "Allianz": ((), _FIN), "AXA": ((), _FIN),
    "Zurich Insurance": ((), _FIN),
    "Berkshire Hathaway": ((), _FIN), "Mitsubishi UFJ": (("MUFG",), _FIN), "Nomura": ((), _FIN),
    "Moody's": ((), _FIN), "Standard & Poor's": (("S&P Global",), _FIN),
    "Fitch": (("Fitch Ratings",), _FIN),
    "Visa Inc": ((), _FIN), "Mastercard": ((), _FIN), "PayPal": ((), _FIN), "Binance": ((), _FIN),
    "Coinbase": ((), _FIN), "Deutsche Boerse": (("Deutsche Börse",), _FIN), "Euronext": ((), _FIN),
    "Hong Kong Stock Exchange": ((), _FIN), "Tokyo Stock Exchange": ((), _FIN),
    "Fitch Solutions": ((), _FIN), "Capital Economics": ((), _FIN), "Oxford Economics": ((), _FIN),
    # news media and agencies
    "The Guardian": ((), ""), "Press Trust of India": (("PTI",), ""), "Sky News": ((), ""),
    "Fox News": ((), ""),
    "NBC": ((), ""), "CBS": ((), ""), "ABC News": ((), ""), "NPR": ((), ""), "PBS": ((), ""),
    "The Economist": ((), ""), "Axios": ((), ""), "ZDF": ((), ""), "ARD": ((), ""),
    "France 24": ((), ""),
    "Euronews": ((), ""), "Nikkei": ((), ""), "South China Morning Post": ((), ""),
    # NGOs, charities, international agencies not in orgs.ORGS
    "Save the Children": ((), ""), "Oxfam": ((), ""), "CARE International": ((), ""),
    "International Rescue Committee": (("IRC",), ""), "Norwegian Refugee Council": (("NRC",), ""),
    "Mercy Corps": ((), ""), "WWF": (("World Wide Fund for Nature", "World Wildlife Fund"), "06"),
    "Friends of the Earth": ((), "06"), "Extinction Rebellion": ((), "06"),
    "International Organization for Migration": (("IOM",), "14"),
    "UN Environment Programme": (("UNEP",), "06"), "UN Women": ((), ""),
    "UNAIDS": ((), "07"), "Gavi": (("Gavi, the Vaccine Alliance",), "07"),
    "Global Fund": ((), "07"), "Wellcome Trust": (("Wellcome",), "07"),
    "Bill & Melinda Gates Foundation": (("Gates Foundation",), ""),
    "International Federation of Red Cross and Red Crescent Societies": (("IFRC",), ""),
    "Red Crescent": ((), ""), "Committee to Protect Journalists": (("CPJ",), ""),
    "Inter-American Development Bank": ((), _FIN), "African Development Bank": (("AfDB",), _FIN),
    "European Bank for Reconstruction and Development": (("EBRD",), _FIN),
    "New Development Bank": ((), _FIN), "Asian Infrastructure Investment Bank": (("AIIB",), _FIN),
    "Organisation of Islamic Cooperation": (("OIC",), ""), "Mercosur": ((), ""),
    "Pacific Islands Forum": ((), ""), "Commonwealth": (("Commonwealth of Nations",), ""),
    "International Energy Forum": ((), ""), "Eurojust": ((), "02"),
    "Africa CDC": (("Africa Centres for Disease Control and Prevention",), "07"),
    "Pan American Health Organization": (("PAHO",), "07"),
    "World Organisation for Animal Health": (("WOAH",), ""),
    "International Telecommunication Union": (("ITU",), ""),
    "International Maritime Organization": (("IMO",), ""),
    "International Civil Aviation Organization": (("ICAO",), ""),
    "International Air Transport Association": (("IATA",), ""),
    "World Intellectual Property Organization": (("WIPO",), ""),
    "UN Human Rights Council": (("Human Rights Council",), "11"),
    "UN Human Rights Office": (("OHCHR",), ""),
    "Office for the Coordination of Humanitarian Affairs": (("OCHA",), ""),
    # sport bodies and teams that are not also places
    "World Aquatics": ((), "15"), "World Rugby": ((), "15"), "UCI": ((), "15"),
    "FIBA": ((), "15"), "ITF": ((), "15"), "PGA Tour": ((), "15"), "LIV Golf": ((), "15"),
    "All Blacks": ((), "15"), "Springboks": ((), "15"), "Wallabies": ((), "15"),
}  # fmt: skip
