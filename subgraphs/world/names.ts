/** Name and street material for the synthetic world. Common Dutch words, no real persons. */

export const VOORNAMEN_M = [
  'Jan', 'Pieter', 'Kees', 'Henk', 'Willem', 'Johan', 'Bas', 'Daan', 'Lucas', 'Sem', 'Thijs', 'Ruben',
  'Jeroen', 'Martijn', 'Sander', 'Niels', 'Joost', 'Erik', 'Frank', 'Rob', 'Gert', 'Arjen', 'Tim',
  'Luuk', 'Milan', 'Jesse', 'Finn', 'Levi', 'Mohamed', 'Youssef', 'Mehmet', 'Rachid', 'Stefan',
  'Bram', 'Koen', 'Wouter', 'Maarten', 'Hans', 'Theo', 'Gerard', 'Ton', 'Wim', 'Piotr', 'Tomasz',
] as const;

export const VOORNAMEN_V = [
  'Anna', 'Emma', 'Sophie', 'Julia', 'Lisa', 'Eva', 'Sanne', 'Anouk', 'Fleur', 'Iris', 'Lieke',
  'Marloes', 'Femke', 'Ingrid', 'Marieke', 'Petra', 'Annemiek', 'Karin', 'Monique', 'Linda', 'Esther',
  'Tessa', 'Noor', 'Saar', 'Yara', 'Zoë', 'Mila', 'Nina', 'Fatima', 'Aisha', 'Elif', 'Hanneke',
  'Wilma', 'Truus', 'Joke', 'Ria', 'Astrid', 'Kim', 'Roos', 'Maud', 'Agnieszka', 'Ioana',
] as const;

/** Surnames as [voorvoegsel, geslachtsnaam]. */
export const ACHTERNAMEN: readonly (readonly [string | null, string])[] = [
  [null, 'Jansen'], ['de', 'Jong'], ['de', 'Vries'], ['van den', 'Berg'], ['van', 'Dijk'], [null, 'Bakker'],
  [null, 'Janssen'], [null, 'Visser'], [null, 'Smit'], [null, 'Meijer'], ['de', 'Boer'], [null, 'Mulder'],
  ['de', 'Groot'], [null, 'Bos'], [null, 'Vos'], [null, 'Peters'], [null, 'Hendriks'], ['van', 'Leeuwen'],
  [null, 'Dekker'], [null, 'Brouwer'], ['de', 'Wit'], [null, 'Dijkstra'], [null, 'Smits'], ['de', 'Graaf'],
  ['van der', 'Meer'], ['van der', 'Linden'], [null, 'Kok'], [null, 'Jacobs'], ['de', 'Haan'], [null, 'Vermeulen'],
  ['van den', 'Heuvel'], ['van der', 'Veen'], ['van den', 'Broek'], ['de', 'Bruijn'], ['de', 'Bruin'],
  ['van der', 'Heijden'], [null, 'Schouten'], ['van', 'Beek'], [null, 'Willems'], ['van', 'Vliet'],
  ['van de', 'Ven'], [null, 'Hoekstra'], [null, 'Maas'], [null, 'Verhoeven'], [null, 'Koster'],
  ['van', 'Dam'], ['van der', 'Wal'], [null, 'Prins'], [null, 'Blom'], [null, 'Huisman'], [null, 'Peeters'],
  [null, 'Kuipers'], [null, 'Yilmaz'], [null, 'Kaya'], [null, 'El Amrani'], [null, 'Nowak'], [null, 'Popescu'],
];

