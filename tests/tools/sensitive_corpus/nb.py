# Norwegian (bokmål and nynorsk) scenario texts; format as in da.py.
# NN_* lists are nynorsk.

SENSITIVE = [
('k', 'social', 'Bekymringsmelding - {child}',
 """Barneverntjenesten mottok i dag en bekymringsmelding fra helsestasjonen om {child}, 2 år.
Helsesykepleier er bekymret for mors psykiske helse og for at barnet ikke følger vekstkurven.
Meldingen er gjennomgått, og vi åpner undersøkelse. Saksbehandler er {colleague}."""),
('k', 'social,substance', 'Akuttvedtak i barnevernet',
 """Det ble i natt fattet akuttvedtak etter barnevernsloven om plassering av {child} i beredskapshjem.
Far, {name}, var sterkt beruset da politiet kom. Statsforvalteren er orientert, og saken skal
behandles i barneverns- og helsenemnda innen seks uker."""),
('c', 'substance', 'Time i rusbehandling',
 """Du har fått rett til tverrfaglig spesialisert rusbehandling (TSB) ved {place} DPS. Din første time
er {date} kl. {time}. Behandlingen starter med en kartlegging av alkoholbruket ditt og en
samtale med lege om medisinering."""),
('k', 'substance', 'LAR - endring i utlevering',
 """{name} i LAR får fra neste uke utlevert Subutex på apoteket to ganger i uken i stedet for daglig.
Urinprøvene de siste tre månedene har vært rene. Fastlegen er informert."""),
('c', 'health', 'Innkalling til BUP',
 """{child} er henvist til BUP {place} for utredning av angst og skolevegring. Vi har satt opp en
første samtale med deg og {child} {date} kl. {time}. Ta gjerne med rapporten fra PPT."""),
('k', 'health', 'Epikrise fra sykehuset',
 """Pasienten {name}, født 1951, ble innlagt med hjerneslag og fikk trombolyse. Han har lammelser
i høyre arm og trenger hjelp til personlig hygiene. Han skrives ut til korttidsplass på
sykehjemmet {date}. Marevan seponeres, han står nå på Eliquis."""),
('c', 'health', 'Svar på prøven din',
 """Prøvesvaret ditt viser at du er gravid i uke 7. Gratulerer! Jordmor ønsker å se deg til første
svangerskapskontroll {date}. Husk å ta med folsyre-listen vi snakket om."""),
('k', 'health,social', 'Søknad om omsorgsstønad',
 """{name} søker omsorgsstønad for sønnen {child} som har Downs syndrom og epilepsi. Familien har
behov for avlastning to helger i måneden. Uttalelse fra habiliteringstjenesten er vedlagt."""),
('k', 'criminal', 'Siktelse mot bruker',
 """Politiet har informert om at {name} er siktet for innbrudd i tre hytter i {place}. Han sitter i
varetekt fram til {date}. Vi må se på hvordan vi følger opp husleien hans mens han er
fengslet."""),
('c', 'criminal', 'Politiattest',
 """Politiattesten din viser en bot for ruspåvirket kjøring fra 2022. Vi ønsker en samtale med
deg om dette før vi kan tilby deg stillingen som støttekontakt. Passer det {date}?"""),
('k', 'criminal,social', 'Dom - vold i nære relasjoner',
 """{name} ble i dag dømt i tingretten til ti måneders fengsel for mishandling i nære relasjoner
etter straffeloven § 282. Barna har bodd hos mor siden bruddet. Barnevernet må vurdere
samvær på nytt. Besøksforbud gjelder fortsatt."""),
('c', 'social', 'Vedtak om økonomisk sosialhjelp',
 """Du har søkt om økonomisk stønad til strøm og husleie. NAV har innvilget 7 350 kroner etter
sosialtjenesteloven § 18. Vi har også satt vilkår om at du møter til samtale om gjeld hos
økonomisk rådgiver {date}."""),
('k', 'social', 'Flytting fra krisesenteret',
 """{name} flytter fra krisesenteret til en kommunal leilighet {date}. Hun har hemmelig adresse
(kode 6), så adressen må ikke stå i noen brev til far. Skolen er orientert om barna."""),
('c', 'substance,health', 'Avtale på LAR-poliklinikken',
 """Vi bekrefter at du er tatt inn i legemiddelassistert rehabilitering. Du starter opp med
metadon {date}. Legen vil også se på hepatitt C-behandling, siden blodprøvene dine viste
smitte."""),
('k', 'ethnicity', 'Samisk tolk',
 """{name} er samisk og ønsker å snakke nordsamisk med legen på sykehjemmet. Han har sagt at han
har dårlige erfaringer fra fornorskingen og internatskolen. Kan vi skaffe tolk til
inkomstsamtalen?"""),
('k', 'ethnicity,social', 'Familie med kvensk bakgrunn',
 """Familien til {child} er kvener og snakker kvensk hjemme. I barnevernsundersøkelsen må vi ta
hensyn til familiens kulturelle bakgrunn, slik barnevernsloven krever. Mor er alene med tre
barn og har økonomiske problemer."""),
('c', 'religion', 'Fritak fra undervisning',
 """Vi har mottatt søknaden om fritak for {child} fra deler av KRLE-faget fordi familien er
Jehovas vitner. Skolen innvilger fritak fra de aktivitetene du har nevnt i brevet."""),
('k', 'religion,health', 'Ønske om imam',
 """Pasienten {name} på post 3 er muslim og har bedt om å få snakke med en imam før operasjonen.
Hun ønsker også kvinnelig lege ved undersøkelsen. Sykehuspresten kan formidle kontakt."""),
('k', 'political', 'Ansatt på valgliste',
 """{name} står på Rødts valgliste ved kommunevalget og har spurt om permisjon for å delta på
kommunestyremøter hvis hun blir valgt. Hun er også aktiv i partiets kvinnenettverk."""),
('c', 'political', 'Din søknad om permisjon',
 """Du har søkt om permisjon for å delta på Fremskrittspartiets landsmøte som delegat. Permisjonen
innvilges uten lønn {date}. Gi beskjed til vaktleder."""),
('k', 'union', 'Drøftingsmøte',
 """I drøftingsmøtet om {name}s oppsigelse deltar hovedtillitsvalgt fra Fagforbundet, siden hun er
organisert der. Fagforbundet har bedt om kopi av advarselen og referatene."""),
('c', 'union', 'Trekk av fagforeningskontingent',
 """Vi har registrert at du har meldt deg inn i Norsk Sykepleierforbund. Kontingenten trekkes
fra lønnen fra neste måned og vises på lønnsslippen din."""),
('k', 'sexual,social', 'Ungdom på avlastning',
 """{name} (16) har fortalt miljøterapeuten at han er bifil og har en kjæreste. Han ønsker ikke at
foreldrene skal vite det. Vi må være forsiktige med hva som skrives i dagsrapporten."""),
('c', 'sexual,health', 'Henvisning til kjønnsinkongruens',
 """Fastlegen har henvist deg til Nasjonal behandlingstjeneste for kjønnsinkongruens. Du står nå på
venteliste. Vi sender deg en innkalling når det er din tur, og du kan ringe oss hvis du har
behov for samtale før det."""),
('x', 'health', 'Sønnen din',
 """Hei {first}, sønnen din er innlagt på psykiatrisk akuttpost i natt. Han er trygg. Ring meg i dag. Hilsen {me}"""),
('k', 'health', 'Hjemmetjenesten - ny bruker',
 """Ny bruker fra {date}: {name}, 83 år, med Alzheimers sykdom. Hun trenger hjelp med medisiner
morgen og kveld og tilsyn om natten. Datteren er pårørende og har fullmakt."""),
('k', 'criminal,substance', 'Bekymring fra politiet',
 """Politiet har sendt oss en rapport om at {child} (15) ble tatt med hasj på skolen, og at han
er anmeldt for salg av narkotika til medelever. Vi innkaller foreldrene til møte."""),
]

