# English scenario texts; format as in da.py.

SENSITIVE = [
('c', 'health', 'Your appointment at the memory clinic',
 """Following your GP's referral, we have booked an appointment for you at the memory clinic on
{date} at {time}. The consultant will discuss the results of your MRI scan and the next steps
for your dementia assessment. You are welcome to bring a relative."""),
('k', 'health', 'Discharge summary: {name}',
 """Discharge summary for {name}, admitted on {date} with an acute asthma attack. She was treated
with nebulised salbutamol and oral prednisolone and is discharged on a steroid inhaler.
Please review her in the respiratory clinic in four weeks."""),
('c', 'substance', 'Your place on the alcohol treatment programme',
 """Thank you for attending the assessment. You have been offered a place on our community
alcohol detox programme starting on {date}. A nurse will visit you daily for the first week
to check your withdrawal symptoms and give you your chlordiazepoxide."""),
('k', 'substance,social', 'Referral to drug services',
 """I am referring {name} to your service. He has used heroin for six years and is currently on a
methadone script from his GP. He is homeless and sleeping in his car, and he has asked for
help with housing benefit. He consents to this referral."""),
('k', 'social', 'Child protection conference: {child}',
 """The initial child protection conference for {child} will be held on {date} at {time}. Concerns
were raised by the school about neglect and the mother's new partner, who has a history of
domestic abuse. Please send your report two working days before."""),
('c', 'social', 'Your application for emergency support',
 """We have approved your application for a crisis grant of 250 pounds to cover food and
electricity until your universal credit is paid. Our welfare adviser will call you on
{date} to talk about your rent arrears."""),
('k', 'criminal', 'Police disclosure about a tenant',
 """Police have informed us that {name}, tenant at {addr}, was arrested yesterday and charged
with assault and criminal damage. He has been remanded in custody until {date}. We need to
review the tenancy and the safeguarding plan for his neighbour."""),
('c', 'criminal', 'Your DBS certificate',
 """Your enhanced DBS certificate shows a caution for possession of cannabis in 2018. Before we
confirm your appointment as a youth worker we would like to discuss this with you. Could
you come in on {date}?"""),
('k', 'criminal,social', 'Probation update',
 """{name} was sentenced at Crown Court today to 18 months, suspended, for harassment of his
former partner, with a restraining order. Probation will supervise him. The children remain
with their mother, and the social worker will update the safety plan."""),
('c', 'health', 'Test results',
 """Your HIV test came back negative, and your hepatitis B test shows that you are immune. Your
syphilis test is still pending and we will text you when it is ready. Please contact the
sexual health clinic if you have any symptoms."""),
('k', 'health,social', 'Care needs assessment',
 """I visited {name} at home on {date}. She has multiple sclerosis, uses a wheelchair indoors and
needs help with washing and dressing twice a day. Her husband is her carer and is
struggling. I recommend a care package and a carer's assessment."""),
('c', 'health', 'Your pregnancy booking appointment',
 """Congratulations on your pregnancy. Your booking appointment with the midwife is on {date} at
{time}. Please bring a urine sample. As you have had gestational diabetes before, you will
also be offered a glucose tolerance test."""),
('k', 'ethnicity,social', 'Interpreter for family visit',
 """The {family} family are Roma from Slovakia and speak Romani and some Slovak. For the home visit
about the children's school attendance please book a female interpreter. The family has
reported racist abuse from neighbours, so please be sensitive."""),
('k', 'ethnicity', 'Traveller pupil',
 """{child} joined Year 4 this week. The family are Irish Travellers and live on the site near
{place}. He has missed a lot of school and will need reading support. His mother asked that
his background is kept confidential from other parents."""),
('c', 'religion', 'Your request for prayer space',
 """Following our conversation, we have arranged a quiet room on the second floor where you can
pray during your shifts. As a practising Sikh you are of course welcome to wear your
turban and kara with the uniform."""),
('k', 'religion,health', 'Patient declining blood products',
 """{name}, a Jehovah's Witness, has an advance decision refusing blood transfusion. She is
listed for a hip replacement on {date}. The anaesthetist needs to see her beforehand to plan
cell salvage."""),
('k', 'political', 'Staff member standing for election',
 """{name} from the finance team has told me she is standing as a Green Party candidate in the
council elections. She is also a member of the local campaign group. We need to check the
politically restricted post rules for her grade."""),
('c', 'union', 'Your union representative',
 """As you are a member of UNISON, your union representative may attend the disciplinary hearing
on {date} with you. Please let us know their name so we can send them the papers."""),
('k', 'union', 'Grievance hearing',
 """{name} has asked that his Unite rep attends the grievance hearing. He has been a shop steward
for several years and believes the restructuring targeted him for his union activity."""),
('k', 'sexual,social', 'Young person in foster care',
 """{child} (15) told her foster carer last week that she is gay and has a girlfriend at school.
She does not want her birth family told. Please make sure this is not included in the
contact notes shared with her parents."""),
('c', 'sexual,health', 'Gender identity clinic referral',
 """Your referral to the gender identity clinic has been accepted. You are on the waiting list for
a first assessment. In the meantime your GP can continue to support you, and we will write to
you when an appointment is available."""),
('x', 'health', 'Your son',
 """Hi {first}, your son has been admitted to the psychiatric ward again this morning. He is safe. Please call me. {me}"""),
('k', 'substance,criminal', 'Youth offending team',
 """{child}, 16, was arrested on {date} for possession of cocaine with intent to supply. The youth
offending team will complete the assessment. He has told his worker that he uses cannabis
daily and owes money to older dealers."""),
('k', 'health', 'Mental health crisis plan',
 """{name} has a diagnosis of bipolar affective disorder and was sectioned under the Mental Health
Act last year. Her crisis plan says to contact the home treatment team if she stops sleeping.
Her lithium levels were checked on {date}."""),
]

