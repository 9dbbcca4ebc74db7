//! The generator's vocabulary: topics (thesaurus concepts and their surface forms),
//! facet pools, activity phrases and sentence templates, written in British spelling
//! and interned once, with their US spelling, as `&'static str`.
//!
//! Sources: the CTAP template and the two bundled CTAPs (`tests/data/ctap`), the
//! Strategy and the CTTF/CTWG work plans (`tests/data/strategy`), and the thesaurus
//! (`src/text/thesaurus.txt`): every topic form names its thesaurus concept (a unit
//! test checks it), so a paraphrase through another form keeps the concept.

use std::sync::OnceLock;

use crate::{ActivityKind, Pillar};

/// Sections by index into [`Section::KNOWN`](crate::Section::KNOWN): A.1 … A.5, B, C.
pub(super) const SECTION_COUNT: usize = 7;

/// One topic: a thesaurus concept as it is written under one section.
pub(super) struct TopicDef {
    /// The thesaurus concept label the forms must name.
    #[cfg_attr(not(test), allow(dead_code))] // read by the tests that check the forms
    pub concept: &'static str,
    /// Index into `Section::KNOWN`.
    pub section: u8,
    /// The Strategy pillar the topic mostly serves.
    pub pillar: Pillar,
    /// Surface forms: acronyms, expansions, synonyms (at least two).
    pub forms: &'static [&'static str],
    /// The section label of the 2003–2006 templates, for topics they had a section for.
    pub old_section: Option<&'static str>,
}

const fn t(concept: &'static str, section: u8, pillar: Pillar, forms: &'static [&'static str]) -> TopicDef {
    TopicDef { concept, section, pillar, forms, old_section: None }
}

use Pillar::{Efficiency as E, Resilience as R, Security as S};

/// Every topic, grouped by section.
pub(super) const TOPICS: &[TopicDef] = &[
    // --- A.1 Protect Cargo ---------------------------------------------------------
    t(
        "authorized economic operator",
        0,
        E,
        &[
            "Authorised Economic Operator (AEO) programmes",
            "AEO programmes",
            "trusted trader programmes",
            "authorised economic operators",
        ],
    ),
    t(
        "mutual recognition arrangement",
        0,
        E,
        &["mutual recognition arrangements (MRAs)", "MRAs", "mutual recognition agreements"],
    ),
    t(
        "single window",
        0,
        E,
        &[
            "Single Window system development",
            "the national single window",
            "electronic single window systems",
            "a trade single window",
        ],
    ),
    t("wco data model", 0, E, &["the WCO Data Model", "WCO DM", "the WCO data model project"]),
    t(
        "customs modernization",
        0,
        E,
        &["customs modernisation", "customs reform", "modern customs procedures"],
    ),
    t(
        "risk management",
        0,
        S,
        &["risk management", "risk assessment rules", "risk-based targeting", "risk profiling"],
    ),
    t(
        "trade recovery",
        0,
        R,
        &[
            "trade recovery",
            "the Trade Recovery Programme",
            "resumption of trade after disruptions",
            "supply chain resilience",
        ],
    ),
    t(
        "supply chain security",
        0,
        S,
        &["supply chain security", "secure supply chains", "end-to-end supply chain security"],
    ),
    t(
        "container security",
        0,
        S,
        &[
            "container security",
            "electronic seals (e-seals)",
            "container integrity",
            "smart container technology",
        ],
    ),
    t(
        "non-intrusive inspection",
        0,
        S,
        &["non-intrusive inspection (NII)", "cargo scanning", "container scanning", "x-ray inspection"],
    ),
    t(
        "advance cargo information",
        0,
        E,
        &[
            "advance cargo information",
            "advance electronic data",
            "pre-arrival information",
            "pre-loading information",
        ],
    ),
    t(
        "strategic trade control",
        0,
        S,
        &["strategic trade controls", "export controls on dual-use goods", "strategic trade management"],
    ),
    t(
        "air cargo security",
        0,
        S,
        &["air cargo security", "air cargo screening", "regulated agent and known consignor regimes"],
    ),
    t("dangerous goods", 0, S, &["dangerous goods", "hazardous materials", "hazardous goods"]),
    t(
        "food defense",
        0,
        S,
        &["food defence", "protection of the food supply chain", "intentional food contamination"],
    ),
    t(
        "customs cooperation",
        0,
        E,
        &["customs cooperation", "cooperation among customs administrations", "customs clearance"],
    ),
    // --- A.2 Protect Port Facilities and Ships ---------------------------------------
    t("port security", 1, S, &["port security", "port facility security", "seaport security"]),
    t(
        "isps code",
        1,
        S,
        &[
            "the ISPS Code",
            "the International Ship and Port Facility Security (ISPS) Code",
            "ISPS Code compliance",
        ],
    ),
    t("solas", 1, S, &["SOLAS", "the Safety of Life at Sea (SOLAS) Convention", "SOLAS Chapter XI-2"]),
    t(
        "maritime security",
        1,
        S,
        &["maritime security", "ship security", "maritime domain awareness", "vessel security"],
    ),
    t("piracy", 1, S, &["counter-piracy", "armed robbery against ships", "piracy"]),
    t("small boats", 1, S, &["small boat security", "small craft", "small vessels"]),
    t(
        "vessel tracking",
        1,
        S,
        &[
            "vessel tracking",
            "the Automatic Identification System (AIS)",
            "long range identification and tracking (LRIT)",
            "vessel monitoring systems",
        ],
    ),
    t("container security", 1, S, &["container security", "container integrity", "electronic seals"]),
    // --- A.3 Protect International Aviation --------------------------------------------
    t(
        "aviation security",
        2,
        S,
        &["aviation security", "AVSEC", "airport security", "civil aviation security"],
    ),
    t("icao", 2, S, &["ICAO Annex 17", "the ICAO Universal Security Audit Programme", "USAP audits"]),
    t(
        "manpads",
        2,
        S,
        &[
            "MANPADS",
            "man-portable air defence systems",
            "shoulder-fired missiles",
            "MANPADS vulnerability assessments",
        ],
    ),
    t(
        "passenger screening",
        2,
        S,
        &["passenger screening", "hold baggage screening", "checkpoint screening", "screening technologies"],
    ),
    t(
        "flight deck security",
        2,
        S,
        &["flight deck security", "reinforced cockpit doors", "cockpit door procedures"],
    ),
    t("air cargo security", 2, S, &["air cargo security", "known consignor regimes", "air cargo screening"]),
    // --- A.4 Protect People in Transit -------------------------------------------------
    t(
        "advance passenger information",
        3,
        E,
        &[
            "Advance Passenger Information (API)",
            "API systems",
            "interactive advance passenger information (iAPI)",
            "advance passenger processing",
        ],
    ),
    t("passenger name record", 3, S, &["Passenger Name Record (PNR) data", "PNR", "passenger data analysis"]),
    t(
        "regional movement alert system",
        3,
        S,
        &["the Regional Movement Alert System (RMAS)", "RMAS", "movement alert lists"],
    ),
    t(
        "travel documents",
        3,
        S,
        &[
            "travel document security",
            "machine-readable travel documents (MRTDs)",
            "e-passports",
            "document fraud detection",
        ],
    ),
    t("biometrics", 3, S, &["biometrics", "biometric identification", "facial recognition"]),
    t(
        "lost and stolen travel documents",
        3,
        S,
        &["lost and stolen travel documents", "SLTD database checks", "lost and stolen passports"],
    ),
    t(
        "border management",
        3,
        S,
        &["border management", "border control", "coordinated border management", "automated border control"],
    ),
    t(
        "apec business travel card",
        3,
        E,
        &["the APEC Business Travel Card (ABTC)", "ABTC", "business mobility"],
    ),
    t(
        "foreign terrorist fighters",
        3,
        S,
        &["foreign terrorist fighters (FTFs)", "terrorist travel", "FTF returnees"],
    ),
    t("travel facilitation", 3, E, &["trusted traveller programmes", "travel facilitation", "secure travel"]),
    t("tourism security", 3, R, &["tourism security", "tourist safety", "security of tourist destinations"]),
    t(
        "risk management",
        3,
        S,
        &["risk profiling of travellers", "risk-based targeting of passengers", "risk assessment"],
    ),
    // --- A.5 Combat Threats to Security ------------------------------------------------
    t(
        "weapons of mass destruction",
        4,
        S,
        &["WMD non-proliferation", "weapons of mass destruction", "counter-proliferation"],
    ),
    t("cbrn", 4, S, &["CBRN security", "CBRNE preparedness", "chemical security", "biosecurity"]),
    t(
        "nuclear security",
        4,
        S,
        &["nuclear security", "radiation detection", "security of radioactive sources"],
    ),
    t(
        "proliferation security initiative",
        4,
        S,
        &["the Proliferation Security Initiative (PSI)", "PSI interdiction"],
    ),
    t("unscr 1540", 4, S, &["UNSCR 1540", "resolution 1540 obligations"]),
    t(
        "critical infrastructure",
        4,
        R,
        &["critical infrastructure protection", "protection of critical facilities", "vital infrastructure"],
    ),
    t(
        "soft targets",
        4,
        S,
        &[
            "soft target protection",
            "crowded places",
            "security of mass gatherings",
            "protection of public spaces",
        ],
    ),
    t(
        "countering violent extremism",
        4,
        S,
        &[
            "countering violent extremism (CVE)",
            "CVE",
            "preventing radicalisation",
            "deradicalisation programmes",
        ],
    ),
    t(
        "counter-terrorism legislation",
        4,
        S,
        &[
            "counter-terrorism legislation",
            "legislative drafting",
            "ratification of the universal anti-terrorism conventions",
            "mutual legal assistance",
        ],
    ),
    t(
        "terrorist threat assessment",
        4,
        S,
        &[
            "terrorist threat assessment",
            "threat assessments",
            "vulnerability assessments",
            "counter-terrorism intelligence analysis",
        ],
    ),
    t(
        "emergency response",
        4,
        R,
        &["emergency response", "crisis management", "contingency planning", "consequence management"],
    ),
    t(
        "explosives",
        4,
        S,
        &[
            "improvised explosive devices (IEDs)",
            "IED detection",
            "bomb disposal",
            "explosive ordnance disposal (EOD)",
        ],
    ),
    t("business continuity", 4, R, &["business continuity planning", "continuity of operations"]),
    TopicDef {
        old_section: Some("Energy Security"),
        ..t(
            "energy security",
            4,
            R,
            &["energy security", "protection of energy infrastructure", "security of oil and gas facilities"],
        )
    },
    TopicDef {
        old_section: Some("Health of Communities"),
        ..t(
            "health security",
            4,
            R,
            &["health security", "public health emergencies", "pandemic preparedness"],
        )
    },
    t(
        "transnational crime",
        4,
        S,
        &["transnational organised crime", "organised crime links to terrorism", "smuggling networks"],
    ),
    t(
        "mass transit security",
        4,
        S,
        &["mass transit security", "rail security", "land transport security", "public transport security"],
    ),
    // --- B. Halting Terrorist Financing ------------------------------------------------
    t(
        "aml/cft",
        5,
        S,
        &[
            "AML/CFT",
            "anti-money laundering and countering the financing of terrorism",
            "combating the financing of terrorism",
            "counter-terrorist financing",
        ],
    ),
    t(
        "fatf",
        5,
        S,
        &["the FATF Recommendations", "FATF standards", "the Financial Action Task Force standards"],
    ),
    t(
        "mutual evaluation",
        5,
        S,
        &["mutual evaluations", "national risk assessments", "technical compliance with the standards"],
    ),
    t(
        "financial intelligence unit",
        5,
        S,
        &["financial intelligence units (FIUs)", "FIU operations", "financial intelligence analysis"],
    ),
    t(
        "suspicious transaction reports",
        5,
        S,
        &["suspicious transaction reporting", "STR analysis", "suspicious activity reports"],
    ),
    t(
        "financial investigation",
        5,
        S,
        &["financial investigations", "asset tracing", "parallel financial investigations"],
    ),
    t(
        "bulk cash smuggling",
        5,
        S,
        &["bulk cash smuggling", "cash couriers", "cross-border cash declarations"],
    ),
    t(
        "alternative remittance",
        5,
        S,
        &[
            "alternative remittance systems",
            "hawala",
            "money value transfer services (MVTS)",
            "informal value transfer systems",
        ],
    ),
    t(
        "npo misuse",
        5,
        S,
        &["NPO misuse", "non-profit organisations", "the non-profit sector", "charities at risk of abuse"],
    ),
    t(
        "targeted financial sanctions",
        5,
        S,
        &["targeted financial sanctions (TFS)", "asset freezing", "sanctions lists"],
    ),
    t(
        "beneficial ownership",
        5,
        S,
        &["beneficial ownership", "customer due diligence (CDD)", "know your customer (KYC) checks"],
    ),
    t(
        "dnfbp",
        5,
        S,
        &["DNFBPs", "designated non-financial businesses and professions", "casinos and real estate agents"],
    ),
    t(
        "stored value cards",
        5,
        S,
        &["stored value cards", "prepaid cards", "virtual assets", "new payment methods"],
    ),
    t("cross-border payments", 5, E, &["wire transfers", "correspondent banking", "cross-border payments"]),
    // --- C. Promoting Cyber Security ----------------------------------------------------
    t(
        "cyber security",
        6,
        S,
        &["cyber security", "cyberspace security", "information security", "network security"],
    ),
    t("cyber crime", 6, S, &["cyber crime investigation", "cybercrime", "high-tech crime", "computer crime"]),
    t(
        "digital forensics",
        6,
        S,
        &["digital forensics", "computer forensics", "digital evidence handling", "mobile forensics"],
    ),
    t("cert", 6, R, &["computer emergency response teams (CERTs)", "CSIRTs", "national CERT capabilities"]),
    t(
        "cyber incident response",
        6,
        R,
        &["cyber incident response", "incident handling", "response to cyber attacks"],
    ),
    t(
        "cyber threat intelligence",
        6,
        S,
        &["cyber threat intelligence", "threat intelligence sharing", "indicators of compromise"],
    ),
    t(
        "cyber security awareness",
        6,
        S,
        &["cyber security awareness", "cyber hygiene", "security awareness raising"],
    ),
    t("cyber exercise", 6, R, &["cyber exercises", "cyber drills", "cyber range training"]),
    t(
        "terrorist use of the internet",
        6,
        S,
        &["terrorist use of the internet", "online radicalisation", "terrorist content online"],
    ),
    t("data protection", 6, S, &["data protection", "personal data privacy", "data leakage prevention"]),
    t("budapest convention", 6, S, &["the Budapest Convention", "the Convention on Cybercrime"]),
    t(
        "critical infrastructure",
        6,
        R,
        &[
            "critical information infrastructure (CII) protection",
            "protection of critical information infrastructure",
        ],
    ),
];

/// A facet value: its paraphrases (at least two), each starting with a preposition
/// where the facet is an object ("for high-risk consignments").
pub(super) type Variants = &'static [&'static str];

