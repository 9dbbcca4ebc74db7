"""A second synthetic CTAP corpus generator, independent of capmatch's own (src/synth).

    python3 scripts/second_generator.py --needs N --offers M --seed S \\
        --output corpus.json --truth truth.json

Written for capmatch, from the public record of counter-terrorism capacity building
(APEC CTAP sections, ICAO Annex 17, the ISPS Code, the WCO SAFE Framework, the FATF
Recommendations, UNSCR 1540 and the like), in the author's own words. It shares no
vocabulary, template or code with src/synth: it exists so that capmatch (and any
baseline) can be measured on text that capmatch's authors did not shape.

What it writes:

- needs phrased as requests or gaps, offers as programmes, courses, missions;
- 156 specific topics in eight areas (one CTAP section each), each with 3 paraphrases
  an analyst would accept as the same need ("non-intrusive inspection of shipping
  containers" = "X-ray and gamma scanning of sea containers");
- three facets per item (who is trained, where, and the occasion), each with two
  wordings, so that a (topic, facets) combination is rare even at 100k items;
- planted pairs: a need and an offer of another party on the same topic, worded with
  a *different* paraphrase of the topic, the same facets (each re-worded half of the
  time) and a compatible activity (a request for training met by a course);
- hard distractors: offers copying a need's facets and activity word for word but on
  another topic of the same area, half of the time the sibling topic sharing the most
  words with the need's topic.

About 65% of needs get a planted offer (10% of those a second one); the other offers
are hard distractors. Items spread over (party, year) submissions, years 2003-2026;
international organisations (WCO, ICAO, IMO, INTERPOL, FATF, APG, UNODC) file offers
in their own areas. Deterministic by seed (random.Random). Standard library only.

The truth file has the shape capmatch reads ({"seed", "needs", "offers", "planted"})
plus "source": "second_generator" (extra keys are ignored by capmatch).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time

ECONOMIES = ["AUS", "BD", "CDA", "CHL", "PRC", "HKC", "INA", "JPN", "ROK", "MAS", "MEX",
             "NZ", "PNG", "PE", "PHL", "RUS", "SGP", "CT", "THA", "USA", "VN"]
YEARS = list(range(2003, 2027))

# area -> (CTAP section, organisations that offer in it, topics); a topic is a list of
# paraphrases naming the same specific need.
AREAS = {
    "cargo": ("A.1", ["WCO"], [
        ["non-intrusive inspection of shipping containers", "X-ray and gamma scanning of sea containers",
         "examining container contents without opening them"],
        ["risk-based targeting of high-risk consignments", "risk profiling of cargo shipments",
         "selecting suspicious freight for examination through risk analysis"],
        ["an Authorised Economic Operator programme", "a trusted trader accreditation scheme",
         "AEO certification of compliant traders"],
        ["mutual recognition arrangements between trusted trader schemes",
         "reciprocal acceptance of partner administrations' AEO validations",
         "mutual recognition of AEO programmes"],
        ["a single window for trade documentation", "one-stop electronic lodgement of import and export declarations",
         "a national trade single window"],
        ["advance electronic cargo information", "pre-arrival submission of electronic manifest data",
         "cargo declarations lodged before loading"],
        ["strategic trade controls on dual-use goods", "export licensing of dual-use items",
         "controls on exports of sensitive dual-use technology"],
        ["detection of radioactive material at border crossings", "radiation portal monitors at points of entry",
         "screening freight for nuclear and radiological material"],
        ["container seal integrity", "tamper-evident high-security seals on containers",
         "verification of container seals"],
        ["post-clearance audit", "audit-based customs control after release of goods",
         "post-release verification of traders' records"],
        ["air cargo screening", "security screening of air freight",
         "checking consignments before they are loaded on aircraft"],
        ["a regulated agent and known consignor regime", "secure supply chain approval of air cargo agents and shippers",
         "known consignor and regulated agent programmes"],
        ["controls on transshipment and goods in transit", "oversight of cargo moved through transshipment hubs",
         "transit and transshipment control"],
        ["implementation of the WCO SAFE Framework of Standards",
         "applying the SAFE Framework to secure and facilitate global trade", "adoption of the WCO SAFE standards"],
        ["customs-to-customs information exchange", "sharing cargo data between customs administrations",
         "exchange of customs intelligence between economies"],
        ["commodity identification of controlled goods", "recognising strategic commodities during inspection",
         "identifying controlled items among cargo"],
        ["security of postal and express consignments", "security of international mail and courier parcels",
         "screening of postal and express shipments"],
        ["supply chain resilience after disruption", "business continuity of trade flows after an incident",
         "recovery of supply chains following an attack"],
        ["electronic cargo tracking", "GPS tracking of containers in transit", "electronic monitoring of cargo movements"],
        ["interdiction of weapons smuggled in freight", "detecting firearms concealed in cargo",
         "finding illicit arms among shipments"],
    ]),
    "maritime": ("A.2", ["IMO"], [
        ["implementation of the ISPS Code", "applying the International Ship and Port Facility Security Code",
         "compliance with the ISPS Code"],
        ["port facility security assessments", "security risk assessment of port facilities",
         "assessing the vulnerability of port terminals"],
        ["port facility security plans", "drafting and approving security plans for port facilities",
         "security planning for port terminals"],
        ["ship security officer training", "qualification of ship security officers",
         "courses for shipboard security officers"],
        ["port security drills and exercises", "exercising port security response",
         "practice drills for port security incidents"],
        ["maritime domain awareness", "situational awareness of vessel traffic at sea",
         "a picture of maritime activity across territorial waters"],
        ["long-range identification and tracking of ships", "LRIT ship tracking",
         "satellite tracking of vessel positions"],
        ["analysis of automatic identification system data", "analysing AIS vessel tracks",
         "using AIS transponder data to spot anomalous ships"],
        ["countering piracy and armed robbery against ships", "preventing piracy and sea robbery",
         "suppressing armed attacks on vessels"],
        ["security of small craft and fishing vessels", "small boat security",
         "controls on small vessels and fishing boats"],
        ["underwater hull and harbour search", "diver inspection of ship hulls",
         "underwater security search of berths"],
        ["maritime law enforcement boarding", "visit, board, search and seizure at sea",
         "boarding and inspecting suspect vessels"],
        ["port state control of ship security", "security inspections of foreign ships in port",
         "port state control checks on security"],
        ["cruise and ferry terminal security", "security of passenger ship terminals",
         "protecting ferry and cruise terminals"],
        ["coastal surveillance radar", "shore-based radar coverage of the coastline", "radar monitoring of the coast"],
        ["maritime security information sharing centres", "regional maritime information fusion",
         "sharing maritime security information between coast guards"],
        ["access control at port facilities", "controlling entry to restricted areas of ports",
         "port identity cards and access management"],
        ["seafarer identity documents", "biometric identity documents for seafarers", "identity papers for ship crews"],
    ]),
    "aviation": ("A.3", ["ICAO"], [
        ["screening of passengers and cabin baggage", "checkpoint screening of travellers and hand luggage",
         "screening of passengers and carry-on bags"],
        ["hold baggage screening", "screening of checked luggage", "explosives screening of checked-in bags"],
        ["explosive trace detection", "trace detection of explosives residue", "swab-based explosives detection"],
        ["certification of security screeners", "certifying airport screeners", "testing and qualifying screening staff"],
        ["airport access control and staff screening", "controlled access to airside for airport personnel",
         "screening of airport workers entering airside"],
        ["the insider threat in aviation", "mitigating insider risk at airports",
         "background checks on aviation workers"],
        ["the threat of man-portable air defence systems", "MANPADS vulnerability assessments around airports",
         "countering shoulder-fired missiles"],
        ["landside security of airport public areas", "protecting the public zones of airport terminals",
         "security of airport landside areas"],
        ["compliance with ICAO Annex 17", "meeting the security standards of Annex 17",
         "implementing Annex 17 aviation security standards"],
        ["a national civil aviation security programme", "drafting a national aviation security programme",
         "the national programme for civil aviation security"],
        ["aviation security quality control", "audits and inspections of aviation security",
         "oversight of airport security through quality control"],
        ["in-flight security officers", "air marshal programmes", "armed security officers on board aircraft"],
        ["cockpit door and flight deck security", "protection of the flight deck door",
         "securing the cockpit against intrusion"],
        ["cyber security of aviation systems", "protecting air navigation systems from cyber attack",
         "aviation cyber security"],
        ["countering hostile drones near airports", "counter-UAS measures at aerodromes",
         "threats from remotely piloted aircraft"],
        ["behaviour detection at airports", "behavioural analysis of passengers",
         "spotting suspicious behaviour in airport terminals"],
        ["screening of liquids, aerosols and gels", "detection of liquid explosives at checkpoints",
         "screening liquids and gels in hand luggage"],
        ["aviation security crisis management", "contingency planning for acts of unlawful interference",
         "response to hijacking and aviation incidents"],
        ["security of in-flight catering and stores", "screening of airline catering supplies",
         "catering and stores security"],
        ["advanced imaging technology", "body scanners at checkpoints", "security scanners for passenger screening"],
    ]),
    "transit": ("A.4", ["INTERPOL"], [
        ["advance passenger information", "API data transmitted by airlines", "receiving passenger data before arrival"],
        ["passenger name record analysis", "processing PNR data", "analysing airline reservation data"],
        ["interactive advance passenger information", "iAPI board and no-board messages",
         "real-time passenger checks before boarding"],
        ["detection of document fraud", "spotting forged and counterfeit travel documents",
         "detecting fraudulent passports"],
        ["ePassport issuance and security", "biometric electronic passports", "issuing chip-based passports"],
        ["the ICAO Public Key Directory", "validating ePassport chips through the PKD",
         "public key infrastructure for ePassport verification"],
        ["checks against lost and stolen passport databases",
         "screening travel documents against INTERPOL's SLTD database",
         "checking documents against records of stolen and lost travel documents"],
        ["biometric identification at borders", "fingerprint and facial recognition at border control",
         "biometric verification of travellers"],
        ["automated border control gates", "e-gates for passenger clearance", "self-service border clearance kiosks"],
        ["watchlist screening of travellers", "checking travellers against terrorist watch lists",
         "screening passengers against alert lists"],
        ["travel of foreign terrorist fighters", "detecting foreign terrorist fighters in transit",
         "identifying returning foreign fighters at borders"],
        ["management of land border crossings", "security of land border crossing points",
         "control of land border posts"],
        ["integrity of visa issuance", "secure visa processing", "vetting of visa applicants"],
        ["integrity of breeder documents and civil registries", "securing birth registration and identity source documents",
         "integrity of civil registration records"],
        ["detection of migrant smuggling", "identifying people smuggling at borders",
         "detection of human smuggling networks"],
        ["security of the APEC Business Travel Card", "secure issuance of the ABTC",
         "integrity of the APEC Business Travel Card scheme"],
        ["immigration intelligence analysis", "intelligence-led border screening", "analysis of migration intelligence"],
        ["secure passport personalisation and issuance", "passport production and issuance controls",
         "passport issuing systems"],
        ["mass transit security", "security of urban rail and bus networks", "protecting public transport systems"],
        ["border arrangements for major events", "entry screening of visitors to large international events",
         "travel security for major events"],
    ]),
    "threats": ("A.5", ["UNODC", "INTERPOL"], [
        ["control of chemical weapons precursors", "controls on toxic chemical precursors",
         "regulating chemicals usable as weapons"],
        ["laboratory biosecurity", "biosafety and biosecurity in laboratories", "securing dangerous pathogens in laboratories"],
        ["security of radioactive sources", "protecting high-activity radioactive sources",
         "securing radiological sources against theft"],
        ["implementation of UNSCR 1540", "implementing Resolution 1540 on weapons of mass destruction",
         "national action plans under Security Council Resolution 1540"],
        ["CBRN emergency response", "first responder capability for chemical, biological, radiological and nuclear incidents",
         "response to CBRN attacks"],
        ["countering improvised explosive devices", "counter-IED capability", "defeating improvised bombs"],
        ["regulation of explosive precursor chemicals", "controls on fertiliser and other explosive precursors",
         "monitoring sales of bomb-making chemicals"],
        ["bomb disposal capability", "explosive ordnance disposal teams", "rendering explosive devices safe"],
        ["post-blast investigation", "forensic investigation after explosions", "bomb scene examination"],
        ["critical infrastructure protection", "protecting essential infrastructure",
         "security of vital infrastructure assets"],
        ["energy infrastructure security", "protecting power grids and pipelines",
         "security of oil, gas and electricity facilities"],
        ["water supply security", "protecting drinking water systems", "security of water treatment and supply"],
        ["protection of soft targets", "protecting crowded places", "security of public spaces against attack"],
        ["hostile vehicle mitigation", "vehicle barriers against ramming attacks",
         "protecting crowds from vehicle attacks"],
        ["major event security", "security planning for large international events",
         "protecting summits and mass gatherings"],
        ["countering violent extremism", "preventing violent extremism", "CVE programmes in communities"],
        ["rehabilitation and reintegration of terrorist offenders", "disengagement of convicted extremists",
         "deradicalisation and reintegration programmes"],
        ["management of violent extremist prisoners", "preventing radicalisation in correctional facilities",
         "handling radicalised inmates"],
        ["community policing against radicalisation", "building trust between police and communities",
         "community engagement by police"],
        ["counter-terrorism investigation techniques", "methods for investigating terrorist cases",
         "terrorism investigations"],
        ["counter-terrorism intelligence analysis", "terrorism threat assessment",
         "analysis of terrorist threat intelligence"],
        ["hostage negotiation", "crisis negotiation in hostage incidents", "negotiating with hostage-takers"],
        ["control of small arms and light weapons", "firearms and ammunition control",
         "regulating firearms to keep them from terrorists"],
        ["tactical counter-terrorism units", "special weapons and tactics teams", "tactical intervention capability"],
        ["digital forensics for terrorism investigations", "forensic examination of seized devices",
         "mobile phone and computer forensics"],
        ["protection of the food supply against deliberate contamination", "food defence",
         "protecting the food chain from agro-terrorism"],
        ["public health preparedness for bioterrorism", "readiness for deliberate disease outbreaks",
         "health security preparedness"],
        ["multi-agency coordination in terrorist incidents", "incident command across agencies",
         "emergency management coordination"],
        ["counter-terrorism exercises", "tabletop exercises on terrorist attacks",
         "simulation exercises for terrorism response"],
        ["protection of places of worship", "security of religious sites", "protecting churches, mosques and temples"],
        ["countering kidnap for ransom", "response to terrorist kidnappings", "kidnapping for ransom by terrorist groups"],
        ["tourism security", "protecting tourist destinations", "security of tourist sites and hotels"],
        ["security of schools and universities", "protecting educational institutions from attack",
         "school and campus security"],
    ]),
    "finance": ("B", ["FATF", "APG"], [
        ["compliance with the FATF standards", "implementing the FATF Recommendations",
         "meeting Financial Action Task Force standards"],
        ["preparation for a mutual evaluation", "readiness for the APG mutual evaluation",
         "preparing for the FATF-style peer review"],
        ["financial intelligence unit analysis", "strategic and operational analysis by the FIU",
         "FIU analysis of suspicious transaction reports"],
        ["suspicious transaction reporting", "reporting of suspicious transactions by banks",
         "STR regimes for reporting entities"],
        ["targeted financial sanctions", "asset freezing under UN sanctions lists",
         "freezing terrorist assets without delay"],
        ["oversight of the non-profit sector", "preventing abuse of charities for terrorist financing",
         "risk-based supervision of non-profit organisations"],
        ["regulation of alternative remittance", "supervision of hawala and informal money transfer",
         "oversight of money or value transfer services"],
        ["cross-border cash couriers", "detecting cross-border movement of currency",
         "declaration of cash and bearer negotiable instruments at borders"],
        ["terrorist financing investigations", "financial investigation of terrorism",
         "following the money in terrorism cases"],
        ["beneficial ownership transparency", "identifying the beneficial owners of companies",
         "transparency of legal persons' ownership"],
        ["regulation of virtual asset service providers", "AML regulation of cryptocurrency exchanges",
         "supervising virtual asset providers"],
        ["customer due diligence", "know-your-customer checks", "customer identification by financial institutions"],
        ["trade-based money laundering", "laundering through trade invoicing", "detecting trade misinvoicing"],
        ["a national risk assessment of money laundering and terrorist financing", "an ML/TF national risk assessment",
         "assessing the economy's money laundering and terrorist financing risks"],
        ["risk-based AML supervision of banks", "anti-money laundering supervision of financial institutions",
         "supervisory inspections for AML/CFT compliance"],
        ["asset recovery and confiscation", "confiscation of criminal proceeds", "seizing and forfeiting illicit assets"],
        ["public-private financial information sharing", "information sharing between banks and authorities",
         "financial intelligence partnerships with the private sector"],
        ["countering proliferation financing", "countering the financing of weapons of mass destruction",
         "financial sanctions against proliferation"],
        ["supervision of designated non-financial businesses and professions",
         "AML obligations of casinos, lawyers and real estate agents", "supervision of DNFBPs"],
        ["terrorist financing risks of mobile payments", "securing e-money and mobile payment services",
         "risks of new payment methods"],
    ]),
    "cyber": ("C", [], [
        ["a computer emergency response team", "building a national CERT", "establishing and operating a CSIRT"],
        ["cyber incident handling", "responding to cyber security incidents", "incident response for network intrusions"],
        ["cybercrime legislation", "laws against computer crime", "a legal framework for cybercrime"],
        ["cybercrime investigation", "investigating computer crimes", "cyber investigations by police"],
        ["protection of critical information infrastructure", "cyber security of critical systems",
         "securing essential information networks"],
        ["industrial control system security", "SCADA security", "protecting operational technology"],
        ["countering terrorist use of the internet", "terrorists' exploitation of online platforms",
         "terrorist use of online services"],
        ["cyber security awareness", "public awareness of online safety", "cyber hygiene campaigns"],
        ["botnet mitigation", "taking down botnets", "reducing infected machines in botnets"],
        ["malware analysis", "reverse engineering of malicious software", "analysing malicious code"],
        ["cyber threat information sharing", "exchange of cyber threat indicators", "sharing information on cyber threats"],
        ["security of the domain name system", "DNSSEC deployment", "protecting the DNS"],
        ["security of government networks", "securing government information systems",
         "information security management in public agencies"],
        ["cyber exercises", "cyber crisis simulation", "exercising responses to large cyber attacks"],
        ["lawful interception of communications", "lawful access to encrypted communications",
         "interception of communications under warrant"],
        ["cyber security workforce development", "training cyber security professionals",
         "building a skilled cyber workforce"],
        ["preservation of electronic evidence", "preserving digital evidence across borders",
         "requests to preserve electronic data"],
    ]),
    "justice": ("D", ["UNODC"], [
        ["prosecution of terrorism offences", "prosecuting terrorism cases", "bringing terrorist cases to trial"],
        ["mutual legal assistance in terrorism cases", "international legal cooperation against terrorism",
         "extradition and mutual legal assistance requests"],
        ["drafting counter-terrorism legislation", "terrorism laws in line with the international conventions",
         "a legal framework against terrorism"],
        ["support for victims of terrorism", "assistance to victims of terrorist attacks", "care for terrorism victims"],
        ["judicial handling of terrorism trials", "training judges for terrorism cases",
         "court capacity for terrorism trials"],
        ["witness protection", "protecting witnesses in terrorism trials", "safeguarding witnesses and informants"],
        ["a legal basis for special investigative techniques", "authorising covert investigation techniques",
         "legal rules for undercover operations and surveillance"],
        ["human rights safeguards in counter-terrorism", "rule of law in counter-terrorism",
         "counter-terrorism measures that respect human rights"],
    ]),
}

# Facets: each is a list of wordings of one idea.
AUDIENCES = [
    ["customs officers", "customs officials"], ["frontline border officers", "border control staff"],
    ["immigration officers", "immigration officials"], ["police investigators", "police detectives"],
    ["prosecutors", "public prosecutors"], ["judges", "members of the judiciary"],
    ["port facility security officers", "security officers of port facilities"],
    ["coast guard personnel", "coastguard officers"], ["airport security screeners", "aviation screening staff"],
    ["civil aviation regulators", "aviation security regulators"],
    ["financial intelligence analysts", "FIU analysts"], ["bank compliance officers", "compliance staff of banks"],
    ["financial supervisors", "supervisory authorities"], ["policy makers", "senior policy officials"],
    ["trainers", "instructors"], ["first responders", "emergency responders"],
    ["intelligence analysts", "intelligence officers"], ["network administrators", "system administrators"],
    ["laboratory managers", "laboratory staff"], ["prison officers", "correctional staff"],
    ["community leaders", "community representatives"], ["transport operators", "transport companies"],
    ["exporters and freight forwarders", "traders and forwarding agents"], ["shipping lines", "ship operators"],
    ["airline staff", "air carrier personnel"], ["legislative drafters", "legal drafters"],
    ["local government officials", "municipal officials"], ["private security guards", "security guards"],
    ["public health officers", "health officials"], ["teachers and youth workers", "educators and youth workers"],
    ["charity regulators", "regulators of non-profit organisations"],
]
SETTINGS = [
    ["at major seaports", "at large container ports"], ["at international airports", "at international airport terminals"],
    ["at land border crossings", "at land border posts"], ["in remote island provinces", "in outlying island regions"],
    ["in the capital", "in the capital city"], ["in regional offices", "in provincial offices"],
    ["among small and medium enterprises", "among small businesses"], ["in the banking sector", "among banks"],
    ["in rural communities", "in the countryside"], ["at mail processing centres", "at postal hubs"],
    ["in free trade zones", "in free zones"], ["at transshipment hubs", "at transhipment ports"],
    ["in archipelagic waters", "across the island waters"], ["at regional airports", "at domestic airports"],
    ["in the national police", "within the police force"], ["in the justice ministry", "in the ministry of justice"],
    ["in correctional facilities", "in prisons"], ["in urban centres", "in large cities"],
    ["at the national CERT", "in the national computer emergency team"], ["in the energy sector", "among energy utilities"],
    ["at tourist resorts", "at holiday resorts"], ["at stadiums and event venues", "at sports and event venues"],
    ["in universities", "at higher education institutions"], ["at inland container depots", "at dry ports"],
    ["in coastal provinces", "along the coast"], ["in the financial intelligence unit", "within the FIU"],
]
OCCASIONS = [
    ["ahead of hosting APEC meetings", "in preparation for hosting APEC meetings"],
    ["after a peer review", "following a peer review"],
    ["to meet new international obligations", "to comply with new international obligations"],
    ["as new legislation takes effect", "now that a new law is in force"],
    ["because staff have little experience", "since staff lack experience"],
    ["as passenger numbers rise", "given rising passenger volumes"],
    ["as trade volumes grow", "given growing trade volumes"],
    ["after a foiled attack", "following an attempted attack"],
    ["to replace outdated equipment", "to replace obsolete equipment"],
    ["for a new inter-agency task force", "for a newly created inter-agency task force"],
    ["under a five-year national strategy", "as part of a five-year national strategy"],
    ["with attention to women officers", "with a focus on women officers"],
    ["while staff turnover is high", "given high staff turnover"],
    ["as procedures are digitised", "during the digitisation of procedures"],
    ["for a regional pilot project", "for a pilot project in the region"],
    ["to build lasting capability in-house", "to build sustainable in-house capability"],
    ["together with neighbouring economies", "in cooperation with neighbouring economies"],
    ["before a large international event", "ahead of a major international event"],
    ["to close gaps found in an audit", "to address gaps identified by an audit"],
    ["on a limited budget", "with limited funds"],
]
# Activity kinds: how a need asks for it, how an offer provides it.
ACTIVITIES = [
    (["training", "a training course"], ["a training course", "a short course", "a certified training programme"]),
    (["a workshop", "a seminar"], ["a regional workshop", "a seminar", "a workshop"]),
    (["expert advice", "technical assistance"], ["expert missions", "advisory support", "technical assistance"]),
    (["equipment", "a donation of equipment"], ["equipment with installation and maintenance training",
                                                "donated equipment", "equipment and operator training"]),
    (["examples of good practice", "sharing of best practices"], ["its good practices", "case studies of its practice",
                                                                   "its experience and lessons learned"]),
    (["a train-the-trainer course", "help training local instructors"],
     ["a train-the-trainer course", "instructor development", "a course for future instructors"]),
]
NEED_TEMPLATES = [
    "We request {act} on {topic} for {aud} {where}, {occ}.",
    "There is a gap in {topic} {where}; {aud} would benefit from {act} {occ}.",
    "Assistance is sought with {topic}: {aud} {where} need {act} {occ}.",
    "Our {aud} {where} lack capacity in {topic} and would welcome {act} {occ}.",
    "Capacity building needed in {topic} for {aud} {where} ({occ}); {act} is requested.",
    "We would like {act} to strengthen {topic} among {aud} {where} {occ}.",
]
OFFER_TEMPLATES = [
    "We offer {oact} on {topic} for {aud} {where}, adapted to partners {occ}.",
    "Available: {oact} covering {topic}, designed for {aud} {where}; suited to economies {occ}.",
    "Our experts could deliver {oact} in {topic} to {aud} {where}, drawing on work done {occ}.",
    "Programme on {topic}: {oact} for {aud} {where}, offered to economies {occ}.",
    "Our academy has run {oact} on {topic} and can extend it to {aud} {where} {occ}.",
]
STOP = {"a", "an", "the", "of", "and", "or", "for", "in", "on", "at", "to", "by", "with", "from", "its", "their"}


def words(s):
    return {w for w in re.findall(r"[a-z0-9]+", s.lower()) if w not in STOP}


def build_topics():
    """Flat topic list: (area, section, orgs, paraphrases, closest-sibling index per paraphrase)."""
    topics = []
    for area, (section, orgs, items) in AREAS.items():
        first = len(topics)
        for paras in items:
            topics.append([area, section, orgs, paras, None, None])
        idx = list(range(first, len(topics)))
        for t in idx:
            topics[t][5] = [s for s in idx if s != t]
            # per paraphrase: the sibling paraphrase sharing the most words with it
            best = []
            for p in topics[t][3]:
                wp = words(p)
                cand = max(((len(wp & words(q)), s, j) for s in idx if s != t
                            for j, q in enumerate(topics[s][3])), key=lambda x: x[0])
                best.append((cand[1], cand[2]) if cand[0] > 0 else None)
            topics[t][4] = best
    return topics


def generate(n_needs, n_offers, seed):
    rng = random.Random(seed)
    topics = build_topics()
    rnd = rng.random
    randrange = rng.randrange
    subs = {}  # (party, year) -> {"needs": [...], "offers": [...]}

    def add(party, kind, section, text, extra=None):
        key = (party, YEARS[randrange(len(YEARS))])
        sub = subs.get(key)
        if sub is None:
            sub = subs[key] = {"needs": [], "offers": []}
        items = sub[kind]
        code = party.lower().replace(" ", "")
        item_id = f"{code}-{key[1]}-{'n' if kind == 'needs' else 'o'}{len(items) + 1}"
        item = {"id": item_id, "section": section, "text": text}
        if extra:
            item.update(extra)
        items.append(item)
        return item_id

    def other_word(pair, same_prob=0.5):
        return pair[randrange(len(pair))] if rnd() >= same_prob else None

    needs = []  # (id, party, topic, para, aud, audw, where, wherew, occ, occw, act)
    for _ in range(n_needs):
        party = ECONOMIES[randrange(21)]
        t = randrange(len(topics))
        p = randrange(len(topics[t][3]))
        a, s, o, k = randrange(len(AUDIENCES)), randrange(len(SETTINGS)), randrange(len(OCCASIONS)), randrange(len(ACTIVITIES))
        aw, sw, ow = randrange(2), randrange(2), randrange(2)
        text = NEED_TEMPLATES[randrange(len(NEED_TEMPLATES))].format(
            act=ACTIVITIES[k][0][randrange(2)], topic=topics[t][3][p], aud=AUDIENCES[a][aw],
            where=SETTINGS[s][sw], occ=OCCASIONS[o][ow])
        text = text[0].upper() + text[1:]
        nid = add(party, "needs", topics[t][1], text)
        needs.append((nid, party, t, p, a, aw, s, sw, o, ow, k))

    def offer_party(need_party, orgs):
        if orgs and rnd() < 0.15:
            return orgs[randrange(len(orgs))]
        while True:
            e = ECONOMIES[randrange(21)]
            if e != need_party:
                return e

    def offer_text(topic_phrase, a, aw, s, sw, o, ow, k):
        t = OFFER_TEMPLATES[randrange(len(OFFER_TEMPLATES))].format(
            oact=ACTIVITIES[k][1][randrange(3)], topic=topic_phrase, aud=AUDIENCES[a][aw],
            where=SETTINGS[s][sw], occ=OCCASIONS[o][ow])
        return t[0].upper() + t[1:]

    planted = []
    made = 0
    order = list(range(n_needs))
    rng.shuffle(order)
    for i in order:
        if made >= n_offers:
            break
        if rnd() >= 0.65:
            continue
        nid, party, t, p, a, aw, s, sw, o, ow, k = needs[i]
        copies = 2 if rnd() < 0.10 else 1
        for _ in range(copies):
            if made >= n_offers:
                break
            paras = topics[t][3]
            q = randrange(len(paras) - 1)
            q = q + 1 if q >= p else q  # a different paraphrase of the same topic
            text = offer_text(paras[q], a, aw if rnd() < 0.5 else 1 - aw, s, sw if rnd() < 0.5 else 1 - sw,
                              o, ow if rnd() < 0.5 else 1 - ow, k)
            oid = add(offer_party(party, topics[t][2]), "offers", topics[t][1], text, {"capacity": 1 + randrange(5)})
            planted.append((nid, oid))
            made += 1
    # hard distractors: a need's facets and activity word for word, another topic of its area
    while made < n_offers:
        nid, party, t, p, a, aw, s, sw, o, ow, k = needs[randrange(n_needs)] if n_needs else (
            None, "AUS", randrange(len(topics)), 0, 0, 0, 0, 0, 0, 0, 0)
        close = topics[t][4][p]
        if close is not None and rnd() < 0.5:
            st, sq = close
        else:
            sibs = topics[t][5]
            st = sibs[randrange(len(sibs))]
            sq = randrange(len(topics[st][3]))
        text = offer_text(topics[st][3][sq], a, aw, s, sw, o, ow, k)
        add(offer_party(party, topics[st][2]), "offers", topics[st][1], text, {"capacity": 1 + randrange(5)})
        made += 1

    submissions = [{"economy": party, "year": year, "needs": v["needs"], "offers": v["offers"]}
                   for (party, year), v in sorted(subs.items())]
    description = (f"Synthetic CTAP corpus from scripts/second_generator.py (seed {seed}, {n_needs} needs, "
                   f"{n_offers} offers): written for capmatch from the public record of counter-terrorism "
                   "capacity building in the author's own words, independent of capmatch's own generator "
                   "(src/synth). Planted pairs are in the truth file.")
    corpus = {"description": description, "submissions": submissions}
    truth = {"seed": seed, "needs": n_needs, "offers": n_offers, "source": "second_generator",
             "planted": [{"need": n, "offer": o} for n, o in planted]}
    return corpus, truth, len(topics)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--needs", type=int, required=True)
    ap.add_argument("--offers", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", required=True, help="corpus JSON to write")
    ap.add_argument("--truth", required=True, help="truth JSON to write")
    args = ap.parse_args(argv)
    if args.needs < 0 or args.offers < 0:
        ap.error("--needs and --offers must not be negative")
    start = time.perf_counter()
    corpus, truth, n_topics = generate(args.needs, args.offers, args.seed)
    with open(args.output, "w", encoding="utf-8") as f:
        f.write('{"description": ' + json.dumps(corpus["description"]) + ', "submissions": [\n')
        f.write(",\n".join(json.dumps(s, ensure_ascii=False) for s in corpus["submissions"]))
        f.write("\n]}\n")
    with open(args.truth, "w", encoding="utf-8") as f:
        head = {k: v for k, v in truth.items() if k != "planted"}
        f.write(json.dumps(head)[:-1] + ', "planted": [\n')
        f.write(",\n".join(json.dumps(p) for p in truth["planted"]))
        f.write("\n]}\n")
    print(f"generated {args.needs} needs and {args.offers} offers in {len(corpus['submissions'])} submissions "
          f"({len(truth['planted'])} planted pairs, {n_topics} topics) in {time.perf_counter() - start:.2f} s",
          file=sys.stderr)


if __name__ == "__main__":
    main()
