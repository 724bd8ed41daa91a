# Danish scenario texts (sensitive, public, confidential). Written by hand for the
# development corpus of issue 10; see tests/sensitive-corpus/README.md.
# Each entry: (audience, categories, subject, body). audience: c = to the citizen,
# k = to a colleague or partner, l = to a list or many, x = the body has its own greeting
# and signature (to the citizen when sensitive, to a colleague otherwise), y = the same to a
# colleague ({colleague}) about someone else.
# Slots: {name} {first} {family} (surname of {name}) {child} {date} {time} {place} {case}
# {colleague} {addr} {me} (first name of the sender).

SENSITIVE = [
('c', 'substance', 'Svar på din klage over behandlingen',
 """Tak for din henvendelse af {date}, hvor du klager over forløbet i misbrugsbehandlingen hos os.
Vi har gennemgået din journal. Du startede i ambulant alkoholbehandling i foråret og fik
Antabus to gange om ugen. Din behandler har noteret, at du udeblev fra tre samtaler i maj,
og derfor blev dosis ikke udleveret. Vi beklager, at du ikke fik besked om det skriftligt.
Du er velkommen til at kontakte os igen, hvis du vil have et møde om dit videre forløb."""),
('k', 'social', 'Anbringelsessagen vedr. {child}',
 """Som aftalt sender jeg et kort resumé før børne- og ungeudvalgets møde den {date}.
{child} (7 år) har siden januar været anbragt i familiepleje i {place}. Mor, {name}, ønsker
samvær hver anden weekend, men plejefamilien oplever, at {child} er urolig efter hvert samvær.
Jeg indstiller, at samværet fortsat er overvåget. Den børnefaglige undersøgelse er vedhæftet
sagen i {case}."""),
('k', 'social', 'Underretning modtaget i dag',
 """Vi har i dag modtaget en underretning fra skolen om {child} i 4.b. Klasselæreren beskriver,
at {child} flere gange er kommet uden madpakke og i for tynde sko, og at han har fortalt om
råben derhjemme. Jeg har oprettet sagen og ringer til forældrene i morgen. Kan du tage
børnesamtalen med mig torsdag kl. {time}?"""),
('c', 'health', 'Indkaldelse til samtale i psykiatrien',
 """Du er henvist til Psykiatrisk Center {place}, Ambulatorium for angst og OCD, af din egen læge.
Vi har reserveret en tid til dig den {date} kl. {time} til en første samtale med en psykolog.
Medbring gerne en liste over den medicin, du tager nu. Hvis tiden ikke passer, så ring til
sekretariatet, så finder vi en ny."""),
('x', 'health', 'Din datter',
 """Hej {first}, din datter er tilmeldt psykiatrien igen fra mandag. Ring hvis der er spørgsmål."""),
('k', 'health', 'Epikrise {name}',
 """Hermed epikrise efter indlæggelse på medicinsk afdeling fra {date}.
Patienten {name} blev indlagt med nyopdaget type 2-diabetes og højt blodsukker. Hun er sat i
behandling med metformin og er henvist til Diabetesambulatoriet. Egen læge bedes følge op på
HbA1c om tre måneder."""),
('c', 'health', 'Prøvesvar',
 """Dine blodprøver fra sidste uge er nu kommet tilbage. Dit stofskiftetal er for lavt, og lægen
vil gerne starte dig op på Eltroxin. Du kan hente recepten på apoteket fra i morgen, og vi
ser dig til en ny blodprøve om seks uger."""),
('k', 'health,social', 'Sundhedsplejerske - bekymring for {child}',
 """Jeg var på hjemmebesøg hos {name} i går. Den lille {child} på 5 måneder har tabt sig siden sidst,
og mor virker meget trist og fortæller, at hun ikke sover. Jeg tror, der er tale om en
fødselsdepression. Jeg har anbefalet hende at gå til egen læge, men jeg vil også gerne have
en snak med jer i familieafdelingen om, hvorvidt vi skal lave en underretning."""),
('c', 'substance', 'Opfølgning efter afgiftning',
 """Det var godt at se dig til samtalen i tirsdags. Som aftalt starter du i dagbehandling for dit
hashmisbrug fra den {date}. Du møder kl. {time} på Rusmiddelcentret, {addr}. Husk at du skal
aflevere urinprøve ved hvert fremmøde. Din kontaktperson er fortsat Lise."""),
('k', 'substance,social', 'Vedr. borger i substitutionsbehandling',
 """Borgeren {name} er i metadonbehandling hos os og har i dag oplyst, at han er blevet sat ud af sin
lejlighed. Han sover p.t. på et herberg i {place}. Kan jobcentret tage kontakt til ham angående
kontanthjælp? Han har givet samtykke til, at vi deler oplysningerne med jer."""),
('k', 'criminal', 'Sigtelse - {name}',
 """Til orientering: Politiet har oplyst, at {name} er sigtet for butikstyveri og vold mod en
ekspedient i {place} den {date}. Han er løsladt og skal møde i retten senere. Vi bør tage
det op på netværksmødet, da han fortsat bor på opgangsfællesskabet."""),
('c', 'criminal', 'Straffeattest',
 """Vi har modtaget din børneattest og straffeattest i forbindelse med ansættelsen. Straffeattesten
viser en betinget dom fra 2019 for overtrædelse af færdselsloven (spirituskørsel). Den har
ikke betydning for stillingen som pædagogmedhjælper, men vi skal bede dig bekræfte, at der
ikke er verserende sager."""),
('k', 'criminal,substance', 'Dom i sagen mod {name}',
 """Retten i {place} afsagde i dag dom i sagen mod {name}. Han blev idømt 60 dages ubetinget fængsel
for besiddelse af kokain med henblik på salg. Kriminalforsorgen er orienteret, og han har
søgt om afsoning med fodlænke. Jeg har noteret det i journalen."""),
('c', 'social', 'Afgørelse om økonomisk hjælp',
 """Du har søgt om hjælp til betaling af husleje efter § 81 i aktivloven. Vi har behandlet din
ansøgning og bevilliger en enkeltydelse på 6.200 kr., som udbetales til din konto den {date}.
Vi har lagt vægt på, at du er i et forløb med din gæld hos gældsrådgivningen."""),
('k', 'social', 'Handleplan for {child}',
 """Her er udkast til handleplan efter servicelovens § 68 for {child}. Drengen er anbragt på
opholdsstedet i {place}, og målet er, at han kan komme tilbage i folkeskolen efter sommer.
Mor har fået støtte til en familiebehandler. Giv mig gerne kommentarer inden fredag."""),
('c', 'health', 'Henvisning til BUP',
 """Vi har nu modtaget henvisningen fra skolepsykologen, og {child} er skrevet op til udredning for
ADHD i Børne- og Ungdomspsykiatrien. Ventetiden er desværre omkring fire måneder. I får et
brev med tid til den første samtale, og I må meget gerne udfylde de vedlagte skemaer."""),
('k', 'health', 'Medicinændring',
 """Borgeren i lejlighed 12 ({name}) har fået ændret sin medicin af lægen i går. Quetiapin er øget
til 200 mg til natten, og der skal gives Lithium morgen og aften. Kan aftenvagten sikre sig
at doseringskortet er opdateret? Hun har været meget urolig i weekenden."""),
('c', 'health', 'Din graviditetsscanning',
 """Tak for i dag. Som nævnt viste nakkefoldsscanningen i uge 12 en lidt forhøjet risiko, og vi
tilbyder dig derfor en moderkagebiopsi. Jordemoderen ringer til dig i morgen for at aftale
tid. Du er velkommen til at tage din partner med."""),
('k', 'health,social', 'Handicapkompensation',
 """{name} har en medfødt cerebral parese og sidder i kørestol. Hun har søgt om merudgiftsydelse
og et nyt hjælpemiddel. Ergoterapeuten har vurderet behovet, og jeg indstiller, at hun får
bevilget el-kørestolen. Sagen er journaliseret under {case}."""),
('c', 'social', 'Samtale om din søn',
 """Vi har modtaget en bekymring om din søn {child} fra daginstitutionen, og vi vil gerne mødes med
jer for at tale om, hvordan det går derhjemme. Vi har sat mødet til den {date} kl. {time} på
rådhuset. Du er velkommen til at tage en bisidder med."""),
('k', 'social,criminal', 'Vold i hjemmet - opfølgning',
 """Jeg har talt med {name} på krisecentret i dag. Hun fortæller, at kæresten har slået hende
flere gange, og at hun har anmeldt ham til politiet. Hun har to børn med, og vi skal have
afklaret skolegang og bolig. Hun ønsker ikke, at manden får oplyst hendes adresse."""),
('k', 'substance', 'Alkohol på arbejdspladsen',
 """Jeg skal bede dig om at indkalde {name} til en tjenstlig samtale. Han mødte i går påvirket af
alkohol for tredje gang i år. Vi vil tilbyde ham hjælp gennem vores alkoholpolitik og et
behandlingsforløb hos Lænkeambulatoriet, men det skal skrives tydeligt i referatet."""),
('c', 'health', 'Sygefraværssamtale',
 """Som opfølgning på din sygemelding har vi modtaget en mulighedserklæring fra din læge. Her står,
at du har diskusprolaps og ikke må løfte over 5 kg de næste tre måneder. Vi vil gerne aftale
en delvis raskmelding med dig, og foreslår et møde den {date}."""),
('k', 'health', 'Patient til genoptræning',
 """Patienten {name}, 78 år, udskrives i morgen efter en hoftealloplastik. Der er lavet en
genoptræningsplan, og hun skal have hjemmehjælp til bad og påklædning de første uger. Hun
har også begyndende demens, så pårørende ønsker at være med ved første besøg."""),
('c', 'substance', 'Ung i Rusrådgivningen',
 """Tak fordi du kom forbi Rusrådgivningen med din mor i sidste uge. Vi har booket dig ind til
en samtale hver onsdag kl. {time}, hvor vi arbejder med dit forbrug af kokain og festpiller.
Du bestemmer selv, om din mor skal være med næste gang."""),
('k', 'ethnicity,social', 'Tolk til familien',
 """Familien {family} er kommet fra Somalia for to år siden og taler kun lidt dansk. Til mødet om
deres datters skolegang skal vi bruge en somalisk tolk, og far har bedt om en mandlig tolk.
Vi har også brug for at drøfte familiens boligsituation og forsørgelse."""),
('k', 'ethnicity', 'Elev med romabaggrund',
 """Vi har fået en ny elev i 6.a, {child}, hvis familie er romaer og lige er flyttet fra Rumænien.
Han har ikke gået fast i skole før og har brug for modtagelsesklasse. Kan vi få en samtale
med jer i PPR om hans sprog og skolebaggrund?"""),
('k', 'religion', 'Kost på plejehjemmet',
 """Ny beboer på afsnit B: {name}. Hun er ortodoks jøde og spiser kun koscher mad, og der må ikke
serveres svinekød eller blandes kød og mælk. Hun ønsker besøg af rabbineren fredag
eftermiddag. Kan køkkenet tage hensyn til det fra i morgen?"""),
('c', 'religion,health', 'Din operation',
 """Vi har noteret, at du som Jehovas Vidne ikke ønsker blodtransfusion ved operationen den {date}.
Kirurgen vil gerne gennemgå alternativerne med dig og dokumentere dit ønske i journalen.
Vi har derfor flyttet din forundersøgelse til kl. {time}."""),
('k', 'religion', 'Konfirmation og fritagelse',
 """{name} har meddelt, at hendes søn {child} er konverteret til islam og ikke ønsker at deltage i
kristendomskundskab og i skolens juleafslutning i kirken. Vi har lovet at finde en
alternativ aktivitet den dag. Kan du give besked til klasselæreren?"""),
('k', 'political', 'Vedr. medarbejder og byrådskandidatur',
 """{name} fra vores afdeling stiller op til byrådet for Enhedslisten ved kommunalvalget og har
spurgt, om hun kan få fri til valgmøder. Hun er også aktiv i partiets lokalforening. Det skal
ikke have betydning for ansættelsen, men vi skal have styr på hendes vagter."""),
('c', 'political', 'Din ansøgning om fritagelse',
 """Du har bedt om at blive fritaget fra at uddele valgmateriale, fordi du er medlem af Dansk
Folkeparti og ikke vil dele materiale ud fra andre partier. Vi har forståelse for det og har
givet din rute til en kollega i ugerne op til valget."""),
('k', 'union', 'Tillidsrepræsentant deltager',
 """Til mødet om {name}s afsked deltager hans tillidsrepræsentant fra FOA, da han er medlem af
fagforeningen. FOA har bedt om at få sagsakterne inden mødet. Jeg sender dem sikkert, når
du har godkendt listen."""),
('c', 'union', 'Fradrag for kontingent',
 """Vi har registreret, at du er medlem af HK Kommunal og af a-kassen, og at kontingentet trækkes
over lønnen fra næste måned. Hvis du melder dig ud af fagforeningen, skal du give os besked,
så vi stopper fradraget."""),
('k', 'sexual,social', 'Ung på botilbuddet',
 """{name} (17) har fortalt sin kontaktperson, at han er homoseksuel, og at han er bange for
reaktionen fra familien. Han ønsker ikke, at forældrene får det at vide endnu. Vi skal
tage hensyn til det i samarbejdet med hjemmet og tilbyde ham kontakt til LGBT+ Ungdom."""),
('c', 'sexual,health', 'Henvisning til Sexologisk Klinik',
 """Din egen læge har henvist dig til Sexologisk Klinik angående kønsidentitet. Du er skrevet op til
en første samtale den {date}. Vi bruger det navn og de pronominer, du ønsker, og du kan
skrive det i det vedlagte skema."""),
('k', 'sexual,criminal', 'Anmeldelse af blufærdighedskrænkelse',
 """Politiet har rettet henvendelse om en anmeldelse fra {name}, som er blevet udsat for en
seksuel krænkelse på et bosted i {place}. Hun har fortalt, at hun er lesbisk og er blevet
chikaneret for det. Vi skal have en afhøring med støtteperson hurtigst muligt."""),
('x', 'social', 'Re: Mødet i morgen',
 """Hej {first}

Mødet i morgen kl. {time} er om din anbringelse og om, hvornår du kan se din mor igen.
Din advokat kommer også. Vi ses.

Hilsen {me}"""),
('c', 'health,substance', 'Dobbeltdiagnose - samtale',
 """Du er blevet visiteret til et integreret forløb, fordi du både har en psykisk lidelse og et
misbrug. Psykiatrien og misbrugscentret holder et fælles møde med dig den {date}, hvor vi
lægger en plan for din medicin og for, hvordan du trapper ned med alkoholen."""),
('k', 'criminal,social', 'Ungdomskriminalitetsnævnet',
 """{child} (14 år) er af Ungdomskriminalitetsnævnet pålagt et forløb med fast kontaktperson efter
flere indbrud i skolens lokaler. Politiet har sendt os rapporterne. Jeg har foreslået, at
han også får en mentor i klubben. Mødet med familien er den {date}."""),
('k', 'health', 'Ændring i hjemmeplejen',
 """Borgeren {name} har fået konstateret KOL og bruger nu ilt hele døgnet. Hun skal have besøg
tre gange dagligt, og hjemmesygeplejen skal tjekke saturation. Der er risiko for fald, så
der skal monteres nødkald."""),
]