/// Specific focus, part 1: what the activity is about, per section.
pub(super) const OBJECTS: [&[Variants]; SECTION_COUNT] = [
    // A.1
    &[
        &["for high-risk consignments", "for consignments assessed as high risk", "for high-risk shipments"],
        &[
            "in the postal and express consignment stream",
            "for express and postal consignments",
            "for postal and express shipments",
        ],
        &[
            "for cross-border e-commerce parcels",
            "for e-commerce parcels",
            "for parcels from cross-border e-commerce",
        ],
        &["for transshipment cargo", "for cargo in transshipment", "for transshipment containers"],
        &["for refrigerated containers", "for refrigerated reefer containers"],
        &["for perishable goods", "for perishable food shipments"],
        &[
            "for small and medium-sized exporters",
            "for small exporters",
            "for exporters of small and medium size",
        ],
        &["for empty container movements", "for empty containers"],
        &["for less-than-container-load consignments", "for consolidated less-than-container-load cargo"],
        &["for trucks and rail wagons", "for road and rail freight", "for freight trucks and rail cars"],
        &["for outbound shipments of controlled items", "for exports of controlled items"],
        &["for imported used vehicles", "for used vehicle imports"],
        &["for bulk and break-bulk cargo", "for break-bulk shipments"],
        &["for high-value electronics shipments", "for consignments of high-value electronics"],
        &["for goods declared under preferential tariffs", "for preferential-tariff declarations"],
        &["for in-bond transit movements", "for goods moving in transit under bond"],
    ],
    // A.2
    &[
        &["for passenger ferries", "for ferry services", "for domestic and international ferries"],
        &["for cruise ships", "for cruise vessels"],
        &["for fishing vessels", "for fishing fleets"],
        &["for tankers carrying oil and chemicals", "for oil and chemical tankers"],
        &["for offshore supply vessels", "for vessels supplying offshore platforms"],
        &["for ship-to-ship transfers", "for transfers between ships at sea"],
        &["for access control of port workers", "for port workers' access"],
        &["for seafarers' shore leave", "for shore leave of seafarers"],
        &["for stowaway incidents", "for stowaways"],
        &["for ship stores and provisions", "for ships' stores"],
        &["for container terminal operations", "for operations at container terminals"],
        &["for dangerous cargo handling", "for handling of dangerous cargo"],
        &["for harbour craft", "for harbour launches and tugs"],
        &["for pre-arrival ship notifications", "for ship arrival notices"],
    ],
    // A.3
    &[
        &["for liquids, aerosols and gels", "for liquids, gels and aerosols carried by passengers"],
        &["for general aviation flights", "for general aviation"],
        &["for ground handling operations", "for ground handlers"],
        &["for in-flight catering supplies", "for catering and aircraft stores"],
        &[
            "for staff access to restricted areas",
            "for non-passenger staff access",
            "for access control of airside staff",
        ],
        &["for vehicles entering airside areas", "for airside vehicles"],
        &["for landside public areas", "for public landside areas"],
        &["for transfer passengers", "for passengers in transfer"],
        &["for insider threats", "for insider risk"],
        &["for cabin baggage", "for baggage carried in the cabin"],
        &["for unmanned aircraft", "for unmanned aircraft near aerodromes"],
        &["for air traffic control facilities", "for air navigation facilities"],
        &["for aircraft maintenance areas", "for maintenance hangars"],
        &["for charter and cargo flights", "for charter flights"],
    ],
    // A.4
    &[
        &["for visa applications", "for processing visa applications"],
        &["for transit passengers", "for passengers in transit"],
        &["for ship and aircraft crew", "for crew members"],
        &["for unaccompanied minors", "for minors travelling alone"],
        &["for watch-list checks", "for checks against watch lists"],
        &["for impostor detection", "for detecting impostors"],
        &["for visa overstays", "for overstays of visas"],
        &["for cruise passengers", "for cruise ship passengers"],
        &["for travellers crossing by land", "for land travellers"],
        &["for returning nationals", "for nationals returning home"],
        &["for frequent travellers", "for frequent business visitors"],
        &["for airline check-in data", "for check-in data from airlines"],
        &["for asylum seekers", "for refugee and asylum claims"],
        &["for travel agents and tour operators", "for tour operators"],
    ],
    // A.5
    &[
        &["for large sporting events", "for big sporting events"],
        &["for chemical plants", "for chemical facilities"],
        &["for hospitals and laboratories", "for laboratories and hospitals"],
        &["for power stations", "for power plants"],
        &["for water treatment plants", "for water utilities"],
        &["for prisons", "for prison facilities"],
        &["for transport hubs", "for transport interchanges"],
        &["for metro and rail networks", "for urban rail networks"],
        &["for telecommunications sites", "for telecommunications installations"],
        &["for research reactors", "for small research reactors"],
        &["for blasting agents used in mining", "for mining blasting agents"],
        &["for diplomatic premises", "for diplomatic missions"],
        &["for stadiums and arenas", "for arenas and stadiums"],
        &["for dams and reservoirs", "for reservoirs and dams"],
        &["for fertiliser stocks", "for stocks of fertiliser"],
    ],
    // B
    &[
        &["for money changers", "for money-changing businesses"],
        &["for dealers in precious metals and stones", "for the precious metals and stones trade"],
        &["for trade-based schemes", "for trade-based transactions"],
        &["for small banks", "for smaller banks"],
        &["for securities firms", "for the securities sector"],
        &["for insurance companies", "for the insurance sector"],
        &["for microfinance institutions", "for microfinance providers"],
        &["for fintech firms", "for the fintech sector"],
        &["for trust and company service providers", "for company service providers and trusts"],
        &["for lawyers and accountants", "for accountants and lawyers"],
        &["for pawnshops", "for pawnshop operators"],
        &["for motor vehicle dealers", "for dealers in motor vehicles"],
        &["for online gaming operators", "for online gambling platforms"],
        &["for payments by freight forwarders", "for freight forwarders' payments"],
    ],
    // C
    &[
        &["for ransomware attacks", "for ransomware"],
        &["for business email compromise", "for email fraud schemes"],
        &["for industrial control systems", "for control systems in industrial plants"],
        &["for cloud services", "for cloud service providers"],
        &["for mobile banking apps", "for mobile banking applications"],
        &["for e-government services", "for online government services"],
        &["for domain name systems", "for the domain name system (DNS)"],
        &["for point-of-sale systems", "for point-of-sale terminals"],
        &["for smart city sensors", "for connected devices in smart cities"],
        &["for undersea cables", "for submarine cable landing stations"],
        &["for electronic health records", "for electronic patient health records"],
        &["for satellite ground stations", "for ground stations of satellites"],
        &["for botnets", "for botnet takedowns"],
        &["for dark web marketplaces", "for marketplaces on the dark web"],
    ],
];

