//! The trigger table: which words signal which PLOVER event, as data.
//!
//! Each [`Pattern`] lists its word forms (`/`-separated; words inside a form separated by spaces,
//! normalised as in [`crate::words`]), the PLOVER type and mode, a strength (the prior that the
//! words really report such an event, the base of the confidence), how its actors are found
//! ([`Role`]) and a few flags. [`find_with`] matches the table against a sentence, longest form first,
//! skipping quote marks inside a form ("vowed to “burn”").
//!
//! To add a trigger, add a row. Rules of the table:
//! * AID rows stand for actual giving; with future or conditional modality the event layer turns
//!   them into AGREE (PLOVER: a promise of aid is AGREE).
//! * a form word `*` stands for up to three words that are not punctuation ("launched * attack"
//!   matches "launched a deadly attack").
//! * `governs`: a REQUEST/REJECT/AGREE/THREATEN trigger that takes an AID/AGREE/CONSULT trigger
//!   within ten words as its complement ("asked ... to help train", "refused to meet"): the
//!   complement becomes the governor's object and mode instead of an event of its own.
//!
//! Vetoes, for the common verbs whose everyday senses outnumber their event senses in real
//! news (found on the article-extraction benchmark's 181 pages). [`everyday_sense`] tells the
//! verb by the lexicon's lemma and reads what follows: a refusal to talk ("declined to comment",
//! [`NO_COMMENT`]), giving only words ("gave no details", [`WORDS_GIVEN`]), a question asked
//! ("asked him about", [`QUESTION_WORDS`]), a death in a mishap ("killed in a helicopter crash",
//! [`MISHAPS`]), "seized on" an idea ([`IDEAS`]). On any hit: a release of a thing ("released
//! the transcript", [`RELEASED_THINGS`]) and a win with a game's score ("beat Gibraltar 6-0");
//! on the lexicon's verbs, a bare "take" that takes nothing seizable ([`SEIZABLE`]); and the
//! month "March" is no trigger.
//!
//! More, found on real Reuters copy (`tests/data/plover-dev-reuters.jsonl`): the reason for a
//! punishment is no event of its own ("arrested on charges of", "hanged for murder",
//! [`a_reason`]); nor is a trigger word inside a name ("John Grant Fagan"), "a storm" of words,
//! a meeting "to be held", an order whose object is itself an act ("ordered the arrest of": the
//! arrest is the event), a sending of words or envoys ("sent an appeal", [`SENT_WORDS`]),
//! "provided for", "slapped a ban" ([`MEASURES`]: the ban is the event), or a thing "released"
//! right after its noun ("a statement released"). Expelling people ([`EXPELLED_PEOPLE`]) is
//! COERCE (CAMEO 174), expelling diplomats stays SANCTION; "attacked X for doing" and "blasted
//! X over" are criticism (ACCUSE 111).
//!
//! And on a second set of Reuters copy (`tests/data/plover-dev-reuters2.jsonl`): asking or
//! telling someone "to leave" expels them ([`told_to_leave`]: SANCTION `expel` 166, or COERCE
//! 174 for people); words handed over are the speech act they carry ([`speech_handed`]:
//! "offered apologies" CONCEDE, "offered his gratitude" SUPPORT, "delivered an appeal" REQUEST);
//! "rallied allies" is support, not a rally ([`RALLIED`]); "admitted" people or a patient
//! admitted to hospital is no admission, nor is a fact "admitted that" without a fault
//! ([`no_admission`]); a "heavily armed band" arms
//! nobody ([`armed_adjective`]); wanting someone to act requests it ([`wants_someone_to`]);
//! "the decline of" refuses nothing ([`a_decline`]); blocking a text refuses it ([`TEXTS`]);
//! a ban on goods is an embargo ([`GOODS`]); a "bomb threat" is no bomb ([`bomb_scare`]);
//! breaking off a speech breaks off no relations ([`breaks_off_words`]); heading an
//! organisation is no trip ([`leads_something`]).

use super::cameo;
use crate::words::{words_of_str, Word, WordKind};
use once_cell::sync::Lazy;
use sitrep_core::PloverType;
use std::collections::HashMap;

/// How a trigger's actors are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// A verb: the source is its subject, the target its object or `to/with/from X`.
    Verb,
    /// A noun or a verb: decided by the words before (`the`, `his`, a possessive => noun: the
    /// source is the possessor, or "between X and Y").
    Auto,
    /// A judgement the speaker of the enclosing clause makes ("X communicated to Y that it is
    /// too much to ask"): the source is that speaker, the target who was told.
    Speaker,
    /// Only a noun ("condemnation", "airstrikes"): the source is the possessor, "by X" or
    /// "between X and Y".
    Noun,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Pattern {
    pub forms: &'static str,
    pub kind: PloverType,
    pub mode: Option<&'static str>,
    /// 0..1: how reliably these words report such an event.
    pub strength: f32,
    pub role: Role,
    /// One of these words must follow within six words ("spoke ... with").
    pub needs_after: &'static [&'static str],
    /// The trigger does not count when followed directly by one of these ("need to").
    pub not_before: &'static [&'static str],
    pub governs: bool,
    /// Only meaningful as another trigger's complement ("help train").
    pub only_governed: bool,
    /// Dropped unless it governs a complement ("hope that partners will give").
    pub needs_complement: bool,
    /// Dropped without a target: PETRARCH's `require_dyad` for the CAMEO dictionary's verbs,
    /// whose synonym sets are wide ("face", "join", "consider").
    pub needs_target: bool,
    /// A fallback: dropped when another trigger follows within a dozen words ("said it would
    /// ship food" is an intent, "said it would attack" a threat).
    pub only_alone: bool,
}

const fn p(forms: &'static str, kind: PloverType, strength: f32) -> Pattern {
    Pattern {
        forms,
        kind,
        mode: None,
        strength,
        role: Role::Verb,
        needs_after: &[],
        not_before: &[],
        governs: false,
        only_governed: false,
        needs_complement: false,
        needs_target: false,
        only_alone: false,
    }
}

impl Pattern {
    /// The pattern's forms, with braced alternatives spelled out: `{break|broke} up * {cell|ring}`
    /// is four forms.
    pub(crate) fn forms(&self) -> Vec<String> {
        self.forms.split('/').flat_map(expand_braces).collect()
    }

    const fn mode(mut self, m: &'static str) -> Self {
        self.mode = Some(m);
        self
    }
    const fn auto(mut self) -> Self {
        self.role = Role::Auto;
        self
    }
    const fn speaker(mut self) -> Self {
        self.role = Role::Speaker;
        self
    }
    const fn after(mut self, w: &'static [&'static str]) -> Self {
        self.needs_after = w;
        self
    }
    const fn not_before(mut self, w: &'static [&'static str]) -> Self {
        self.not_before = w;
        self
    }
    const fn governs(mut self) -> Self {
        self.governs = true;
        self
    }
    const fn only_governed(mut self) -> Self {
        self.only_governed = true;
        self
    }
    const fn needs_complement(mut self) -> Self {
        self.needs_complement = true;
        self
    }
    const fn only_alone(mut self) -> Self {
        self.only_alone = true;
        self
    }
}

use PloverType::{
    Accuse, Agree, Aid, Assault, Coerce, Concede, Consult, Cooperate, Mobilize, Protest, Reject,
    Request, Retreat, Sanction, Support, Threaten,
};

