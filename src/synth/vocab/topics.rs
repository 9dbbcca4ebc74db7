//! The generator's topics: thesaurus concepts and their surface forms, by section,
//! written for this crate in our own words from the public record of the field (the
//! CTAP template, the Strategy, the CTTF/CTWG work plans: see the parent module).

use super::{TopicDef, t};
use crate::Pillar;

use Pillar::{Efficiency as E, Resilience as R, Security as S};

/// Every topic, grouped by section.
pub(in crate::synth) const TOPICS: &[TopicDef] = &[
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