const TRADE_SCOPES: &[Variants] = &[
    &["at land border crossings", "at land border checkpoints", "at land borders"],
    &["at inland container depots", "at inland dry ports"],
    &["in free trade zones", "in free zones"],
    &["at major container terminals", "at large container terminals"],
    &["at regional harbours", "at smaller harbours"],
    &["at regional logistics hubs", "in regional logistics hubs"],
    &["at remote border outstations", "at remote outstations"],
    &["along regional trade corridors", "along trade corridors in the region"],
    &["at bonded warehouses", "in bonded warehouses"],
    &["at rail freight terminals", "at freight rail terminals"],
    &["at air freight hubs", "in air freight hubs"],
    &["at express courier hubs", "in express courier facilities"],
];

const TRAVEL_SCOPES: &[Variants] = &[
    &["at land border crossings", "at land border crossing points"],
    &["at busy international gateways", "at major international gateways"],
    &["at cruise terminals", "at cruise ship terminals"],
    &["at primary inspection lines", "at primary inspection counters"],
    &["at remote land border posts", "at remote land crossings"],
    &["on regional ferry routes", "on regional ferry services"],
    &["during peak holiday seasons", "during peak travel seasons"],
    &["at overseas visa posts", "at visa-issuing posts abroad"],
    &["in transit areas", "in transit lounges"],
    &["at small regional aerodromes", "at small aerodromes"],
];

/// Specific focus, part 2: where or in what part of the sector, per section.
pub(super) const SCOPES: [&[Variants]; SECTION_COUNT] = [
    TRADE_SCOPES,
    // A.2
    &[
        &["at small and medium-sized ports", "at small ports"],
        &["in archipelagic waters", "across archipelagic waters"],
        &["at river and lake ports", "at river ports and lake ports"],
        &["at offshore terminals", "at offshore oil terminals"],
        &["at major container terminals", "at large container terminals"],
        &["at fishing harbours", "in fishing harbours"],
        &["in congested straits", "in busy straits"],
        &["at cruise terminals", "at cruise ship terminals"],
        &["at anchorages outside port limits", "at outer anchorages"],
        &["at shipyards and repair docks", "at ship repair yards"],
        &["along remote coastlines", "along remote coasts"],
    ],
    // A.3
    &[
        &["at small regional aerodromes", "at small aerodromes"],
        &["at busy international gateways", "at major international gateways"],
        &["at low-cost carrier terminals", "at budget carrier terminals"],
        &["at remote island airstrips", "at island airstrips"],
        &["during peak holiday seasons", "during peak travel seasons"],
        &["at newly built terminals", "at terminals built recently"],
        &["on domestic routes", "on domestic flights"],
        &["at heliports", "at heliport landing sites"],
        &["at cargo-only aerodromes", "at aerodromes for cargo only"],
        &["during terminal expansion works", "during the expansion of terminals"],
    ],
    TRAVEL_SCOPES,
    // A.5
    &[
        &["in large cities", "in cities with large populations"],
        &["in rural and border provinces", "in remote border provinces"],
        &["at the provincial level", "at provincial level"],
        &["in coastal districts", "in coastal areas"],
        &["in island communities", "in small island communities"],
        &["in industrial estates", "in industrial parks"],
        &["in capital districts", "in capital cities"],
        &["in conflict-affected regions", "in regions affected by conflict"],
        &["near international borders", "close to international borders"],
        &["in fast-growing secondary cities", "in growing secondary cities"],
    ],
    // B
    &[
        &["in rural areas", "across rural areas"],
        &["in the informal economy", "in informal markets"],
        &["along porous land borders", "across porous land borders"],
        &["in offshore financial centres", "in offshore centres"],
        &["in border trading towns", "in border market towns"],
        &["in diaspora corridors", "along diaspora corridors"],
        &["in cash-intensive communities", "in cash-based communities"],
        &["in tourist resort areas", "in resort areas"],
        &["in special economic zones", "in special economic areas"],
        &["in capital markets", "in the capital market"],
    ],
    // C
    &[
        &["in government agencies", "across government agencies"],
        &["in small and medium-sized enterprises", "in small enterprises"],
        &["in the financial sector", "at financial institutions"],
        &["in the energy sector", "at energy utilities"],
        &["in the health sector", "in health care"],
        &["in telecommunications", "at telecommunications operators"],
        &["in universities and research institutes", "in research institutions"],
        &["in the logistics sector", "at logistics firms"],
        &["in local governments", "in local authorities"],
        &["in the water sector", "at water utilities"],
    ],
];