/// The trigger table.
pub(crate) static PATTERNS: &[Pattern] = &[
    // SANCTION: ordering foreigners out (CAMEO 166x: expel inspectors, peacekeepers, aid
    // agencies); before the REQUEST "ordered" below, which it overrides when "out" follows.
    p("ordered/orders/order", Sanction, 0.5)
        .mode("expel")
        .after(&["out"]),
    // CONSULT
    p(
        "met with/meet with/meets with/meeting with/met/meet/meets",
        Consult,
        0.55,
    ),
    p("meeting/meetings/talks", Consult, 0.45).auto(),
    p(
        "held talks/hold talks/holds talks/holding talks/had talks/held discussions/\
         hold discussions/holds discussions/holding discussions/had discussions/\
         held negotiations/hold negotiations/holds negotiations/holding negotiations",
        Consult,
        0.6,
    ),
    p(
        "spoke/speak/speaks/speaking/spoken/talked/talk/talking",
        Consult,
        0.5,
    )
    .after(&["with"]),
    p(
        "consulted/consults/conferred with/confer with/negotiated with",
        Consult,
        0.5,
    ),
    p(
        "had a phone call with/held a phone call with/spoke by phone with/phoned",
        Consult,
        0.6,
    )
    .mode("phone"),
    p("visited/visit/visits/visiting", Consult, 0.5)
        .mode("visit")
        .auto(),
    // CONSULT: taking part in a meeting ("participated in a meeting of a joint commission").
    p(
        "participated in * meeting/participated in * talks/participated in * summit/\
         participated in * negotiations/took part in * meeting/took part in * talks/\
         took part in * summit/took part in * negotiations/attended * meeting/attended * talks/\
         attended * summit/attends * meeting/attends * summit/joined * talks",
        Consult,
        0.55,
    ),
    // AGREE: talks favoured ("the government favoured talks with all Afghan factions", CAMEO
    // 036: intent to negotiate).
    p(
        "{favoured|favored|favours|favors|favour|favor} {talks|negotiations|dialogue}",
        Agree,
        0.5,
    ),
    // AGREE: a meeting set up for later (CAMEO 036: "Weizman scheduled the meeting").
    p(
        "scheduled * meeting/scheduled * talks/arranged * meeting/arranged * talks/\
         set up * meeting/schedules * meeting/arranges * meeting",
        Agree,
        0.5,
    ),
    // REQUEST
    p("asked/ask/asks/asking", Request, 0.55).governs(),
    // "was in Moscow this week seeking support for a deal", "the appeal was made on Sunday".
    p(
        "seeking * support/sought * support/seeks * support/seek * support/seeking * help/\
         sought * help/seeks * help/seeking * aid/sought * aid/seeking * assistance/\
         sought * assistance/appeal was made/request was made/demand was made/\
         appeals were made/requests were made/demands were made",
        Request,
        0.5,
    ),
    p("requested/request/requests/requesting", Request, 0.55)
        .auto()
        .governs(),
    p("appealed to/appealed for/appealing to", Request, 0.55).governs(),
    p("appeal to/appeals to", Request, 0.55).auto().governs(),
    p("appeal/appeals", Request, 0.5).auto().governs(),
    p("urged/urge/urges/urging", Request, 0.55).governs(),
    p(
        "called on/calls on/call on/calling on/called for/calls for/calling for",
        Request,
        0.55,
    )
    .governs(),
    p("sought/seek/seeks/seeking", Request, 0.5).governs(),
    p("encouraged/encourage/encourages/encouraging", Request, 0.45).governs(),
    p("demanded/demand/demands/demanding", Request, 0.55)
        .auto()
        .governs(),
    p("pleaded/plead/pleads/begged", Request, 0.5).governs(),
    p("needed/need/needs", Request, 0.35).not_before(&["to"]),
    p("hope that/hopes that/hoped that/hoping that", Request, 0.45)
        .governs()
        .needs_complement(),
    // REJECT
    p("refused/refuse/refuses/refusing", Reject, 0.55).governs(),
    p("unwilling to", Reject, 0.5).governs(),
    p("rejected/reject/rejects/rejecting", Reject, 0.55).governs(),
    p("denied/deny/denies/denying", Reject, 0.5),
    p("dismissed/dismiss/dismisses/dismissing", Reject, 0.55),
    p("declined/decline/declines", Reject, 0.5).governs(),
    p(
        "ruled out/rules out/rule out/turned down/turns down/turn down",
        Reject,
        0.55,
    )
    .governs(),
    p("vetoed/veto/vetoes", Reject, 0.55),
    p("balked at/balks at/balk at/balking at", Reject, 0.5).governs(),
    p("expressed reluctance/reluctant to/reluctance", Reject, 0.45).governs(),
    p("said no/saying no/says no/say no", Reject, 0.5),
    p("too much to ask/a lot to ask", Reject, 0.5).speaker(),
    // REQUEST: "(said) it was time for the rivals to hold political talks": the speaker urges.
    p(
        "is time for/was time for/is time to/was time to/'s time for/'s time to/\
         is high time/was high time/'s high time",
        Request,
        0.5,
    )
    .speaker()
    .governs(),
    // "Officials said Russian forces had committed war crimes": the speaker alleges it.
    p(
        "committed * war crimes/committed war crimes/committed * atrocities/\
         committed atrocities/committed * crimes against humanity",
        Accuse,
        0.5,
    )
    .speaker(),
    p("not anticipate", Reject, 0.45).speaker(),
    // THREATEN
    p(
        "vowed to burn/vowed to destroy/vowed to strike/vowed to retaliate/vowed to hit/\
         vowed to crush/vowed to punish/vows to burn/vows to destroy/vows to strike/\
         vows to retaliate/vow to burn/vow to destroy/threatened to strike/threatened to destroy",
        Threaten,
        0.6,
    )
    .mode("violence"),
    p("threatened/threaten/threatens/threatening", Threaten, 0.6).governs(),
    p("warned/warn/warns/warning", Threaten, 0.5).auto(),
    p("cautioned/caution/cautions", Threaten, 0.5),
    // AGREE
    p("pledged/pledge/pledges/pledging", Agree, 0.55)
        .auto()
        .governs(),
    p("promised/promise/promises/promising", Agree, 0.5)
        .auto()
        .governs(),
    p("agreed to/agrees to/agree to", Agree, 0.55).governs(),
    p("vowed to/vows to/vow to", Agree, 0.45).governs(),
    p("offered/offer/offers", Agree, 0.45).governs(),
    // AID
    p("sent/send/sends/sending", Aid, 0.5),
    p("provided/provide/provides/providing", Aid, 0.5),
    p("supplied/supply/supplies/supplying", Aid, 0.5),
    p("delivered/deliver/delivers/delivering", Aid, 0.5),
    p("gave/give/gives/giving", Aid, 0.4),
    p("donated/donate/donates/donating", Aid, 0.5),
    p(
        "handed over/hand over/hands over/shipped/transferred",
        Aid,
        0.45,
    ),
    p("help train/train/trains/trained/training", Aid, 0.4).only_governed(),
    // Training someone's forces is military aid; the trained are the target. Finite forms
    // only: an infinitive ("troops to Ukraine to train Ukrainian forces") is the purpose of
    // another event, and "help train" is governed (above).
    p(
        "trained * soldiers/trained * troops/trained * pilots/trained * forces/\
         trained * recruits/trained * crews/trains * soldiers/trains * troops/\
         trains * pilots/trains * forces/training * soldiers/training * troops/\
         training * pilots/training * forces/training * recruits",
        Aid,
        0.5,
    ),
    // AGREE (more): agreements, consensus, accepting, intent to cooperate.
    p(
        "agreed/agrees/agreeing/reached * agreement/reached * accord/reached * deal/\
         reached * consensus/reach * agreement/reach * deal/struck * deal/clinched * deal",
        Agree,
        0.5,
    ),
    // SUPPORT: signing or ratifying an agreement (the manual's SUPPORT; CAMEO 057); a promise
    // to sign is AGREE (the event layer's promise rule).
    p(
        "signed * agreement/signed * accord/signed * deal/signed * pact/signed * treaty/\
         sign * agreement/sign * accord/sign * treaty/sign * pact/signs * agreement/\
         signs * treaty/signing * agreement/signing * treaty/signed/initialled/ratified/ratify/\
         ratifies",
        Support,
        0.5,
    ),
    p(
        "accepted/accepts/accept/agreed upon/approved/approves/\
         expressed willingness/said it was ready/said they were ready/declared readiness",
        Agree,
        0.45,
    ),
    p(
        "committed to/commits to/commit to/undertook to/offered to",
        Agree,
        0.5,
    )
    .governs(),
    // AGREE: an invitation (the manual's CONSULT notes: "invitations for state visits should be
    // coded as AGREE").
    p("invited/invites/invite/extended * invitation", Agree, 0.45).governs(),
    // CONSULT (more).
    p("telephoned/phoned/called/rang", Consult, 0.45)
        .mode("phone")
        .not_before(&[
            "for", "on", "off", "up", "it", "the", "a", "an", "his", "her", "their", "its", "this",
            "that",
        ]),
    p(
        "held * meeting/held * talks/hold * talks/held * consultations/held * discussions/\
         opened * talks/began * talks/started * talks/resumed * talks/conferred/negotiated/\
         discussed/discuss/discusses/hosted/hosts/host/received/receives/welcomed * delegation/\
         paid * visit/paid * visits/arrived in/arrived at/arrives in/travelled to/traveled to/\
         flew to/went to/met separately",
        Consult,
        0.45,
    ),
    p("summit/negotiations/consultations", Consult, 0.4).auto(),
    // SUPPORT: diplomatic cooperation, praise, recognition, relations.
    p(
        "praised/praise/praises/praising/hailed/hails/hail/commended/commends/lauded/applauded/\
         welcomed/welcomes/welcome/backed/backs/supported/supports/support/endorsed * bid/\
         endorsed/endorses/endorse/\
         defended/defends/expressed support/voiced support/expressed solidarity/\
         voiced * backing/expressed * backing/voiced * support/expressed * support/\
         pledged * backing/declared * support/reaffirmed * backing/\
         recognized/recognised/recognizes/recognises/\
         thanked/thanks/congratulated/congratulates/forgave",
        Support,
        0.45,
    ),
    p(
        "established * relations/established * ties/restored * relations/restored * ties/\
         resumed * relations/resumed * ties/normalized * relations/normalised * relations/\
         upgraded * ties/upgraded * relations/upgraded/opened * embassy/reopened * embassy/\
         established diplomatic/exchanged ambassadors",
        Support,
        0.55,
    ),
    // COOPERATE: material cooperation.
    p(
        "cooperated/cooperate/cooperates/cooperating/collaborated/collaborate/\
         shared * intelligence/sharing * intelligence/shared * information/sharing * expertise/\
         shared * expertise/been sharing/exchanged * information/extradited/extradite/\
         extradites/handed over * suspect/joint * exercises/joint * patrols/joint * operation/\
         war games/military exercises/naval exercises/conducted * exercises/launched * exercises/\
         held * exercises/trade * pact/signed * contract/jointly develop/jointly developing/\
         jointly developed/jointly produce/jointly producing/jointly build/jointly building/\
         co-develop/co-developing/co-produce/co-producing/joint development/joint production",
        Cooperate,
        0.5,
    ),
    // AID (more).
    p(
        "granted/grants/grant/loaned/lent/lend/lends/lending/disbursed/disburses/allocated/earmarked/airlifted/airdropped/evacuated/\
         dispatched * aid/sent * aid/rushed * aid/funded/financed/sheltered/gave asylum/\
         granted asylum/offered asylum",
        Aid,
        0.45,
    ),
    // CONCEDE: yield, ease, release, ceasefire, allow access.
    p(
        "withdrew * bill/withdrew * law/withdrew * proposal/withdrew * plan/withdraws * bill/\
         dropped * plan/dropped * plans/dropped * bill/dropped * proposal/shelved * plan/\
         shelved * plans/shelved * bill/scrapped * plan/scrapped * plans/scrapped * bill/\
         abandoned * plan/abandoned * plans/abandoned * bill/agreed to step down/agreed to resign/agreed to quit/offered to resign/\
         offered to step down/conceded/concede/concedes/yielded/yield to/gave in/caved in/backed down/backed off/\
         eased/eases/ease/lifted/lifts/lift/relaxed/relaxes/cancelled * restrictions/\
         canceled * restrictions/scrapped/abolished/repealed/rescinded/revoked * ban/\
         softened/compromised/made concessions/made * concession/acceded/acquiesced/\
         pardoned/pardons/pardon/amnesty/reopened/apologized/apologised/apologizes/apologize/\
         expressed remorse/expressed * regret/expressed * regrets/voiced * regret/\
         admitted/admits/admit/admitting/confessed/confesses/confess/confessing/owned up/\
         pleaded guilty/pleads guilty/\
         allowed/allows/allow/permitted/\
         agreed * ceasefire/accepted * demands/met * demands/dropped * demand/dropped * demands/\
         took * steps/taken * steps/promised reforms/introduced reforms",
        Concede,
        0.45,
    ),
    // CONCEDE: permission given ("if Berlin issues the re-export permit").
    p(
        "issues * permit/issue * permit/issued * permit/grants * permit/grant * permit/\
         granted * permit/issues * license/issue * license/issued * license/\
         issues * licence/issue * licence/issued * licence/gives * permission/\
         give * permission/gave * permission/grants * permission/granted * permission",
        Concede,
        0.45,
    ),
    // RETREAT with its mode: an actual release (a promised one is CONCEDE), an implemented
    // ceasefire, access granted (the manual's RETREAT).
    p(
        "released/releases/freed/frees/set free/handed back/returned * prisoners/\
         would free/will free/to free/free * prisoners/free * hostages/\
         returned * remains/returned * bodies/returned * archives/returned * detainees/\
         returned * hostages/returned * prisoners of war/returned * pows/\
         swapped * prisoners/exchanged * prisoners",
        Retreat,
        0.5,
    )
    .mode("release"),
    // RETREAT: letting humanitarian aid through (CAMEO 0863, "allow delivery of humanitarian
    // aid").
    p(
        "allowed * aid/allowed * convoys/allowed * convoy/allowed * humanitarian/allows * aid/\
         allow * aid/allow * convoys/let * aid/let * convoys/allowed aid/allowing * aid",
        Retreat,
        0.5,
    )
    .mode("access"),
    // RETREAT: easing a curfew, a state of emergency, a blockade or economic sanctions (the
    // manual's CAMEO table: 0813, 0814, 0872, 085); easing administrative restrictions stays
    // CONCEDE.
    p(
        "lifted * curfew/lifts * curfew/lift * curfew/eased * curfew/ended * curfew/\
         lifted * state of emergency/lifts * state of emergency/ended * state of emergency/\
         lifted * martial law/lifts * martial law/ended * martial law/\
         lifted * blockade/lifts * blockade/lift * blockade/eased * blockade/ended * blockade/\
         lifted * sanctions/lifts * sanctions/lift * sanctions/eased * sanctions/\
         eases * sanctions/ease * sanctions/relax * sanctions/relaxed * sanctions/\
         relaxes * sanctions/suspended * sanctions/suspends * sanctions/suspend * sanctions/\
         waived * sanctions/waive * sanctions/unfroze/unfreeze/relaxed * curfew/\
         relaxes * curfew/relax * curfew/shortened * curfew/lifted * embargo/lifts * embargo/lift * embargo",
        Retreat,
        0.5,
    ),
    p(
        "observed * ceasefire/observed * truce/held * ceasefire",
        Retreat,
        0.45,
    )
    .mode("ceasefire"),
    p(
        "granted access/allowed access/gave access/allowed * inspectors/admitted * inspectors/\
         allowed * monitors/allowed * observers/allowed * peacekeepers/allowed * deployment/\
         allowed * trucks/allowed * investigators/allowed * court/allowed * mission/\
         allowed * team/allows * inspectors/allow * inspectors/let * inspectors/\
         let * monitors/let * observers/let * investigators/permitted * inspectors/\
         permit * team/permit * monitors/permit * inspectors/reopened * crossing/\
         reopens * crossing/reopen * crossing/opened * crossing/reopened * border/\
         opened * border/reopen * border/reopened * airport/reopened * port",
        Retreat,
        0.45,
    )
    .mode("access"),
    // REJECT: a meeting called off (the manual's SANCTION notes: "cancellation of meetings are
    // REJECT").
    p(
        "cancelled * meeting/cancelled * meetings/cancelled * talks/cancelled * visit/\
         cancelled * trip/cancelled * summit/canceled * meeting/canceled * meetings/\
         canceled * talks/canceled * visit/canceled * trip/canceled * summit/\
         called off * meeting/called off * talks/called off * visit/called off * summit/\
         postponed * meeting/postponed * talks/postponed * visit/postponed * summit/\
         postponed * trip",
        Reject,
        0.5,
    )
    .mode("meet"),
    // RETREAT: withdraw, disarm, demobilise, resign.
    p(
        "withdrew/withdraw/withdraws/withdrawing/withdrawn/pulled out/pulls out/pull out/\
         pulled back/pulls back/pull back/retreated/retreat/retreats/evacuated * troops/\
         demobilized/demobilised/demobilising/demobilizing/demobilise/demobilize/disarmed/disarm/disbanded/surrendered/surrender/\
         handed over * weapons/laid down * arms/resigned/resigns/resign/stepped down/\
         steps down/step down/quit/ended * occupation/dismantled/decommissioned/\
         handed control/handed over control/ceded control/ceded/cedes",
        Retreat,
        0.5,
    ),
    // ACCUSE: suspicion voiced without an arrest ("is suspected of having taken part in").
    p(
        "is suspected of/was suspected of/are suspected of/were suspected of/\
         been suspected of/is suspected to/was suspected to",
        Accuse,
        0.45,
    )
    .mode("allege"),
    // ACCUSE: disapprove, allege, investigate.
    p(
        "accused/accuse/accuses/accusing/blamed/blame/blames/blaming/condemned/condemn/\
         condemns/condemning/denounced/denounce/denounces/denouncing/criticized/criticised/\
         criticize/criticise/criticizes/criticises/criticizing/criticising/\
         deplored/deplores/slammed/slams/lambasted/lambasts/lambast/lambasting/rebuked/\
         rebukes/castigated/chastised/critic of/critics of/critical of/\
         dissatisfied with/not satisfied with/not * satisfied with/unhappy with/\
         {is|was|are|were|deeply|gravely|seriously} concerned {about|over|at|by}/\
         censured/decried/decries/protested to/complained/complain/complains/complaining/\
         charged/charges/indicted/indicts/sued/sues/alleged/alleges/faulted/\
         issued * arrest warrant/issued * warrant/issues * arrest warrant/arrest warrant/\
         summoned/summons/voiced concern/expressed concern/voiced * concern/\
         expressed * concern/expressed * disappointment/voiced * protest/voiced * protests/\
         expressed * protest/registered * protest/\
         expressed * displeasure/lodged * protest/lodged * complaint/filed * complaint",
        Accuse,
        0.5,
    ),
    p(
        "investigated/investigate/investigates/investigating/probed/probe/probes/\
         opened * investigation/opened * investigations/opened * inquiry/opened * probe/\
         launched * investigation/launched * inquiry/launched * probe/ordered * investigation/\
         ordered * inquiry/set up * commission/inspected/inspect/inspects/examined/\
         dispatched inspectors/sent inspectors/sent * investigators/questioned/interrogated/\
         monitored/monitor/monitors",
        Accuse,
        0.45,
    ),
    p(
        "condemnation/criticism/accusation/accusations/allegations",
        Accuse,
        0.4,
    )
    .auto(),
    // REQUEST (more).
    p(
        "ordered/orders/order/instructed/directed/told * to/insisted/insists/insist/\
         pressed/presses/pressing/pressured/pressures/pushed for/appealed/\
         issued * reminder/issued * call/issued * appeal/\
         made * request/made * demand/made * appeal/renewed * call/renewed * demand/\
         reiterated * call/reiterated * demand/petitioned/\
         proposed/proposes/propose/suggested/suggests/recommended/recommends",
        Request,
        0.45,
    )
    .governs(),
    p(
        "request for/demand for/call for/calls for/appeal for/plea for",
        Request,
        0.45,
    )
    .auto(),
    // REJECT (more).
    p(
        "refused/opposed/opposes/oppose/objected/objects/object to/resisted/resists/\
         boycotted * talks/walked out/snubbed/spurned/rebuffed/repudiated/\
         disputed/disputes/contested/dismisses/brushed aside/shrugged off/defied/defies/\
         defy/disregarded/ignored/ignores/blocked * proposal/blocked * resolution/\
         blocked * bid/blocked * bids/blocked * membership/blocked * accession/blocked * deal/\
         blocked * package/blocked * sanctions/blocked * aid/blocked * statement/\
         refusal/rejection/denial",
        Reject,
        0.45,
    )
    .governs(),
    // THREATEN (more).
    p(
        "threat/threats/ultimatum/warned of/warns of/vowed revenge/vowed retaliation/\
         threatened * sanctions/said it would retaliate/will retaliate/would retaliate/\
         promised retaliation/menaced/intimidated",
        Threaten,
        0.5,
    ),
    // PROTEST: demonstrations, riots, strikes, boycotts.
    p(
        "demonstrated/demonstrate/demonstrates/demonstrating/protested/protest/protests/\
         protesting/rallied/rally/rallies/marched/march/marches/marching/rioted/riot/riots/\
         rioting/picketed/picket/went on strike/go on strike/staged * strike/staged * protest/\
         staged * protests/staged * demonstration/staged * demonstrations/staged * rally/\
         staged * rallies/staged * march/staged * sit-in/held * rally/held * protest/\
         held * demonstration/held * march/held * vigil/launched * hunger strike/\
         began * hunger strike/on hunger strike/hunger strike/went on hunger strike/\
         boycotted/boycott/boycotts/blocked roads/blocked * road/\
         blocked * roads/blocked * highway/occupied * building/occupied * offices/\
         sit-in/took to the streets/poured into the streets/collecting signatures/\
         gathered in * square/gathered outside/gathered in front of/massed in * square/\
         collected signatures/began collecting/petition drive/walkout/walked off/\
         clashed with police/clashed with riot police/clashed with * police/clash with police/\
         clashes with police/clashed with security forces",
        Protest,
        0.5,
    ),
    p(
        "demonstration/demonstrations/unrest",
        Protest,
        0.35,
    )
    .auto(),
    // SANCTION: reduce relations.
    p(
        "imposed * sanctions/impose * sanctions/imposes * sanctions/slapped * sanctions/\
         imposed * embargo/imposed * ban/imposed * restrictions/sanctioned/sanctions/embargo/\
         suspended/suspend/suspends/suspending/suspension/severed/sever/severs/cut * ties/\
         cut off * ties/broke off/broken off/break off/cut off * aid/halted * aid/froze/\
         interrupted * talks/interrupted * negotiations/\
         freezes/freeze/frozen/recalled/recall/recalls/expelled/expel/expels/expelling/\
         downgraded/downgrade/cancelled/canceled/cancels/cancel/called off/postponed/\
         closed * embassy/shut * embassy/excluded/ousted/\
         terminated/halted/halts/halt/stopped/stops/cut/cuts/reduced * ties/withdrew * ambassador/\
         withdrew * aid/withdraws * aid/pulled * ambassador/boycotted * summit/\
         banned * imports/banned * exports/bans * imports/bans * exports/ban * imports/\
         ban * exports/banned imports/banned exports/halted * imports/halted * exports/\
         export controls/export restrictions/imposed * export controls/imposed * tariffs/\
         import ban/trade restrictions",
        Sanction,
        0.45,
    ),
    // MOBILIZE: exhibit force posture.
    p(
        "mobilized/mobilised/mobilize/mobilise/mobilizes/mobilises/deployed/deploy/deploys/\
         deploying/massed/amassed/put * on alert/placed * on alert/on alert/on high alert/\
         remained on alert/stationed/reinforced/beefed up/stepped up * patrols/\
         ordered patrols/ordered * patrols/patrols/patrolled/moved troops/sent troops/\
         sent * troops/dispatched troops/dispatched * troops/prepared to resume/prepared to attack/\
         put * troops/raised * alert/heightened * alert/increased * security/tightened * security/\
         conducted * drills/military drills/show of force/called up * reservists/\
         called up reservists/test-fired/tested * missile/moved * troops/moves * troops/\
         move * troops/moving * troops/moved * forces/moved * soldiers/increased * forces/\
         increases * forces/increased * troops/boosted * forces/boosted * troops/\
         bolstered * forces/bolstered * troops/built up * forces/built up * troops/\
         called up * soldiers/called up * conscripts/calls up * reservists/\
         call up * reservists/sent * reinforcements/sent reinforcements/mobilisation/\
         mobilization/began * drills/launched * drills/held * drills/started * drills/\
         readiness drills/snap drills/combat readiness/massing * troops/massed * troops/\
         amassed * troops/amassing * troops/massing * forces/massed * forces",
        Mobilize,
        0.5,
    ),
    // COERCE: arrest, seize, restrict, deport, curfew, martial law, censor.
    p(
        "arrested/arrest/arrests/arresting/detained/detain/detains/detaining/jailed/jail/\
         imprisoned/sentenced/\
         rounded up/took into custody/taken into custody/\
         seized/seize/seizes/seizing/confiscated/confiscate/confiscates/raided/raid/raids/\
         searched/impounded/deported/deport/deports/deporting/forced out/expelled * from/\
         reoccupied/reoccupy/reoccupies/reoccupying/\
         evicted/evicts/prevented/prevent/prevents/preventing/barred * from/blocked/block/\
         blocks/restricted/restrict/restricts/curbed/banned/bans/ban/barred/outlawed/censored/\
         blockaded/blockade/blockades/\
         shut down/closed down/closed/closes/close/imposed * curfew/declared * curfew/\
         curfew/imposed * martial law/declared * martial law/martial law/\
         declared * state of emergency/declared * emergency/state of emergency/\
         dispersed/disperse/disperses/cracked down/crackdown/clamped down/\
         cut off * electricity/cut off * water/cut off * power/cut off/\
         expropriated/nationalized/nationalised/annexed/ordered * curfew/orders * curfew/\
         ordered * siege/imposed * siege/laid siege/besieged/besieging/siege/\
         {broke|broken|break|breaks|breaking} up * {demonstration|demonstrations|protest|\
         protests|rally|rallies|ring|rings|network|networks|cell|cells|gang|gangs|crowd|crowds|\
         gathering|sit-in}/\
         stripped * of"         ,
        Coerce,
        0.5,
    ),
    // COERCE: held ("was in police custody", "taken into custody").
    p(
        "in custody/in police custody/into custody/into police custody/in military custody/\
         in detention",
        Coerce,
        0.45,
    )
    .mode("arrest"),
    // ASSAULT: attacks, fighting, killing, bombing, abduction.
    p(
        "attacked/attack/attacks/attacking/assaulted/assault/assaults/stormed/storm/\
         ambushed/ambush/raided * village/raided * town/killed/kill/kills/killing/\
         murdered/murder/massacred/massacre/slaughtered/executed/execute/assassinated/\
         assassinate/shot/shoots/shoot/shooting/opened fire/open fire/opens fire/\
         fired on/fired at/fire on/fired * rockets/fired * shells/fired * missiles/\
         fired * missile/fired * rocket/fired * drone/fired * drones/fires * missiles/\
         launched * missile/launched * missiles/launched * rocket/launched * rockets/\
         launched * drones/hit * building/hit * buildings/hit * hospital/hit * school/\
         hit * infrastructure/hit * plant/hit * facility/hit * port/hit * city/hit * village/\
         hit * town/hit * positions/hit * depot/hit * base/hits * building/hits * city/shelled/\
         shell/shells/shelling/bombed/bomb/bombs/bombing/bombarded/bombardment/pounded/\
         pound/strafed/struck/strikes against/air strikes/airstrikes/air raids/air raid/\
         exploded/detonated/set off/blew up * bomb/suicide bombing/suicide attack/\
         kidnapped/kidnap/kidnaps/abducted/abduct/abducts/hijacked/hijack/took hostage/\
         taken hostage/seized * hostages/beat/beat up/beats/beaten/beating/tortured/torture/\
         tortures/torturing/raped/rape/hacked to death/stabbed/wounded/injured/\
         clashed/clash/clashes/clashing/fought/fight/fights/fighting/battled/battle/\
         battles/engaged in/invaded/invade/invades/invasion/occupied/occupy/occupies/\
         captured/capture/captures/overran/overrun/recaptured/retook/penetrated/\
         ethnic cleansing/genocide/offensive/launched * offensive/launched * attack/\
         strike/blew up/blown up/destroyed/destroys/destroy/torched/burned down/burnt down/\
         set fire/set on fire/set * on fire/burned * alive/burnt * alive/sabotaged/\
         launched * attacks/launched * assault/launched * strike/launched * strikes/\
         launched * raid/carried out * attack/carried out * attacks/carried out * strike/\
         carried out * strikes/carried out * raid/carried out * bombing/mounted * attack/\
         staged * attack/staged * attacks",
        Assault,
        0.5,
    ),
    // ASSAULT: force or arms used ("could use nuclear weapons if ...", "used force against").
    p(
        "use force/used force/uses force/using force/use {excessive|lethal|deadly|military|\
         disproportionate|brute|armed} force/used {excessive|lethal|deadly|military|\
         disproportionate|brute|armed} force/using {excessive|lethal|deadly|military|\
         disproportionate|brute|armed} force/\
         use * weapons/used * weapons/uses * weapons/using * weapons/use * weapon/\
         used * weapon",
        Assault,
        0.5,
    ),
    // RETREAT: a ceasefire declared (CAMEO 0871).
    p(
        "announced * truce/announced * ceasefire/declared * ceasefire/declared * truce/\
         declares * ceasefire/declares * truce/declare * ceasefire/temporary truce/\
         unilateral ceasefire/unilateral truce",
        Retreat,
        0.5,
    )
    .mode("ceasefire"),
    // CONCEDE (more): objections dropped, dissent eased, demands met, bans reversed.
    p(
        "dropped * objection/dropped * objections/withdrew * objection/withdrew * objections/\
         lifted * veto/dropped * veto/dropped * opposition/restored access/restored * access/\
         unblocked/called off * protests/called off * protest/called off * strike/\
         called off * demonstrations/called off * marches/suspended * protests/\
         suspended * marches/suspend * marches/suspend * protests/bowed to/bows to/bow to/\
         gave in to/caved in to/reversed * ban/reverse * ban/reverses * ban/reversed * decision/\
         reverse * decision/overturned * ban/would permit/will permit/to permit/relax",
        Concede,
        0.5,
    ),
    // CONSULT: mediation (CAMEO 045-046), with a third party.
    p(
        "mediated/mediate/mediates/mediating/mediation/act as * mediator/acted as * mediator/\
         act as * go-between/acted as * go-between/shuttled between/shuttle diplomacy/\
         haggled/haggle/bargained",
        Consult,
        0.45,
    )
    .mode("third-party"),
    // SUPPORT (more).
    p(
        "spoke up for/speaks up for/stood by/stands by/sided with/sides with/\
         came to * defence/came to * defense/rallied behind/threw * weight behind/\
         will back/would back/to back/forgiven/forgive/forgives",
        Support,
        0.45,
    ),
    // COOPERATE (more): joint undertakings, intelligence passed on, closer cooperation.
    p(
        "joint * drills/joint * training/joint * manoeuvres/joint * maneuvers/joint * landing/\
         joint * project/joint * projects/joint * venture/joint * investigation/\
         passed * information/passed * intelligence/passed on * intelligence/\
         broaden * cooperation/deepen * cooperation/expand * cooperation/boost * cooperation/\
         strengthen * cooperation/deepen * ties/broaden * ties/expand * ties/\
         strengthen * ties/boost * ties/deepened * cooperation/expanded * cooperation",
        Cooperate,
        0.5,
    ),
    // AID (more): loans and credit.
    p("extended/extends/extending", Aid, 0.5).after(&["loan", "loans", "credit", "credits"]),
    p(
        "extended * loan/extended * loans/extended * credit/extends * loan/approved * loan/\
         approves * loan",
        Aid,
        0.5,
    ),
    // ACCUSE (more): disapproval, lawsuits, verdicts (CAMEO 110-116).
    p(
        "disapproval/expressed * disapproval/voiced * disapproval/voiced displeasure/\
         voiced * displeasure/pointed the finger/points the finger/point the finger/\
         filed * lawsuit/filed * suit/files * lawsuit/brought * lawsuit/brought * case/\
         filed * case/lawsuit against/found * guilty/finds * guilty/found * liable/\
         convicted/convicts",
        Accuse,
        0.5,
    ),
    p(
        "began * hearings/opened * hearings/held * hearings/hearings into/inquiry into/\
         investigation into/probe into/gathering * testimony/gathering * evidence/\
         collecting * evidence/collected * evidence/gathered * evidence",
        Accuse,
        0.45,
    )
    .mode("investigate")
    .auto(),
    // REJECT (more).
    p(
        "threw out/throw out/throws out/voted down/vote down/votes down/voted against/\
         vote against/brushed off/brushes off/no intention of",
        Reject,
        0.5,
    )
    .governs(),
    // THREATEN (more): revenge, ultimatums (CAMEO 139).
    p(
        "take revenge/vowed * revenge/avenge/issued * ultimatum/gave * ultimatum/\
         set * ultimatum",
        Threaten,
        0.5,
    ),
    // PROTEST (more): strikes and obstruction.
    p(
        "general strike/held * strike/called * strike/calls * strike/enforced * strike/\
         strike action/barricaded/barricade/set up barricades/erected barricades/\
         blocked * bridge/blocked * street/blocked * streets/occupied * roads/\
         occupied * square/occupied * streets/filled * square/filled * streets",
        Protest,
        0.5,
    ),
    // MOBILIZE (more): a show of force.
    p(
        "sent * warplanes/sent * warships/sent * jets/sent * bombers/sent * aircraft/\
         dispatched * warships/dispatched * warplanes/deployed * warships/flew * warplanes",
        Mobilize,
        0.5,
    ),
    // SANCTION (more): aid withheld (CAMEO 162).
    p(
        "withheld * aid/withholds * aid/withhold * aid/withheld/withholding",
        Sanction,
        0.5,
    ),
    // ASSAULT: crowd-control weapons (the manual's ASSAULT `crowd-control`: "tear gas, water
    // cannons, firing weapons in the air").
    p(
        "tear gas/teargas/fired tear gas/water cannon/water cannons/rubber bullets/\
         lathi charge/fired * in the air",
        Assault,
        0.5,
    )
    .mode("crowd-control"),
    // ASSAULT (more): property destroyed (CAMEO 1712), missiles thrown, human shields.
    p(
        "demolished/razed/bulldozed/hurled/pelted/threw * grenade/threw * grenades/\
         threw * stones/threw * rocks/threw * petrol bombs/threw * molotov/lobbed * grenade/\
         set * ablaze/human shields",
        Assault,
        0.5,
    ),
    // More from the CAMEO categories' usual wording: services restored (0811), hunger strikes
    // and open letters (14x), people sent back over a border (174), inquiries (09x), asking
    // someone for something (10x).
    p(
        "restore * services/restored * services/restore * internet/restored * internet",
        Concede,
        0.5,
    ),
    p(
        "refused food/refusing food/refuse food/signed * open letter/sign * open letter/\
         walked out * in protest/walked out in protest/walk out * in protest",
        Protest,
        0.45,
    ),
    p(
        "sent back/pushed back/forcibly returned",
        Coerce,
        0.5,
    )
    .mode("deport"),
    p(
        "fact-finding mission/look into/looking into/looked into/looks into",
        Accuse,
        0.45,
    )
    .mode("investigate"),
    p("turned to/turns to/turning to", Request, 0.45).after(&["for"]),
    // AGREE: an intent stated without a trigger of its own (CAMEO 03: "said it would ship
    // food", "stood ready to work with"); dropped when a trigger follows.
    p(
        "said * it would/said * he would/said * she would/said * they would/said * it will/\
         said * he will/said * she will/said * they will/said it would/said he would/\
         said she would/said they would/said it will/said he will/said she will/\
         said they will/said * that it would/said * that he would/said * that they would/\
         announced * it would/announced * that it would/announced * he would/\
         signalled * it would/signaled * it would/indicated * it would/stood ready to/\
         stands ready to/was ready to/is ready to/were ready to/are ready to/\
         was prepared to/is prepared to/were prepared to/was willing to/is willing to/\
         were willing to/are willing to/is open to/was open to",
        Agree,
        0.35,
    )
    .only_alone(),
    // More of the CAMEO categories' usual wording.
    p(
        "ransacked/looted/vandalised/vandalized/traded gunfire/traded fire/exchanged fire/\
         exchanging fire/exchanged gunfire/violated * ceasefire/violated * truce/\
         violating * ceasefire/drove * out/chemical weapons/mustard gas/nerve gas/nerve agents/\
         poison gas/weapons of mass destruction",
        Assault,
        0.5,
    ),
    p(
        "show of strength/military manoeuvres/military maneuvers/staged * manoeuvres/\
         staged * maneuvers/held * manoeuvres/on maximum alert/on full alert/\
         rushed * troops/rushed * police/rushed * reinforcements/rushed * soldiers",
        Mobilize,
        0.5,
    ),
    p(
        "sealed off/seal off/seals off/sealing off/confined * to/confining * to/\
         revoked * permits/revoked * residency",
        Coerce,
        0.5,
    ),
    p(
        "scaled back * ties/scaled down * ties/scaled back * relations/scaled down * relations",
        Sanction,
        0.5,
    ),
    p(
        "bowing to/giving in to/yielding to/bowed to * pressure",
        Concede,
        0.5,
    ),
    p("flouted/flouts/flouting", Reject, 0.5),
    p(
        "voiced dismay/expressed dismay/voiced * dismay/expressed * dismay",
        Accuse,
        0.5,
    ),
    p(
        "shoulder to shoulder/rally support/rallied support/muster support/mustered support/\
         drum up support/drummed up support",
        Support,
        0.45,
    ),
    p(
        "handed over * suspects/handed * intelligence/handed over * intelligence",
        Cooperate,
        0.5,
    ),
    p(
        "stopped eating/walked off the job/walked off * job/shut * shops/commercial strike",
        Protest,
        0.5,
    ),
];

