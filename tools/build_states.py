"""Regenerate ``actorgraph/kb/data/states.jsonl`` from the table below plus pycountry.

The committed ``states.jsonl`` is the reviewed artefact; this script is how it was made.
To change a state, edit its row in ``TABLE`` and run::

    .venv/bin/python tools/build_states.py

Each row is ``(code, id, name, aliases, acronyms, demonyms, metonyms, ambiguous)``; the
list fields are ``;``-separated strings. pycountry adds its own comma-free English name,
official name and common name to ``aliases`` (never "Taiwan, Province of China").

- ``aliases`` match case-insensitively; ``acronyms``, ``demonyms`` and ``metonyms`` only
  as written. Metonyms are capitals and seats of power ("the Kremlin").
- ``ambiguous`` lists this state's strings that may name something else: another entry
  of the base ("Congo", "Congolese", "Dominican") or a common other referent: Tripoli in
  Lebanon, Sanaa and Aden (held by rival Yemeni sides), "America" the continents,
  Washington the state and the Post, Georgia the US state, Niger the river and its
  delta, Guinea the gulf, The Hague the courts, Santiago, Sofia. A string in
  ``ambiguous`` is still this state's; the matcher decides how much context it wants.
- Deliberately left out: Jerusalem (contested), Brussels (on the EU entry), capitals
  that are mostly other places (Victoria, St. John's, St. George's), "Male" (English
  word; "Malé" is kept), "Korean" (North or South).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "actorgraph" / "kb" / "data" / "states.jsonl"
KEYS = ("id", "name", "type", "country", "aliases", "acronyms", "demonyms", "metonyms",
        "ambiguous", "conflicts", "parent")
# pycountry names never used as aliases.
SKIP_PYCOUNTRY = {"TWN"}

# code, id, name, aliases, acronyms, demonyms, metonyms, ambiguous
TABLE: list[tuple[str, str, str, str, str, str, str, str]] = [
    ("AFG", "afghanistan", "Afghanistan", "", "", "Afghan; Afghans", "Kabul", ""),
    ("AGO", "angola", "Angola", "Republic of Angola", "", "Angolan; Angolans", "Luanda", ""),
    ("ALB", "albania", "Albania", "", "", "Albanian; Albanians", "Tirana", ""),
    ("AND", "andorra", "Andorra", "", "", "Andorran; Andorrans", "Andorra la Vella", ""),
    ("ARE", "united_arab_emirates", "United Arab Emirates", "Emirates", "UAE; U.A.E.",
     "Emirati; Emiratis", "Abu Dhabi", "Emirates"),
    ("ARG", "argentina", "Argentina", "Argentine Republic", "",
     "Argentine; Argentines; Argentinian; Argentinians", "Buenos Aires; Casa Rosada", ""),
    ("ARM", "armenia", "Armenia", "", "", "Armenian; Armenians", "Yerevan", ""),
    ("ATG", "antigua_and_barbuda", "Antigua and Barbuda", "Antigua", "", "Antiguan; Antiguans",
     "", ""),
    ("AUS", "australia", "Australia", "Commonwealth of Australia", "",
     "Australian; Australians", "Canberra", ""),
    ("AUT", "austria", "Austria", "", "", "Austrian; Austrians", "Vienna", ""),
    ("AZE", "azerbaijan", "Azerbaijan", "", "", "Azerbaijani; Azerbaijanis; Azeri; Azeris",
     "Baku", ""),
    ("BDI", "burundi", "Burundi", "", "", "Burundian; Burundians", "Gitega; Bujumbura", ""),
    ("BEL", "belgium", "Belgium", "", "", "Belgian; Belgians", "", ""),
    ("BEN", "benin", "Benin", "", "", "Beninese", "Porto-Novo; Cotonou", ""),
    ("BFA", "burkina_faso", "Burkina Faso", "Burkina", "", "Burkinabe; Burkinabè",
     "Ouagadougou", ""),
    ("BGD", "bangladesh", "Bangladesh", "", "", "Bangladeshi; Bangladeshis", "Dhaka", ""),
    ("BGR", "bulgaria", "Bulgaria", "", "", "Bulgarian; Bulgarians", "Sofia", "Sofia"),
    ("BHR", "bahrain", "Bahrain", "Kingdom of Bahrain", "", "Bahraini; Bahrainis", "Manama", ""),
    ("BHS", "bahamas", "Bahamas", "The Bahamas", "", "Bahamian; Bahamians", "Nassau", ""),
    ("BIH", "bosnia_and_herzegovina", "Bosnia and Herzegovina",
     "Bosnia; Bosnia-Herzegovina; Bosnia & Herzegovina", "BiH", "Bosnian; Bosnians",
     "Sarajevo", ""),
    ("BLR", "belarus", "Belarus", "", "", "Belarusian; Belarusians", "Minsk", ""),
    ("BLZ", "belize", "Belize", "", "", "Belizean; Belizeans", "Belmopan", ""),
    ("BOL", "bolivia", "Bolivia", "", "", "Bolivian; Bolivians", "La Paz; Sucre", "Sucre"),
    ("BRA", "brazil", "Brazil", "Federative Republic of Brazil", "", "Brazilian; Brazilians",
     "Brasilia; Brasília", ""),
    ("BRB", "barbados", "Barbados", "", "", "Barbadian; Barbadians; Bajan", "Bridgetown", ""),
    ("BRN", "brunei", "Brunei", "", "", "Bruneian; Bruneians", "Bandar Seri Begawan", ""),
    ("BTN", "bhutan", "Bhutan", "", "", "Bhutanese", "Thimphu", ""),
    ("BWA", "botswana", "Botswana", "", "", "Motswana; Batswana; Botswanan", "Gaborone", ""),
    ("CAF", "central_african_republic", "Central African Republic", "Centrafrique", "CAR",
     "Central African; Central Africans", "Bangui", "CAR; Central African; Central Africans"),
    ("CAN", "canada", "Canada", "", "", "Canadian; Canadians", "Ottawa", ""),
    ("CHE", "switzerland", "Switzerland", "", "", "Swiss", "Bern; Berne", ""),
    ("CHL", "chile", "Chile", "", "", "Chilean; Chileans", "Santiago; La Moneda", "Santiago"),
    ("CHN", "china", "China", "People's Republic of China; mainland China", "PRC", "Chinese",
     "Beijing; Zhongnanhai", ""),
    ("CIV", "ivory_coast", "Ivory Coast", "Côte d'Ivoire; Cote d'Ivoire; Côte d’Ivoire", "",
     "Ivorian; Ivorians", "Yamoussoukro; Abidjan", ""),
    ("CMR", "cameroon", "Cameroon", "Republic of Cameroon", "", "Cameroonian; Cameroonians",
     "Yaounde; Yaoundé", ""),
    ("COD", "dr_congo", "DR Congo",
     "Democratic Republic of the Congo; Democratic Republic of Congo; Congo-Kinshasa; Congo",
     "DRC", "Congolese", "Kinshasa", "Congo; Congolese"),
    ("COG", "republic_of_the_congo", "Republic of the Congo",
     "Congo-Brazzaville; Congo Republic; Congo", "", "Congolese", "Brazzaville",
     "Congo; Congolese"),
    ("COL", "colombia", "Colombia", "", "", "Colombian; Colombians", "Bogota; Bogotá", ""),
    ("COM", "comoros", "Comoros", "", "", "Comorian; Comorians", "Moroni", ""),
    ("CPV", "cape_verde", "Cape Verde", "Cabo Verde", "", "Cape Verdean; Cape Verdeans",
     "Praia", ""),
    ("CRI", "costa_rica", "Costa Rica", "", "", "Costa Rican; Costa Ricans",
     "San Jose; San José", "San Jose; San José"),
    ("CUB", "cuba", "Cuba", "", "", "Cuban; Cubans", "Havana", ""),
    ("CYP", "cyprus", "Cyprus", "", "", "Cypriot; Cypriots", "Nicosia", ""),
    ("CZE", "czech_republic", "Czech Republic", "Czechia", "", "Czech; Czechs", "Prague", ""),
    ("DEU", "germany", "Germany", "", "", "German; Germans", "Berlin", ""),
    ("DJI", "djibouti", "Djibouti", "", "", "Djiboutian; Djiboutians", "", ""),
    ("DMA", "dominica", "Dominica", "", "", "Dominican; Dominicans", "Roseau",
     "Dominican; Dominicans"),
    ("DNK", "denmark", "Denmark", "", "", "Danish; Dane; Danes", "Copenhagen", ""),
    ("DOM", "dominican_republic", "Dominican Republic", "", "", "Dominican; Dominicans",
     "Santo Domingo", "Dominican; Dominicans"),
    ("DZA", "algeria", "Algeria", "", "", "Algerian; Algerians", "Algiers", ""),
    ("ECU", "ecuador", "Ecuador", "", "", "Ecuadorian; Ecuadorians; Ecuadorean", "Quito", ""),
    ("EGY", "egypt", "Egypt", "Arab Republic of Egypt", "", "Egyptian; Egyptians", "Cairo", ""),
    ("ERI", "eritrea", "Eritrea", "", "", "Eritrean; Eritreans", "Asmara", ""),
    ("ESP", "spain", "Spain", "", "", "Spanish; Spaniard; Spaniards", "Madrid; Moncloa", ""),
    ("EST", "estonia", "Estonia", "", "", "Estonian; Estonians", "Tallinn", ""),
    ("ETH", "ethiopia", "Ethiopia", "", "", "Ethiopian; Ethiopians", "Addis Ababa", ""),
    ("FIN", "finland", "Finland", "", "", "Finnish; Finn; Finns", "Helsinki", ""),
    ("FJI", "fiji", "Fiji", "", "", "Fijian; Fijians", "Suva", ""),
    ("FRA", "france", "France", "", "", "French",
     "Paris; Elysee; Élysée; the Elysee; the Élysée; Elysee Palace; Élysée Palace; "
     "Quai d'Orsay", ""),
    ("FSM", "micronesia", "Micronesia", "", "", "Micronesian; Micronesians", "Palikir", ""),
    ("GAB", "gabon", "Gabon", "", "", "Gabonese", "Libreville", ""),
    ("GBR", "united_kingdom", "United Kingdom", "Britain; Great Britain", "UK; U.K.",
     "British; Briton; Britons; Brits", "London; Downing Street; Whitehall", ""),
    ("GEO", "georgia", "Georgia", "", "", "Georgian; Georgians", "Tbilisi",
     "Georgia; Georgian; Georgians"),
    ("GHA", "ghana", "Ghana", "", "", "Ghanaian; Ghanaians", "Accra", ""),
    ("GIN", "guinea", "Guinea", "Guinea-Conakry", "", "Guinean; Guineans", "Conakry",
     "Guinea"),
    ("GMB", "gambia", "Gambia", "The Gambia", "", "Gambian; Gambians", "Banjul", ""),
    ("GNB", "guinea_bissau", "Guinea-Bissau", "Guinea Bissau", "",
     "Bissau-Guinean; Bissau-Guineans", "Bissau", ""),
    ("GNQ", "equatorial_guinea", "Equatorial Guinea", "", "",
     "Equatorial Guinean; Equatoguinean; Equatoguineans", "Malabo", ""),
    ("GRC", "greece", "Greece", "", "", "Greek; Greeks", "Athens", ""),
    ("GRD", "grenada", "Grenada", "", "", "Grenadian; Grenadians", "", ""),
    ("GTM", "guatemala", "Guatemala", "", "", "Guatemalan; Guatemalans", "Guatemala City", ""),
    ("GUY", "guyana", "Guyana", "", "", "Guyanese", "Georgetown", "Georgetown"),
    ("HND", "honduras", "Honduras", "", "", "Honduran; Hondurans", "Tegucigalpa", ""),
    ("HRV", "croatia", "Croatia", "", "", "Croatian; Croatians; Croat; Croats", "Zagreb", ""),
    ("HTI", "haiti", "Haiti", "", "", "Haitian; Haitians", "Port-au-Prince", ""),
    ("HUN", "hungary", "Hungary", "", "", "Hungarian; Hungarians", "Budapest", ""),
    ("IDN", "indonesia", "Indonesia", "", "", "Indonesian; Indonesians", "Jakarta", ""),
    ("IND", "india", "India", "Bharat", "", "Indian; Indians", "New Delhi", ""),
    ("IRL", "ireland", "Ireland", "Republic of Ireland", "", "Irish", "Dublin", ""),
    ("IRN", "iran", "Iran", "Islamic Republic", "", "Iranian; Iranians", "Tehran; Teheran",
     "Islamic Republic"),
    ("IRQ", "iraq", "Iraq", "", "", "Iraqi; Iraqis", "Baghdad", ""),
    ("ISL", "iceland", "Iceland", "", "", "Icelandic; Icelander; Icelanders",
     "Reykjavik; Reykjavík", ""),
    ("ISR", "israel", "Israel", "State of Israel", "", "Israeli; Israelis", "Tel Aviv; Knesset",
     ""),
    ("ITA", "italy", "Italy", "", "", "Italian; Italians", "Rome; Palazzo Chigi", ""),
    ("JAM", "jamaica", "Jamaica", "", "", "Jamaican; Jamaicans", "Kingston", ""),
    ("JOR", "jordan", "Jordan", "", "", "Jordanian; Jordanians", "Amman", ""),
    ("JPN", "japan", "Japan", "", "", "Japanese", "Tokyo", ""),
    ("KAZ", "kazakhstan", "Kazakhstan", "", "", "Kazakh; Kazakhs; Kazakhstani; Kazakhstanis",
     "Astana; Nur-Sultan", ""),
    ("KEN", "kenya", "Kenya", "", "", "Kenyan; Kenyans", "Nairobi", ""),
    ("KGZ", "kyrgyzstan", "Kyrgyzstan", "", "", "Kyrgyz; Kyrgyzstani", "Bishkek", ""),
    ("KHM", "cambodia", "Cambodia", "", "", "Cambodian; Cambodians", "Phnom Penh", ""),
    ("KIR", "kiribati", "Kiribati", "", "", "I-Kiribati", "Tarawa", ""),
    ("KNA", "saint_kitts_and_nevis", "Saint Kitts and Nevis",
     "St Kitts and Nevis; St. Kitts and Nevis", "", "Kittitian; Kittitians", "Basseterre", ""),
    ("KOR", "south_korea", "South Korea", "Republic of Korea", "ROK",
     "South Korean; South Koreans", "Seoul", ""),
    ("KWT", "kuwait", "Kuwait", "State of Kuwait", "", "Kuwaiti; Kuwaitis", "Kuwait City", ""),
    ("LAO", "laos", "Laos", "Lao PDR", "", "Lao; Laotian; Laotians", "Vientiane", ""),
    ("LBN", "lebanon", "Lebanon", "Lebanese Republic", "", "Lebanese", "Beirut; Baabda", ""),
    ("LBR", "liberia", "Liberia", "", "", "Liberian; Liberians", "Monrovia", ""),
    ("LBY", "libya", "Libya", "", "", "Libyan; Libyans", "Tripoli", "Tripoli"),
    ("LCA", "saint_lucia", "Saint Lucia", "St Lucia; St. Lucia", "",
     "Saint Lucian; Saint Lucians", "Castries", ""),
    ("LIE", "liechtenstein", "Liechtenstein", "", "", "Liechtensteiner; Liechtensteiners",
     "Vaduz", ""),
    ("LKA", "sri_lanka", "Sri Lanka", "", "", "Sri Lankan; Sri Lankans",
     "Colombo; Sri Jayawardenepura Kotte", ""),
    ("LSO", "lesotho", "Lesotho", "", "", "Basotho; Mosotho", "Maseru", ""),
    ("LTU", "lithuania", "Lithuania", "", "", "Lithuanian; Lithuanians", "Vilnius", ""),
    ("LUX", "luxembourg", "Luxembourg", "", "", "Luxembourger; Luxembourgers; Luxembourgish",
     "", ""),
    ("LVA", "latvia", "Latvia", "", "", "Latvian; Latvians", "Riga", ""),
    ("MAR", "morocco", "Morocco", "Kingdom of Morocco", "", "Moroccan; Moroccans", "Rabat", ""),
    ("MCO", "monaco", "Monaco", "", "", "Monegasque; Monégasque", "", ""),
    ("MDA", "moldova", "Moldova", "", "", "Moldovan; Moldovans", "Chisinau; Chișinău", ""),
    ("MDG", "madagascar", "Madagascar", "", "", "Malagasy", "Antananarivo", ""),
    ("MDV", "maldives", "Maldives", "", "", "Maldivian; Maldivians", "Malé", ""),
    ("MEX", "mexico", "Mexico", "", "", "Mexican; Mexicans", "Mexico City", ""),
    ("MHL", "marshall_islands", "Marshall Islands", "", "", "Marshallese", "Majuro", ""),
    ("MKD", "north_macedonia", "North Macedonia", "Macedonia", "",
     "Macedonian; Macedonians", "Skopje", "Macedonia; Macedonian; Macedonians"),
    ("MLI", "mali", "Mali", "", "", "Malian; Malians", "Bamako", ""),
    ("MLT", "malta", "Malta", "", "", "Maltese", "Valletta", ""),
    ("MMR", "myanmar", "Myanmar", "Burma; Republic of the Union of Myanmar", "", "Burmese",
     "Naypyidaw; Naypyitaw; Nay Pyi Taw", ""),
    ("MNE", "montenegro", "Montenegro", "", "", "Montenegrin; Montenegrins", "Podgorica", ""),
    ("MNG", "mongolia", "Mongolia", "", "", "Mongolian; Mongolians",
     "Ulaanbaatar; Ulan Bator", ""),
    ("MOZ", "mozambique", "Mozambique", "", "", "Mozambican; Mozambicans", "Maputo", ""),
    ("MRT", "mauritania", "Mauritania", "", "", "Mauritanian; Mauritanians", "Nouakchott", ""),
    ("MUS", "mauritius", "Mauritius", "", "", "Mauritian; Mauritians", "Port Louis", ""),
    ("MWI", "malawi", "Malawi", "", "", "Malawian; Malawians", "Lilongwe", ""),
    ("MYS", "malaysia", "Malaysia", "", "", "Malaysian; Malaysians",
     "Kuala Lumpur; Putrajaya", ""),
    ("NAM", "namibia", "Namibia", "", "", "Namibian; Namibians", "Windhoek", ""),
    ("NER", "niger", "Niger", "Republic of Niger", "", "Nigerien; Nigeriens", "Niamey",
     "Niger"),
    ("NGA", "nigeria", "Nigeria", "", "", "Nigerian; Nigerians", "Abuja; Aso Rock", ""),
    ("NIC", "nicaragua", "Nicaragua", "", "", "Nicaraguan; Nicaraguans", "Managua", ""),
    ("NLD", "netherlands", "Netherlands", "The Netherlands; Holland", "", "Dutch",
     "Amsterdam; The Hague", "The Hague"),
    ("NOR", "norway", "Norway", "", "", "Norwegian; Norwegians", "Oslo", ""),
    ("NPL", "nepal", "Nepal", "", "", "Nepali; Nepalis; Nepalese", "Kathmandu", ""),
    ("NRU", "nauru", "Nauru", "", "", "Nauruan; Nauruans", "", ""),
    ("NZL", "new_zealand", "New Zealand", "", "NZ", "New Zealander; New Zealanders",
     "Wellington", "Wellington"),
    ("OMN", "oman", "Oman", "", "", "Omani; Omanis", "Muscat", ""),
    ("PAK", "pakistan", "Pakistan", "", "", "Pakistani; Pakistanis",
     "Islamabad; Rawalpindi", ""),
    ("PAN", "panama", "Panama", "", "", "Panamanian; Panamanians", "Panama City", ""),
    ("PER", "peru", "Peru", "", "", "Peruvian; Peruvians", "Lima", ""),
    ("PHL", "philippines", "Philippines", "", "", "Filipino; Filipinos; Philippine",
     "Manila; Malacañang; Malacanang", ""),
    ("PLW", "palau", "Palau", "", "", "Palauan; Palauans", "Ngerulmud", ""),
    ("PNG", "papua_new_guinea", "Papua New Guinea", "", "PNG",
     "Papua New Guinean; Papua New Guineans", "Port Moresby", "PNG"),
    ("POL", "poland", "Poland", "", "", "Polish; Poles", "Warsaw", ""),
    ("PRK", "north_korea", "North Korea", "", "DPRK", "North Korean; North Koreans",
     "Pyongyang", ""),
    ("PRT", "portugal", "Portugal", "", "", "Portuguese", "Lisbon", ""),
    ("PRY", "paraguay", "Paraguay", "", "", "Paraguayan; Paraguayans",
     "Asuncion; Asunción", ""),
    ("PSE", "palestine", "Palestine", "", "", "Palestinian; Palestinians", "Ramallah", ""),
    ("QAT", "qatar", "Qatar", "", "", "Qatari; Qataris", "Doha", ""),
    ("ROU", "romania", "Romania", "", "", "Romanian; Romanians", "Bucharest", ""),
    ("RUS", "russia", "Russia", "", "", "Russian; Russians", "Moscow; Kremlin; the Kremlin", ""),
    ("RWA", "rwanda", "Rwanda", "", "", "Rwandan; Rwandans", "Kigali", ""),
    ("SAU", "saudi_arabia", "Saudi Arabia", "Kingdom of Saudi Arabia", "KSA", "Saudi; Saudis",
     "Riyadh", ""),
    ("SDN", "sudan", "Sudan", "Republic of Sudan", "", "Sudanese", "Khartoum; Port Sudan", ""),
    ("SEN", "senegal", "Senegal", "", "", "Senegalese", "Dakar", ""),
    ("SGP", "singapore", "Singapore", "", "", "Singaporean; Singaporeans", "", ""),
    ("SLB", "solomon_islands", "Solomon Islands", "", "",
     "Solomon Islander; Solomon Islanders", "Honiara", ""),
    ("SLE", "sierra_leone", "Sierra Leone", "", "", "Sierra Leonean; Sierra Leoneans",
     "Freetown", ""),
    ("SLV", "el_salvador", "El Salvador", "", "", "Salvadoran; Salvadorans; Salvadorean",
     "San Salvador", ""),
    ("SMR", "san_marino", "San Marino", "", "", "Sammarinese", "", ""),
    ("SOM", "somalia", "Somalia", "", "", "Somali; Somalis", "Mogadishu; Villa Somalia", ""),
    ("SRB", "serbia", "Serbia", "", "", "Serbian; Serbians; Serb; Serbs", "Belgrade", ""),
    ("SSD", "south_sudan", "South Sudan", "", "", "South Sudanese", "Juba", ""),
    ("STP", "sao_tome_and_principe", "Sao Tome and Principe", "São Tomé and Príncipe", "",
     "Santomean; Santomeans", "", ""),
    ("SUR", "suriname", "Suriname", "", "", "Surinamese", "Paramaribo", ""),
    ("SVK", "slovakia", "Slovakia", "", "", "Slovak; Slovaks; Slovakian", "Bratislava", ""),
    ("SVN", "slovenia", "Slovenia", "", "", "Slovenian; Slovenians; Slovene; Slovenes",
     "Ljubljana", ""),
    ("SWE", "sweden", "Sweden", "", "", "Swedish; Swede; Swedes", "Stockholm", ""),
    ("SWZ", "eswatini", "Eswatini", "Swaziland", "", "Swazi; Swazis", "Mbabane", ""),
    ("SYC", "seychelles", "Seychelles", "", "", "Seychellois", "", ""),
    ("SYR", "syria", "Syria", "", "", "Syrian; Syrians", "Damascus", ""),
    ("TCD", "chad", "Chad", "Republic of Chad", "", "Chadian; Chadians",
     "N'Djamena; Ndjamena", ""),
    ("TGO", "togo", "Togo", "", "", "Togolese", "Lome; Lomé", ""),
    ("THA", "thailand", "Thailand", "", "", "Thai; Thais", "Bangkok", ""),
    ("TJK", "tajikistan", "Tajikistan", "", "", "Tajik; Tajiks; Tajikistani", "Dushanbe", ""),
    ("TKM", "turkmenistan", "Turkmenistan", "", "", "Turkmen; Turkmens", "Ashgabat", ""),
    ("TLS", "east_timor", "East Timor", "Timor-Leste; Timor Leste", "", "Timorese", "Dili", ""),
    ("TON", "tonga", "Tonga", "", "", "Tongan; Tongans", "Nuku'alofa", ""),
    ("TTO", "trinidad_and_tobago", "Trinidad and Tobago", "Trinidad", "",
     "Trinidadian; Trinidadians", "Port of Spain", ""),
    ("TUN", "tunisia", "Tunisia", "", "", "Tunisian; Tunisians", "Tunis", ""),
    ("TUR", "turkey", "Turkey", "Türkiye; Turkiye; Republic of Turkey", "",
     "Turkish; Turk; Turks", "Ankara", ""),
    ("TUV", "tuvalu", "Tuvalu", "", "", "Tuvaluan; Tuvaluans", "Funafuti", ""),
    ("TWN", "taiwan", "Taiwan", "Republic of China; Chinese Taipei", "ROC", "Taiwanese",
     "Taipei", ""),
    ("TZA", "tanzania", "Tanzania", "", "", "Tanzanian; Tanzanians",
     "Dodoma; Dar es Salaam", ""),
    ("UGA", "uganda", "Uganda", "", "", "Ugandan; Ugandans", "Kampala", ""),
    ("UKR", "ukraine", "Ukraine", "", "", "Ukrainian; Ukrainians", "Kyiv; Kiev", ""),
    ("URY", "uruguay", "Uruguay", "", "", "Uruguayan; Uruguayans", "Montevideo", ""),
    ("USA", "united_states", "United States", "America", "US; U.S.; USA; U.S.A.",
     "American; Americans",
     "Washington; White House; the White House; Pentagon; the Pentagon; State Department",
     "America; Washington"),
    ("UZB", "uzbekistan", "Uzbekistan", "", "", "Uzbek; Uzbeks; Uzbekistani", "Tashkent", ""),
    ("VAT", "holy_see", "Holy See", "Vatican; the Vatican; Vatican City; Vatican City State",
     "", "", "", ""),
    ("VCT", "saint_vincent_and_the_grenadines", "Saint Vincent and the Grenadines",
     "St Vincent and the Grenadines; St. Vincent and the Grenadines; Saint Vincent", "",
     "Vincentian; Vincentians", "Kingstown", ""),
    ("VEN", "venezuela", "Venezuela", "", "", "Venezuelan; Venezuelans",
     "Caracas; Miraflores Palace", ""),
    ("VNM", "vietnam", "Vietnam", "Socialist Republic of Vietnam", "", "Vietnamese", "Hanoi",
     ""),
    ("VUT", "vanuatu", "Vanuatu", "", "", "Ni-Vanuatu", "Port Vila", ""),
    ("WSM", "samoa", "Samoa", "", "", "Samoan; Samoans", "Apia", ""),
    ("XKX", "kosovo", "Kosovo", "Republic of Kosovo", "", "Kosovar; Kosovars; Kosovan",
     "Pristina; Prishtina", ""),
    ("YEM", "yemen", "Yemen", "Republic of Yemen", "", "Yemeni; Yemenis",
     "Sanaa; Sana'a; Aden", "Sanaa; Sana'a; Aden"),
    ("ZAF", "south_africa", "South Africa", "Republic of South Africa", "",
     "South African; South Africans", "Pretoria", ""),
    ("ZMB", "zambia", "Zambia", "", "", "Zambian; Zambians", "Lusaka", ""),
    ("ZWE", "zimbabwe", "Zimbabwe", "", "", "Zimbabwean; Zimbabweans", "Harare", ""),
]


def _split(field: str) -> list[str]:
    return [s.strip() for s in field.split(";") if s.strip()]


def _add(seq: list[str], s: str) -> None:
    if s and s.casefold() not in {x.casefold() for x in seq}:
        seq.append(s)


def _pycountry_names(code: str) -> list[str]:
    """pycountry's English names for ``code`` that read as names (no "Korea, Republic of")."""
    if code in SKIP_PYCOUNTRY:
        return []
    c = pycountry.countries.get(alpha_3=code)
    if c is None:
        return []
    out = []
    for attr in ("name", "official_name", "common_name"):
        s = getattr(c, attr, None)
        if not s or "," in s or "(" in s:
            continue
        if s.startswith("the "):
            s = s[4:]
        out.append(s)
    return out


def build() -> list[dict]:
    rows = []
    for code, id_, name, aliases, acronyms, demonyms, metonyms, ambiguous in TABLE:
        if code != "XKX" and pycountry.countries.get(alpha_3=code) is None:
            raise SystemExit(f"unknown code {code}")
        names = [name]
        for s in _split(aliases) + _pycountry_names(code):
            _add(names, s)
        row = {"id": id_, "name": name, "type": "state", "country": code, "aliases": names,
               "acronyms": _split(acronyms), "demonyms": _split(demonyms),
               "metonyms": _split(metonyms), "ambiguous": _split(ambiguous)}
        rows.append({k: row[k] for k in KEYS if row.get(k)})
    rows.sort(key=lambda r: r["id"])
    ids = [r["id"] for r in rows]
    if len(set(ids)) != len(ids):
        raise SystemExit("duplicate id")
    return rows


def main() -> int:
    rows = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} states to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