PUBLIC = [
('l', '-', 'Nyhetsbrev: Nytt distriktspsykiatrisk senter',
 """Helse Vest åpner et nytt distriktspsykiatrisk senter i {place} {date}. Senteret får 20 døgnplasser
og et ambulant team for unge voksne. Alle ansatte er invitert til åpningen."""),
('l', '-', 'Ledig stilling: barnevernspedagog',
 """Vil du jobbe i en barneverntjeneste med godt arbeidsmiljø? Vi søker barnevernspedagog til
undersøkelsesteamet. Du får ansvar for undersøkelser etter bekymringsmeldinger og
oppfølging av tiltak. Du har relevant utdanning og førerkort. Søknadsfrist {date}."""),
('l', '-', 'Ledig stilling: sykepleier i rusomsorgen',
 """Vi søker sykepleier til vårt lavterskeltilbud for personer med rusavhengighet. Du skal jobbe
med helsehjelp, sårstell og utdeling av Nalokson. Vi tilbyr fast stilling og veiledning."""),
('l', '-', 'Saksliste: Helse- og omsorgsutvalget',
 """Sak 21/26 Budsjettjustering rus og psykisk helse
Sak 22/26 Rapport om tvang i barnevernsinstitusjoner
Sak 23/26 Ny plan for boligsosialt arbeid
Sak 24/26 Eventuelt
Møtet holdes {date} kl. {time} i kommunestyresalen."""),
('l', '-', 'Pressemelding: Oppsummering fra tingretten',
 """Ukens dommer fra {place} tingrett: en 40 år gammel mann ble dømt for grovt bedrageri, og to
unge menn fikk samfunnsstraff for narkotikalovbrudd. Lokalavisen skriver også om økte
ventetider ved BUP."""),
('l', '-', 'Kurs i bekymringsmelding til barnevernet',
 """Barneverntjenesten inviterer barnehageansatte til kurs om opplysningsplikten. Vi snakker om
når du skal sende bekymringsmelding og hvordan den skal skrives. Kurset er {date}."""),
('l', '-', 'Statistikk: barnevern 2025',
 """SSB har publisert barnevernstatistikken. 51 000 barn fikk tiltak fra barnevernet i fjor, og
antallet omsorgsovertakelser gikk ned. Vi har laget en oversikt for kommunen vår i vedlegget."""),
('l', '-', 'Retningslinje for bruk av tvang',
 """Ny retningslinje for bruk av tvang og makt overfor personer med utviklingshemming gjelder fra
{date}. Alle tjenesteytere skal gjennomføre e-læringskurset før neste turnus."""),
('l', '-', 'IT-melding: nedetid',
 """Fagsystemet for barnevernet er nede fra kl. 17 fredag til kl. 08 mandag på grunn av
oppgradering. Hastesaker dokumenteres på papir og føres inn etterpå."""),
('l', '-', 'Psykiatrien stengt på fredag',
 """Hei alle, poliklinikken for psykisk helse holder stengt fredag på grunn av fagdag. Akutte
henvendelser går til legevakten."""),
('l', '-', 'Budsjett for rusomsorgen',
 """Vedlagt er forslag til budsjett for rusomsorgen. Vi foreslår å øke antall plasser i
LAR-teamet og kutte i kjøp av institusjonsplasser. Kommentarer innen {date}."""),
('l', '-', 'Tillitsvalgte informerer',
 """Fagforbundet og NSF holder felles medlemsmøte om lønnsoppgjøret {date} kl. {time}. Alle
medlemmer er velkomne, og det blir servert pizza."""),
('c', '-', 'Bekreftelse på bestilling',
 """Takk for bestillingen av søppelhenting. Vi henter grovavfallet ditt {date}. Sett det fram
ved veien kvelden før."""),
('k', '-', 'Møterom',
 """Jeg har booket møterom Fjellet til oss onsdag kl. {time}. Tar du med laderen?"""),
('l', '-', 'Likestillingsplan',
 """Kommunens handlingsplan mot diskriminering er vedtatt. Den omfatter etnisitet, religion,
seksuell orientering og funksjonsevne. Ledere skal gå gjennom planen på neste personalmøte."""),
]