/// Triggers from the CAMEO lexicon that the table above does not have: one row per PLOVER type
/// for verbs (a verb, or a noun when a determiner says so) and one for nouns, in the order of
/// [`PloverType::ALL`]. Their strength is below the table's: the dictionary's synonym sets are
/// wide ("want" is a demand).
const fn cv(kind: PloverType) -> Pattern {
    let governs = matches!(kind, Request | Reject | Agree | Threaten);
    Pattern {
        forms: "",
        kind,
        mode: None,
        strength: 0.4,
        role: Role::Auto,
        needs_after: &[],
        not_before: &[],
        governs,
        only_governed: false,
        needs_complement: false,
        needs_target: true,
        only_alone: false,
    }
}

const fn cn(kind: PloverType) -> Pattern {
    let mut p = cv(kind);
    p.role = Role::Noun;
    p.strength = 0.35;
    p.governs = false;
    p.needs_target = false;
    p
}

/// The pattern of a re-typed hit ([`retyped`]: words handed over as a speech act, a loan, a
/// blocked text, an embargo): a verb's, which needs no target ("offered apologies for any
/// mistakes").
const fn speech(kind: PloverType) -> Pattern {
    let mut p = cv(kind);
    // The row it replaces is a verb's (or a noun's under a verb: "slapped a ban on").
    p.role = Role::Verb;
    p.strength = 0.45;
    p.governs = false;
    p.needs_target = false;
    p
}
static SPEECH_CONCEDE: Pattern = speech(Concede);
static SPEECH_SUPPORT: Pattern = speech(Support);
static SPEECH_REQUEST: Pattern = speech(Request);
/// A ban on goods (see [`retyped`]).
static EMBARGO: Pattern = speech(Sanction);
/// A text blocked (see [`retyped`]).
static BLOCKED: Pattern = speech(Reject);
/// A loan extended (see [`retyped`]).
static LOAN: Pattern = speech(Aid);