PUBLIC = [
('l', '-', 'Newsletter: new mental health unit opens',
 """The trust is proud to announce that the new 30-bed mental health inpatient unit in {place}
will open on {date}. The unit will treat adults with severe mental illness and has a
garden and gym. Staff are invited to a tour on the opening day."""),
('l', '-', 'Vacancy: children\'s social worker',
 """Are you a qualified social worker looking for your next challenge? You will hold a caseload of
child protection and looked-after children cases and work closely with schools and police.
You will get a protected caseload in your first year. Closing date: {date}."""),
('l', '-', 'Vacancy: community nurse, substance misuse',
 """We are looking for a registered nurse to join our drug and alcohol team. You will run clinics
for blood-borne virus testing and support people through detox. You must hold NMC
registration and a full driving licence."""),
('l', '-', 'Agenda: Health and Wellbeing Board {date}',
 """1. Apologies
2. Drug and alcohol treatment grant: budget 2027/28
3. Child and adolescent mental health waiting times
4. Domestic abuse strategy update
5. Any other business"""),
('l', '-', 'Press digest',
 """Today's coverage: The Guardian reports on record numbers of children in care. A man was jailed
at {place} Crown Court for fraud against the council. The local paper features our new
sexual health clinic."""),
('l', '-', 'Training: safeguarding adults',
 """All staff must complete the level 2 safeguarding adults course by {date}. The course covers
self-neglect, domestic abuse, modern slavery and how to raise a concern. Book on the learning
portal."""),
('l', '-', 'Statistics: drug-related deaths',
 """The Office for National Statistics has published figures on drug poisoning deaths for 2025.
Deaths involving opioids fell slightly, while cocaine deaths rose. A briefing for the board
is attached."""),
('l', '-', 'IT notice: patient record system upgrade',
 """The patient record system will be unavailable on Sunday from 01:00 to 05:00 for an upgrade.
Wards should use the downtime procedures. Contact the service desk with any problems."""),
('l', '-', 'Mental health services closed on bank holiday',
 """Dear all, the community mental health team office is closed on Monday for the bank holiday.
Urgent calls go to the crisis line."""),
('l', '-', 'Budget consultation: adult social care',
 """The council is consulting on savings in adult social care, including day services for people
with learning disabilities and the substance misuse contract. Please send comments by {date}."""),
('l', '-', 'Union meeting notice',
 """UNISON branch members are invited to a meeting about the pay offer on {date} at {time} in the
staff canteen. Non-members are welcome to come and find out about joining."""),
('l', '-', 'Equality and diversity week',
 """Next week is equality and diversity week. There will be talks on race equality, faith at work,
LGBT+ inclusion and disability. Staff networks will have stands in the atrium."""),
('k', '-', 'Lunch on Thursday?',
 """Are you free for lunch on Thursday? The new place on the high street does good
soup. Let me know."""),
('c', '-', 'Your library reservation',
 """The book you reserved is now available for collection at {place} library until {date}.
Please bring your library card."""),
]

CONFIDENTIAL = [
('k', '-', 'Change of address',
 """Please update the address for {name} ({idline}) to {addr}, {place}, from {date}. Thanks."""),
]

HARD_PUBLIC = [
('x', '-', 'Welcome to Ward 4',
 """Hi {first}, congratulations on your new post as a mental health nurse on Ward 4. Your induction starts on {date} at 8am. Best, {colleague}"""),
('x', '-', 'Course booking',
 """Hi {first}, you are booked on the safeguarding children level 3 course on {date}. Lunch is provided. {colleague}"""),
('x', '-', 'Board paper',
 """Hi {first}, could you add the figures on hospital admissions for alcohol to the board paper before Friday? Thanks, {colleague}"""),
]
HARD_SENSITIVE = [
('y', 'substance', 'Missed pick-up',
 """Hi {colleague}, quick one: {name} relapsed at the weekend and missed her methadone pick-up. Can you give her a call today? {me}"""),
('x', 'substance', 'Prescription',
 """Hi {first}, your methadone prescription is ready to collect at the pharmacy from tomorrow. Any problems, call me. {me}"""),
]