PUBLIC = [
('l', '-', 'Nyhedsbrev: Ny psykiatrisk afdeling åbner i {place}',
 """Den {date} åbner Region Syddanmark et nyt psykiatrisk sengeafsnit med 24 pladser i {place}.
Afsnittet skal behandle voksne med svære depressioner og psykoser og har tilknyttet et
udgående team. Byggeriet har kostet 180 mio. kr. Der er åbent hus for naboer og
samarbejdspartnere kl. 14-17."""),
('l', '-', 'Stillingsopslag: Socialrådgiver til børne- og familieafdelingen',
 """Vil du være med til at gøre en forskel for udsatte børn og unge? Vi søger en socialrådgiver
til vores myndighedsteam, som arbejder med børnefaglige undersøgelser, underretninger og
anbringelser efter serviceloven. Du har erfaring med sagsbehandling og trives med et højt
tempo. Ansøgningsfrist den {date}."""),
('l', '-', 'Stillingsopslag: Sygeplejerske til akutmodtagelsen',
 """Har du lyst til at arbejde i en travl akutmodtagelse? Vi søger en sygeplejerske, der er
fagligt stærk og kan bevare overblikket. Du får en grundig introduktion og mulighed for
efteruddannelse. Du skal være medlem af Dansk Sygeplejeråd eller have tilsvarende
autorisation. Løn efter overenskomst."""),
('l', '-', 'Dagsorden: Social- og sundhedsudvalget {date}',
 """Dagsorden
1. Godkendelse af referat
2. Budgetopfølgning: misbrugsbehandling og forsorgshjem (merforbrug 3,2 mio. kr.)
3. Status på stofindtagelsesrummet
4. Høring om ny kvalitetsstandard for socialpsykiatrien
5. Eventuelt"""),
('l', '-', 'Pressesammendrag uge 12',
 """Dagens klip: Retten i {place} har idømt en 34-årig mand fængsel for vold mod to dørmænd.
Fyens Stiftstidende skriver om ventetiden i børne- og ungdomspsykiatrien, som er steget til
syv måneder. Politiken har et interview med rådmanden om flere anbringelser i slægten.
Alle artikler findes i Infomedia."""),
('l', '-', 'Psykiatrien holder lukket fredag',
 """Kære alle, psykiatrien holder lukket fredag den {date} på grund af personaledag. Akutte
henvendelser går til den psykiatriske skadestue. Venlig hilsen sekretariatet."""),
('l', '-', 'Budget 2027 - misbrugsområdet',
 """Vedhæftet er forvaltningens forslag til budget 2027 for misbrugsområdet. Der lægges op til
at flytte 1,5 mio. kr. fra døgnbehandling til ambulant alkoholbehandling og at udvide
rusrådgivningen for unge. Kommentarer til budgetgruppen senest den {date}."""),
('l', '-', 'Kursus: Sådan skriver du en god underretning',
 """Socialforvaltningen inviterer lærere og pædagoger til et tretimers kursus om
underretningspligten. Vi gennemgår, hvornår man skal underrette, hvad en underretning skal
indeholde, og hvad der sker bagefter. Kurset holdes den {date} kl. {time} i byrådssalen.
Tilmelding via intranettet."""),
('l', '-', 'Ny statistik over anbringelser',
 """Danmarks Statistik har offentliggjort tal for 2025: 11.842 børn og unge var anbragt uden for
hjemmet, et fald på 2 procent. Andelen i familiepleje steg. I vores kommune er tallet 214.
Se bilaget for fordelingen på anbringelsessteder."""),
('l', '-', 'Retningslinjer for håndtering af medicin på bostederne',
 """Vedlagt er de opdaterede retningslinjer for medicinhåndtering. Nyt er, at al
dispensering af psykofarmaka skal dobbelttjekkes, og at PN-medicin skal dokumenteres i
Sensum samme dag. Retningslinjerne træder i kraft den {date}. Læs dem, inden du har vagt."""),
('l', '-', 'IT: Nyt journalsystem i hjemmeplejen',
 """Den {date} skifter hjemmeplejen til den nye version af omsorgssystemet. Systemet er lukket
fra kl. 16 til kl. 20. Der er undervisning i brug af mobilappen i uge 14. Spørgsmål til
IT-supporten på lokal 4400."""),
('l', '-', 'Invitation: Temadag om rusmidler og unge',
 """SSP og Rusrådgivningen holder temadag for forældre om hash, kokain og festkultur. En
misbrugskonsulent fortæller om tegnene, og en ung tidligere bruger fortæller sin historie.
Arrangementet er gratis. Sted: {place} Bibliotek, den {date} kl. 19."""),
('l', '-', 'Referat fra MED-udvalget',
 """Referat: 1) Sygefraværet i afdelingen er faldet til 4,1 procent. 2) Tillidsrepræsentanten fra
FOA orienterede om den nye overenskomst. 3) Arbejdsmiljørepræsentanten foreslog
førstehjælpskursus. 4) Næste møde den {date}."""),
('l', '-', 'Frokostordning fra 1. april',
 """Hej alle. Fra 1. april skifter vi leverandør af frokost. Der vil hver dag være en vegetarisk
ret, og halal og glutenfri kan bestilles i kantinen dagen før. Prisen er uændret."""),
('l', '-', 'Høringssvar: kvalitetsstandard for hjemmepleje',
 """Ældrerådet har afgivet høringssvar om den nye kvalitetsstandard. Rådet ønsker mere tid til
borgere med demens og bedre hjælp til rengøring. Forvaltningen anbefaler, at svaret tages til
efterretning. Sagen behandles på udvalgsmødet den {date}."""),
('l', '-', 'Valg til regionsrådet - afstemningssteder',
 """Ved valget den {date} er der afstemning på alle skoler i kommunen kl. 8-20. Medarbejdere,
der er valgtilforordnede, får fri med løn. Partierne må hænge valgplakater op fra fire uger
før valgdagen. Se listen over afstemningssteder på intranettet."""),
('l', '-', 'Pride: kommunen deltager i Copenhagen Pride',
 """Kommunen deltager igen i år i Pride-paraden med en vogn og flag på rådhuset. Alle
medarbejdere er velkomne til at gå med. Vi mødes ved rådhuset kl. 12 den {date}."""),
('c', '-', 'Din bestilling af storskrald',
 """Tak for din bestilling. Vi afhenter dit storskrald den {date} mellem kl. 6 og 16. Stil
tingene ud til vejen aftenen før. Vi tager ikke farligt affald med."""),
('k', '-', 'Lokale til mødet',
 """Jeg har booket mødelokale 2.14 til os torsdag kl. {time}. Kan du tage projektoren med? Jeg
sørger for kaffe."""),
('l', '-', 'Julefrokost',
 """Så er det tid til julefrokost! Vi holder den fredag den {date} i kantinen fra kl. 17.
Tilmelding til Birgitte senest mandag. Husk at give besked om allergier."""),
('l', '-', 'Nye regler om straffeattester for frivillige',
 """Fra næste år skal alle frivillige i kommunens klubber og værested indhente børneattest. Det
er foreningens ansvar at indhente attesten, og kommunen kan hjælpe med blanketter. Se
vejledningen om straffeattester på politi.dk."""),
('l', '-', 'Orientering: Alkoholpolitik for medarbejdere',
 """Direktionen har vedtaget en ny alkohol- og rusmiddelpolitik. Den fastslår, at man ikke må
møde påvirket, og at ledere skal tilbyde hjælp, hvis de er bekymrede for en medarbejder.
Politikken er drøftet i Hoved-MED og ligger på intranettet."""),
]