static CAMEO_VERBS: [Pattern; 16] = [
    cv(Agree),
    cv(Consult),
    cv(Support),
    cv(Concede),
    cv(Cooperate),
    cv(Aid),
    cv(Retreat),
    cv(Request),
    cv(Accuse),
    cv(Reject),
    cv(Threaten),
    cv(Protest),
    cv(Sanction),
    cv(Mobilize),
    cv(Coerce),
    cv(Assault),
];
static CAMEO_NOUNS: [Pattern; 16] = [
    cn(Agree),
    cn(Consult),
    cn(Support),
    cn(Concede),
    cn(Cooperate),
    cn(Aid),
    cn(Retreat),
    cn(Request),
    cn(Accuse),
    cn(Reject),
    cn(Threaten),
    cn(Protest),
    cn(Sanction),
    cn(Mobilize),
    cn(Coerce),
    cn(Assault),
];

fn generic(kind: PloverType, noun: bool) -> &'static Pattern {
    let i = PloverType::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(0)
        .min(15);
    if noun {
        &CAMEO_NOUNS[i]
    } else {
        &CAMEO_VERBS[i]
    }
}

/// A trigger found in a sentence: words `w0..w1` of it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub pattern: &'static Pattern,
    pub w0: usize,
    pub w1: usize,
    /// The CAMEO code of the words (see [`find_with`]).
    pub cameo: Option<&'static str>,
}

/// Form words -> pattern, indexed by first word, longest form first.
/// A form's words (normalised as the text is: "test-fired" is `test - fired`) and its pattern's
/// index in [`PATTERNS`].
type Form = (Vec<String>, usize);

static INDEX: Lazy<HashMap<String, Vec<Form>>> = Lazy::new(|| {
    let mut idx: HashMap<String, Vec<Form>> = HashMap::new();
    for (pi, pat) in PATTERNS.iter().enumerate() {
        for form in pat.forms() {
            let ws: Vec<String> = form
                .split_whitespace()
                .flat_map(|w| {
                    if w == "*" {
                        vec![w.to_string()]
                    } else {
                        words_of_str(w).into_iter().map(|x| x.norm).collect()
                    }
                })
                .collect();
            if let Some(first) = ws.first() {
                idx.entry(first.clone()).or_default().push((ws, pi));
            }
        }
    }
    for list in idx.values_mut() {
        list.sort_by_key(|(ws, _)| std::cmp::Reverse(ws.len()));
    }
    idx
});

/// Every spelling of one form: each `{a|b}` word is one of its alternatives (see
/// [`Pattern::forms`]).
fn expand_braces(form: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for word in form.split_whitespace() {
        let alts: Vec<&str> = match word.strip_prefix('{').and_then(|w| w.strip_suffix('}')) {
            Some(inner) => inner.split('|').collect(),
            None => vec![word],
        };
        out = out
            .iter()
            .flat_map(|head| {
                alts.iter().map(move |a| {
                    if head.is_empty() {
                        (*a).to_string()
                    } else {
                        format!("{head} {a}")
                    }
                })
            })
            .collect();
    }
    out
}

/// Matches `form` at `ws[i..]`, skipping quote marks between its words; the end index.
fn match_form(ws: &[Word], i: usize, form: &[String]) -> Option<usize> {
    let mut j = i;
    for (k, f) in form.iter().enumerate() {
        if k > 0 {
            while ws.get(j).is_some_and(Word::is_quote) {
                j += 1;
            }
        }
        if *f == "*" {
            // Up to three words (not punctuation; a hyphenated word such as "re-export" counts
            // as one) before the rest of the form.
            let rest = &form[k + 1..];
            return (0..=6).find_map(|n| {
                let skipped = ws.get(j..j + n)?;
                let hyphens = skipped.iter().filter(|w| w.norm == "-").count();
                // "300,000" and "2.5" are three words here: their separator is no punctuation.
                let in_number = |x: usize| {
                    x > 0
                        && x + 1 < skipped.len()
                        && matches!(skipped[x].norm.as_str(), "," | ".")
                        && skipped[x - 1].kind == crate::words::WordKind::Num
                        && skipped[x + 1].kind == crate::words::WordKind::Num
                        && skipped[x - 1].span.end == skipped[x].span.start
                        && skipped[x].span.end == skipped[x + 1].span.start
                };
                let separators = (0..skipped.len()).filter(|&x| in_number(x)).count();
                let glued = skipped.iter().enumerate().all(|(x, w)| {
                    w.norm != "-" || (x > 0 && x + 1 < skipped.len() && skipped[x + 1].is_alpha())
                });
                if !glued
                    || n.saturating_sub((hyphens + separators) * 2) > 3
                    || skipped.iter().enumerate().any(|(x, w)| {
                        w.norm != "-" && w.kind == crate::words::WordKind::Punct && !in_number(x)
                    })
                {
                    return None;
                }
                match_form(ws, j + n, rest)
            });
        }
        if ws.get(j)?.norm != *f {
            return None;
        }
        j += 1;
    }
    Some(j)
}

/// The table's longest trigger at word `i`.
fn table_at(ws: &[Word], i: usize) -> Option<Hit> {
    let list = INDEX.get(ws[i].norm.as_str())?;
    for (form, pi) in list {
        let Some(end) = match_form(ws, i, form) else {
            continue;
        };
        let pat = &PATTERNS[*pi];
        if !pat.needs_after.is_empty()
            && !ws[end..ws.len().min(end + 6)]
                .iter()
                .any(|w| pat.needs_after.contains(&w.norm.as_str()))
        {
            continue;
        }
        if ws
            .get(end)
            .is_some_and(|w| pat.not_before.contains(&w.norm.as_str()))
        {
            continue;
        }
        return Some(Hit {
            pattern: pat,
            w0: i,
            w1: end,
            cameo: None,
        });
    }
    None
}

/// Event nouns that name a kind of weapon when a weapon noun follows ("battle tank").
const MODIFIER_NOUNS: &[&str] = &[
    "battle", "attack", "assault", "strike", "combat", "fighting",
];
#[rustfmt::skip]
const WEAPON_HEADS: &[&str] = &[
    "tank", "tanks", "helicopter", "helicopters", "aircraft", "jet", "jets", "rifle", "rifles",
    "drone", "drones", "vehicle", "vehicles", "submarine", "submarines", "ship", "ships",
    "plane", "planes", "group", "groups", "brigade", "brigades", "boat", "boats",
];

#[rustfmt::skip]
const NOUN_BEFORE: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my",
    "your", "every", "each", "no", "any", "another", "of", "for", "in", "on", "at", "by", "with",
    "from", "into", "about", "against", "after", "before", "during", "between", "new", "recent",
];
#[rustfmt::skip]
const VERB_BEFORE: &[&str] = &[
    "to", "will", "would", "can", "could", "may", "might", "shall", "should", "must", "did",
    "does", "do", "not", "n't", "never", "they", "we", "i", "you", "he", "she", "it", "who",
    "also", "and", "has", "have", "had", "reportedly", "then", "'ll",
];

/// Whether a word the CAMEO lexicon knows as a verb is used as one here. The dictionary lists
/// verbs that are nouns too ("table", "ship", "demand"): after a determiner, a preposition or a
/// possessive the word is a noun; a base or -s form needs a modal, "to", a pronoun or a name
/// before it ("Russia demands"); a capitalised word inside the sentence is a name.
fn used_as_verb(ws: &[Word], adjective: &[bool], i: usize, lemma: &str) -> bool {
    let w = &ws[i];
    if i > 0 && w.cap {
        return false;
    }
    let Some(prev) = i.checked_sub(1).map(|k| &ws[k]) else {
        return false;
    };
    if prev.poss || NOUN_BEFORE.contains(&prev.norm.as_str()) {
        return false;
    }
    let first = lemma.split(' ').next().unwrap_or(lemma);
    let base_or_s = w.norm == first
        || w.norm.strip_suffix('s') == Some(first)
        || w.norm.strip_suffix("es") == Some(first)
        || (first.ends_with('y') && w.norm.strip_suffix("ies") == first.strip_suffix('y'));
    if base_or_s {
        // A name before it is a subject ("Russia demands"), a demonym an adjective ("Russian
        // forces").
        return VERB_BEFORE.contains(&prev.norm.as_str())
            || (prev.cap && prev.is_alpha() && !adjective.get(i - 1).copied().unwrap_or(false))
            || (prev.is_alpha() && prev.norm.ends_with("ly"));
    }
    true
}

/// Words after a score that cannot start the counted noun of a range ("6-0 to win", "2-1 in
/// the final"; not "3-4 people").
#[rustfmt::skip]
const AFTER_SCORE: &[&str] = &[
    "in", "on", "at", "to", "after", "and", "with", "win", "victory", "for", "over", "against",
    "draw", "loss",
];