/// Audiences per section; [`GENERIC_AUDIENCES`] are added to every section's.
pub(super) const AUDIENCES: [&[Variants]; SECTION_COUNT] = [
    &[
        &["customs officers", "customs officials"],
        &["front-line officers", "frontline staff"],
        &["freight forwarders", "forwarding agents"],
        &["shipping lines", "carriers"],
        &["risk analysts", "cargo analysts"],
        &["trade compliance officers", "compliance officers"],
        &["logistics operators", "logistics companies"],
    ],
    &[
        &["port facility security officers", "port security officers"],
        &["ship masters", "masters and crews"],
        &["coast guard officers", "coastguard personnel"],
        &["marine police", "marine police units"],
        &["harbour masters", "harbour authorities"],
        &["terminal operators", "terminal operating companies"],
    ],
    &[
        &["aviation security screeners", "screening officers"],
        &["aerodrome operators", "airport operators"],
        &["airline security managers", "airline security staff"],
        &["aviation security inspectors", "national aviation inspectors"],
        &["cargo handlers", "cargo handling agents"],
        &["quality control officers", "oversight inspectors"],
    ],
    &[
        &["immigration officers", "border officers"],
        &["consular officers", "visa officers"],
        &["airline staff", "airline check-in staff"],
        &["document examiners", "forensic document examiners"],
        &["border police", "border guards"],
        &["passenger analysis unit staff", "targeting centre staff"],
    ],
    &[
        &["police officers", "front-line police"],
        &["fire and rescue crews", "firefighters"],
        &["facility security managers", "site security managers"],
        &["event organisers", "organisers of events"],
        &["community leaders", "local community leaders"],
        &["intelligence officers", "security intelligence staff"],
    ],
    &[
        &["bank compliance officers", "compliance staff at banks"],
        &["supervisors", "financial supervisors"],
        &["reporting entities", "reporting institutions"],
        &["regulators", "financial regulators"],
        &["judges", "members of the judiciary"],
        &["tax officials", "tax authorities"],
    ],
    &[
        &["network administrators", "system administrators"],
        &["incident responders", "incident handlers"],
        &["police cyber units", "cyber police units"],
        &["IT managers", "chief information officers"],
        &["software developers", "developers"],
        &["security operations centre analysts", "SOC analysts"],
    ],
];

/// Audiences that fit every section.
pub(super) const GENERIC_AUDIENCES: &[Variants] = &[
    &["policy makers", "senior policy officials"],
    &["mid-level managers", "middle managers"],
    &["new recruits", "newly recruited staff"],
    &["government lawyers", "lawyers in government"],
    &["inter-agency task forces", "joint task forces"],
    &["industry representatives", "industry partners"],
    &["senior managers", "senior management"],
    &["prosecutors", "public prosecutors"],
];

/// Aspects: which part of the topic an item is about, common to every section. The
/// aspect is written before the topic, with its own connector ("audit trails in
/// AEO programmes").
pub(super) const ASPECTS: &[Variants] = &[
    &["standard operating procedures for", "operating procedures for"],
    &["the legal basis for", "the legal basis of"],
    &["inspection checklists for", "checklists used in"],
    &["case management in", "case management systems for"],
    &["performance indicators for", "performance indicators used in"],
    &["data sharing agreements for", "agreements on data sharing in"],
    &["staff rotation in", "rotation of staff in"],
    &["quality assurance of", "quality assurance in"],
    &["inter-agency memoranda for", "inter-agency memoranda covering"],
    &["maintenance schedules for", "maintenance schedules in"],
    &["joint inspections in", "joint inspection teams for"],
    &["record keeping in", "record-keeping rules for"],
    &["public outreach on", "outreach to the public on"],
    &["job descriptions for", "job descriptions in"],
    &["budget planning for", "planning of budgets for"],
    &["procurement specifications for", "specifications used in procurement for"],
    &["audit trails in", "audit trails for"],
    &["escalation procedures in", "procedures for escalation in"],
    &["cost-benefit analysis of", "cost-benefit analyses of"],
    &["sampling methods in", "sampling methods for"],
    &["chain-of-custody rules for", "chain of custody in"],
    &["interview techniques for", "interviewing techniques in"],
    &["shift handover routines in", "handover routines between shifts in"],
    &["licensing conditions for", "licensing conditions in"],
    &["penalty regimes for", "regimes of penalties for"],
    &["complaint handling in", "handling of complaints in"],
    &["document retention in", "retention of documents in"],
    &["incident logging in", "logging of incidents in"],
    &["peer learning for", "peer learning in"],
    &["certification schemes for", "certification schemes in"],
    &["vetting of personnel in", "personnel vetting for"],
    &["access rights management in", "management of access rights in"],
    &["statistical reporting on", "statistical reports on"],
    &["risk registers for", "risk registers in"],
    &["gender mainstreaming in", "mainstreaming of gender in"],
    &["legal powers of inspection in", "inspection powers in"],
    &["evidence standards for", "standards of evidence for"],
    &["cross-agency dashboards for", "dashboards shared across agencies for"],
    &["succession planning in", "succession plans for"],
    &["fee structures for", "fee structures in"],
    &["sanctions for non-compliance in", "non-compliance sanctions in"],
    &["after-action reviews of", "after-action reviews for"],
    &["outsourcing arrangements for", "outsourcing arrangements in"],
    &["queue management in", "management of queues in"],
    &["signage and public notices for", "public notices and signage for"],
    &["system interoperability for", "interoperability between systems for"],
    &["spare parts logistics for", "logistics of spare parts for"],
    &["workload planning in", "planning of workloads in"],
    &["public consultation on", "consultation with the public on"],
    &["whistle-blower protection in", "protection of whistle-blowers in"],
    &["conflict-of-interest rules for", "rules on conflicts of interest in"],
    &["archive management in", "management of archives in"],
    &["mobile inspection units for", "mobile units for"],
    &["night-time operations in", "operations at night in"],
    &["seasonal surge planning for", "planning for seasonal surges in"],
    &["contingency stocks for", "contingency stocks in"],
    &["communication protocols in", "protocols for communication in"],
    &["media handling in", "handling of the media in"],
    &["career paths in", "career paths for"],
    &["codes of conduct for", "a code of conduct in"],
    &["internal audit of", "internal audits of"],
    &["user documentation for", "documentation for users of"],
    &["helpdesk arrangements for", "helpdesk arrangements in"],
    &["service standards for", "service standards in"],
    &["fleet management for", "management of vehicle fleets for"],
    &["cash handling in", "handling of cash in"],
    &["visitor management in", "management of visitors in"],
    &["perimeter fencing for", "fencing of perimeters for"],
    &["lighting and CCTV coverage for", "CCTV and lighting coverage for"],
    &["key control in", "key control procedures in"],
    &["pass and badge systems for", "badge and pass systems for"],
    &["emergency contact lists for", "lists of emergency contacts for"],
    &["multi-year work plans for", "work plans covering several years for"],
    &["secure file storage in", "file storage security in"],
    &["password policies for", "policies on passwords for"],
    &["backup and restore routines for", "routines for backup and restore in"],
    &["inventory controls for", "control of inventories in"],
    &["radio communications for", "radio communication in"],
    &["translation and interpretation for", "interpretation and translation in"],
    &["fatigue management for", "management of fatigue in"],
    &["staff welfare in", "welfare of staff in"],
    &["open-source research for", "research using open sources for"],
    &["geographic information systems for", "geographic information systems in"],
    &["satellite imagery for", "satellite imagery in"],
    &["use-of-force rules for", "rules on the use of force in"],
    &["detention procedures for", "procedures for detention in"],
    &["search techniques for", "search techniques used in"],
    &["victim support in", "support for victims in"],
    &["anonymous reporting channels for", "channels for anonymous reporting in"],
    &["trend analysis for", "analysis of trends in"],
    &["pre-employment screening in", "pre-employment screening for"],
    &["interagency liaison officers for", "liaison officers between agencies for"],
    &["hazard mapping for", "mapping of hazards for"],
    &["insurance coverage for", "insurance cover for"],
    &["gap analysis of", "a gap analysis of"],
];

