# Swedish scenario texts; format as in da.py.

SENSITIVE = [
('c', 'health', 'Kallelse till barn- och ungdomspsykiatrin',
 """Du och ditt barn {child} är välkomna till BUP {place} för ett första besök inom ramen för
utredningen av ADHD. Tid: {date} kl. {time}. Ta gärna med skolans bedömning och
vaccinationskortet. Om tiden inte passar, ring oss senast två dagar före."""),
('k', 'social', 'Orosanmälan gällande {child}',
 """Vi har idag tagit emot en orosanmälan från förskolan om {child}, 4 år. Personalen har sett
blåmärken på armarna och barnet har sagt att pappa blir arg. Jag har inlett en förhandsbedömning
och vill gärna ha en samrådsgrupp med polisen innan vi pratar med föräldrarna."""),
('k', 'social', 'Placering enligt LVU',
 """Förvaltningsrätten har idag beslutat om vård enligt 2 § LVU för {child}. Hon placeras i
familjehem i {place} från och med {date}. Vårdnadshavaren {name} har överklagat. Utredningen
och vårdplanen finns i akten {case}."""),
('c', 'substance', 'Angående din behandling på beroendemottagningen',
 """Tack för ditt samtal i fredags. Vi har bokat in dig på beroendemottagningen för fortsatt
behandling med Antabus och samtal med din kontaktperson varannan vecka. Nästa tid är {date}
kl. {time}. Kom ihåg att lämna urinprov vid besöket."""),
('k', 'substance,social', 'Ansökan om LVM-vård',
 """Socialnämnden ansöker om vård enligt LVM för {name}. Han har under året vårdats på sjukhus
fyra gånger för alkoholförgiftning och har avbrutit alla frivilliga insatser. Läkarintyget
bifogas. Han bor för närvarande på härbärget i {place}."""),
('c', 'health', 'Remissvar från psykiatrimottagningen',
 """Vi har tagit emot remissen från din vårdcentral. Du är välkommen till psykiatrimottagningen i
{place} för bedömning av depression och sömnproblem. Din tid är {date} kl. {time}. Fyll gärna i
det bifogade formuläret innan besöket."""),
('k', 'health', 'Journalanteckning {name}',
 """Patienten {name}, 64 år, inkom med bröstsmärtor. EKG visade ST-höjning och patienten
genomgick PCI samma kväll. Hon behandlas nu med Brilique och Atorvastatin. Uppföljning på
hjärtmottagningen om sex veckor."""),
('c', 'health', 'Ditt provsvar',
 """Hej! Ditt klamydiatest från {date} var tyvärr positivt. Du behöver äta antibiotika i en vecka
och din partner bör också testa sig. Receptet finns nu på ditt apotek. Ring barnmorskan
om du har frågor."""),
('k', 'criminal', 'Brottsmisstanke mot brukare',
 """Polisen har informerat oss om att {name}, som bor på vårt gruppboende, är skäligen misstänkt
för misshandel av en annan boende. Han har hörts av polis idag. Vi behöver se över
bemanningen och göra en avvikelserapport."""),
('c', 'criminal', 'Utdrag ur belastningsregistret',
 """Vi har tagit del av ditt utdrag ur belastningsregistret. Det framgår att du dömdes för ringa
narkotikabrott 2021. Vi vill gärna träffa dig och prata om detta innan vi fattar beslut om
anställningen. Passar det {date}?"""),
('k', 'criminal,social', 'Dom och frivård',
 """{name} dömdes igår i tingsrätten till skyddstillsyn för olaga hot mot sin före detta sambo.
Frivården kommer att kontakta socialtjänsten om samverkan. Barnen bor kvar hos mamma, och
vi behöver göra en ny riskbedömning enligt FREDA."""),
('c', 'social', 'Beslut om ekonomiskt bistånd',
 """Du har ansökt om ekonomiskt bistånd för april. Vi har beviljat försörjningsstöd med 8 430 kr
enligt 4 kap. 1 § socialtjänstlagen. Din ansökan om bidrag till tandvård har vi avslagit
eftersom kostnadsförslaget saknas. Du kan överklaga beslutet."""),
('k', 'social', 'Skyddat boende',
 """{name} och hennes två barn har idag flyttat till skyddat boende efter att hennes man
hotat henne. Adressen får inte lämnas ut. Skolan i {place} är informerad om att barnen
är frånvarande tills vidare."""),
('c', 'health', 'Information inför din operation',
 """Du är uppsatt för operation av ljumskbråck {date}. Du ska vara fastande från midnatt och
sluta ta Waran fem dagar innan. Ta med dig dina mediciner. Anmäl dig i receptionen på
dagkirurgen kl. {time}."""),
('k', 'health,social', 'SIP-möte för {name}',
 """Jag kallar till samordnad individuell plan för {name}. Hon har schizofreni och har under
våren slutat ta sin medicin, och hon riskerar att förlora sin lägenhet. Deltagare:
psykiatrin, socialtjänsten, hemtjänsten och god man. Tid: {date} kl. {time}."""),
('c', 'health', 'Habiliteringen',
 """Välkommen till barn- och ungdomshabiliteringen! {child} har fått diagnosen autism, och vi
erbjuder er en föräldrautbildning under hösten. Arbetsterapeuten kommer också att göra ett
hembesök för att se över hjälpmedel."""),
('k', 'substance,criminal', 'Provsvar från frivården',
 """Urinprovet som lämnades av {name} vid besöket {date} visade positivt för amfetamin och cannabis.
Det strider mot villkoren. Jag har bokat in ett nytt samtal om missbruket och meddelat
handläggaren."""),
('c', 'substance', 'Din plats på behandlingshemmet',
 """Vi bekräftar att du har fått en plats på behandlingshemmet i {place} för ditt spelberoende och
alkoholberoende. Inskrivning sker {date}. Ta med kläder för sex veckor. Mobiltelefoner lämnas
in under de första dagarna."""),
('k', 'ethnicity', 'Tolkbeställning',
 """Familjen {family} är romer från Bulgarien och behöver tolk på romani till mötet med skolan. Pappan
har sagt att de tidigare upplevt diskriminering på grund av sin etniska tillhörighet. Kan du
se till att vi får en tolk som familjen litar på?"""),
('k', 'ethnicity', 'Samisk förskola',
 """{name} har bett att dottern {child} får plats i den samiska förskolan eftersom familjen är
samer och renskötare. Hon vill att barnet ska få nordsamiska som modersmål. Föräldrarna är
separerade och pappan motsätter sig flytten."""),
('c', 'religion', 'Önskemål om kost i skolan',
 """Tack för ditt mejl. Vi har noterat att {child} som muslim inte äter fläskkött och under
ramadan fastar. Skolköket serverar då mat vid skolans slut. Hälsa gärna att {child} kan
vara i biblioteket under lunchrasten."""),
('k', 'religion', 'Begravning',
 """Den avlidne {name} var medlem i Syriska ortodoxa kyrkan. Familjen önskar att prästen från
församlingen får komma till avdelningen innan transporten, och att kroppen inte obduceras
av religiösa skäl."""),
('k', 'political', 'Anställd i politisk debatt',
 """{name} på vår enhet är sedan i höstas ordförande i Sverigedemokraternas lokalavdelning och har
skrivit insändare i tidningen. Några kolleger har reagerat. Jag vill diskutera med HR hur vi
hanterar detta utan att hennes politiska åsikter påverkar anställningen."""),
('c', 'political', 'Ditt uppdrag som nämndeman',
 """Du är vald till nämndeman för Vänsterpartiet i {place} tingsrätt. Du kommer att kallas till din
första tjänstgöring {date}. Meddela oss om du har jäv i något mål."""),
('k', 'union', 'Förhandling om uppsägning',
 """Inför förhandlingen om {name}s uppsägning har Kommunal begärt MBL-förhandling eftersom hon är
medlem i förbundet och har varit skyddsombud. Förhandlingen är {date} kl. {time}."""),
('c', 'union', 'Facklig tid',
 """Du har ansökt om ledighet för ditt uppdrag som huvudskyddsombud för Vision. Ledigheten beviljas
enligt förtroendemannalagen. Meddela din chef i god tid om dina mötesdagar."""),
('k', 'sexual', 'Elev som vill byta namn',
 """{child} i 8B har berättat för skolkuratorn att hen är transperson och vill kallas {first} i
skolan. Vårdnadshavarna vet inte om det ännu. Vi behöver diskutera hur vi skyddar elevens
integritet i närvarolistor och Skolplattformen."""),
('c', 'sexual,health', 'Din remiss till könsidentitetsmottagningen',
 """Din remiss till ANOVA har tagits emot. Du står nu i kö för utredning av könsdysfori. Väntetiden
är cirka ett år. Under tiden kan du få samtalsstöd hos kuratorn på vårdcentralen."""),
('k', 'sexual,criminal', 'Hatbrott',
 """Polisen har upprättat en anmälan om hatbrott. {name} misshandlades i {place} natten till lördag
och förövaren ropade glåpord om hans homosexualitet. Han har varit i kontakt med
brottsofferjouren och vill ha stöd av oss."""),
('x', 'health', 'Kort fråga',
 """Hej {first}! Din son blev inlagd på barnavdelningen i natt med lunginflammation, men han mår bättre nu. Ring mig. /{me}"""),
('k', 'health,substance', 'Avvikelse på avdelning 32',
 """Patienten {name} hittades i natt med tecken på överdos av bensodiazepiner. Han är nu
överflyttad till IVA. Han har känt missbruk och hade fått permission under kvällen. Vi
behöver göra en lex Maria-bedömning."""),
('k', 'social,health', 'Insats enligt LSS',
 """Vi har beviljat {name} personlig assistans enligt LSS i 98 timmar per vecka. Hans mamma är
ställföreträdare. Beslutet gäller från {date} och ska omprövas om två år."""),
('c', 'social', 'Kallelse till samtal',
 """Vi har fått en anmälan som rör din dotter {child} och vill därför träffa dig för ett samtal om
hur ni har det hemma. Mötet är {date} kl. {time} på socialkontoret i {place}."""),
('k', 'criminal,social', 'Ung lagöverträdare',
 """{child}, 16 år, är misstänkt för rån mot en jämnårig vid Centralstationen. Socialtjänsten
har fått begäran om yttrande enligt LUL. Kan du göra utredningen och boka samtal med
föräldrarna?"""),
('k', 'health', 'Äldreboendet: fallrisk',
 """{name} på rum 4 har efter sin stroke nedsatt rörlighet i vänster sida och afasi. Hon ska ha
hjälp vid alla förflyttningar och får Eliquis morgon och kväll. Anhöriga har frågat om
palliativ vård."""),
]