CONFIDENTIAL = [
('k', '-', 'Ny adresse i folkeregisteret',
 """Kan du registrere ny adresse for {name}, {idline}? Ny adresse er {addr}, {place}, fra {date}."""),
('c', '-', 'Kvittering for søknad om parkeringstillatelse',
 """Vi har mottatt søknaden din om beboerparkering. {idline}. Tillatelsen sendes til {addr}."""),
]

NN_SENSITIVE = [
('x', 'health', 'Sonen din',
 """Hei {first}, sonen din vart innlagd på barne- og ungdomspsykiatrisk avdeling i natt. Han har det trygt no. Ring meg. Helsing {me}"""),
('k', 'social', 'Melding til barnevernet om {child}',
 """Barnehagen har sendt ei bekymringsmelding om {child}. Dei har sett at ho ofte kjem svolten og
skitten, og at mor verkar rusa når ho hentar. Vi opnar undersøking og tek kontakt med familien."""),
('c', 'health', 'Innkalling til poliklinikken',
 """Du er tilvist til psykiatrisk poliklinikk i {place} for utgreiing av depresjon. Første time er
{date} kl. {time}. Ta gjerne med medisinlista di."""),
('k', 'substance', 'Rusbehandling for bebuar',
 """{name} har søkt om plass i rusbehandling etter at han har drukke tungt sidan jul. Fastlegen har
sendt tilvising til TSB. Vi fylgjer opp med heimebesøk kvar veke."""),
('k', 'criminal', 'Melding frå politiet',
 """Politiet melder at {name} er sikta for vald mot ein nabo i {place}. Han er sett fri, men har fått
besøksforbod. Vi må ta omsyn til dette ved tildeling av bustad."""),
('c', 'social', 'Vedtak om økonomisk stønad',
 """Du har fått innvilga økonomisk stønad til husleige for {date}. Vi har lagt vekt på at du ventar
på svar om uføretrygd, og at du har gjeld etter skilsmissa."""),
('k', 'health,social', 'Avlasting for familien',
 """Familien til {child} søkjer om avlasting fordi {child} har autisme og sterk utfordrande åtferd.
Mor er sjukmeld for utbrentheit. Vi tilrår avlasting tre helgar i månaden."""),
('k', 'religion,ethnicity', 'Samtale med familien',
 """Familien {family} er samar og medlemer av den læstadianske forsamlinga. Dei ønskjer at ein
samisktalande sakshandsamar er med på møtet om skulegangen til sonen."""),
('c', 'union,political', 'Permisjon for verv',
 """Du har søkt permisjon for vervet ditt som tillitsvald i Fagforbundet og som kommunestyrerepresentant
for Senterpartiet. Permisjonen er innvilga etter hovudavtalen."""),
]