/// Settings: the circumstances an item is set in, common to every section.
pub(super) const SETTINGS: &[Variants] = &[
    &["in small island economies", "for small island economies"],
    &["with limited budgets", "under tight budget constraints"],
    &["ahead of hosting large international events", "before hosting large international events"],
    &["following recent legislative amendments", "after recent amendments to legislation"],
    &["where inter-agency coordination is weak", "where coordination between agencies is weak"],
    &["during the move to paperless procedures", "while procedures become paperless"],
    &["in a decentralised administration", "across decentralised administrations"],
    &["where staff turnover is high", "with high staff turnover"],
    &["drawing on lessons from recent incidents", "building on lessons from recent incidents"],
    &["for newly established units", "for recently established units"],
    &["in remote and rural areas", "across remote and rural areas"],
    &["in multilingual settings", "in multilingual workplaces"],
    &["using open-source tools", "with open-source tools"],
    &["with limited IT infrastructure", "where IT infrastructure is limited"],
    &["under a new national strategy", "as part of a new national strategy"],
    &[
        "in line with recently updated international standards",
        "to meet recently updated international standards",
    ],
    &["as traffic volumes grow rapidly", "with rapidly growing traffic volumes"],
    &["where processes are slow and fragmented", "where slow, fragmented processes dominate"],
    &["with support from development partners", "together with development partners"],
    &["ahead of an external audit", "before an external audit"],
    &["during a period of institutional restructuring", "while institutions are being restructured"],
    &["with few seasoned staff", "where seasoned staff are scarce"],
    &["in a fast-changing threat environment", "as the threat environment changes fast"],
    &["after a recent organisational merger", "following the merger of two agencies"],
    &["on a cost-recovery basis", "with cost recovery"],
    &["for agencies new to this field", "for agencies that are new to this field"],
    &["within a regional framework", "under a regional framework"],
    &["in the run-up to national elections", "ahead of national elections"],
    &["where records are still kept on paper", "where data are held on paper"],
    &["across several island provinces", "in several island provinces"],
    &["during the current reform programme", "as part of the ongoing reform programme"],
    &["in partnership with academia", "in partnership with academic institutions"],
    &["at minimal cost", "at minimal extra cost"],
    &["with gender-responsive approaches", "using gender-responsive approaches"],
    &["for a workforce with mixed skill levels", "for staff with mixed skill levels"],
    &["through a phased roll-out", "in a phased roll-out"],
    &["under a memorandum of understanding", "within an existing memorandum of understanding"],
    &["so that results are sustainable", "so that results last beyond the project"],
    &["where legal powers are unclear", "where the legal basis is unclear"],
    &["given rising caseloads", "as caseloads rise"],
    &["where agencies work in separate systems", "where each agency uses a separate system"],
    &["with the involvement of local governments", "involving local governments"],
    &["on a pilot basis", "on a small pilot basis"],
    &["after a recent security incident", "following a recent security incident"],
    &["within the next two years", "over the next two years"],
    &["through online and in-person sessions", "through blended online and in-person delivery"],
    &["for economies with small populations", "in economies with small populations"],
    &["where procurement rules are strict", "under strict procurement rules"],
    &["with a high share of temporary staff", "where many staff are on temporary contracts"],
    &["in a post-conflict setting", "in post-conflict settings"],
    &["where private operators run key facilities", "where key facilities are privately operated"],
    &["after a change of government", "following a change of government"],
    &["with weak data quality", "where data quality is weak"],
    &["while new headquarters are being built", "during the construction of new headquarters"],
    &["as part of a multi-economy pilot", "through a multi-economy pilot"],
    &["during the holiday peak", "over the holiday peak"],
    &["under a sunset clause", "before a sunset clause takes effect"],
    &["in cooperation with neighbouring economies", "together with neighbouring economies"],
    &["with a mostly seasonal workforce", "where the workforce is mostly seasonal"],
    &["where oversight bodies are newly created", "where oversight bodies were created recently"],
    &["in the months before a general election", "in the months ahead of a general election"],
    &["where the legal system is mixed", "with a mixed legal system"],
    &["in economies that rely on visitor revenue", "in economies relying on visitor revenue"],
    &["with a shift to remote working", "as staff shift to remote working"],
];

/// Phrases naming each kind of activity, ending in the preposition that introduces
/// the topic ("workshops on"). Indexed by `ActivityKind as usize`.
pub(super) const KIND_PHRASES: [&[&str]; 11] = [
    &["workshops on", "a workshop on", "regional workshops on", "hands-on workshops on"],
    &["seminars on", "a regional seminar on", "conferences on", "a symposium on"],
    &["training on", "specialised training in", "training courses on", "a training programme on"],
    &["train-the-trainer courses on", "training of trainers in", "a train-the-trainer programme on"],
    &["best practices on", "guidelines on", "good practices in", "lessons learned on"],
    &["information sharing on", "exchange of information on", "an information sharing platform on"],
    &["study visits on", "a study tour on", "staff exchanges on", "study visits to observe"],
    &["table-top exercises on", "joint drills on", "a simulation exercise on", "practical exercises on"],
    &["expert advice on", "mentoring in", "advisory missions on", "the deployment of experts in"],
    &[
        "technical assistance on",
        "a needs assessment of",
        "technical support for",
        "technical assistance with",
    ],
    &["equipment for", "funding for", "detection equipment and funding for", "equipment grants for"],
];

/// Kinds a donor may answer a need of each kind with (the kind itself first).
pub(super) const COMPATIBLE: [&[ActivityKind]; 11] = {
    use ActivityKind::{
        BestPractices, EquipmentFunding, Exercise, ExpertDeployment, InformationSharing, Seminar, StudyTour,
        TechnicalAssistance, TrainTheTrainer, TrainingCourse, Workshop,
    };
    [
        &[Workshop, Seminar, TrainingCourse],
        &[Seminar, Workshop],
        &[TrainingCourse, TrainTheTrainer, Workshop, ExpertDeployment],
        &[TrainTheTrainer, TrainingCourse],
        &[BestPractices, InformationSharing, StudyTour, Workshop],
        &[InformationSharing, BestPractices],
        &[StudyTour, BestPractices],
        &[Exercise, TrainingCourse],
        &[ExpertDeployment, TechnicalAssistance, TrainingCourse],
        &[TechnicalAssistance, ExpertDeployment],
        &[EquipmentFunding, TechnicalAssistance],
    ]
};

/// What an activity should achieve, per pillar (Security, Efficiency, Resilience).
pub(super) const PURPOSES: [&[&str]; 3] = [
    &[
        "detect and deter threats earlier",
        "prevent misuse by terrorist groups",
        "strengthen detection and interdiction",
        "close gaps that terrorists could exploit",
    ],
    &[
        "facilitate legitimate trade and travel",
        "streamline procedures without weakening security",
        "reduce delays and transaction costs",
        "make better use of scarce inspection resources",
    ],
    &[
        "recover quickly after a disruption",
        "keep operations running after an attack",
        "improve readiness to respond to incidents",
        "restore normal flows faster after an incident",
    ],
];

/// Agencies named in offers, per section.
pub(super) const AGENCIES: [&[&str]; SECTION_COUNT] = [
    &["the border agency", "the trade and industry department"],
    &["the Marine Department", "the shipping authority"],
    &["the Civil Aviation Department", "the aviation authority"],
    &["the visa and entry authority", "the Ministry of Justice"],
    &["the national counter-terrorism unit", "the Ministry of Foreign Affairs"],
    &["the central bank", "the financial supervisory authority"],
    &["the national cyber agency", "the Office of the Government Chief Information Officer"],
];

/// Sentence templates. Slots: `{k}` kind phrase ("workshops on"), `{t}` topic form,
/// `{f}` focus (object and scope), `{ob}` the object without its preposition,
/// `{p}` scope, `{s}` setting, `{a}` audience, `{we}` the recipient, `{donor}`,
/// `{ag}` an agency, `{purpose}`, `{t2}` a second topic of the same section,
/// `{group}` CTTF or CTWG by year, `{since}` a year before the item's, `{cap}`
/// the offer's capacity in words.
pub(super) struct TemplateDef {
    pub text: &'static str,
    /// Kinds the template fits (empty: any).
    pub kinds: &'static [ActivityKind],
}

const fn any(text: &'static str) -> TemplateDef {
    TemplateDef { text, kinds: &[] }
}

const EVENTS: &[ActivityKind] = &[
    ActivityKind::Workshop,
    ActivityKind::Seminar,
    ActivityKind::TrainingCourse,
    ActivityKind::TrainTheTrainer,
    ActivityKind::Exercise,
];
const TRAINING: &[ActivityKind] =
    &[ActivityKind::TrainingCourse, ActivityKind::TrainTheTrainer, ActivityKind::ExpertDeployment];
const PARTICIPATE: &[ActivityKind] = &[
    ActivityKind::Workshop,
    ActivityKind::Seminar,
    ActivityKind::TrainingCourse,
    ActivityKind::TrainTheTrainer,
    ActivityKind::Exercise,
    ActivityKind::InformationSharing,
    ActivityKind::StudyTour,
];
const HOSTED: &[ActivityKind] = &[
    ActivityKind::Workshop,
    ActivityKind::Seminar,
    ActivityKind::TrainingCourse,
    ActivityKind::TrainTheTrainer,
    ActivityKind::Exercise,
    ActivityKind::StudyTour,
];
const SHARING: &[ActivityKind] =
    &[ActivityKind::BestPractices, ActivityKind::InformationSharing, ActivityKind::StudyTour];