PUBLIC = [
('l', '-', 'Nyhetsbrev: Ny psykiatrisk akutmottagning',
 """Nu öppnar Region {place} en ny psykiatrisk akutmottagning vid sjukhuset. Mottagningen har
öppet dygnet runt och tar emot vuxna i kris. Invigningen sker {date} och alla medarbejdare
bjuds på tårta i entrén."""),
('l', '-', 'Ledigt jobb: socialsekreterare till barn och unga',
 """Vill du arbeta med barnavårdsutredningar och placeringar? Vi söker socialsekreterare till
mottagningsgruppen som hanterar orosanmälningar. Du har socionomexamen och gärna erfarenhet av
BBIC. Vi erbjuder handledning och friskvårdsbidrag. Sista ansökningsdag {date}."""),
('l', '-', 'Ledigt jobb: sjuksköterska till beroendevården',
 """Är du sjuksköterska och intresserad av beroendevård? Vi söker dig som vill arbeta med
läkemedelsassisterad behandling och abstinensbehandling. Du är lugn, strukturerad och har
förmåga att skapa förtroende. Tillträde enligt överenskommelse."""),
('l', '-', 'Dagordning socialnämnden {date}',
 """1. Val av justerare
2. Budgetuppföljning individ- och familjeomsorgen: kostnader för placeringar enligt LVU och SoL
3. Verksamhetsplan för missbruksvården 2027
4. Information om nya socialtjänstlagen
5. Delegationsbeslut"""),
('l', '-', 'Pressklipp vecka 15',
 """Dagens urval: Tingsrätten i {place} dömde igår två män för grovt narkotikabrott. SVT rapporterar
om långa köer till BUP i hela länet. Sydsvenskan skriver om kommunens nya satsning på
våld i nära relationer."""),
('l', '-', 'Utbildning: Barnkonventionen och orosanmälan',
 """Välkommen till en halvdagsutbildning för förskolepersonal om anmälningsskyldigheten enligt
14 kap. SoL. Vi går igenom hur en orosanmälan skrivs och vad som händer efteråt.
{date} kl. {time}, lokal Storsalen. Anmälan via lärplattformen."""),
('l', '-', 'Statistik: Ekonomiskt bistånd 2025',
 """Socialstyrelsen har publicerat statistik över ekonomiskt bistånd. Andelen hushåll med bistånd
minskade till 3,6 procent. I vår kommun fick 1 204 hushåll försörjningsstöd. Rapporten
finns på intranätet."""),
('l', '-', 'Riktlinjer för läkemedelshantering i hemtjänsten',
 """De reviderade riktlinjerna för läkemedelshantering gäller från {date}. Alla som ger insulin
eller narkotikaklassade läkemedel ska ha delegering. Läs riktlinjen och signera att du har
tagit del av den."""),
('l', '-', 'IT-driftinformation',
 """Journalsystemet i psykiatrin är otillgängligt natten mellan lördag och söndag på grund av
uppgradering. Använd reservrutinen med pappersjournal. Kontakta IT-servicedesk vid problem."""),
('l', '-', 'Psykiatrin stänger tidigt',
 """Hej alla! Psykiatrimottagningen stänger kl. 12 på torsdag inför helgen. Akuta ärenden hänvisas
till psykiatriska akutmottagningen. Trevlig helg!"""),
('l', '-', 'Budget för missbruksvård',
 """Bifogat finns underlaget till budgetdialogen. Kostnaderna för institutionsplaceringar inom
missbruksvården har ökat med 12 procent. Förvaltningen föreslår fler öppenvårdsinsatser och
ett nytt boende med stöd. Synpunkter senast {date}."""),
('l', '-', 'Inbjudan: Pride-fika',
 """Inför Pride-veckan bjuder HBTQ-nätverket in alla medarbetare till fika i personalrummet. Vi
pratar om hur vi bemöter patienter och brukare med respekt för sexuell läggning och
könsidentitet. Välkommen!"""),
('l', '-', 'Facklig information: löneöversyn',
 """Vision och Kommunal informerar om årets löneöversyn. Medlemmar kan boka samtal med ombudet på
arbetsplatsen. Årsmötet för sektionen hålls {date} kl. {time}."""),
('l', '-', 'Val till riksdagen',
 """Röstmottagare sökes till valet i september. Du får ersättning och utbildning. Partierna
kommer att dela ut valsedlar utanför vallokalerna. Anmäl intresse till valkansliet."""),
('c', '-', 'Din bokning av tvättstugan',
 """Hej! Din bokning av tvättstugan i hus C är bekräftad för {date} kl. {time}. Glöm inte att
städa efter dig."""),
('k', '-', 'Fika på fredag',
 """Jag tar med kanelbullar på fredag. Kan du fixa kaffet? Vi ses kl. 15."""),
('l', '-', 'Ny vägledning om belastningsregister',
 """Från {date} ska alla som anställs inom LSS-verksamhet för barn visa utdrag ur
belastningsregistret. Chefen ansvarar för att utdraget kontrolleras och inte sparas. Mer
information i personalhandboken."""),
('l', '-', 'Mångfaldsplan',
 """Kommunens mångfaldsplan för 2027 är antagen. Målet är att personalen ska spegla befolkningen
oavsett etnisk bakgrund, religion eller funktionsnedsättning. Chefer ska genomföra
utbildning i inkluderande rekrytering."""),
]