/// Whether a game's score follows within six words ("beat Gibraltar 6-0 to win", "defeating
/// Garin 6-2, 6-2", "edged Spain 2-1."): sport, not an assault. A score is two numbers of at most
/// three digits joined by a hyphen, followed by punctuation, the end, or an [`AFTER_SCORE`] word
/// ("killed 3-4 people" stays).
fn score_after(ws: &[Word], from: usize) -> bool {
    let small = |j: usize| {
        ws.get(j)
            .is_some_and(|w| w.kind == WordKind::Num && w.norm.len() <= 3)
    };
    let touching = |j: usize| ws[j].span.start == ws[j - 1].span.end;
    (from..ws.len().min(from + 6)).any(|j| {
        small(j)
            && ws.get(j + 1).is_some_and(|w| w.is("-"))
            && small(j + 2)
            && touching(j + 1)
            && touching(j + 2)
            && ws
                .get(j + 3)
                .is_none_or(|n| !n.is_alpha() || AFTER_SCORE.contains(&n.norm.as_str()))
    })
}

/// What a bare "take" (no pattern of its block matched) seizes when it is an event: control, power,
/// people held, and places (or a capitalised name: "took Bakhmut").
#[rustfmt::skip]
const SEIZABLE: &[&str] = &[
    "control", "power", "hostage", "hostages", "prisoner", "prisoners", "captive", "captives",
    "custody", "town", "towns", "city", "cities", "village", "villages", "territory", "area",
    "areas", "airport", "base", "bases", "position", "positions", "stronghold", "island", "hill",
    "bridge", "crossing", "capital", "province", "district", "region", "building", "ship", "vessel",
    "tanker", "weapons", "arms", "land", "outpost", "checkpoint", "port", "garrison",
];

/// Words that end the object of a bare "take".
#[rustfmt::skip]
const TAKE_STOPS: &[&str] = &[
    "off", "from", "to", "in", "on", "at", "for", "with", "into", "as", "and", "after", "before",
    "by", "that", "which", "who", "out",
];

/// A bare "take" that seizes nothing seizable ("took the decision", "has taken the covers off",
/// "took retired features from"): the verb is too common to be an event by itself. Looks at
/// the next six words, up to a punctuation mark or a preposition ([`TAKE_STOPS`]).
fn takes_nothing(ws: &[Word], v: &super::cameo::VerbHit) -> bool {
    if v.lemma != "take" || v.from_pattern {
        return false;
    }
    !ws[v.w1..ws.len().min(v.w1 + 6)]
        .iter()
        .take_while(|w| {
            (w.is_alpha() || w.norm.chars().all(|c| c.is_ascii_digit() || c == ','))
                && !TAKE_STOPS.contains(&w.norm.as_str())
        })
        .any(|w| SEIZABLE.contains(&w.norm.as_str()) || (w.cap && w.is_alpha()))
}

/// Verbs the CAMEO dictionary gives only the bare code of a cooperative category through their
/// block (030 intent, 040 consult, 050 diplomatic and 060 material cooperation, 080 yield): the
/// blocks are wide synonym sets ("decide", "go", "increase", "lead", "pass") and make events only
/// through one of their patterns. Of the 030 verbs the commissive ones (offer, pledge, promise,
/// assure, guarantee, vouch, volunteer) are events by themselves.
fn bare_intent(v: &super::cameo::VerbHit) -> bool {
    let loose = matches!(v.code, Some("030" | "040" | "050" | "060" | "080"));
    loose
        && !v.from_pattern
        && !matches!(
            v.lemma,
            "offer"
                | "proffer"
                | "pledge"
                | "promise"
                | "assure"
                | "guarantee"
                | "vouch"
                | "volunteer"
        )
}

/// Whether a table trigger is used in one of its everyday senses, which outnumber its event
/// sense in real news. The verb is told by the lexicon's lemma ([`super::cameo::VerbHit`]), as
/// [`takes_nothing`] and [`bare_intent`] do; what follows it decides.
fn everyday_sense(ws: &[Word], lemma: &str, h: &Hit) -> bool {
    match lemma {
        "refuse" | "decline" => declines_to_talk(ws, h.w1),
        "provide" | "give" | "offer" => {
            gives_only_words(ws, h.w1)
                || (lemma == "provide" && ws.get(h.w1).is_some_and(|w| w.is("for")))
        }
        "send" => sends_words(ws, h.w1),
        "ask" => asks_a_question(ws, h),
        "kill" => killed_in_a_mishap(ws, h.w1),
        "seize" => seized_on_an_idea(ws, h.w1),
        "arm" => armed_adjective(ws, h.w0, h.w1),
        _ => false,
    }
}

/// Whether a "head" leads something instead of travelling ("who heads the Alliance for
/// American Manufacturing"): no direction after it ("heads to Kyiv", "headed back") and no
/// delegation led abroad ("headed a delegation to Moscow").
fn leads_something(ws: &[Word], lemma: &str, w1: usize) -> bool {
    if lemma != "head" {
        return false;
    }
    // "headed a delegation to Moscow" travels.
    let delegation = ws[w1..ws.len().min(w1 + 3)]
        .iter()
        .any(|w| matches!(w.norm.as_str(), "delegation" | "mission" | "team"));
    !delegation
        && !ws.get(w1).is_some_and(|w| {
            matches!(
                w.norm.as_str(),
                "to" | "for"
                    | "into"
                    | "back"
                    | "home"
                    | "off"
                    | "toward"
                    | "towards"
                    | "abroad"
                    | "north"
                    | "south"
                    | "east"
                    | "west"
                    | "out"
            )
        })
}

/// Whether "armed" describes a noun instead of arming someone: after an adverb ("a heavily
/// armed band", "well armed") or before a noun that is not its object ("armed men", "armed
/// conflict", "armed forces").
fn armed_adjective(ws: &[Word], w0: usize, w1: usize) -> bool {
    if ws[w0].norm != "armed" || w1 != w0 + 1 {
        return false;
    }
    let adverb = w0.checked_sub(1).is_some_and(|p| {
        ws[p].norm.ends_with("ly") || matches!(ws[p].norm.as_str(), "well" | "better" | "best")
    });
    adverb
        || ws
            .get(w1)
            .is_some_and(|n| ARMED_THINGS.contains(&n.norm.as_str()))
}

/// Nouns that "armed" describes ("armed men", "armed conflict").
#[rustfmt::skip]
const ARMED_THINGS: &[&str] = &[
    "men", "man", "group", "groups", "band", "bands", "gang", "gangs", "gunmen", "militants",
    "militia", "militias", "forces", "force", "conflict", "conflicts", "struggle", "robbery",
    "attack", "attacks", "clashes", "violence", "opposition", "rebellion", "insurgency",
    "robbers", "police", "guards", "wing", "units", "drones", "vehicles", "civilians", "people",
    "settlers", "separatists", "rebels", "fighters", "intervention", "resistance",
];

/// What a refusal to talk is about ("declined to comment", "refused to elaborate", "declined to
/// be identified"): the wire's way of saying who was asked, not an event.
#[rustfmt::skip]
const NO_COMMENT: &[&str] = &[
    "comment", "elaborate", "speculate", "say", "discuss", "specify", "disclose", "detail",
];

/// Whether a refusal's complement, at `to`, is only a refusal to talk ([`NO_COMMENT`]).
fn declines_to_talk(ws: &[Word], to: usize) -> bool {
    ws.get(to).is_some_and(|w| w.is("to"))
        && ws.get(to + 1).is_some_and(|w| {
            NO_COMMENT.contains(&w.norm.as_str())
                || (w.is("be")
                    && ws.get(to + 2).is_some_and(|w| {
                        matches!(w.norm.as_str(), "identified" | "named" | "quoted")
                    }))
        })
}

/// Whether a word of `list` comes within the `n` words from `from`, before any punctuation (and
/// before any number unless `numbers`): what the vetoes below read after a verb.
fn listed_ahead(ws: &[Word], from: usize, n: usize, list: &[&str], numbers: bool) -> bool {
    ws[from..ws.len().min(from + n)]
        .iter()
        .take_while(|w| w.is_alpha() || (numbers && w.kind == WordKind::Num))
        .any(|w| list.contains(&w.norm.as_str()))
}

/// What is given when only words are ("did not provide any details", "gave no explanation",
/// "offered further information", "gave an interview").
#[rustfmt::skip]
const WORDS_GIVEN: &[&str] = &[
    "details", "detail", "information", "comment", "comments", "explanation", "explanations",
    "update", "updates", "timeline", "timetable", "breakdown", "figures", "answer", "answers",
    "interview", "interviews", "speech", "statement", "testimony", "account", "reason", "reasons",
    "insight", "specifics", "clarification", "name", "names",
];

/// Whether a giving ("provided", "gave", "offered") gives only words: a [`WORDS_GIVEN`] word
/// within the four words from `from`, before any punctuation.
fn gives_only_words(ws: &[Word], from: usize) -> bool {
    listed_ahead(ws, from, 4, WORDS_GIVEN, false)
}

/// What is sent when words or an envoy are, not aid: "sent a message", "sent an emotional
/// appeal", "sent an embassy official to talk to".
#[rustfmt::skip]
const SENT_WORDS: &[&str] = &[
    "message", "messages", "letter", "letters", "appeal", "proposal", "proposals", "request",
    "note", "signal", "signals", "invitation", "greetings", "condolences", "telegram", "reply",
    "response", "email", "emails", "official", "officials", "envoy", "envoys", "delegation",
    "representative", "representatives", "emissary", "emissaries", "congratulations", "memo",
];

/// Whether a sending ("sent", "sends") sends a [`SENT_WORDS`] word: within its next five words,
/// before any punctuation.
fn sends_words(ws: &[Word], from: usize) -> bool {
    listed_ahead(ws, from, 5, SENT_WORDS, true)
}

/// What "slapped" puts on someone when it is a measure, not a blow.
#[rustfmt::skip]
const MEASURES: &[&str] = &[
    "ban", "bans", "sanction", "sanctions", "tariff", "tariffs", "embargo", "fine", "fines",
    "duties", "duty", "restrictions", "curbs", "levy", "tax", "taxes", "charges", "limits",
];

/// Whether a "slap" slaps on a [`MEASURES`] word within its next four words ("slapped a
/// worldwide ban on British beef"): the measure is the event.
fn slaps_a_measure(ws: &[Word], from: usize) -> bool {
    listed_ahead(ws, from, 4, MEASURES, false)
}

/// Words that make an "ask" a question.
#[rustfmt::skip]
const QUESTION_WORDS: &[&str] = &[
    "about", "whether", "if", "how", "what", "why", "when", "where", "who", "which",
];

/// Whether an "ask" asks a question, not for something: a [`QUESTION_WORDS`] word within its
/// next four words before any "to" or "for" ("asked Morrison about concerns", "asked whether",
/// "was asked if"), or "when asked".
fn asks_a_question(ws: &[Word], h: &Hit) -> bool {
    if h.w0 > 0 && ws[h.w0 - 1].is("when") {
        return true;
    }
    ws[h.w1..ws.len().min(h.w1 + 4)]
        .iter()
        .take_while(|w| !w.is("to") && !w.is("for") && w.kind != WordKind::Punct)
        .any(|w| QUESTION_WORDS.contains(&w.norm.as_str()))
}

/// The words that make what follows their "of" a charge ("on charges of murder", "suspected of
/// spying").
#[rustfmt::skip]
const CHARGED_OF: &[&str] = &[
    "charge", "charges", "suspicion", "suspected", "accused", "convicted", "guilty", "count",
    "counts", "allegations", "allegation",
];

/// Punishments and the steps to them, whose "for" gives the reason ("hanged for murder").
#[rustfmt::skip]
const PUNISHMENTS: &[&str] = &[
    "arrested", "arrest", "arrests", "detained", "detention", "jailed", "sentenced", "convicted",
    "charged", "hanged", "hanging", "executed", "execution", "tried", "indicted", "prosecuted",
    "imprisoned", "imprisonment", "wanted", "extradited", "extradition", "fined", "punished",
];

/// Whether the trigger at `w0` names a charge, not an event: "charges" or "suspicion" after
/// "on" or "under" ("arrested on charges of ..."), what follows the "of" of a [`CHARGED_OF`]
/// word ("on charges of murder", "suspected of spying", also further on in the same phrase:
/// "suspected of having taken part in several attacks") or "charged with", or the "for" of a
/// punishment in the seven words before ("the hanging of nine activists for murder").
fn a_reason(ws: &[Word], w0: usize) -> bool {
    let prev = |k: usize| w0.checked_sub(k).map(|j| ws[j].norm.as_str());
    let charge_word = matches!(ws[w0].norm.as_str(), "charge" | "charges" | "suspicion");
    (charge_word && matches!(prev(1), Some("on" | "under")))
        || (prev(1) == Some("of") && prev(2).is_some_and(|p| CHARGED_OF.contains(&p)))
        // Further in the charge: "suspected of having taken part in several attacks" (not a
        // verb coordinated after it: "found guilty of corruption and sentenced him").
        || (!(prev(1) == Some("and") && ws[w0].norm.ends_with("ed"))
            && (w0.saturating_sub(8)..w0)
            .rev()
            .take_while(|&j| ws[j].kind != WordKind::Punct)
            .any(|j| {
                j > 0
                    && ((ws[j].is("of") && CHARGED_OF.contains(&ws[j - 1].norm.as_str()))
                        || (ws[j].is("with")
                            && matches!(ws[j - 1].norm.as_str(), "charged" | "charges")))
            }))
        || (prev(1) == Some("for")
            && ws[w0.saturating_sub(8)..w0 - 1]
                .iter()
                .any(|w| PUNISHMENTS.contains(&w.norm.as_str())))
}

/// Whether a one-word trigger is part of a name: capitalised inside the sentence, next to
/// another capitalised word ("John Grant Fagan", "Grant Fagan said").
fn name_part(ws: &[Word], h: &Hit) -> bool {
    let capital = |k: usize| ws.get(k).is_some_and(|w| w.cap && w.is_alpha());
    h.w1 == h.w0 + 1
        && h.w0 > 0
        && capital(h.w0)
        && ((h.w0 > 1 && capital(h.w0 - 1)) || capital(h.w0 + 1))
}

/// Whether a "storm" is a noun: after an article or a word such as "political" ("caused a
/// storm", "a diplomatic storm").
fn storm_of_words(ws: &[Word], h: &Hit) -> bool {
    ws[h.w0].is("storm")
        && h.w0 > 0
        && matches!(
            ws[h.w0 - 1].norm.as_str(),
            "a" | "the" | "political" | "diplomatic" | "media" | "perfect" | "brewing"
        )
}