/// First sentences of needs. The last two are fragments.
pub(super) const NEED_FIRST: &[TemplateDef] = &[
    any("{k} {t} {f} would be useful."),
    any("We would benefit from {k} {t} {f}."),
    any("Capacity building on {t} {f} is needed."),
    any("{we} would welcome {k} {t} {f}, {s}."),
    any("Enriching our expertise in {t} {f} will be beneficial."),
    any("There is a need for {k} {t} {f}."),
    any("{we} would like to learn from other economies' experience with {t} {f}."),
    any("Assistance is sought with {t} {f}."),
    any("{we} seeks {k} {t} {f}."),
    TemplateDef {
        text: "{we} will continue to participate in {k} {t} {f} and to learn from other economies.",
        kinds: PARTICIPATE,
    },
    any("Further {k} {t} {f} through APEC would help close remaining gaps."),
    any("{ag} lacks expertise in {t} {f}."),
    any("{we} requests {k} {t} {f}, {s}."),
    any("We need {k} {t} {f}."),
    any("{k} {t} {f}"),
    any("{k} {t} {f}, {s}"),
];

/// Need fragments (indices into [`NEED_FIRST`]) without and with a setting.
pub(super) const NEED_FRAGMENT: usize = 14;
pub(super) const NEED_FRAGMENT_SETTING: usize = 15;

/// First sentences of offers. The last two are fragments.
pub(super) const OFFER_FIRST: &[TemplateDef] = &[
    any("{donor} could provide {k} {t} {f} for {a}."),
    TemplateDef { text: "We will continue to hold {k} {t} {f} for member economies.", kinds: EVENTS },
    TemplateDef { text: "Trainers can be deployed to support {t} {f}.", kinds: TRAINING },
    TemplateDef { text: "{donor} is ready to share its experience in {t} {f}.", kinds: SHARING },
    TemplateDef { text: "{donor} runs {k} {t} every year for {a}, with a focus on {ob} {p}.", kinds: EVENTS },
    any("For {ob} {p}, {donor} can offer {k} {t}."),
    any("Expertise in {t} {f} is available on request."),
    any("Staff of {ag} have been trained in {t} and could assist other economies with {ob} {p}."),
    TemplateDef {
        text: "{donor} has a regional training centre that could host {k} {t} {f}.",
        kinds: HOSTED,
    },
    any("{donor} would be able to deploy experts or provide {k} {t} {f}."),
    any("{donor} offers {k} {t} {f}."),
    TemplateDef { text: "{donor} will continue to hold {k} {t} {f} for member economies.", kinds: EVENTS },
    any("{k} {t} {f} for {a}"),
    any("{k} {t} {f}, {s}"),
];

/// Offer fragments (indices into [`OFFER_FIRST`]) without and with a setting.
pub(super) const OFFER_FRAGMENT: usize = 12;
pub(super) const OFFER_FRAGMENT_SETTING: usize = 13;

/// Follow-on sentences, by what they add.
pub(super) const NEED_SETTING: &[&str] = &[
    "This is a priority {s}.",
    "Support is most needed {s}.",
    "The gap is most acute {s}.",
    "Activities should be designed to work {s}.",
];
pub(super) const NEED_AUDIENCE: &[&str] = &[
    "Participants would include {a}.",
    "The main beneficiaries would be {a}.",
    "Priority should be given to {a}.",
];
pub(super) const NEED_PURPOSE: &[&str] = &["The aim is to {purpose}.", "This would help us {purpose}."];
pub(super) const NEED_CONTEXT: &[&str] = &[
    "Current procedures rely heavily on manual checks.",
    "Existing guidance predates recent reforms.",
    "A gap analysis was completed last year.",
    "Resources for this area remain limited.",
    "Responsibilities are shared among several agencies.",
    "Previous APEC activities on this subject were very useful.",
    "Only a few officers have the relevant skills so far.",
    "The matter was raised at the last {group} meeting.",
];
pub(super) const NEED_SECOND_TOPIC: &[&str] =
    &["Support on {t2} would also be welcome.", "Related work on {t2} would also help."];

pub(super) const OFFER_SETTING: &[&str] = &[
    "The programme can be adapted for use {s}.",
    "The approach can be tailored for use {s}.",
    "The material has been used {s}.",
    "It has worked well {s}.",
];
pub(super) const OFFER_AUDIENCE: &[&str] =
    &["Courses are open to {a}.", "Participants have included {a}.", "It is aimed at {a}."];
pub(super) const OFFER_PURPOSE: &[&str] =
    &["The aim is to help partners {purpose}.", "It helps participating economies {purpose}."];
pub(super) const OFFER_CONTEXT: &[&str] = &[
    "{donor} has run this programme since {since}.",
    "Materials are available in English.",
    "Courses can be delivered online or in person.",
    "Requests can be made through the {group} contact point.",
    "This builds on several years of domestic implementation.",
];
pub(super) const OFFER_SECOND_TOPIC: &[&str] =
    &["Assistance on {t2} can also be arranged.", "Support on {t2} is available as well."];
pub(super) const OFFER_CAPACITY: &[&str] =
    &["Places are available for up to {cap} economies.", "Up to {cap} economies can take part each year."];

/// Needs that state no concrete need (kept, flagged `unspecific`).
pub(super) const UNSPECIFIC_NEEDS: &[&str] = &[
    "A diagnosis of capacity building needs is ongoing; areas will be decided based on its results.",
    "Needs will be identified after the ongoing internal review.",
    "To be determined following consultations among agencies.",
];

/// British spellings in the tables above and their US forms (lower-case; a
/// capitalised first letter is kept).
const US_SPELLING: &[(&str, &str)] = &[
    ("authorised", "authorized"),
    ("centre", "center"),
    ("centres", "centers"),
    ("decentralised", "decentralized"),
    ("defence", "defense"),
    ("deradicalisation", "deradicalization"),
    ("fertiliser", "fertilizer"),
    ("harbour", "harbor"),
    ("harbours", "harbors"),
    ("modernisation", "modernization"),
    ("neighbouring", "neighboring"),
    ("organisational", "organizational"),
    ("organisations", "organizations"),
    ("organised", "organized"),
    ("organisers", "organizers"),
    ("programme", "program"),
    ("programmes", "programs"),
    ("radicalisation", "radicalization"),
    ("specialised", "specialized"),
    ("traveller", "traveler"),
    ("travellers", "travelers"),
    ("travelling", "traveling"),
];

/// The US spelling of British text, or `None` when nothing changes.
pub(super) fn us_spelling(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut rest = text;
    while !rest.is_empty() {
        let end = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
        let (word, tail) = rest.split_at(end);
        if word.is_empty() {
            let c = tail.chars().next().map_or(1, char::len_utf8);
            out.push_str(&tail[..c]);
            rest = &tail[c..];
            continue;
        }
        let lower = word.to_ascii_lowercase();
        match US_SPELLING.binary_search_by(|(gb, _)| gb.cmp(&lower.as_str())) {
            Ok(i) => {
                changed = true;
                let us = US_SPELLING[i].1;
                if word.starts_with(|c: char| c.is_ascii_uppercase()) {
                    out.push(us.as_bytes()[0].to_ascii_uppercase() as char);
                    out.push_str(&us[1..]);
                } else {
                    out.push_str(us);
                }
            }
            Err(_) => out.push_str(word),
        }
        rest = tail;
    }
    changed.then_some(out)
}

/// A phrase in British spelling and, where it differs, US spelling.
#[derive(Debug)]
pub(super) struct Phrase {
    gb: &'static str,
    us: Option<Box<str>>,
}

impl Phrase {
    fn new(gb: &'static str) -> Phrase {
        Phrase { gb, us: us_spelling(gb).map(String::into_boxed_str) }
    }

    /// The phrase in US (`true`) or British spelling.
    pub fn get(&self, us: bool) -> &str {
        match (&self.us, us) {
            (Some(us), true) => us,
            _ => self.gb,
        }
    }
}

/// What a template slot is filled with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Slot {
    Kind,
    Topic,
    Focus,
    ObjectBare,
    Scope,
    Setting,
    Audience,
    We,
    Donor,
    Agency,
    Purpose,
    SecondTopic,
    Group,
    Since,
    Capacity,
    /// A typo in a template; renders nothing (a unit test keeps the tables free of it).
    Unknown,
}

/// A piece of a parsed template.
#[derive(Debug)]
pub(super) enum Seg {
    Text(Phrase),
    Slot(Slot),
}

/// A parsed sentence template.
#[derive(Debug)]
pub(super) struct Template {
    pub segs: Vec<Seg>,
    pub has_setting: bool,
    pub kinds: &'static [ActivityKind],
}