CONFIDENTIAL = [
('k', '-', 'Uppdatering i registret',
 """Kan du lägga in ny adress för {name}, {idline}? Hon bor nu på {addr}, {place}. Tack på förhand."""),
('c', '-', 'Bekräftelse av parkeringstillstånd',
 """Vi har tagit emot din ansökan om boendeparkering. {idline}. Tillståndet skickas till {addr}."""),
]

HARD_PUBLIC = [
('x', '-', 'Välkommen till BUP',
 """Hej {first}! Välkommen som ny kurator på BUP. Din introduktion börjar {date} kl. 8.30 i receptionen. Hälsningar {colleague}"""),
('x', '-', 'Utbildning',
 """Hej {first}, du är anmäld till utbildningen om placeringar enligt LVU {date}. Lokal meddelas senare. /{colleague}"""),
('x', '-', 'Broschyrer',
 """Hej {first}! Kan du ta med broschyrerna om beroendevården till mässan på torsdag? /{colleague}"""),
]
HARD_SENSITIVE = [
('y', 'social', 'Mamman ringde',
 """Hej {colleague}, kan du ringa mamman till {child}? Hon har fått veta om orosanmälan från skolan och är mycket upprörd. /{me}"""),
('x', 'criminal', 'Domen',
 """Hej {first}, domen från tingsrätten i ditt mål kom idag. Ring mig så går vi igenom den och vad skyddstillsynen innebär. /{me}, frivården"""),
]