/** Street names per neighbourhood theme; the planted scenario streets are not among them. */
export const STRAATNAMEN = [
  'Kerkstraat', 'Molenweg', 'Schoolstraat', 'Dorpsstraat', 'Stationsweg', 'Julianastraat', 'Beatrixlaan',
  'Wilhelminastraat', 'Oranjestraat', 'Nassaulaan', 'Emmastraat', 'Prins Hendrikstraat', 'Parkweg',
  'Tulpstraat', 'Rozenstraat', 'Narcisstraat', 'Lelieweg', 'Irisstraat', 'Goudsbloemlaan', 'Anjerstraat',
  'Merelstraat', 'Lijsterlaan', 'Spreeuwstraat', 'Kievitstraat', 'Zwaluwweg', 'Reigerstraat', 'Valkenlaan',
  'Havenstraat', 'Kadestraat', 'Dijkweg', 'Veerweg', 'Sluisstraat', 'Schipperstraat', 'Ankerstraat',
  'Rembrandtlaan', 'Vermeerstraat', 'Frans Halsstraat', 'Jan Steenstraat', 'Mondriaanlaan', 'Breitnerstraat',
  'Bachstraat', 'Mozartlaan', 'Beethovenstraat', 'Chopinstraat', 'Schubertlaan', 'Händelstraat',
  'Akkerweg', 'Veldstraat', 'Heideweg', 'Broekstraat', 'Weidelaan', 'Hoeveweg', 'Schuurstraat',
  'Bergstraat', 'Heuvelweg', 'Dalstraat', 'Boslaan', 'Zandweg', 'Grintweg', 'Steenstraat',
  'Eikenlaan', 'Beukenstraat', 'Wilgenweg', 'Berkenlaan', 'Iepenstraat', 'Platanenweg', 'Notenlaan',
  'Appelgaard', 'Perenstraat', 'Kersenlaan', 'Pruimenstraat', 'Druivenweg', 'Mispelstraat', 'Hopstraat',
  'Gerststraat', 'Haverweg', 'Roggestraat', 'Tarwelaan', 'Vlasstraat', 'Koornmarkt',
] as const;

export const WERKGEVER_NAMEN = [
  'Bakkerij Van Dijk B.V.', 'Transportbedrijf De Maas B.V.', 'Installatietechniek Doelstad B.V.',
  'Tuincentrum Groenrijk Doelstad', 'Supermarkt De Hoek B.V.', 'Zorggroep Doelstad', 'Schildersbedrijf Smit',
  'Autobedrijf Peters B.V.', 'Kinderopvang Het Nest', 'Gemeente Doelstad', 'Logistiek Centrum Oost B.V.',
  'Metaalbewerking Jansen B.V.', 'Restaurant De Kade', 'Schoonmaakbedrijf Glans B.V.', 'Drukkerij Vos',
  'Hoveniersbedrijf Het Groene Blad', 'Administratiekantoor Bos', 'Sportschool Fit Doelstad',
  'Kwekerij De Tuinderij B.V.', 'Bouwbedrijf Mulder B.V.', 'Apotheek De Linde', 'Basisschool De Regenboog',
  'Verzorgingshuis Maasoever', 'Elektro Dekker', 'Houthandel Brouwer B.V.', 'Vishandel De Haan',
  'Fietsenmaker Visser', 'Champignonkwekerij Noord B.V.', 'Uitzendbureau Werkvast B.V.', 'Garage Kok',
] as const;

export const AUTO_MODELLEN: readonly (readonly [string, string, number])[] = [
  ['VOLKSWAGEN', 'GOLF', 28_000], ['VOLKSWAGEN', 'POLO', 21_000], ['OPEL', 'CORSA', 19_000],
  ['OPEL', 'ASTRA', 25_000], ['PEUGEOT', '208', 21_000], ['RENAULT', 'CLIO', 20_000],
  ['TOYOTA', 'YARIS', 22_000], ['TOYOTA', 'COROLLA', 32_000], ['KIA', 'PICANTO', 15_000],
  ['KIA', 'NIRO', 38_000], ['SKODA', 'OCTAVIA', 33_000], ['FORD', 'FIESTA', 20_000],
  ['TESLA', 'MODEL 3', 48_000], ['BMW', '3ER REIHE', 52_000], ['MERCEDES-BENZ', 'C 200', 55_000],
  ['VOLVO', 'XC60', 62_000], ['FIAT', 'PANDA', 14_000], ['HYUNDAI', 'I10', 15_000],
];