fn parse_template(text: &'static str, kinds: &'static [ActivityKind]) -> Template {
    let mut segs = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            segs.push(Seg::Text(Phrase::new(&rest[..open])));
        }
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
        let slot = match &rest[open + 1..close] {
            "k" => Slot::Kind,
            "t" => Slot::Topic,
            "f" => Slot::Focus,
            "ob" => Slot::ObjectBare,
            "p" => Slot::Scope,
            "s" => Slot::Setting,
            "a" => Slot::Audience,
            "we" => Slot::We,
            "donor" => Slot::Donor,
            "ag" => Slot::Agency,
            "purpose" => Slot::Purpose,
            "t2" => Slot::SecondTopic,
            "group" => Slot::Group,
            "since" => Slot::Since,
            "cap" => Slot::Capacity,
            _ => Slot::Unknown,
        };
        segs.push(Seg::Slot(slot));
        rest = rest.get(close + 1..).unwrap_or("");
    }
    if !rest.is_empty() {
        segs.push(Seg::Text(Phrase::new(rest)));
    }
    let has_setting = segs.iter().any(|s| matches!(s, Seg::Slot(Slot::Setting)));
    Template { segs, has_setting, kinds }
}

/// A facet value's paraphrases.
pub(super) type PhraseVariants = Vec<Phrase>;

/// Everything above, interned once with both spellings.
#[derive(Debug)]
pub(super) struct Lexicon {
    pub topic_forms: Vec<Vec<Phrase>>,
    /// Per topic, per form: the class of forms that name the same concepts of the
    /// concept graph (read in the topic's section), numbered from 0 in form order.
    /// Generator version 2 paraphrases a topic only within a class.
    pub form_class: Vec<Vec<u8>>,
    /// Topic indices per section.
    pub by_section: [Vec<u8>; SECTION_COUNT],
    pub objects: [Vec<PhraseVariants>; SECTION_COUNT],
    pub scopes: [Vec<PhraseVariants>; SECTION_COUNT],
    /// Section audiences followed by the generic ones.
    pub audiences: [Vec<PhraseVariants>; SECTION_COUNT],
    pub settings: Vec<PhraseVariants>,
    pub aspects: Vec<PhraseVariants>,
    pub kind_phrases: Vec<Vec<Phrase>>,
    pub purposes: Vec<Vec<Phrase>>,
    pub agencies: Vec<Vec<Phrase>>,
    pub need_first: Vec<Template>,
    /// For each kind, the need templates (not fragments) that fit it.
    pub need_first_by_kind: Vec<Vec<u8>>,
    pub offer_first: Vec<Template>,
    /// For each kind, the offer templates (not fragments) that fit it.
    pub offer_first_by_kind: Vec<Vec<u8>>,
    pub need_more: More,
    pub offer_more: More,
    pub offer_capacity: Vec<Template>,
    pub unspecific: Vec<Phrase>,
}

/// The classes of a topic's forms by the concepts they name (see
/// [`Lexicon::form_class`]).
fn form_classes(topic: &TopicDef) -> Vec<u8> {
    let graph = crate::text::ConceptGraph::global();
    let section = &crate::Section::KNOWN[topic.section as usize];
    let named: Vec<Vec<u32>> = topic
        .forms
        .iter()
        .map(|f| {
            let mut c = graph.concepts_in_section(&crate::text::normalised_words(f), Some(section));
            // A Strategy area ("secure supply chains") is where a topic is, not which.
            c.retain(|&c| !graph.concept(c).root);
            c
        })
        .collect();
    let mut class = vec![0u8; named.len()];
    let mut seen: Vec<&Vec<u32>> = Vec::new();
    for (k, c) in named.iter().enumerate() {
        let position = seen.iter().position(|s| *s == c).unwrap_or_else(|| {
            seen.push(c);
            seen.len() - 1
        });
        class[k] = position as u8;
    }
    class
}

/// Follow-on sentence templates of one side.
#[derive(Debug)]
pub(super) struct More {
    pub setting: Vec<Template>,
    pub audience: Vec<Template>,
    pub purpose: Vec<Template>,
    pub context: Vec<Template>,
    pub second_topic: Vec<Template>,
}

fn variants(list: &[Variants]) -> Vec<PhraseVariants> {
    list.iter().map(|v| v.iter().copied().map(Phrase::new).collect()).collect()
}

fn templates(list: &[&'static str]) -> Vec<Template> {
    list.iter().map(|t| parse_template(t, &[])).collect()
}

impl Lexicon {
    pub fn global() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::build)
    }

    fn build() -> Lexicon {
        let by_section = std::array::from_fn(|s| {
            (0..TOPICS.len()).filter(|&i| TOPICS[i].section as usize == s).map(|i| i as u8).collect()
        });
        let need_first: Vec<Template> = NEED_FIRST.iter().map(|d| parse_template(d.text, d.kinds)).collect();
        let offer_first: Vec<Template> =
            OFFER_FIRST.iter().map(|d| parse_template(d.text, d.kinds)).collect();
        let by_kind = |templates: &[Template], end: usize| -> Vec<Vec<u8>> {
            ActivityKind::ALL
                .iter()
                .map(|k| {
                    (0..end)
                        .filter(|&i| templates[i].kinds.is_empty() || templates[i].kinds.contains(k))
                        .map(|i| i as u8)
                        .collect()
                })
                .collect()
        };
        let need_first_by_kind = by_kind(&need_first, NEED_FRAGMENT);
        let offer_first_by_kind = by_kind(&offer_first, OFFER_FRAGMENT);
        Lexicon {
            topic_forms: TOPICS.iter().map(|t| t.forms.iter().copied().map(Phrase::new).collect()).collect(),
            form_class: TOPICS.iter().map(form_classes).collect(),
            by_section,
            objects: std::array::from_fn(|s| variants(OBJECTS[s])),
            scopes: std::array::from_fn(|s| variants(SCOPES[s])),
            audiences: std::array::from_fn(|s| {
                let mut v = variants(AUDIENCES[s]);
                v.extend(variants(GENERIC_AUDIENCES));
                v
            }),
            settings: variants(SETTINGS),
            aspects: variants(ASPECTS),
            kind_phrases: KIND_PHRASES.iter().map(|l| l.iter().copied().map(Phrase::new).collect()).collect(),
            purposes: PURPOSES.iter().map(|l| l.iter().copied().map(Phrase::new).collect()).collect(),
            agencies: AGENCIES.iter().map(|l| l.iter().copied().map(Phrase::new).collect()).collect(),
            need_first,
            need_first_by_kind,
            offer_first,
            offer_first_by_kind,
            need_more: More {
                setting: templates(NEED_SETTING),
                audience: templates(NEED_AUDIENCE),
                purpose: templates(NEED_PURPOSE),
                context: templates(NEED_CONTEXT),
                second_topic: templates(NEED_SECOND_TOPIC),
            },
            offer_more: More {
                setting: templates(OFFER_SETTING),
                audience: templates(OFFER_AUDIENCE),
                purpose: templates(OFFER_PURPOSE),
                context: templates(OFFER_CONTEXT),
                second_topic: templates(OFFER_SECOND_TOPIC),
            },
            offer_capacity: templates(OFFER_CAPACITY),
            unspecific: UNSPECIFIC_NEEDS.iter().copied().map(Phrase::new).collect(),
        }
    }
}

/// The number of distinct facet combinations (topic × object × scope × aspect ×
/// audience × setting) the pools allow.
pub(super) fn facet_combinations() -> u64 {
    (0..SECTION_COUNT)
        .map(|s| {
            let topics = TOPICS.iter().filter(|t| t.section as usize == s).count() as u64;
            topics
                * OBJECTS[s].len() as u64
                * SCOPES[s].len() as u64
                * ASPECTS.len() as u64
                * (AUDIENCES[s].len() + GENERIC_AUDIENCES.len()) as u64
                * SETTINGS.len() as u64
        })
        .sum()
}