/// Whether a form of "call" names or describes its object instead of phoning it: "call
/// Russia's actions an unprovoked land grab", "called him a traitor", "called it
/// unacceptable". A phone call has its object followed by a time, a purpose or nothing:
/// "called Macron on Tuesday", "called his counterpart to discuss", "called Putin a day after".
fn names_something(ws: &[Word], h: &Hit) -> bool {
    if !matches!(
        ws[h.w0].norm.as_str(),
        "call" | "calls" | "called" | "calling"
    ) {
        return false;
    }
    let rest = &ws[h.w0 + 1..];
    // "called it/him/them ...": the word after the pronoun is a description unless it opens
    // a time, a purpose or a particle.
    if let [pro, next, ..] = rest {
        if matches!(
            pro.norm.as_str(),
            "it" | "this" | "that" | "him" | "her" | "them"
        ) {
            return next.is_alpha()
                && !matches!(
                    next.norm.as_str(),
                    "to" | "on"
                        | "in"
                        | "at"
                        | "about"
                        | "back"
                        | "after"
                        | "before"
                        | "from"
                        | "and"
                        | "or"
                        | "over"
                        | "by"
                        | "with"
                        | "late"
                        | "early"
                        | "last"
                        | "this"
                        | "yesterday"
                        | "today"
                        | "again"
                        | "twice"
                        | "up"
                        | "off"
                );
        }
    }
    // "called <object> a/an <description>", within the clause.
    for (k, w) in rest.iter().enumerate().take(8) {
        if w.kind == crate::words::WordKind::Punct
            || matches!(
                w.norm.as_str(),
                "to" | "on" | "for" | "and" | "after" | "before" | "in"
            )
        {
            return false;
        }
        if k > 0 && matches!(w.norm.as_str(), "a" | "an") {
            return !rest.get(k + 1).is_some_and(|n| {
                matches!(
                    n.norm.as_str(),
                    "day"
                        | "week"
                        | "month"
                        | "year"
                        | "few"
                        | "couple"
                        | "second"
                        | "third"
                        | "number"
                        | "total"
                        | "while"
                        | "fortnight"
                        | "decade"
                )
            });
        }
    }
    false
}

/// Whether "mean" (in the dictionary's "intend" block) signifies instead: only "mean to" intends;
/// "would mean that NATO is at war" says what something implies.
fn signifies(ws: &[Word], h: &Hit, verb: Option<cameo::VerbHit>) -> bool {
    verb.is_some_and(|v| v.lemma == "mean")
        && matches!(
            ws[h.w0].norm.as_str(),
            "mean" | "means" | "meant" | "meaning"
        )
        && !ws.get(h.w0 + 1).is_some_and(|w| w.is("to"))
}

/// Whether "recall" remembers (or calls back a product) instead of withdrawing an envoy:
/// only "recalled its ambassador", "recalls envoys" is a sanction; "Matthesen recalled in an
/// email", "recalled that", "recalled 1 million cars" are not.
fn remembers(ws: &[Word], h: &Hit) -> bool {
    matches!(
        ws[h.w0].norm.as_str(),
        "recall" | "recalls" | "recalled" | "recalling"
    ) && !ws[h.w1..(h.w1 + 4).min(ws.len())].iter().any(|w| {
        matches!(
            w.norm.as_str(),
            "ambassador"
                | "ambassadors"
                | "envoy"
                | "envoys"
                | "diplomat"
                | "diplomats"
                | "consul"
                | "emissary"
                | "representative"
                | "representatives"
                | "mission"
                | "staff"
                | "charge"
                | "attache"
                | "delegation"
                | "troops"
                | "forces"
                | "advisers"
                | "advisors"
                | "observers"
                | "monitors"
        )
    })
}

/// Whether "welcome(s/d)" has a visitor and the place they came to: "welcomes President of
/// Ukraine Volodymyr Zelenskyy to the White House".
fn welcomes_a_visitor(ws: &[Word], h: &Hit) -> bool {
    if !matches!(
        ws[h.w0].norm.as_str(),
        "welcome" | "welcomes" | "welcomed" | "welcoming"
    ) || !ws.get(h.w1).is_some_and(|w| w.cap)
    {
        return false;
    }
    (h.w1 + 1..(h.w1 + 10).min(ws.len())).any(|k| {
        ws[k].is("to")
            && ws
                .get(k + 1)
                .is_some_and(|n| n.cap || (n.is("the") && ws.get(k + 2).is_some_and(|m| m.cap)))
    })
}

/// Whether "received" got a thing, not a visitor: "received a knighthood", "received threats"
/// (a host receives a delegation, an envoy, the minister).
fn receives_a_thing(ws: &[Word], h: &Hit) -> bool {
    if !matches!(
        ws[h.w0].norm.as_str(),
        "receive" | "receives" | "received" | "receiving"
    ) {
        return false;
    }
    let Some(next) = ws.get(h.w1) else {
        return false;
    };
    let visitor = |w: &Word| {
        matches!(
            w.norm.as_str(),
            "delegation"
                | "delegations"
                | "envoy"
                | "envoys"
                | "visitor"
                | "visitors"
                | "guest"
                | "guests"
                | "minister"
                | "president"
                | "leader"
                | "leaders"
                | "official"
                | "officials"
                | "ambassador"
                | "counterpart"
                | "prime"
                | "foreign"
                | "team"
                | "mission"
                | "group"
                | "king"
                | "queen"
                | "prince"
                | "chancellor"
                | "secretary"
        )
    };
    if next.is("a") || next.is("an") {
        return !ws[h.w1 + 1..(h.w1 + 5).min(ws.len())].iter().any(visitor);
    }
    // "was received on Thursday by King Hassan": the visitor is the passive's subject.
    let passive = h.w0 > 0 && super::is_be(&ws[h.w0 - 1].norm);
    !passive
        && next.is_alpha()
        && !next.cap
        && !visitor(next)
        && !NOT_A_THING.contains(&next.norm.as_str())
}

/// Whether "offers/gives/provides" hands over something figurative or commercial: "offers a
/// powerful reminder", "giving us a glimpse", "offers a free version of its software".
fn gives_a_glimpse(ws: &[Word], h: &Hit) -> bool {
    let giving = matches!(
        ws[h.w0].norm.as_str(),
        "offer"
            | "offers"
            | "offered"
            | "offering"
            | "give"
            | "gives"
            | "gave"
            | "giving"
            | "given"
            | "provide"
            | "provides"
            | "provided"
            | "providing"
    );
    giving
        && ws[h.w0 + 1..(h.w0 + 6).min(ws.len())]
            .iter()
            .take_while(|w| !w.is(",") && !w.is("to"))
            .any(|w| FIGURATIVE_GIFTS.contains(&w.norm.as_str()))
}

#[rustfmt::skip]
const FIGURATIVE_GIFTS: &[&str] = &[
    "reminder", "glimpse", "insight", "insights", "look", "view", "example", "lesson", "window",
    "snapshot", "taste", "hint", "clue", "version", "discount", "discounts", "perspective",
    "contrast", "explanation", "feature", "features", "subscription", "experience", "chance",
    "boost", "sense", "preview", "impression", "rundown", "overview",
];

/// Whether "promising" is the adjective: "a promising start", "why it is promising." (not
/// "is promising more aid").
fn promising_adjective(ws: &[Word], h: &Hit) -> bool {
    let before = h.w0.checked_sub(1).map(|k| ws[k].norm.as_str());
    ws[h.w0].is("promising")
        && (matches!(
            before,
            Some("a" | "an" | "the" | "very" | "more" | "most" | "less" | "quite" | "so" | "too")
        ) || ws
            .get(h.w0 + 1)
            .is_none_or(|w| !w.is_alpha() || matches!(w.norm.as_str(), "for" | "but" | "and")))
}

/// Whether "order(s)" is a purchase: "an order of 50 Airbus jets", "orders for new planes".
fn purchase_order(ws: &[Word], h: &Hit) -> bool {
    matches!(ws[h.w0].norm.as_str(), "order" | "orders")
        && ws.get(h.w0 + 1).is_some_and(|w| w.is("of") || w.is("for"))
        && ws
            .get(h.w0 + 2)
            .is_some_and(|w| w.kind == crate::words::WordKind::Num || w.is("new") || w.cap)
}

/// Words after "received" that do not open a thing received: a visitor's determiner or
/// number, a time or a place.
#[rustfmt::skip]
const NOT_A_THING: &[&str] = &[
    "the", "his", "her", "their", "its", "visiting", "top", "senior", "him", "them", "us", "two",
    "three", "several", "both", "on", "in", "at", "by", "from", "with", "last", "yesterday",
    "today", "earlier", "here", "there", "personally", "separately",
];

/// What is held when a meeting is, not a prisoner.
#[rustfmt::skip]
const GATHERINGS: &[&str] = &[
    "meeting", "meetings", "talks", "summit", "conference", "election", "elections", "vote",
    "referendum", "rally", "ceremony", "session", "hearing", "funeral", "event", "negotiations",
    "consultations", "discussions", "exercises", "drills", "polls", "celebrations", "congress",
];

/// Whether a "held" after "be" holds a [`GATHERINGS`] word named in the six words before it
/// ("a meeting of Islamists to be held in London", "talks were held").
fn meeting_held(ws: &[Word], h: &Hit) -> bool {
    ws[h.w0].is("held")
        && h.w0 > 1
        && super::is_be(&ws[h.w0 - 1].norm)
        && ws[h.w0.saturating_sub(7)..h.w0 - 1]
            .iter()
            .any(|w| GATHERINGS.contains(&w.norm.as_str()))
}

/// Whether an order's object is itself an act ("ordered the arrest of", "ordered an
/// inquiry"): an article, then within two more words a noun of the CAMEO nominalisations.
fn orders_an_act(ws: &[Word], from: usize) -> bool {
    let lx = cameo::lexicon();
    ws.get(from)
        .is_some_and(|w| matches!(w.norm.as_str(), "the" | "a" | "an"))
        && ws[from + 1..ws.len().min(from + 4)]
            .iter()
            .take_while(|w| w.is_alpha())
            .any(|w| {
                lx.noun(&w.norm)
                    .is_some_and(|n| lx.plover(n.code).is_some())
            })
}

/// Who is expelled when the expulsion is coercion of people (CAMEO 174), not a sanction
/// against a state's diplomats, inspectors or peacekeepers (CAMEO 166x).
#[rustfmt::skip]
const EXPELLED_PEOPLE: &[&str] = &[
    "refugees", "refugee", "migrants", "migrant", "immigrants", "asylum", "nationals",
    "citizens", "workers", "journalist", "journalists", "correspondent", "correspondents",
    "reporters", "families", "residents", "villagers", "people", "students", "activists",
    "dissidents", "missionaries", "priests", "foreigners", "settlers", "squatters", "gypsies",
    "roma", "minorities", "tribesmen", "farmers", "traders", "smugglers", "suspects",
    "protesters", "demonstrators", "crowd", "crowds",
];

/// Whether an "admitted" is no admission of the subject's: someone let in (a passive, "was
/// admitted to hospital", "were admitted into the alliance"; "admitted into"; people admitted,
/// "had admitted more than 1.4 million Syrian refugees"), or a fact "admitted that" without a
/// [`FAULTS`] word in the eight words after "that" ("admitted that trainers would be easy
/// targets", against "admitted that mistakes were made").
fn no_admission(ws: &[Word], h: &Hit) -> bool {
    if !matches!(
        ws[h.w0].norm.as_str(),
        "admitted" | "admits" | "admit" | "admitting"
    ) {
        return false;
    }
    let people_let_in = ws[h.w1..ws.len().min(h.w1 + 8)]
        .iter()
        .take_while(|w| !w.is(",") && !w.is("that"))
        .any(|w| EXPELLED_PEOPLE.contains(&w.norm.as_str()) || w.is("patients"));
    let passive = h.w0.checked_sub(1).is_some_and(|p| {
        matches!(
            ws[p].norm.as_str(),
            "was" | "were" | "been" | "being" | "be" | "is" | "are" | "newly" | "recently"
        )
    });
    let fact = ws.get(h.w1).is_some_and(|w| w.is("that"))
        && !ws[h.w1 + 1..ws.len().min(h.w1 + 9)]
            .iter()
            .any(|w| FAULTS.contains(&w.norm.as_str()));
    people_let_in || passive || ws.get(h.w1).is_some_and(|w| w.is("into")) || fact
}

/// Whether a loan or credit is what is given, within the eight words from `from` and before a
/// comma ("a 30 billion yen soft loan", "a $1.56 billion loan").
fn lends(ws: &[Word], from: usize) -> bool {
    ws[from..ws.len().min(from + 8)]
        .iter()
        .take_while(|w| !matches!(w.norm.as_str(), "," | ";" | ":" | "to" | "for"))
        .any(|w| matches!(w.norm.as_str(), "loan" | "loans" | "credit" | "credits"))
}

/// Texts whose blocking is a refusal (see [`retyped`]).
#[rustfmt::skip]
const TEXTS: &[&str] = &[
    "treaty", "resolution", "bill", "deal", "agreement", "proposal", "plan", "motion", "measure",
    "vote", "draft", "accord", "pact", "legislation", "amendment", "nomination", "appointment",
    "ctbt", "statement", "declaration",
];

/// Goods whose ban is an embargo (see [`retyped`]).
#[rustfmt::skip]
const GOODS: &[&str] = &[
    "imports", "exports", "import", "export", "beef", "meat", "goods", "products", "trade",
    "oil", "grain", "wheat", "sales", "fish", "pork", "poultry", "lamb", "gas", "shipments",
    "cargo", "steel", "arms",
];

/// Whether someone, then "to", follows a "want" ending at `from`: a name or noun phrase of one
/// to three words ("wanted Dhaka to act"), not "wanted to" (an intention).
fn wants_someone_to(ws: &[Word], from: usize) -> bool {
    ws.get(from).is_some_and(|w| w.is_alpha() && !w.is("to"))
        && (from + 1..ws.len().min(from + 4))
            .take_while(|&k| ws[k].is_alpha())
            .any(|k| ws[k].is("to"))
}

/// What follows a "rally" that rallies support, not protesters (see [`retyped`]).
#[rustfmt::skip]
const RALLIED: &[&str] = &[
    "the", "their", "his", "her", "its", "our", "support", "behind", "around", "allies",
    "partners", "voters", "supporters", "international", "world", "nations", "countries",
];

