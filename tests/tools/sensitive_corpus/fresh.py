# Fresh scenario texts: a held-out check of the dictionaries (social, sexual, criminal,
# substance in da, sv, nb and en, with and without a personal reference). Written by hand
# for the corpus in one sitting, before the dictionary changes that raised the recall of
# the development corpus, and not changed afterwards: their figures show whether the
# dictionaries generalise or only fit the old texts. No wording is taken from the other
# modules. Same tuple form as da.py: (audience, categories, subject, body); categories
# '-' for a general mention (labelled public). See tests/sensitive-corpus/README.md.

FRESH = {
    "da": [
        ('c', 'social', 'Din ansøgning om hjælp til huslejen',
         """Vi har behandlet din ansøgning om at få betalt din restance på huslejen, så du kan
blive boende i lejligheden. Da du fik hjælp til det samme for et år siden, kan vi desværre
ikke give dig hjælp igen. Din sagsbehandler kan hjælpe dig med at lægge et budget og med at
søge om boligstøtte. Du kan klage over afgørelsen inden fire uger."""),
        ('k', 'social,health', 'Gravid borger på herberget',
         """Jordemoderen har ringet om {name}, som er gravid i 7. måned og bor på herberget i
{place}. Der er ingen plan for, hvor hun og barnet skal bo efter fødslen, og hun har
tidligere fået et barn anbragt. Jeg foreslår, at vi holder et møde med familieafdelingen
allerede i næste uge, så vi kan tage stilling til en graviditetsunderretning."""),
        ('c', 'sexual', 'Opfølgning på vores snak',
         """Tak fordi du fortalte mig, at du er homoseksuel, og at du er bange for, hvordan din
far vil reagere. Som lovet får du her adressen på LGBT+ ungdomsgruppen, som mødes hver
onsdag i {place}. Jeg siger ikke noget til dine forældre, før du selv er klar til det."""),
        ('k', 'sexual', 'Pårørende i personalesagen',
         """{name} har bedt mig rette sine oplysninger: hun lever nu sammen med sin kæreste, som
er en kvinde, og de har indgået registreret partnerskab. Partneren skal stå som nærmeste
pårørende. Hun ønsker ikke, at det bliver nævnt over for kollegerne i afdelingen."""),
        ('k', 'criminal', 'Afsoning med fodlænke',
         """Til orientering afsoner {name} sin straf på 60 dage med fodlænke fra den {date}. Han
må kun forlade boligen på de tidspunkter, Kriminalforsorgen har godkendt, så vores
hjemmebesøg skal ligge mellem kl. 16 og 18. Han er dømt for spirituskørsel og vold."""),
        ('c', 'criminal', 'Din anmodning om aktindsigt',
         """Du har bedt om aktindsigt i de oplysninger, vi har om politianmeldelsen af dig for
trusler mod en medarbejder i Borgerservice i februar. Vi sender dig kopi af anmeldelsen og
af politiets brev om, at sagen er henlagt. Oplysningerne om medarbejderen er streget over."""),
        ('c', 'substance', 'Samtale om {child}',
         """Tak for samtalen i Ungdomsrådgivningen i går. Som aftalt skriver jeg kort, hvad vi talte
om: {child} har fortalt, at han tager kokain og ecstasy i weekenderne sammen med sine
venner. Vi har lavet en aftale om et forløb med ugentlige samtaler, og du er velkommen til
at deltage i den første."""),
        ('k', 'substance', 'Beboer i bofællesskabet',
         """Personalet har i weekenden fundet tomme vodkaflasker på værelset hos {name}, og han var
fuld, da aftenvagten kom. Det er tredje gang på en måned. Kan du tage kontakt til
alkoholbehandlingen, så vi kan få ham tilbage i et forløb? Han har selv sagt ja til det."""),
        ('l', '-', 'Ny procedure for enkeltydelser',
         """Fra 1. marts behandler Ydelseskontoret alle ansøgninger om enkeltydelser og hjælp til
huslejerestancer digitalt. Sagsbehandlerne får en ny skabelon til afgørelserne, og der er
kursus i systemet den {date} kl. {time} i mødelokale 3."""),
        ('l', '-', 'Uge Sex i 8. klasserne',
         """Som de foregående år deltager skolerne i Uge Sex i uge 6. Undervisningsmaterialet om
seksualitet, krop, kønsidentitet og grænser ligger på intranettet. Lærerne kan booke en
sundhedsplejerske til en dobbeltlektion."""),
        ('l', '-', 'Nyhedsbrev: færre indbrud i kommunen',
         """Politiet oplyser, at antallet af anmeldte indbrud i private hjem faldt med 18 procent
sidste år. Tryghedsvandringerne i boligområderne fortsætter, og nabohjælp er nu oprettet i
14 nye boligforeninger. Læs mere og tilmeld dig på kommunens hjemmeside."""),
        ('l', '-', 'Temadag om unge og rusmidler',
         """Vi inviterer lærere, klubmedarbejdere og SSP-konsulenter til temadag om unges brug af
nikotinposer, hash og kokain den {date}. Oplægsholdere fra rusmiddelcentret fortæller om
tegn, man skal være opmærksom på, og om hvordan man henviser til behandling."""),
    ],
    "sv": [
        ('c', 'social', 'Din hyresskuld och vräkningen',
         """Hyresvärden har meddelat socialtjänsten att du har tre månaders hyresskuld och att de
har ansökt om avhysning hos Kronofogden. Vi vill gärna träffa dig snarast för att se om du
kan få ekonomiskt bistånd till skulden. Ring din handläggare {colleague} så bokar vi en tid."""),
        ('k', 'social', 'Umgänge med pappan',
         """Familjerätten har fått ett yttrande från skolan om {child}, som inte vill träffa sin
pappa {name} efter sommaren. Pappan har begärt umgänge varannan helg, och mamman har
berättat om hot under separationen. Jag föreslår att umgänget sker med kontaktperson
tills utredningen är klar."""),
        ('c', 'sexual', 'Din fråga till ungdomsmottagningen',
         """Tack för ditt meddelande. Det är helt vanligt att vara osäker på sin sexuella läggning,
och du behöver inte bestämma dig för om du är bisexuell eller inte. Du är välkommen att
boka ett samtal med vår kurator, och det du berättar stannar hos oss."""),
        ('k', 'sexual,criminal', 'Polisanmälan om sexuellt ofredande',
         """Eleven {name} i årskurs 9 har berättat för skolsköterskan att en vuxen man har skickat
sexuella bilder till henne via Snapchat och bett om nakenbilder. Rektor har gjort en
polisanmälan i dag och kontaktat vårdnadshavarna."""),
        ('k', 'criminal', 'Fotboja och kontroller',
         """{name} avtjänar sitt fängelsestraff med fotboja från den {date}. Frivården gör oanmälda
kontroller i bostaden, så vi behöver samordna våra besök med dem. Han är dömd för
olovlig körning och rattfylleri."""),
        ('c', 'criminal', 'Beslut om kontaktperson enligt LUL',
         """Polisen har underrättat socialtjänsten om att du är misstänkt för misshandel och rån
vid Centralstationen. Vi har därför inlett en utredning om dina behov, och du och dina
föräldrar kallas till ett möte den {date} kl. {time}."""),
        ('c', 'substance,health', 'Remiss till beroendemottagningen',
         """Vi har fått remissen från din vårdcentral. Du har berättat att du under det senaste
året har tagit lugnande tabletter och sömnmedel i mycket högre doser än din läkare skrivit
ut, och att du har köpt extra tabletter på nätet. Vi erbjuder dig ett första samtal den
{date} kl. {time} om en planerad nedtrappning."""),
        ('k', 'substance', 'Brukare som dricker på boendet',
         """{name} på vårt boende har druckit sig berusad flera gånger den senaste veckan och har
ramlat i trappan. Han säger själv att han vill sluta dricka. Kan ni på
alkoholmottagningen ta emot honom för en bedömning redan nästa vecka?"""),
        ('l', '-', 'Nytt stöd till föräldrar i separation',
         """Familjerätten startar i höst gruppen Barn i föräldrars fokus för föräldrar som separerar
och har svårt att komma överens om boende och umgänge. Informationsblad finns på
intranätet, och anmälan görs via familjerättens mottagning."""),
        ('l', '-', 'Utbildning: sex och samlevnad i skolan',
         """Skolverkets nya stödmaterial om sexualitet, samtycke och relationer presenteras för
lärare och elevhälsa den {date}. Utbildningen tar också upp hur skolan kan bemöta frågor
om sexuell läggning och könsidentitet."""),
        ('l', '-', 'Pressklipp: ungdomsbrottsligheten',
         """Dagens pressklipp: Brå redovisar att antalet unga som misstänks för grova brott har
ökat i länet. Kommunens trygghetssamordnare kommenterar siffrorna i lokaltidningen och
berättar om de nya fältassistenterna."""),
        ('l', '-', 'Kampanj mot langning',
         """Inför studentfirandet genomför kommunen och polisen kampanjen Tänk efter – langa inte.
Affischer om alkohol och ungdomar finns att hämta i receptionen, och fältgruppen är ute
på kvällarna under studentveckan."""),
    ],
    "nb": [
        ('c', 'social', 'Vedtak om midlertidig botilbud',
         """Du har fått plass i midlertidig botilbud på {place} fra i dag, fordi du ikke lenger
kan bo i leiligheten etter brannen. Oppholdet varer inntil videre i tre uker. NAV-kontoret
dekker utgiftene, og veilederen din hjelper deg med å finne en ny bolig."""),
        ('k', 'social', 'Samvær under tilsyn',
         """Tingretten har bestemt at {name} skal ha samvær med {child} to timer annenhver uke under
tilsyn. Moren har forklart at faren har vært voldelig, og barnevernet har derfor bedt om at
samværet skjer i våre lokaler. Kan du være tilsynsfører første gang den {date}?"""),
        ('c', 'sexual', 'Samtalen med helsesykepleier',
         """Takk for at du kom innom kontoret i dag. Det er modig å fortelle at du er lesbisk, og
det er helt greit å ikke ha sagt det til familien ennå. Jeg har lagt ved en lenke til Ungdom
og Fritid sin gruppe for skeiv ungdom, som møtes på tirsdager."""),
        ('k', 'sexual', 'Beboer og seksualitet',
         """{name} har i flere samtaler fortalt at han er forelsket i en annen beboer og ønsker å
ha et seksuelt forhold. Vi trenger råd om hvordan vi kan støtte ham i det, og om hvordan vi
snakker med ham om samtykke og prevensjon."""),
        ('k', 'criminal', 'Soning med fotlenke',
         """Kriminalomsorgen har opplyst at {name} skal sone dommen sin på 45 dager med elektronisk
kontroll fra {date}. Han har lov å gå på jobb, men må ellers være hjemme. Han ble dømt for
promillekjøring og trusler."""),
        ('c', 'criminal', 'Innkalling til ungdomsstormøte',
         """Du er dømt til ungdomsstraff av tingretten, og det skal derfor holdes et ungdomsstormøte
der dere sammen lager en ungdomsplan. Møtet er den {date} kl. {time} hos Konfliktrådet.
Foreldrene dine og kontaktpersonen fra barnevernet er også invitert."""),
        ('c', 'substance', 'Om sønnen din',
         """Jeg skriver etter samtalen med deg og {child} på helsestasjonen for ungdom. {child} har
fortalt at han har røykt cannabis nesten hver dag siden jul og at han har kjøpt piller på
nettet. Vi har avtalt oppfølging hos rusrådgiveren i kommunen fra neste uke."""),
        ('k', 'substance', 'Pasient med alkoholproblemer',
         """Pasienten {name} ble lagt inn etter et fall i beruset tilstand, og promillen var over 2.
Han har drukket daglig i mange år og har tidligere vært i avrusning. Vi ønsker å henvise
ham til tverrfaglig spesialisert rusbehandling etter utskrivning."""),
        ('l', '-', 'Nytt kurs om økonomisk rådgivning',
         """NAV-kontoret tilbyr kurs i økonomisk rådgivning og gjeldsforhandling for alle veiledere.
Kurset tar for seg sosialhjelp, startlån og bostøtte, og holdes over to dager i {place}.
Påmelding via intranettet."""),
        ('l', '-', 'Seksualitetsundervisning i skolen',
         """Utdanningsdirektoratet har laget nytt materiale om seksualitet, grenser og mangfold for
mellomtrinnet. Materialet kan brukes fra høsten, og skolehelsetjenesten kan bidra i
undervisningen."""),
        ('l', '-', 'Nyhetsbrev fra politirådet',
         """Politirådet har behandlet den nye kriminalitetsstatistikken for kommunen. Antall
anmeldte tyverier er redusert, mens narkotikasaker blant unge har økt noe. Neste møte i
politirådet er den {date}."""),
        ('l', '-', 'Fagdag om rus og psykisk helse',
         """Velkommen til fagdag om rus og psykisk helse for ansatte i helse- og omsorgstjenesten.
Temaene er alkohol blant eldre, vanedannende legemidler og samarbeid med spesialisthelsetjenesten.
Fagdagen er gratis."""),
    ],
    "en": [
        ('c', 'social', 'Your rent arrears',
         """Thank you for coming to see us about your rent arrears. Your landlord has started
possession proceedings, and we have referred you to the housing options team, who can
help you apply for a discretionary housing payment. Please bring your last three bank
statements to your appointment on {date}."""),
        ('k', 'social', 'Section 47 enquiry: {child}',
         """Following the strategy discussion this morning we have started a Section 47 enquiry
about {child}. The school nurse noticed bruising on her arms and she said her mum's partner
had hurt her. Police are aware. Could you arrange a joint visit with me tomorrow?"""),
        ('c', 'sexual', 'Our conversation on Tuesday',
         """Thank you for trusting me with what you told me about being gay. There is no rush to
tell anyone else, and it stays between us unless you want it shared. I have put the
details of the LGBTQ+ youth group in the envelope; they meet on Thursdays at the library."""),
        ('k', 'sexual,health', 'Referral to sexual health clinic',
         """I would like to refer {name} to the sexual health clinic. She has had several new
partners in the last few months and is worried that she may have an infection. She would
also like advice on contraception."""),
        ('k', 'criminal', 'Tenant released on licence',
         """{name} was released from prison on licence last week after serving half of a
three-year sentence for burglary. His probation officer has asked us to confirm that the
flat is ready and that his licence conditions include a curfew from 7pm."""),
        ('c', 'criminal', 'Your caution',
         """We have received notice from the police that you accepted a caution for shoplifting in
{place} on {date}. This does not affect your tenancy, but please let your housing officer
know if the police contact you again about this matter."""),
        ('c', 'substance', 'Your appointment with the recovery team',
         """You told your GP that you have been taking codeine tablets bought online for more than
a year and that you find it hard to stop. We can offer you a first appointment with a
recovery worker at the community drug and alcohol service on {date} at {time}. You are
welcome to bring someone with you."""),
        ('k', 'substance', 'Resident drinking again',
         """Staff found {name} drunk in the communal lounge on Saturday night, and there were empty
cans of strong lager in his room. He had been sober for four months. Could the community
alcohol team see him this week? He agreed to the referral."""),
        ('l', '-', 'New hardship fund guidance',
         """The revised guidance for the household support fund is now on the intranet. It explains
who can receive help with rent arrears, food and energy bills and how applications should
be recorded. Training sessions run on {date}."""),
        ('l', '-', 'Relationships and sex education update',
         """The trust has updated its relationships and sex education policy to reflect the new
statutory guidance. Parents can read the policy on the website and see examples of the
lesson materials at the open evening."""),
        ('l', '-', 'Community safety newsletter',
         """Reported burglaries fell by 12 percent across the district last year, while reports of
anti-social behaviour rose in the town centre. The community safety partnership will
publish its new strategy in the spring."""),
        ('l', '-', 'Alcohol awareness week',
         """Next week is Alcohol Awareness Week. The wellbeing team will have a stand in the canteen
with information about safe drinking limits and where to get confidential support."""),
    ],
}
