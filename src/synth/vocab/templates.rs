//! The generator's sentence templates: first sentences of needs and offers and their
//! follow-on sentences, written for this crate in our own words (see the parent module
//! for the sources and the slots they take).

use crate::ActivityKind;

/// Sentence templates. Slots: `{k}` kind phrase ("workshops on"), `{t}` topic form,
/// `{f}` focus (object and scope), `{ob}` the object without its preposition,
/// `{p}` scope, `{s}` setting, `{a}` audience, `{we}` the recipient, `{donor}`,
/// `{ag}` an agency, `{purpose}`, `{t2}` a second topic of the same section,
/// `{group}` CTTF or CTWG by year, `{since}` a year before the item's, `{cap}`
/// the offer's capacity in words.
pub(in crate::synth) struct TemplateDef {
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
pub(in crate::synth) const NEED_FIRST: &[TemplateDef] = &[
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
pub(in crate::synth) const NEED_FRAGMENT: usize = 14;
pub(in crate::synth) const NEED_FRAGMENT_SETTING: usize = 15;

/// First sentences of offers. The last two are fragments.
pub(in crate::synth) const OFFER_FIRST: &[TemplateDef] = &[
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
pub(in crate::synth) const OFFER_FRAGMENT: usize = 12;
pub(in crate::synth) const OFFER_FRAGMENT_SETTING: usize = 13;

/// Follow-on sentences, by what they add.
pub(in crate::synth) const NEED_SETTING: &[&str] = &[
    "This is a priority {s}.",
    "Support is most needed {s}.",
    "The gap is most acute {s}.",
    "Activities should be designed to work {s}.",
];
pub(in crate::synth) const NEED_AUDIENCE: &[&str] = &[
    "Participants would include {a}.",
    "The main beneficiaries would be {a}.",
    "Priority should be given to {a}.",
];
pub(in crate::synth) const NEED_PURPOSE: &[&str] =
    &["The aim is to {purpose}.", "This would help us {purpose}."];
pub(in crate::synth) const NEED_CONTEXT: &[&str] = &[
    "Current procedures rely heavily on manual checks.",
    "Existing guidance predates recent reforms.",
    "A gap analysis was completed last year.",
    "Resources for this area remain limited.",
    "Responsibilities are shared among several agencies.",
    "Previous APEC activities on this subject were very useful.",
    "Only a few officers have the relevant skills so far.",
    "The matter was raised at the last {group} meeting.",
];
pub(in crate::synth) const NEED_SECOND_TOPIC: &[&str] =
    &["Support on {t2} would also be welcome.", "Related work on {t2} would also help."];

pub(in crate::synth) const OFFER_SETTING: &[&str] = &[
    "The programme can be adapted for use {s}.",
    "The approach can be tailored for use {s}.",
    "The material has been used {s}.",
    "It has worked well {s}.",
];
pub(in crate::synth) const OFFER_AUDIENCE: &[&str] =
    &["Courses are open to {a}.", "Participants have included {a}.", "It is aimed at {a}."];
pub(in crate::synth) const OFFER_PURPOSE: &[&str] =
    &["The aim is to help partners {purpose}.", "It helps participating economies {purpose}."];
pub(in crate::synth) const OFFER_CONTEXT: &[&str] = &[
    "{donor} has run this programme since {since}.",
    "Materials are available in English.",
    "Courses can be delivered online or in person.",
    "Requests can be made through the {group} contact point.",
    "This builds on several years of domestic implementation.",
];
pub(in crate::synth) const OFFER_SECOND_TOPIC: &[&str] =
    &["Assistance on {t2} can also be arranged.", "Support on {t2} is available as well."];
pub(in crate::synth) const OFFER_CAPACITY: &[&str] =
    &["Places are available for up to {cap} economies.", "Up to {cap} economies can take part each year."];

/// Needs that state no concrete need (kept, flagged `unspecific`).
pub(in crate::synth) const UNSPECIFIC_NEEDS: &[&str] = &[
    "A diagnosis of capacity building needs is ongoing; areas will be decided based on its results.",
    "Needs will be identified after the ongoing internal review.",
    "To be determined following consultations among agencies.",
];