/// Words of a fault admitted (see [`no_admission`]).
#[rustfmt::skip]
const FAULTS: &[&str] = &[
    "mistake", "mistakes", "error", "errors", "wrong", "fault", "failed", "failure", "failures",
    "responsibility", "responsible", "guilt", "guilty", "blame", "misled", "lied", "wrongdoing",
];

/// Whether a "bomb" is a threat or a scare, not an attack ("after receiving a bomb threat").
fn bomb_scare(ws: &[Word], h: &Hit) -> bool {
    matches!(ws[h.w0].norm.as_str(), "bomb" | "bombs")
        && h.w1 == h.w0 + 1
        && ws.get(h.w1).is_some_and(|w| {
            matches!(
                w.norm.as_str(),
                "threat" | "threats" | "scare" | "scares" | "hoax" | "squad" | "disposal" | "alert"
            )
        })
}

/// Whether "broke off" breaks off words, not relations ("broke off his address to take a
/// call").
fn breaks_off_words(ws: &[Word], h: &Hit) -> bool {
    matches!(ws[h.w0].norm.as_str(), "broke" | "broken" | "break")
        && ws.get(h.w0 + 1).is_some_and(|w| w.is("off"))
        && listed_ahead(ws, h.w1, 3, SPOKEN, false)
}

/// What a speaker breaks off (see [`breaks_off_words`]).
const SPOKEN: &[&str] = &[
    "address",
    "speech",
    "remarks",
    "statement",
    "interview",
    "conference",
    "briefing",
];

/// Whether a "decline" is a fall, not a refusal: after a determiner or adjective, or before
/// "of" or "in" ("the decline of the water table", "a sharp decline in exports").
fn a_decline(ws: &[Word], h: &Hit) -> bool {
    matches!(ws[h.w0].norm.as_str(), "decline" | "declines")
        && h.w1 == h.w0 + 1
        && (h.w0.checked_sub(1).is_some_and(|p| {
            matches!(
                ws[p].norm.as_str(),
                "the"
                    | "a"
                    | "an"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "sharp"
                    | "steady"
                    | "further"
                    | "continued"
                    | "economic"
                    | "slow"
                    | "gradual"
                    | "steep"
            )
        }) || ws
            .get(h.w1)
            .is_some_and(|w| matches!(w.norm.as_str(), "of" | "in")))
}

/// Verbs that hand something over, which may be words (see [`speech_handed`]).
const HANDING_OVER: &[&str] = &[
    "offer", "extend", "express", "convey", "deliver", "hand", "submit", "present", "send", "give",
    "grant",
];

/// The speech act a handing over carries when what it hands over, within its next four words
/// and before any punctuation, is words of one: an apology (CONCEDE, as the manual reads
/// apologies; coded 080 like "apologised"), thanks, sympathy or congratulations (SUPPORT, 051),
/// an appeal, petition or demand (REQUEST, 020).
fn speech_handed(ws: &[Word], from: usize) -> Option<(&'static Pattern, &'static str)> {
    ws[from..ws.len().min(from + 4)]
        .iter()
        .take_while(|w| w.is_alpha())
        .find_map(|w| match w.norm.as_str() {
            "apology" | "apologies" => Some((&SPEECH_CONCEDE, "080")),
            "gratitude" | "thanks" | "congratulations" | "condolences" | "sympathy"
            | "sympathies" | "praise" | "green" | "go-ahead" | "blessing" | "approval"
            | "endorsement" => Some((&SPEECH_SUPPORT, "051")),
            "appeal" | "appeals" | "petition" | "petitions" | "demand" | "demands" | "plea" => {
                Some((&SPEECH_REQUEST, "020"))
            }
            _ => None,
        })
}

/// Whether "to leave" follows a verb ending at `w1` within its next fourteen words, with nothing
/// but a name, a noun phrase or an apposition between ("asked Mr. Adel Ibrahim, the Iraqi
/// embassy's press attache, to leave"); not when a clause comes between ("told reporters he
/// would leave").
fn told_to_leave(ws: &[Word], w1: usize) -> bool {
    let end = ws.len().min(w1 + 14);
    (w1..end)
        .take_while(|&k| {
            !matches!(
                ws[k].norm.as_str(),
                ";" | ":" | "he" | "she" | "it" | "they" | "we" | "that" | "would" | "will"
            )
        })
        .any(|k| ws[k].norm == "to" && ws.get(k + 1).is_some_and(|w| w.norm == "leave"))
}

/// Whether an expulsion expels [`EXPELLED_PEOPLE`]: one of them within its next six words.
fn expels_people(ws: &[Word], from: usize) -> bool {
    listed_ahead(ws, from, 6, EXPELLED_PEOPLE, true)
}

/// Whether an "attack" at words `..w1` is one in words: "for" and then a reason within its
/// next six words ("attacked Britain for allowing", "attacked the minister for his remarks"),
/// or, with `over` (a "blast"), "over" ("blasted the White House over the deal"); "attacked the
/// base for two hours" stays violence.
fn attacks_in_words(ws: &[Word], w1: usize, over: bool) -> bool {
    let end = ws.len().min(w1 + 6);
    (w1..end)
        .take_while(|&k| ws[k].kind != WordKind::Punct)
        .any(|k| {
            let reason = |w: &Word| {
                (w.norm.ends_with("ing") && w.norm.len() > 5)
                    || matches!(w.norm.as_str(), "its" | "his" | "her" | "their" | "what")
            };
            (over && ws[k].is("over")) || (ws[k].is("for") && ws.get(k + 1).is_some_and(reason))
        })
}

/// What kills without a killer ("killed in a helicopter crash").
#[rustfmt::skip]
const MISHAPS: &[&str] = &[
    "crash", "crashes", "accident", "accidents", "collision", "avalanche", "landslide",
    "landslides", "mudslide", "earthquake", "quake", "flood", "floods", "flooding", "storm",
    "hurricane", "typhoon", "cyclone", "tornado", "stampede", "wreck", "derailment", "blaze",
];

/// Whether a killing is a death in a mishap: "in" at `from`, then a [`MISHAPS`] word within
/// five words ("were killed in a helicopter crash").
fn killed_in_a_mishap(ws: &[Word], from: usize) -> bool {
    ws.get(from).is_some_and(|w| w.is("in"))
        && ws[from + 1..ws.len().min(from + 6)]
            .iter()
            .take_while(|w| w.is_alpha() || w.is("-"))
            .any(|w| MISHAPS.contains(&w.norm.as_str()))
}

/// What one seizes on when nothing is seized ("seized on something", "seized upon his remarks").
#[rustfmt::skip]
const IDEAS: &[&str] = &[
    "something", "anything", "it", "this", "that", "idea", "opportunity", "comment", "comments",
    "remark", "remarks", "issue", "claim", "claims", "report", "statement", "words", "moment",
];

/// Whether a seizure is the idiom: "on" or "upon" at `from`, then an [`IDEAS`] word within three
/// words; not "drugs seized on the border".
fn seized_on_an_idea(ws: &[Word], from: usize) -> bool {
    ws.get(from).is_some_and(|w| w.is("on") || w.is("upon"))
        && ws[from + 1..ws.len().min(from + 4)]
            .iter()
            .any(|w| IDEAS.contains(&w.norm.as_str()))
}

/// What is released when nobody is freed: a video, a statement, a product ("Police released
/// dramatic video", "the first to release AirPlay 2 support", "the release of classified
/// material", "the report was released on Monday").
#[rustfmt::skip]
const RELEASED_THINGS: &[&str] = &[
    "video", "videos", "footage", "statement", "statements", "report", "reports", "data", "figures",
    "images", "image", "photos", "photo", "pictures", "details", "results", "album", "song",
    "songs", "single", "film", "movie", "game", "games", "version", "update", "product", "model",
    "book", "documents", "document", "material", "materials", "information", "transcript",
    "transcripts", "letter", "recording", "recordings", "audio", "tape", "tapes", "findings",
    "budget", "plan", "guidance", "guidelines", "support", "feature", "features", "trailer",
    "edition", "phone", "app", "software", "earnings", "list", "text", "emails", "records", "memo",
    "survey", "study", "poll", "numbers", "schedule", "files", "cables", "tracks", "series",
    "episode", "episodes", "keyboard", "device", "devices", "firmware", "patch", "balloons", "gas",
    "smoke", "statistics", "forecast", "proposal", "draft",
];

/// Whether a release at words `w0..w1` releases a thing ([`RELEASED_THINGS`]) rather than
/// people: the thing within the next six words ("released dramatic video", "release of
/// classified material") or, for a passive, among the three words before its auxiliary ("the
/// report was released"). Checked on every kind of hit, table, verb or noun.
fn releases_a_thing(ws: &[Word], w0: usize, w1: usize) -> bool {
    let thing = |w: &Word| RELEASED_THINGS.contains(&w.norm.as_str());
    let after = ws[w1..ws.len().min(w1 + 6)]
        .iter()
        .take_while(|w| w.is_alpha() || w.kind == WordKind::Num)
        .any(thing);
    let aux = w0 >= 1 && matches!(ws[w0 - 1].norm.as_str(), "was" | "were" | "been" | "be");
    let before = aux && ws[w0.saturating_sub(4)..w0 - 1].iter().any(thing);
    // "a written statement released at the news conference".
    let described = w0 >= 1 && thing(&ws[w0 - 1]);
    after || before || described
}

/// The triggers of a sentence, left to right, not overlapping.
///
/// At each word the trigger table's longest form is tried first; the CAMEO lexicon
/// ([`super::cameo`]) then gives it its code, or vetoes it: a CAMEO pattern that codes the
/// construction as no event (`[---]`, or a public statement: "refused to comment") drops it.
/// The code is the lexicon's when it maps to the row's PLOVER type, else the code that stands for
/// the type and mode ([`super::cameo::default_code`]). Where the table has nothing, a verb of the
/// lexicon with a code used as a verb, or a noun of `nominalisations.tsv`, is a trigger of the
/// generic rows.
#[cfg(test)]
pub(crate) fn find(ws: &[Word]) -> Vec<Hit> {
    find_with(ws, &[])
}

/// The pattern and CAMEO code of a hit whose words say another event than its row, in this
/// order:
/// * a loan extended, approved or granted is economic aid (CAMEO 071), however long its
///   amount: "extended a 30 billion yen soft loan", "approved a $1.56 billion loan";
/// * blocking a text is refusing it (REJECT 120): "India blocked the Comprehensive Test Ban
///   Treaty";
/// * a ban on goods is an embargo (SANCTION 163), not a restriction on people: "the EU
///   slapped a worldwide ban on British beef";
/// * wanting someone to do something asks it of them (REQUEST 100: "Britain wanted Dhaka to
///   act seriously on the case"), whatever the CAMEO phrase after it says;
/// * rallying someone or behind someone is support (SUPPORT 053), not a demonstration: "will
///   continue to rally the world", "rallied behind the president";
/// * words handed over are the speech act they carry ([`speech_handed`]): "offered apologies"
///   concedes, "offered his gratitude" supports, "delivered an appeal to" requests;
/// * asking or telling someone to leave is expelling them ("Jordan has asked an Iraqi diplomat
///   to leave"): people, as coercion (COERCE 174); diplomats and others, as a sanction (166);
/// * expelling people is coercion (COERCE 174); expelling diplomats, inspectors or
///   peacekeepers stays a sanction;
/// * "attacked X for doing", "blasted X over" are criticism (ACCUSE 111);
/// * "welcomes Zelenskyy to the White House" is hosting a visit (CONSULT 043), not praise.
fn retyped(
    ws: &[Word],
    h: &Hit,
    verb: Option<&cameo::VerbHit>,
) -> Option<(&'static Pattern, &'static str)> {
    let lemma = verb.map_or("", |v| v.lemma);
    let word = ws[h.w0].norm.as_str();
    let kind = h.pattern.kind;
    if matches!(lemma, "extend" | "approve" | "grant" | "disburse") && lends(ws, h.w1) {
        return Some((&LOAN, "071"));
    }
    if kind == Coerce
        && matches!(word, "blocked" | "block" | "blocks" | "blocking")
        && listed_ahead(ws, h.w1, 5, TEXTS, false)
    {
        return Some((&BLOCKED, "120"));
    }
    if kind == Coerce
        && matches!(word, "ban" | "bans" | "banned" | "banning")
        && listed_ahead(ws, h.w1, 6, GOODS, false)
    {
        return Some((&EMBARGO, "163"));
    }
    if lemma == "want" && kind != Request && wants_someone_to(ws, h.w0 + 1) {
        return Some((generic(Request, false), "100"));
    }
    if kind == Protest
        && matches!(word, "rally" | "rallied" | "rallies" | "rallying")
        && h.w1 == h.w0 + 1
        && ws
            .get(h.w1)
            .is_some_and(|w| RALLIED.contains(&w.norm.as_str()))
    {
        return Some((&SPEECH_SUPPORT, "053"));
    }
    if HANDING_OVER.contains(&lemma) {
        if let Some(speech) = speech_handed(ws, h.w1) {
            return Some(speech);
        }
    }
    if matches!(lemma, "ask" | "order" | "tell" | "instruct") && told_to_leave(ws, h.w1) {
        return Some(if expels_people(ws, h.w1) {
            (generic(Coerce, false), "174")
        } else {
            (&PATTERNS[0], "166")
        });
    }
    if kind == Sanction
        && (lemma == "expel" || h.pattern.mode == Some("expel"))
        && expels_people(ws, h.w1)
    {
        return Some((generic(Coerce, false), "174"));
    }
    if kind == Assault
        && ((lemma == "attack" && attacks_in_words(ws, h.w1, false))
            || (lemma == "blast" && attacks_in_words(ws, h.w1, true)))
    {
        return Some((generic(Accuse, false), "111"));
    }
    if kind == Support && welcomes_a_visitor(ws, h) {
        return Some((generic(Consult, false), "043"));
    }
    None
}