CONFIDENTIAL = [
('k', '-', 'Adresseændring',
 """Kan du opdatere adressen på {name}, {idline}? Ny adresse er {addr}, {place}. Det gælder fra
den {date}. Tak."""),
('c', '-', 'Kvittering for ansøgning om parkeringslicens',
 """Vi har modtaget din ansøgning om beboerlicens. {idline}. Licensen sendes til {addr} inden for
ti hverdage."""),
]

# Hard cases: short personal mails with a category word that is not about the person, and the
# reverse (a one-line personal mail that is sensitive).
HARD_PUBLIC = [
('x', '-', 'Kursustilmelding',
 """Hej {first}, du er nu tilmeldt kurset "Motiverende samtale i misbrugsbehandlingen" den {date}. Kurset foregår på {place} Kursuscenter. Mvh. HR-uddannelse"""),
('x', '-', 'Velkommen',
 """Kære {first}

Tillykke med stillingen som sygeplejerske på psykiatrisk afdeling. Din første arbejdsdag er {date}, og du møder kl. 7 ved personaleindgangen.

Venlig hilsen {colleague}"""),
('x', '-', 'Telefonen i morgen',
 """Hej {first}, kan du tage telefonen i rusrådgivningen i morgen formiddag? Jeg skal til tandlæge. /{colleague}"""),
('x', '-', 'Slides',
 """Hej {first}, kan du sende mig dine slides fra oplægget om anbringelser til temadagen? Tak! /{colleague}"""),
('x', '-', 'Tak for i går',
 """Hej {first}

Tak for dit oplæg om ADHD hos voksne på personalemødet. Kan du dele kilderne, så lægger jeg dem på intranettet?

Hilsen {colleague}"""),
]
HARD_SENSITIVE = [
('y', 'substance', 'Tilbagefald',
 """Hej {colleague}, kan du ringe til {name} i dag? Han har fået tilbagefald og drukket igen hele weekenden. /{me}"""),
('x', 'substance', 'I morgen',
 """Hej {first}, husk at du skal hente din Antabus hos os i morgen kl. 9. Mvh. {me}, Rusmiddelcentret"""),
]