/// The number of distinct (topic, object, scope, aspect, setting) combinations:
/// what a planted offer shares with its need.
pub(super) fn shared_facet_combinations() -> u64 {
    (0..SECTION_COUNT)
        .map(|s| {
            let topics = TOPICS.iter().filter(|t| t.section as usize == s).count() as u64;
            topics
                * OBJECTS[s].len() as u64
                * SCOPES[s].len() as u64
                * ASPECTS.len() as u64
                * SETTINGS.len() as u64
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{ConceptGraph, Relation, activities, is_stopword, normalised_words};

    #[test]
    fn every_topic_form_names_its_concept() {
        let th = ConceptGraph::global();
        let mut bad = Vec::new();
        for topic in TOPICS {
            assert!(topic.forms.len() >= 2, "{} needs two forms to paraphrase", topic.concept);
            for form in topic.forms {
                for us in [false, true] {
                    let text = if us {
                        us_spelling(form).unwrap_or_else(|| (*form).to_string())
                    } else {
                        (*form).to_string()
                    };
                    // The form names the topic's concept or one related to it in the
                    // graph (an "e-seal" form of container security, "passenger data
                    // analysis" for PNR, customer due diligence beside beneficial
                    // ownership), or the Strategy area it is in ("secure supply
                    // chains"), as read in the topic's section.
                    let section = &crate::Section::KNOWN[topic.section as usize];
                    let found: Vec<_> = th
                        .find(&normalised_words(&text), Some(section))
                        .into_iter()
                        .map(|f| f.value)
                        .collect();
                    let names = th.id(topic.concept).is_some_and(|want| {
                        found
                            .iter()
                            .any(|&c| th.concept(c).root || th.relation(want, c) != Relation::Unrelated)
                    });
                    if !names {
                        let found: Vec<_> = found.iter().map(|&c| th.concept(c).label.as_str()).collect();
                        bad.push(format!("{text:?} → {found:?}, expected {:?}", topic.concept));
                    }
                }
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn forms_of_a_topic_differ_after_normalisation() {
        for topic in TOPICS {
            let mut seen: Vec<Vec<String>> = Vec::new();
            for form in topic.forms {
                let ws = normalised_words(form);
                assert!(!seen.contains(&ws), "{form:?} repeats another form of {}", topic.concept);
                seen.push(ws);
            }
        }
    }

    #[test]
    fn a_section_has_each_concept_once_and_several_topics() {
        for s in 0..SECTION_COUNT {
            let mut concepts: Vec<_> =
                TOPICS.iter().filter(|t| t.section as usize == s).map(|t| t.concept).collect();
            assert!(concepts.len() >= 6, "section {s} has {} topics", concepts.len());
            concepts.sort_unstable();
            let n = concepts.len();
            concepts.dedup();
            assert_eq!(n, concepts.len(), "section {s} repeats a concept");
        }
    }

    #[test]
    fn facet_values_have_two_distinct_paraphrases() {
        let all = OBJECTS
            .iter()
            .chain(SCOPES.iter())
            .chain(AUDIENCES.iter())
            .flat_map(|l| l.iter())
            .chain(GENERIC_AUDIENCES)
            .chain(SETTINGS);
        for v in all {
            assert!(v.len() >= 2, "{v:?} has one variant");
            for (i, a) in v.iter().enumerate() {
                assert!(!v[i + 1..].contains(a), "{a:?} repeats");
            }
        }
        for objects in OBJECTS {
            for v in objects {
                for o in *v {
                    assert!(o.split_once(' ').is_some_and(|(p, _)| ["for", "in"].contains(&p)), "{o:?}");
                }
            }
        }
    }

    /// The content stems of a phrase: normalised words without stopwords and the
    /// prepositions facets start with.
    fn content(phrase: &str) -> std::collections::BTreeSet<String> {
        normalised_words(phrase)
            .into_iter()
            .filter(|w| !is_stopword(w) && !["along", "near", "close", "s"].contains(&w.as_str()))
            .collect()
    }

    /// The stems every variant of a facet value has.
    fn core(v: Variants) -> std::collections::BTreeSet<String> {
        let mut sets = v.iter().map(|p| content(p));
        let first = sets.next().unwrap_or_default();
        sets.fold(first, |acc, s| acc.intersection(&s).cloned().collect())
    }

    #[test]
    fn paraphrases_keep_the_distinctive_words() {
        // A planted offer paraphrases its need's focus and setting by word forms,
        // spelling, word order and extra words, never by replacing every word: the
        // words all variants share must identify the value within its pool.
        let mut bad = Vec::new();
        let pools: Vec<(&str, &[Variants])> = OBJECTS
            .iter()
            .map(|p| ("object", *p))
            .chain(SCOPES.iter().map(|p| ("scope", *p)))
            .chain([("setting", SETTINGS), ("aspect", ASPECTS)])
            .collect();
        for (name, pool) in pools {
            for (i, v) in pool.iter().enumerate() {
                let c = core(v);
                if c.is_empty() {
                    bad.push(format!("{name} {v:?} share no word"));
                    continue;
                }
                for (j, w) in pool.iter().enumerate() {
                    if i != j && w.iter().any(|p| c.is_subset(&content(p))) {
                        bad.push(format!("{name} {v:?}: core {c:?} also fits {w:?}"));
                    }
                }
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    /// Facet values that name a concept of the graph (see the test below).
    const KNOWN_CONCEPT_FACETS: [&str; 7] = [
        "pre-employment screening",
        "personnel vetting",
        "record keeping",
        "record-keeping",
        "inter-agency coordination",
        "open-source research",
        "victim support",
    ];

    #[test]
    fn settings_and_aspects_name_no_topical_concept_or_activity() {
        // Settings and aspects go with every topic; a concept in one would blur
        // topics, an activity word would blur the kind asked for.
        let tagged: Vec<&str> = SETTINGS
            .iter()
            .chain(ASPECTS)
            .flat_map(|v| v.iter())
            .copied()
            .filter(|p| !activities(p).is_empty())
            .collect();
        assert!(tagged.is_empty(), "activity words in {tagged:?}");
        let th = ConceptGraph::global();
        let bad: Vec<String> = SETTINGS
            .iter()
            .chain(ASPECTS)
            .flat_map(|v| v.iter())
            .filter_map(|s| {
                let mut found = th.concepts_in(&normalised_words(s));
                found.retain(|&c| !th.is_activity(c));
                // The generator's vocabulary is fixed, so that a seed gives the same
                // corpus from one version to the next; the concept graph made these
                // facet values concepts (background checks of staff, record keeping,
                // inter-agency coordination), which blurs topics a little in the items
                // that use them.
                if KNOWN_CONCEPT_FACETS.iter().any(|k| s.contains(k)) {
                    found.clear();
                }
                found.first().map(|c| format!("{s:?} names {:?}", th.concept(*c).label))
            })
            .collect();
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn kind_phrases_are_tagged_with_their_kind() {
        for kind in ActivityKind::ALL {
            for p in KIND_PHRASES[kind as usize] {
                assert!(activities(p).contains(&kind), "{p:?} is not tagged {kind:?}");
            }
            assert_eq!(COMPATIBLE[kind as usize][0], kind);
        }
    }

    #[test]
    fn spelling_tables_are_sorted_and_convert() {
        assert!(US_SPELLING.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(
            us_spelling("Authorised Economic Operator (AEO) programmes").as_deref(),
            Some("Authorized Economic Operator (AEO) programs")
        );
        assert_eq!(
            us_spelling("food defence, e.g. travellers'").as_deref(),
            Some("food defense, e.g. travelers'")
        );
        assert_eq!(us_spelling("cargo scanning"), None);
    }

    #[test]
    fn templates_parse_every_slot() {
        let lex = Lexicon::global();
        let all = lex.need_first.iter().chain(&lex.offer_first).chain(&lex.offer_capacity).chain(
            [&lex.need_more, &lex.offer_more].into_iter().flat_map(|m| {
                m.setting.iter().chain(&m.audience).chain(&m.purpose).chain(&m.context).chain(&m.second_topic)
            }),
        );
        let mut capacity_slots = 0;
        for t in all {
            for seg in &t.segs {
                if let Seg::Text(p) = seg {
                    assert!(!p.gb.contains(['{', '}']), "unparsed slot in {:?}", p.gb);
                }
                assert!(!matches!(seg, Seg::Slot(Slot::Unknown)), "unknown slot in a template");
                capacity_slots += usize::from(matches!(seg, Seg::Slot(Slot::Capacity)));
            }
        }
        assert_eq!(capacity_slots, OFFER_CAPACITY.len());
        assert!(!lex.need_first[NEED_FRAGMENT].has_setting);
        assert!(lex.need_first[NEED_FRAGMENT_SETTING].has_setting);
        assert!(
            !lex.need_first[NEED_FRAGMENT]
                .segs
                .iter()
                .any(|s| matches!(s, Seg::Text(p) if p.gb.contains('.')))
        );
        assert!(lex.offer_first_by_kind.iter().all(|l| l.len() >= 6));
        assert!(lex.need_first_by_kind.iter().all(|l| l.len() >= 12));
    }

    #[test]
    fn facet_pools_allow_ten_million_combinations() {
        // The module docs quote these numbers: update them together.
        assert_eq!(facet_combinations(), 1_126_429_440);
        assert_eq!(shared_facet_combinations(), 79_125_120);
        assert!(facet_combinations() >= 10_000_000, "{}", facet_combinations());
        assert!(shared_facet_combinations() >= 10_000_000, "{}", shared_facet_combinations());
        for aspect in ASPECTS {
            assert!(
                aspect.iter().all(|a| a.ends_with(" for")
                    || a.ends_with(" in")
                    || a.ends_with(" of")
                    || a.ends_with(" on")
                    || a.ends_with(" covering")),
                "{aspect:?}"
            );
        }
    }
}