/// [`find_with`], knowing which words are demonyms (adjectives: "Russian forces").
pub(crate) fn find_with(ws: &[Word], adjective: &[bool]) -> Vec<Hit> {
    let lx = cameo::lexicon();
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        // "March" is the month when capitalised inside a sentence or before a day ("March 13").
        if ws[i].cap
            && ws[i].norm == "march"
            && (i > 0
                || ws
                    .get(1)
                    .is_some_and(|w| w.norm.starts_with(|c: char| c.is_ascii_digit())))
        {
            i += 1;
            continue;
        }
        // "battle tank", "attack helicopters", "strike aircraft": a kind of weapon, no event;
        // "a bomb shelter", "the bomb squad": a place or a team.
        let next = ws.get(i + 1).map(|w| w.norm.as_str());
        if (MODIFIER_NOUNS.contains(&ws[i].norm.as_str())
            && next.is_some_and(|n| WEAPON_HEADS.contains(&n)))
            || (matches!(ws[i].norm.as_str(), "bomb" | "air-raid" | "raid" | "attack")
                && matches!(
                    next,
                    Some("shelter" | "shelters" | "squad" | "squads" | "disposal")
                ))
        {
            i += 2;
            continue;
        }
        let table = table_at(ws, i);
        // The dictionary's patterns matter for a table trigger (its code, or a veto) and for a
        // verb with a code of its own; a verb without one ("said") stays no event.
        let mut verb = lx.form_at(ws, i);
        if let Some(v) = verb.as_mut() {
            let coded = v.code.and_then(|c| lx.plover(c)).is_some();
            if table.is_some() || (coded && used_as_verb(ws, adjective, i, v.lemma)) {
                lx.refine(ws, i, v);
            }
        }
        let noun = lx.noun(&ws[i].norm);
        let mut found = None;
        if let Some(mut h) = table {
            let vetoed = verb.is_some_and(|v| v.suppressed || everyday_sense(ws, v.lemma, &h));
            if vetoed {
                i = verb.map_or(h.w1, |v| v.w1.max(h.w1));
                continue;
            }
            let kind = h.pattern.kind;
            let same = |c: &&'static str| lx.plover(c).is_some_and(|p| p.0 == kind);
            h.cameo = verb
                .and_then(|v| v.code)
                .filter(same)
                .or_else(|| noun.map(|n| n.code).filter(same))
                .or_else(|| Some(cameo::default_code(kind, h.pattern.mode)));
            found = Some(h);
        } else if let Some(v) = verb.filter(|v| {
            !v.suppressed
                && !bare_intent(v)
                && !armed_adjective(ws, i, v.w1)
                && !leads_something(ws, v.lemma, v.w1)
                && !takes_nothing(ws, v)
                && !super::modality::is_cue(&ws[i].norm)
        }) {
            if let Some((kind, _)) = v.code.and_then(|c| lx.plover(c)) {
                let nominal = noun.is_some() && !used_as_verb(ws, adjective, i, v.lemma);
                // A verb with an infinitive ("decided to", "seeks to", "plans to") leaves the
                // event to its complement.
                let control = !nominal
                    && ws.get(v.w1).is_some_and(|w| w.is("to"))
                    && ws.get(v.w1 + 1).is_some_and(|w| w.is_alpha() && !w.cap);
                if !control && (nominal || used_as_verb(ws, adjective, i, v.lemma)) {
                    let kind = match (nominal, noun) {
                        (true, Some(n)) => lx.plover(n.code).map_or(kind, |p| p.0),
                        _ => kind,
                    };
                    found = Some(Hit {
                        pattern: generic(kind, nominal),
                        w0: i,
                        w1: if nominal { i + 1 } else { v.w1 },
                        cameo: if nominal {
                            noun.map(|n| n.code)
                        } else {
                            v.code
                        },
                    });
                }
            }
        }
        if found.is_none() {
            if let Some(n) = noun {
                if let Some((kind, _)) = lx.plover(n.code) {
                    found = Some(Hit {
                        pattern: generic(kind, true),
                        w0: i,
                        w1: i + 1,
                        cameo: Some(n.code),
                    });
                }
            }
        }
        let retype = found.as_ref().and_then(|h| retyped(ws, h, verb.as_ref()));
        match found {
            Some(h) if h.pattern.kind == Assault && score_after(ws, h.w1) => i = h.w1,
            // "arrested on charges of murder", "hanged for murder": the reason for a
            // punishment, not an event of its own; "John Grant Fagan", "caused a storm",
            // "a meeting to be held in London", "ordered the arrest of": no event here (the
            // ordered act is the event).
            Some(h)
                if a_reason(ws, h.w0)
                    || no_admission(ws, &h)
                    || a_decline(ws, &h)
                    || bomb_scare(ws, &h)
                    || breaks_off_words(ws, &h)
                    || name_part(ws, &h)
                    || storm_of_words(ws, &h)
                    || meeting_held(ws, &h)
                    || names_something(ws, &h)
                    || signifies(ws, &h, verb)
                    || remembers(ws, &h)
                    || receives_a_thing(ws, &h)
                    || gives_a_glimpse(ws, &h)
                    || promising_adjective(ws, &h)
                    || purchase_order(ws, &h)
                    || (verb.is_some_and(|v| v.lemma == "order") && orders_an_act(ws, h.w1))
                    || (verb.is_some_and(|v| v.lemma == "slap") && slaps_a_measure(ws, h.w1)) =>
            {
                i = h.w1
            }
            // A hit whose words say another event than its row (see [`retyped`]).
            Some(h) if retype.is_some() => {
                i = h.w1;
                if let Some((pattern, code)) = retype {
                    out.push(Hit {
                        pattern,
                        cameo: Some(code),
                        ..h
                    });
                }
            }
            // A hit starts at `i`, where `verb` was looked up.
            Some(h)
                if verb.is_some_and(|v| v.lemma == "release")
                    && releases_a_thing(ws, h.w0, h.w1) =>
            {
                i = h.w1
            }
            Some(h) => {
                i = h.w1;
                out.push(h);
            }
            None => i += 1,
        }
    }
    // "faces criticism", "facing fierce fighting": the event is the noun; "face" adds nothing.
    let faced: Vec<usize> = out.iter().filter_map(|h| faced_at(ws, h.w0)).collect();
    out.retain(|h| !faced.contains(&h.w0));
    out
}

/// The word "face" ("faces", "faced", "facing") that a trigger at `t0` is the object of, at
/// most three lower-case words back ("faced heavy shelling").
pub(crate) fn faced_at(ws: &[Word], t0: usize) -> Option<usize> {
    (t0.saturating_sub(4)..t0).rev().find(|&k| {
        matches!(ws[k].norm.as_str(), "face" | "faces" | "faced" | "facing")
            && ws[k + 1..t0]
                .iter()
                .all(|w| w.is_alpha() && !w.cap && !matches!(w.norm.as_str(), "to" | "that"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::words;
    use sitrep_core::Span;

    fn kinds(t: &str) -> Vec<(String, PloverType)> {
        let ws = words(t, Span::new(0, t.len()));
        find(&ws)
            .into_iter()
            .map(|h| {
                (
                    Span::new(ws[h.w0].span.start, ws[h.w1 - 1].span.end)
                        .slice(t)
                        .to_string(),
                    h.pattern.kind,
                )
            })
            .collect()
    }

    #[test]
    fn longest_form_wins_and_quotes_are_skipped() {
        assert_eq!(
            kinds("it is “too much to ask,” he said")[0],
            ("too much to ask".into(), Reject)
        );
        assert_eq!(
            kinds("Putin has vowed to \"burn\" tanks")[0],
            ("vowed to \"burn".into(), Threaten)
        );
        assert_eq!(kinds("they spoke with him")[0].1, Consult);
        assert!(kinds("they spoke about it").is_empty());
        assert!(kinds("we need to go").iter().all(|k| k.1 != Request));
    }

    /// Asserts that no text of `texts` gives a trigger of any of `types`.
    fn none_of(types: &[PloverType], texts: &[&str]) {
        for t in texts {
            let found = kinds(t);
            assert!(
                found.iter().all(|k| !types.contains(&k.1)),
                "{t}: {found:?}"
            );
        }
    }

    /// Asserts that every text of `texts` gives a trigger of `kind`.
    fn some_of(kind: PloverType, texts: &[&str]) {
        for t in texts {
            let found = kinds(t);
            assert!(found.iter().any(|k| k.1 == kind), "{t}: {found:?}");
        }
    }

    #[test]
    fn braced_alternatives_spell_out_every_form() {
        assert_eq!(
            expand_braces("{broke|break} up * {cell|rings}"),
            [
                "broke up * cell",
                "broke up * rings",
                "break up * cell",
                "break up * rings"
            ]
        );
        assert_eq!(expand_braces("held talks"), ["held talks"]);
    }

    /// Found on real Reuters copy (the `plover-dev-reuters.jsonl` dev set).
    #[test]
    fn reasons_names_and_words_are_no_events() {
        none_of(
            &[Assault, Accuse],
            &[
                "Nine activists were hanged for murder.",
                "He was arrested on suspicion of murder.",
                "Thirteen officers were arrested on charges of extortion.",
            ],
        );
        some_of(Assault, &["The murder of two priests shocked the town."]);
        none_of(&[Aid], &["Police said John Grant Fagan was in custody."]);
        none_of(&[Assault], &["The remarks caused a storm in parliament."]);
        some_of(Assault, &["Troops stormed the building."]);
        none_of(
            &[Coerce],
            &["A meeting of Islamists is to be held in London."],
        );
        some_of(Coerce, &["Thompson is being held in jail."]);
        none_of(
            &[Aid],
            &[
                "Arafat sent him an emotional appeal.",
                "The embassy sent an official to talk to him.",
                "The accord provided for the disengagement of forces.",
            ],
        );
        some_of(Aid, &["Germany sent tanks to Ukraine."]);
        none_of(
            &[Assault],
            &["The EU slapped a worldwide ban on British beef."],
        );
        none_of(
            &[Retreat],
            &["In a written statement released at the conference, Gujral spoke."],
        );
    }

    #[test]
    fn orders_expulsions_and_attacks_in_words() {
        // The ordered act is the event; an attack for a reason is words.
        none_of(&[Request], &["The court ordered the arrest of the banker."]);
        none_of(
            &[Assault],
            &["Algeria attacked Britain for allowing the meeting."],
        );
        for (kind, text) in [
            (Coerce, "The court ordered the arrest of the banker."),
            // Expelling people is coercion, expelling diplomats a sanction.
            (Coerce, "Zaire expelled 28 Rwandan refugees."),
            (Sanction, "Iraq expelled four diplomats."),
            (Accuse, "Algeria attacked Britain for allowing the meeting."),
            (Accuse, "The senator blasted the White House over the deal."),
            (Assault, "Rebels attacked the base for two hours."),
            // Forms added with these.
            (Coerce, "Police broke up a demonstration in the capital."),
            (
                Coerce,
                "Security forces have broken up five espionage rings.",
            ),
            (Mobilize, "Iraq was massing troops near the border."),
            (Assault, "The two burnt them alive."),
            (Support, "The two states will sign a treaty."),
            (Support, "The government endorsed the text."),
        ] {
            some_of(kind, &[text]);
        }
    }

    #[test]
    fn a_bare_take_seizes_only_what_can_be_seized() {
        none_of(
            &[Coerce],
            &[
                "The prosecutor took the decision to discontinue the investigation.",
                "Nissan has taken the covers off the new Sentra.",
                "The court is expected to take key decisions on two cases.",
            ],
        );
        some_of(
            Coerce,
            &[
                "Rebels took control of the airport.",
                "Russian forces took Bakhmut after months of fighting.",
            ],
        );
        // Hostage-taking is an abduction.
        some_of(Assault, &["Gunmen took three aid workers hostage."]);
    }

    #[test]
    fn a_game_won_is_no_assault() {
        none_of(
            &[Assault],
            &[
                "Switzerland beat Gibraltar 6-0 to win Group D.",
                "Diego Schwartzman defeating Cristian Garin 6-2, 6-2.",
                "Spain edged Italy 2-1 in the final.",
            ],
        );
        some_of(
            Assault,
            &[
                "Shelling killed 3-4 people in Kherson.",
                "The army beat back the attack.",
            ],
        );
    }

    #[test]
    fn giving_only_words_is_no_aid() {
        none_of(
            &[Aid, Agree],
            &[
                "Officials did not immediately provide any other details.",
                "The ministry gave no explanation for the delay.",
                "He gave an interview to the BBC.",
            ],
        );
        some_of(
            Aid,
            &[
                "Germany provided Ukraine with tanks.",
                "The US gave Kyiv air defence systems.",
            ],
        );
    }

    #[test]
    fn releasing_a_thing_frees_nobody() {
        none_of(
            &[Retreat],
            &[
                "Police released dramatic video showing the rescue.",
                "Samsung was the first to release AirPlay 2 support.",
                "The report was released on Monday.",
            ],
        );
        some_of(
            Retreat,
            &[
                "The rebels released two hostages on Friday.",
                "Hamas released the captives after talks.",
            ],
        );
    }

    #[test]
    fn asking_a_question_is_no_request() {
        none_of(
            &[Request],
            &[
                "He asked Morrison about concerns his predecessor might have had.",
                "Reporters asked whether the talks would resume.",
                "When asked, the minister said nothing.",
            ],
        );
        some_of(
            Request,
            &[
                "Kyiv asked Berlin for more tanks.",
                "Ukraine asked NATO to train recruits.",
            ],
        );
    }

    #[test]
    fn mishaps_and_idioms_are_nobody_s_doing() {
        none_of(
            &[Assault, Coerce],
            &[
                "Two service members have been killed in a helicopter crash in Afghanistan.",
                "Five people were killed in a bus accident.",
                "Smith seized on something with a 6/8 feel.",
            ],
        );
        some_of(Assault, &["Two soldiers were killed in a rocket attack."]);
        some_of(
            Coerce,
            &[
                "Police seized weapons in the raid.",
                "Customs officers seized on the border a ton of cocaine.",
            ],
        );
    }

    #[test]
    fn declining_to_comment_is_no_rejection() {
        none_of(
            &[Reject],
            &[
                "A spokesperson declined to comment.",
                "The ministry refused to comment on the report.",
                "Officials declined to elaborate.",
                "The official declined to be identified.",
            ],
        );
        some_of(
            Reject,
            &[
                "Kyiv refused to withdraw its troops.",
                "Moscow declined to attend the talks.",
            ],
        );
    }
}
