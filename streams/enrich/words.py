"""Closed English word lists the rules use: titles, nationality words, name parts.

General language knowledge, not tuned to any page or to the labelled set.
"""

from __future__ import annotations

import unicodedata

__all__ = [
    "CELESTIAL",
    "CONNECTORS",
    "DEMONYMS",
    "FIRST_NAMES",
    "GEO_NOUNS",
    "LOC_HEADS",
    "LOC_SUFFIXES",
    "NON_ENTITY_ACRONYMS",
    "NON_ENTITY_WORDS",
    "ORG_HEADS",
    "ORG_SUFFIXES",
    "PERSON_TITLES",
    "SPEECH_VERBS",
    "STOP_CAPITALS",
    "THING_WORDS",
    "TITLE_MODIFIERS",
    "given_name",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words that name a people, nationality, faith or party: NORP, never PERSON/ORG/LOC.
DEMONYMS = _words("""
American Americans British Briton Britons English Scottish Welsh Irish French German Germans
Italian Italians Spanish Portuguese Dutch Belgian Swiss Austrian Polish Poles Czech Slovak
Hungarian Romanian Bulgarian Greek Greeks Turkish Turks Russian Russians Ukrainian Ukrainians
Belarusian Estonian Latvian Lithuanian Finnish Swedish Norwegian Danish Icelandic Chinese
Japanese Korean Koreans Indian Indians Pakistani Pakistanis Afghan Afghans Iranian Iranians Iraqi
Iraqis Syrian Syrians Israeli Israelis Palestinian Palestinians Lebanese Jordanian Saudi Saudis
Egyptian Egyptians Libyan Tunisian Algerian Moroccan Nigerian Nigerians Kenyan Ethiopian Sudanese
Somali Ghanaian Senegalese Malian Congolese Rwandan Ugandan Tanzanian Zambian Zimbabwean
Brazilian Brazilians Argentine Argentinian Chilean Colombian Peruvian Venezuelan Venezuelans
Mexican Mexicans Cuban Canadian Canadians Australian Australians Indonesian Vietnamese Thai
Filipino Malaysian Serbian Serbs Croatian Bosnian Georgian Armenian Azerbaijani Kazakh Uzbek
Mongolian Taiwanese Yemeni Qatari Emirati Kuwaiti Omani Bahraini European Europeans African
Africans Asian Asians Arab Arabs Latino Latin Muslim Muslims Christians Jewish Jews
Catholic Catholics Protestant Orthodox Buddhist Hindu Hindus Sikh Kurdish Kurds Shia Sunni
Democrat Democrats Republican Republicans Conservative Conservatives Socialist Socialists
Western Westerners Soviet Nordic Baltic Scandinavian Slovenian Cypriot Maltese Luxembourgish
South-Korean North-Korean Sri-Lankan Bangladeshi Nepalese Haitian Jamaican
""")

#: Titles and roles written before a name but not part of it.
PERSON_TITLES = _words("""
President Vice Prime Minister Chancellor Secretary Foreign Defense Defence Interior Finance
Economy Health Justice Chief Minister's General Gen. Colonel Col. Major Maj. Captain Capt.
Lieutenant Lt. Sergeant Sgt. Admiral Commander Governor Gov. Mayor Senator Sen. Rep.
Representative Congressman Congresswoman Speaker Judge Pope King Queen Prince Princess Sheikh
Emir Ambassador Envoy Spokesman Spokeswoman Spokesperson CEO Chairman Chairwoman Director
Professor Prof. Dr. Dr Mr. Mr Mrs. Mrs Ms. Ms Sir Dame Lord Lady Coach Manager Striker
Opposition Leader Former Incumbent President-elect Minister-President Secretary-General
Archbishop Bishop Cardinal Rabbi Imam Patriarch Inspector Detective Officer Commissioner
Deputy Acting Chief Executive Founder Co-founder Goalkeeper Midfielder Defender Forward
Winger Skipper Head Attorney Prosecutor Lawyer Defendant Author Novelist Singer Actor Actress
Director-General Chair Premier Foreign-Minister Economist Analyst Dean Principal Counsel
Astronaut Physicist Chemist Biologist Rapper Chef Playwright Composer Conductor Pianist
Organiser Organizer Activist Campaigner Researcher Scientist Volcanologist Economist Strategist
Nun Monk Father Sister Brother Reverend Rev Rev. Saint St. Ayatollah Mullah Crown Duke Duchess
Baron Mayor-elect Senator-elect Opener Batsman Bowler Jockey Trainer Referee Cyclist Rider
Sprinter Runner Swimmer Skier Boxer Champion Veteran Survivor Witness Journalist Reporter
Correspondent Photographer Editor Producer Filmmaker Designer Architect Historian Curator
Librarian Ranger Teacher Headteacher Headmaster Nurse Midwife Surgeon Physician Paramedic
Pharmacist Dentist Veterinarian Firefighter Pilot Engineer Fisherman Priest Pastor Sheriff
Coroner Warden Volunteer Shopkeeper Lifeguard Mountaineer Climber Diver Sailor Zookeeper
Psychologist Epidemiologist Virologist Meteorologist Seismologist Geologist Archaeologist
Astronomer Mathematician Forecaster Negotiator Mediator Superintendent Constable Commandant
Brigadier Corporal Marshal
""")

#: Words that are titles only when another title follows ("Foreign Minister", "Vice President").
TITLE_MODIFIERS = _words("""
Foreign Defense Defence Interior Finance Economy Economic Health Justice Education Labour Labor
Transport Trade Energy Environment Culture Agriculture Mining Sports Sport Vice Deputy Acting
Former Chief Prime Head Incumbent Opposition General Executive Field Grand Crown Railway
Railways Housing Home Climate Digital Treasury Security Immigration Migration Family Women
Youth Social Welfare Employment Communications Infrastructure Water Fisheries Commerce Budget
Development Science Tourism Cabinet Industry Europe European Veterans Cyber Public Regional
Border Police Army Navy Military Campaign Party Senior Junior Assistant Associate State
""")

#: Capitalised words that open sentences or headlines and are not names.
STOP_CAPITALS = _words("""
The A An This That These Those He She It They We I You His Her Its Their Our My Your In On At
For From With By Of To As After Before When While Since During Despite Although Though But And
Or If Yet So Meanwhile However Also Still Even Some Many Most More Several Both Each Every All
No Not Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
May June July August September October November December Today Tomorrow Yesterday Breaking
Update Live Officials Police Authorities Residents Experts Analysts Scientists Researchers
Witnesses Rescuers Firefighters Doctors Teachers Workers Fans Players Voters Investors Markets
Prices Shares Here There Where What Who Why How Which Whose Earlier Later Last Next First Second
New Now Then Over Under About Around Across Against Between Through Without Within Among Just
Only Other Another Such Nearly Almost According Speaking Asked Overall Separately Read Watch
Photo Video Sources Reports Report Opinion Analysis Exclusive Government Ministry Parliament
Court Army Navy Council Committee Party Union State States City Town Village Region Province
North South East West Northern Southern Eastern Western Central Mr Mrs Ms Dr Let Please Thanks
Yes Will Would Could Should Can Must Might Did Does Do Is Are Was Were Be Been Has Have Had
Once Until Because Whether Instead Unlike Like Amid Following Including Via Per Up Down Out Off
Updates Third Thousands Hundreds Millions Dozens Tens Two Three Four Five Six Seven Eight Nine
Ten One Half Heavy Strong Record Protesters Students Leaders Ministers Lawmakers Delegates
Negotiators Forecasters Economists Astronomers Soldiers Troops Rebels Militants Migrants
Refugees Pilgrims Passengers Survivors Victims Families Children Parents People Citizens
Members Hospitals Schools Stocks Talks Supporters Opponents Critics Charities Shoppers
Consumers Tourists Visitors Nurses Patients Farmers Town Village Mass Listen Related Latest
Man Woman Men Women Boy Girl Boys Girls Baby Mother Father Son Daughter Police Firefighters
""")

#: Capitalised words that are never a PERSON/ORG/LOC on their own.
NON_ENTITY_WORDS = _words("""
Covid Covid-19 Coronavirus Ebola Mpox Omicron Internet Web Bitcoin Ethereum Brexit Christmas
Easter Ramadan Eid Diwali Hanukkah Halloween Thanksgiving Olympics Paralympics Games Celsius
Fahrenheit Richter Euro Euros Dollar Dollars Yen Yuan Rouble Ruble Lira Rupee Peso Pound Pounds
Sterling Brent Holy God Allah Lord Jesus Bible Koran Quran Torah Cholera Measles Malaria
Tuberculosis Influenza Polio Dengue Diabetes Cancer Alzheimer's Parkinson's Olympic Paralympic
Opera Ballet
""")

#: Words that make a capitalised name a prize, work, storm or law, never PERSON/ORG/LOC.
THING_WORDS = _words("""
Prize Prizes Award Awards Medal Trophy Cup Telescope Model Act Bill Treaty
Accord Agreement Declaration Report Plan Strategy Index Boson Storm Hurricane Typhoon Cyclone
Prix
Tropical Festival Biennale Expo Summit Conference Games Championship Championships Open
Marathon Derby Classic Tour Rally Symphony Concerto Album Novel Film Series Show
""")

#: Sun, moon and planets: not places in the sense consumers route on.
CELESTIAL = _words("Earth Moon Sun Mars Venus Jupiter Saturn Mercury Neptune Uranus Pluto Europa")

#: Lower-case nouns after a name that make it a place ("in Kebbi and Bayelsa states").
GEO_NOUNS = _words("""
state states province provinces region regions district districts county counties city town
village villages oblast prefecture municipality island islands river valley area suburb
rainforest basin jungle delta
port harbour harbor airport airbase base camp refinery crossing neighbourhood neighborhood
""")

#: Final words of organisation names.
ORG_SUFFIXES = _words("""
Bank Party Ministry Council Agency Commission Inc Inc. Corp Corp. Corporation Company Co. Group
University College Institute Institution Court Union Association Federation Committee
Organization Organisation Army Forces Navy Police Airlines Airways FC Club Foundation Fund
Authority Service Services Office Department Assembly Parliament Congress Senate Bureau
League Alliance Front Movement Brigade Brigades Guard Network Times Post News Press Television
Radio Museum Orchestra Theatre Theater School Hospital Clinic Society Trust Holdings Motors
Technologies Systems Labs Laboratory Laboratories Pharmaceuticals Industries Energy Electric
Telecom Media Studios Records Bureau Centre Center Board Tribunal Cabinet Government Secretariat
Unit Command Corps Academy Observatory Exchange Railways Railway Church Synod Ltd Ltd. plc PLC
AG GmbH NV LLC Partners Capital Chemicals Mining Cooperative Administration Programme Program
Initiative Caucus Inspectorate Directorate Rovers Wanderers Juniors Sporting Athletic
""")

#: Words that head organisation names before "of"/"for" ("University of ...", "Department for ...").
ORG_HEADS = _words("""
University Bank Ministry Department Council Court Institute Church Museum Office Party Federation
Association Union Organisation Organization Academy Agency Commission College School Society
League Board Chamber Confederation Order Congress Senate House Assembly Parliament Government
Centre Center Bureau Authority Fund Foundation Service
""")

#: First words of place names ("Mount Etna", "Lake Victoria", "Gulf of Aden").
LOC_HEADS = _words("Mount Lake Gulf Bay Cape Isle Strait Port Fort Place Plaza Piazza Platz")

#: Final words of place names (geographic features, regions, landmarks, facilities).
LOC_SUFFIXES = _words("""
River Sea Ocean Lake Mountains Mountain Mount Hills Island Islands Bay Gulf Strait Valley Desert
Peninsula Province Region Oblast County District Canal Coast Basin Plateau Glacier Volcano Falls
Forest Park Square Bridge Airport Stadium Arena Station Port Harbour Harbor Street Avenue Road
Boulevard Palace Cathedral Castle Tower Beach Reef Delta Range Heights Plain Plains Steppe
Prefecture State Territory Territories Republic Kingdom Emirates Sound Pass Dam Square Gardens
Basilica Mosque Temple Shrine Abbey Strip Corridor Highlands Lowlands Archipelago Atoll Lagoon
Chapel Monastery Memorial Monument Fortress Citadel Terminal Quay Pier Wharf
Fjord Cape Garden Coast Oval Ground Circuit
""")

#: Lower-case words allowed inside a capitalised name ("Bank of England").
CONNECTORS = _words(
    "of for and de du des la le del della da do dos van von der den al bin ibn y the on &"
)

#: Upper-case words that are not organisations (units, terms, media formats, currencies).
NON_ENTITY_ACRONYMS = _words("""
AI GDP CEO CFO COO CTO TV PM AM UTC GMT COVID COVID-19 HIV AIDS DNA RNA CO2 IT ID OK FM AM VAR
USD EUR GBP JPY CHF CNY RMB MP MPs MEP MEPs PR PhD MBA IPO ETF VAT EV EVs SUV
LGBT LGBTQ LGBTQ+ NGO NGOs GPS SMS PDF URL API CPU GPU USB LNG LPG FAQ DIY ICU ER RIP VIP OPEC+
WW1 WWII WWI II III IV GOP GP IVF TB MRI CT PCR IQ ESG ICBM UAV UAVs MW GW KW PV
""")

#: Verbs of saying that mark the nearby capitalised words as a speaker.
SPEECH_VERBS = _words(
    "said says told added warned stated wrote insisted argued claimed explained announced urged"
)

#: Common given names from many countries; a capitalised word after one is a surname.
FIRST_NAMES = _words("""
Aaron Abdul Abdullah Abigail Adam Adrian Ahmad Ahmed Aisha Alan Albert Alberto Alejandro
Aleksandr Aleksei Alex Alexander Alexandra Alexei Alexis Alfred Ali Alice Alicia Alina Alan
Amanda Amelia Amina Amir Amy Ana Anastasia Anders Andrea Andreas Andrei Andrew Andrzej Andy
Angela Angelika Ann Anna Anne Annalena Anthony Antoine Anton Antonio Arjun Armin Arnold Arthur
Ashley Barbara Beatriz Ben Benjamin Bernard Bernd Bill Bob Boris Brandon Brian Bruno Camila
Carl Carla Carlos Caroline Catherine Charles Charlie Charlotte Chen Chris Christian Christina
Christine Christopher Claire Claudia Colin Daniel Daniela Danielle Daria David Deborah Dennis
Diana Diego Dimitri Dmitry Dmitri Donald Dorothy Douglas Duncan Edward Elena Eli Elif Elizabeth
Ella Emily Emma Emmanuel Enrique Eric Erik Ethan Eva Evelyn Fabian Fatima Felipe Felix Fernando
Florian Frances Francesca Francis Francisco Frank Franz Frederick Friedrich Gabriel Gabriela
Gary George Georg Gerhard Giorgia Giovanni Giuseppe Grace Greg Gregory Gustavo Hamid Hana Hannah
Hans Harry Hassan Heinrich Helen Helena Henry Hiroshi Hugo Hussein Ian Ibrahim Igor Ilya Ingrid
Irina Isabel Isabella Ivan Jack Jacob Jacques Jake James Jan Jane Janet Jason Javier Jean Jeff
Jennifer Jens Jeremy Jessica Jim Joachim Joan Joanna Joe Johann Johannes John Jonas Jonathan
Jorge Jose José Joseph Joshua Juan Julia Julian Julie Julien Jurgen Jürgen Justin Kai Karen Karim
Karin Karl Kate Katarzyna Katharina Kathleen Katie Kenji Kevin Khalid Kim Klaus Kofi Kwame Lara
Laura Lauren Lea Leah Lena Leo Leon Leonardo Liam Lin Linda Lisa Liu Lorenzo Louis Louise Luca
Lucas Lucia Lucy Luis Luisa Lukas Luke Magnus Mahmoud Manuel Marc Marco Marcus Margaret Maria
Marie Marina Mario Mark Markus Marta Martin Mary Matteo Matthew Matthias Max Maxim Maya Mehmet
Mei Melanie Mia Michael Michel Michelle Miguel Mikhail Min Mohammed Mohamed Muhammad Monica
Nadia Nancy Naomi Natalia Natalie Nathan Nicholas Nicola Nicolas Nikita Nikolai Nina Noah Nora
Ola Olaf Oleg Olena Oliver Olga Olivia Omar Oscar Pablo Patricia Patrick Paul Paula
Pavel Pedro Peter Petra Philip Philipp Pierre Pietro Priya Rachel Rafael Rahul Raj Ralf Ramon
Rania Raphael Rebecca Richard Rick Rita Robert Roberto Robin Roger Roman Ronald Rosa Ruth Ryan
Sabine Sadiq Sahra Salma Sam Samantha Samuel Sandra Sara Sarah Sean Sebastian Serge Sergei
Sergey Sergio Shinzo Simon Sofia Sophie Stefan Stefanie Steffen Stephanie Stephen Steve Steven
Susan Susanne Sven Tanja Taro Teresa Thomas Tim Timothy Tobias Tom Tomas Tony Ulrich Ursula
Valentina Valeria Vanessa Victor Victoria Viktor Vincent Vladimir Walter Wei Werner William
Wolfgang Xavier Yannick Yasmin Yuki Yulia Yuri Yusuf Zainab Zoe Olena Oksana Taras
Mykola Serhiy Andriy Yevhen Kateryna Nikos Giorgos Kostas Lars Nils Erik Henrik
Mette Ingrid Astrid Bjorn Anders Pekka Mikko Jari Piotr Pawel Tomasz Krzysztof Agnieszka
Ewa Marek Jiri Petr Zoltan Laszlo Istvan Dragan Milan Aleksandar Nemanja Recep Mustafa Ayse
Emine Kemal Ali Reza Mohammad Mahmud Yitzhak Benny Yair Avi Moshe Rami Layla Leila Amal Tariq
Nasser Faisal Salman Narendra Amit Rajesh Sunita Deepak Anil Sanjay Imran Nawaz
Shehbaz Benazir Fumio Shigeru Joko Prabowo
Ferdinand Rodrigo Jacinda Anthony Justin Pierre Jair Lula Luiz Inacio Gabriel Javier Claudia
Andres Gustavo Nicolas Cyril Jacob Thabo Nelson Uhuru William Paul Abiy Bola Muhammadu Goodluck
Emmerson Yoweri Paul Felix Macky Ellen Ngozi Akinwumi Antonio Kamala Nikki Ron Mike Hillary
Barack Joe Jill Melania Ivanka Elon Jeff Mark Sundar Satya Tim Jensen Sam Warren Larry Sergey
Christiane Kristalina Jerome Janet Olaf Friedrich Markus Robert Christian Annalena Nancy Lars
Boris Rishi Keir Liz Theresa Rachel Yvette Emmanuel Marine Gabriel Edouard Giorgia
Matteo Mario Sergio Pedro Mariano Alberto Viktor Andrej Mark Mette Ulf Sanna Jonas Gitanas
Alar Edgars Maia Salome Nikol Ilham Kassym-Jomart Shavkat Alexander Svetlana Alexei Yulia Dmitry
Sergei Valery Valeriy Petro Vitali Vitaliy Denys Dmytro Oleksiy Rustem Andrii Kyrylo
Lionel Cristiano Kylian Erling Harry Jude Robert Mohamed Neymar Luka Novak Rafael Roger Carlos
Jannik Daniil Alexander Iga Aryna Coco Naomi Serena Venus Simone Usain Eliud Lewis Max Charles
Lando Sebastian Fernando Michael Tiger Rory Scottie Jon Steph LeBron Kevin Stephen Giannis
Nikola Shohei Pep Jurgen Carlo Xabi Hansi Julian Thomas Diego Mikel Erik Jose Gareth Zinedine
Taylor Beyonce Adele Rihanna Billie Bruce Ringo Mick Keith Elton Madonna
Leonardo Brad Angelina Tom Meryl Cate Scarlett Greta Martin Steven Christopher Quentin Denis
Faith Giorgio Amelie Nuri Arne Oleh Gavin Wes Jon Pat Bridget Harold Klara Terry Clare Ashwini
Hans Juliette Kendrick Declan Jensen Hartmut Vivienne Marina Yolanda Jane Jean Sandra Pep Omar
Tadej Jonas Salome Benjamin Lloyd Ramesh Stefano Nicholas Martin Andrea Brigitte Angelique
Sophia Isabelle Chloe Camille Manon Ines Lucia Carmen Pilar Rocio Marta Joao Tiago Rui Afonso
Jakub Lukasz Ondrej Tomas Miroslav Bogdan Radu Ion Mihai Dimitris Yannis Eleni Maria Ahmet
Emre Cem Burak Zeynep Murat Hakan Farid Walid Nabil Youssef Samir Hussein Karim Rashid Saad
Yasser Hamza Bilal Idris Musa Ismail Jamal Kamal Hadi Nadia Samira Lina Noor Aaliyah Mariam
Abdel Abdul Abu Ali Hassan Hasan Ahmad Mahmoud Mohammed Muhammed Mehdi Reza Javad Ebrahim
Kwesi Kojo Ama Chidi Emeka Chinedu Ngozi Oluwaseun Tunde Femi Bola Sipho Thandiwe Lindiwe
Themba Tendai Tatenda Wanjiru Wambui Otieno Kipchoge Eliud Haile Abebe Tigist Almaz Meseret
Hiroshi Takeshi Kenta Haruki Yuko Akira Satoshi Naoki Shinji Daisuke Kazuo Ichiro Shohei
Ravi Vikram Arvind Suresh Ramesh Lakshmi Anjali Pooja Neha Rohit Virat Sachin Shubman Ajay
Nguyen Minh Anh Thanh Somchai Siriporn Budi Siti Agus Dewi Maria Jose Rodrigo Lucas Mateus
Gabriel Rafael Thiago Felipe Bruna Larissa Camila Valentina Santiago Sebastian Matias Joaquin
Ignacio Tomas Agustin Facundo Nicolas Emiliano Andres Alejandro Catalina Daniela Fernanda
""")


def given_name(word: str) -> bool:
    """A common given name, also accented ("Andrés") or hyphenated ("Jean-Claude")."""
    if word in FIRST_NAMES:
        return True
    plain = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
    return plain in FIRST_NAMES or ("-" in word and word.split("-", 1)[0] in FIRST_NAMES)
