# Second held-out set: caseworker mail in da, sv, nb, nn and en, weighted towards the
# social category (economic assistance, eviction and shelter, child protection, foster care,
# domestic violence) with some health, substance and criminal, and ordinary mail that
# mentions those topics in general (job adverts, newsletters, agendas, courses). Written by
# hand in one sitting without looking at the category dictionaries, and measured before the
# dictionary changes made after it; not changed afterwards, so that its figures show whether
# those changes generalise. Same tuple form as fresh.py: (audience, categories, subject,
# body); categories '-' for a general mention (labelled public). File names
# LANG-LABEL-gNNN.eml; labels also in labels-fresh2.tsv. See tests/sensitive-corpus/README.md.

FRESH2 = {
    "da": [
        ('c', 'social', 'Bevilling af hjælp',
         """Du har søgt om hjælp til depositum og tandbehandling efter din skilsmisse. Vi har
bevilget dig 4.500 kr. efter aktivlovens § 82, fordi du ikke selv har mulighed for at betale.
Beløbet bliver udbetalt til din NemKonto inden for fem hverdage."""),
        ('k', 'social', 'Børnefaglig undersøgelse',
         """Jeg er ved at afslutte den børnefaglige undersøgelse efter servicelovens § 50 om
{child}. Mor har svært ved at få hverdagen til at hænge sammen, og drengen kommer ofte i skole
uden madpakke og uden tøj efter vejret. Jeg indstiller til forebyggende foranstaltninger: en
fast kontaktperson og aflastning hver tredje weekend."""),
        ('c', 'social', 'Din bolig',
         """Vi har fået besked fra fogedretten om, at du skal sættes ud af din lejlighed den {date}.
Hvis du ikke har et andet sted at bo, så kom ned til os i Borgerservice, så hjælper vi dig med
en midlertidig plads på forsorgshjemmet i {place}."""),
        ('k', 'social,criminal', 'Ophold på krisecenter',
         """{name} kom i går aftes på kvindekrisecentret sammen med sine to børn efter at være
blevet slået af sin mand. Hun har anmeldt ham til politiet. Vi skal have bevilget opholdet
efter servicelovens § 109 og finde en midlertidig skole til børnene."""),
        ('k', 'substance', 'Henvisning til stofbehandling',
         """{name} ønsker hjælp til at stoppe med at ryge hash og har i dag skrevet under på en
behandlingsplan. Han starter i ambulant stofbehandling i næste uge med to samtaler om ugen,
og han har givet samtykke til, at vi orienterer jobcentret."""),
        ('c', 'health', 'Svar på din blodprøve',
         """Din blodprøve viser, at dit langtidsblodsukker er for højt, og at du har type 2-diabetes.
Lægen vil gerne se dig til en samtale om kost og medicin den {date} kl. {time}."""),
        ('k', 'social', 'Ny anbringelse af {child}',
         """Plejefamilien har meddelt, at de ikke længere kan have {child} boende, fordi han har
været voldsom over for deres egne børn. Vi skal finde et nyt anbringelsessted inden for en
måned; jeg har spurgt på opholdsstedet i {place}, om de har en plads."""),
        ('l', '-', 'Socialrådgiver til familieafdelingen',
         """Har du erfaring med underretninger, børnefaglige undersøgelser og anbringelser af børn
og unge? Familieafdelingen søger en socialrådgiver til et fast job på 37 timer. Du bliver en
del af et team på otte, og du får en erfaren kollega som mentor det første halve år."""),
        ('l', '-', 'Referat fra Socialudvalget',
         """Udvalget drøftede stigningen i antallet af udsættelser og brugen af forsorgshjem.
Forvaltningen udarbejder til næste møde et notat om enkeltydelser efter aktivloven og om
samarbejdet med boligforeningerne om at forebygge huslejerestancer."""),
        ('l', '-', 'Nyt fra rusmiddelcentret',
         """Rusmiddelcentret har fået nye lokaler i {place} og har nu åbent for anonym rådgivning
om alkohol og stoffer hver tirsdag. Ventetiden til behandling er under to uger. Kontakt os,
hvis I vil have en medarbejder ud på et personalemøde."""),
    ],
    "sv": [
        ('c', 'social', 'Beslut om ekonomiskt bistånd',
         """Du har ansökt om ekonomiskt bistånd för april. Vi har gjort en nödprövning och beviljar
dig 1 200 kronor till mat för en vecka enligt 4 kap. 1 § socialtjänstlagen. Pengarna finns på
ditt konto i morgon. Du kan överklaga beslutet till förvaltningsrätten."""),
        ('k', 'social', 'Omedelbart omhändertagande',
         """{child} har bott i ett jourhem sedan i fredags efter beslut om omedelbart
omhändertagande enligt 6 § LVU. Förvaltningsrätten ska pröva beslutet inom en vecka. Mamman
vet att pojken är placerad, men inte var."""),
        ('k', 'social,substance', 'Utredning om {child}',
         """Vi har inlett en utredning om {child} efter en anmälan från förskolan. Barnet har vid
flera tillfällen blivit hämtat av en berusad förälder, och personalen har fått ringa efter
mormor. Vi skulle gärna vilja träffa förskolläraren nästa vecka."""),
        ('c', 'social', 'Ditt boende',
         """Du har rätt att bo kvar på det akuta härbärget till och med söndag. Efter det har
socialtjänsten ordnat ett träningsboende åt dig i {place}. Din kontaktperson {colleague}
hämtar dig klockan {time} på måndag."""),
        ('k', 'substance,criminal', 'Kontraktsvård',
         """Frivården meddelar att {name} har dömts för grovt rattfylleri och att domstolen har
bestämt att han ska genomgå kontraktsvård för sitt alkoholberoende i stället för fängelse.
Behandlingen börjar på behandlingshemmet den {date}."""),
        ('k', 'health', 'Remiss till minnesmottagningen',
         """Jag skickar remiss för {name} till minnesmottagningen. Hon har de senaste månaderna
blivit allt glömskare och har två gånger inte hittat hem från affären. MMT 22 poäng. Hennes
son vill gärna vara med vid besöket."""),
        ('c', 'social', 'Angående din dotter',
         """Vi har tagit emot en orosanmälan som gäller din dotter {child}. Vi vill därför träffa dig
och din dotter för ett samtal {date} klockan {time} på socialkontoret. Ring din handläggare
om tiden inte passar."""),
        ('l', '-', 'Nyhetsbrev: ny familjecentral',
         """Den nya familjecentralen i {place} öppnar i maj. Där finns barnmorskemottagning,
barnavårdscentral, öppen förskola och socialtjänstens föräldrastöd under samma tak.
Välkomna på invigningen!"""),
        ('l', '-', 'Socialsekreterare till barn och unga',
         """Vi söker dig som vill arbeta med utredningar enligt SoL och LVU i en grupp med nio
socialsekreterare. Du har socionomexamen och gärna erfarenhet av myndighetsutövning. Sista
ansökningsdag är den 30 april."""),
        ('l', '-', 'Dagordning socialnämnden',
         """Föredragningslista: § 4 Uppföljning av placeringar i HVB och familjehem, § 5 Statistik
över orosanmälningar första kvartalet, § 6 Budget för missbruksvården, § 7 Övriga frågor."""),
    ],
    "nb": [
        ('c', 'social', 'Vedtak om økonomisk stønad',
         """Du har søkt om stønad til strøm og husleie. NAV har innvilget deg 7 400 kroner i
økonomisk sosialhjelp etter sosialtjenesteloven § 18. Vi har satt som vilkår at du møter til
samtale med veilederen din hver fjortende dag."""),
        ('k', 'social', 'Bekymring for {child}',
         """Barneverntjenesten har mottatt en bekymringsmelding fra helsesykepleier om {child}.
Gutten har fortalt at han ofte er alene hjemme om natten. Vi starter undersøkelse og ber om at
skolen sender oss en skriftlig uttalelse innen to uker."""),
        ('k', 'social', 'Ny adresse for {child}',
         """{child} flyttet i fosterhjem i går etter vedtak i barneverns- og helsenemnda. Kan du
sørge for at skoleskyssen blir endret til den nye adressen? Adressen er sperret og skal ikke
gis til foreldrene."""),
        ('c', 'social', 'Midlertidig botilbud',
         """Du får bo på hospitset i {place} frem til vi finner en kommunal bolig til deg. Husk at du
må melde fra til NAV hver fredag for å beholde plassen."""),
        ('k', 'substance', 'Henvisning til LAR',
         """{name} henvises til LAR. Han har brukt heroin intravenøst i ti år og har hatt to
overdoser i høst. Han ønsker nå behandling og har sagt ja til at vi snakker med fastlegen."""),
        ('k', 'criminal', 'Avlyst time',
         """{name} ble pågrepet i helgen og er varetektsfengslet i fire uker, siktet for grovt ran.
Timen hans hos oss på torsdag må derfor avlyses. Forsvareren hans har bedt om kopi av
vedtaket om bostøtte."""),
        ('c', 'health', 'Innkalling til kontroll',
         """Du er satt opp til kontroll for epilepsien din ved nevrologisk poliklinikk den {date}
kl. {time}. Ta med listen over medisinene du bruker, og ikke kjør bil selv til timen."""),
        ('l', '-', 'Nytt lavterskeltilbud',
         """Kommunen åpner et nytt lavterskeltilbud for personer med rusproblemer i sentrum. Her
kan man få en kopp kaffe, en dusj og en prat med en erfaringskonsulent. Tilbudet er åpent
hverdager fra 10 til 15."""),
        ('l', '-', 'Ledig stilling: miljøterapeut',
         """Vi søker deg som vil jobbe som miljøterapeut i barnevernets akuttinstitusjon for
ungdom. Du har bachelor i barnevernspedagogikk eller sosialt arbeid og kan jobbe turnus."""),
        ('l', '-', 'Referat fra samarbeidsmøte',
         """NAV og barneverntjenesten gikk gjennom rutinene for økonomisk sosialhjelp til familier
med barn. Neste møte tar opp hvordan vi samarbeider når en familie blir kastet ut av boligen."""),
    ],
    "nn": [
        ('c', 'social', 'Vedtak om økonomisk stønad',
         """Du har søkt om økonomisk stønad til mat og straum. Vi har gjeve deg 3 200 kroner etter
sosialtenestelova § 18. Pengane vert utbetalte på fredag. Du kan klage på vedtaket innan tre
veker."""),
        ('k', 'social', 'Melding til barnevernet',
         """Vi har sendt ei bekymringsmelding til barnevernstenesta om {child}. Jenta har fortalt
læraren at foreldra krangler og slåst kvar helg, og at ho er redd for å gå heim etter
skulen."""),
        ('k', 'social', 'Flytting til beredskapsheim',
         """{child} vart i går flytta til ein beredskapsheim etter eit akuttvedtak. Mora har fått
melding. Kan skulen ta kontakt med barnevernet før han kjem tilbake på skulen?"""),
        ('c', 'substance', 'Samtalen i går',
         """Takk for samtalen i går. Som vi avtalte, startar du i poliklinisk rusbehandling ved DPS
på måndag. Hugs at du ikkje skal drikke alkohol dagen før timen."""),
        ('k', 'health', 'Heimesjukepleie',
         """{name} har kome heim frå sjukehuset etter hoftebrotet og treng heimesjukepleie tre
gonger dagleg. Ho har òg byrja med blodfortynnande medisin, som må takast til faste tider."""),
        ('k', 'criminal', 'Dom i tingretten',
         """{name} vart i går dømd til 90 dagar fengsel for vald mot ein nabo. Han vil anke dommen,
så han held fram i arbeidstreninga hos oss inntil vidare."""),
        ('c', 'social', 'Varsel om utkasting',
         """Du har fått varsel om utkasting frå utleigaren din. Ta kontakt med NAV-kontoret så snart
som mogleg, så kan vi hjelpe deg med å søkje om stønad til husleigeskulda."""),
        ('l', '-', 'Nyheitsbrev frå kommunen',
         """Barnevernstenesta har fått to nye stillingar, og ventetida for undersøkingar er no
under tre veker. Familievernet held kurs for foreldre som har skilt seg."""),
        ('l', '-', 'Kurs i gjeldsrådgjeving',
         """NAV-kontoret inviterer alle tilsette til kurs om gjeldsrådgjeving og økonomisk
sosialhjelp den {date} kl. {time}. Påmelding til einingsleiaren."""),
        ('l', '-', 'Ledig stilling: sjukepleiar',
         """Vi søkjer deg som vil arbeide i psykisk helse og rus i kommunen. Du er sjukepleiar og
likar å jobbe med menneske i ein vanskeleg livssituasjon."""),
    ],
    "en": [
        ('c', 'social', 'Your application for a crisis grant',
         """We have approved your application to the Local Welfare Assistance Scheme for an emergency
payment of 120 pounds towards food and electricity. The money will be loaded onto a prepaid
card, which you can collect at {place} library from tomorrow."""),
        ('k', 'social', 'Section 47 enquiry',
         """Following the strategy meeting this morning we are starting a section 47 enquiry about
{child}. The school nurse noticed bruising on his arms. Please do not discuss this with the
parents until the social worker has visited."""),
        ('k', 'social', 'LAC review for {child}',
         """{child} has been in foster care since March under a care order. The next looked after
child review is on {date}; please send the school's report to the independent reviewing
officer beforehand."""),
        ('c', 'social', 'Your housing situation',
         """We understand that you have been sleeping rough since you were evicted from your flat.
Our homelessness team can offer you a room in temporary accommodation tonight. Please call us
before 5 pm so that we can book it."""),
        ('k', 'social,criminal', 'MARAC referral',
         """I am referring {name} to MARAC. Her ex-partner assaulted her again last weekend and has
breached the non-molestation order. She and the children are staying at a refuge for now."""),
        ('k', 'substance', 'Supervised doses',
         """{name} has started buprenorphine with the community drug and alcohol team and will pick
up daily supervised doses at the pharmacy on the high street from Monday."""),
        ('c', 'health', 'Your scan results',
         """Your MRI scan shows a small tumour in the left kidney. The urologist would like to
discuss the treatment options with you on {date} at {time}. You are welcome to bring someone
with you."""),
        ('l', '-', "Children's social worker vacancy",
         """Are you an experienced social worker? Our child protection teams are looking for a
permanent colleague to hold a caseload of care proceedings and child in need plans. We offer
reflective supervision and a relocation package."""),
        ('l', '-', 'Council newsletter',
         """The council has published its new homelessness strategy. It doubles the number of
emergency accommodation places and funds a second food bank in {place}. Read the strategy on
our website."""),
        ('l', '-', 'Agenda: Health and Wellbeing Board',
         """Item 4: Drug and alcohol treatment budget. Item 5: Safeguarding adults annual report.
Item 6: Update on the winter pressures plan. Papers are on the intranet."""),
    ],
}