NN_PUBLIC = [
('x', '-', 'Påmelding til kurs',
 """Hei {first}, du er påmeld kurset om barnevernsarbeid {date}. Helsing {colleague}"""),
('l', '-', 'Nyheitsbrev: ny ruspoliklinikk',
 """Helseføretaket opnar ein ny ruspoliklinikk i {place} {date}. Poliklinikken skal gje tilbod til
unge vaksne med rusproblem. Alle tilsette er velkomne på opninga."""),
('l', '-', 'Ledig stilling: sosionom i NAV',
 """Vil du jobbe med økonomisk rådgjeving og sosiale tenester? Vi søkjer sosionom til NAV-kontoret.
Du har god kjennskap til sosialtenestelova og likar å jobbe med menneske."""),
('l', '-', 'Sakliste for levekårsutvalet',
 """Sak 5: Budsjett for barnevern og psykisk helse. Sak 6: Rapport om bustader for vanskelegstilte.
Sak 7: Eventuelt. Møtet er {date} kl. {time}."""),
('l', '-', 'Psykiatrien stengd fredag',
 """Hei alle, psykiatrisk poliklinikk er stengd fredag på grunn av fagdag. Ved akutt behov, kontakt
legevakta."""),
]

HARD_PUBLIC = [
('x', '-', 'Gratulerer',
 """Hei {first}, gratulerer med ny jobb i barneverntjenesten! Første arbeidsdag er {date}. Hilsen {colleague}"""),
('x', '-', 'Påmelding',
 """Hei {first}, du er påmeldt kurset om rus og psykisk helse {date}. Kurset holdes i {place}. Mvh {colleague}"""),
('x', '-', 'Referat',
 """Hei {first}, kan du skrive referatet fra møtet om rusbudsjettet? Takk! {colleague}"""),
]
HARD_SENSITIVE = [
('y', 'substance,social', 'Møtte ikke',
 """Hei {colleague}, {name} har ruset seg igjen og møtte ikke til avtalen på NAV i dag. Kan du ta en telefon til ham? {me}"""),
('x', 'social', 'Samværet',
 """Hei {first}, samværet med datteren din på lørdag blir i barnevernets lokaler, som bestemt av nemnda. Hilsen {me}"""),
]
