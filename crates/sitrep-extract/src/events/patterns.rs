//! The trigger table: which words signal which PLOVER event, as data.
//!
//! Each [`Pattern`] lists its word forms (`/`-separated; words inside a form separated by spaces,
//! normalised as in [`crate::words`]), the PLOVER type and mode, a strength (the prior that the
//! words really report such an event, the base of the confidence), how its actors are found
//! ([`Role`]) and a few flags. [`find`] matches the table against a sentence, longest form first,
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

use crate::words::Word;
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
    }
}

impl Pattern {
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
}

use PloverType::{
    Accuse, Agree, Aid, Assault, Coerce, Concede, Consult, Cooperate, Mobilize, Protest, Reject,
    Request, Retreat, Sanction, Support, Threaten,
};

/// The trigger table.
pub(crate) static PATTERNS: &[Pattern] = &[
    // CONSULT
    p(
        "met with/meet with/meets with/meeting with/met/meet/meets",
        Consult,
        0.55,
    ),
    p("meeting/meetings/talks", Consult, 0.45).auto(),
    p(
        "held talks/hold talks/holds talks/holding talks/had talks",
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
    // REQUEST
    p("asked/ask/asks/asking", Request, 0.55).governs(),
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
    p("expressed reluctance/reluctant to/reluctance", Reject, 0.45).governs(),
    p("said no/saying no/says no/say no", Reject, 0.5),
    p("too much to ask/a lot to ask", Reject, 0.5).speaker(),
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
    // AGREE (more): agreements, consensus, accepting, intent to cooperate.
    p(
        "agreed/agrees/agreeing/reached * agreement/reached * accord/reached * deal/\
         reached * consensus/reach * agreement/reach * deal/struck * deal/clinched * deal/\
         signed * agreement/signed * accord/signed * deal/signed * pact/signed * treaty/\
         sign * agreement/sign * accord/signed/initialled/ratified/ratify",
        Agree,
        0.5,
    ),
    p(
        "accepted/accepts/accept/agreed upon/endorsed/endorses/endorse/approved/approves/\
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
         defended/defends/expressed support/voiced support/expressed solidarity/\
         recognized/recognised/recognizes/recognises/apologized/apologised/apologizes/\
         thanked/thanks/congratulated/congratulates/forgave/pardoned",
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
         held * exercises/trade * pact/signed * contract",
        Cooperate,
        0.5,
    ),
    // AID (more).
    p(
        "granted/grants/grant/loaned/lent/allocated/earmarked/airlifted/airdropped/evacuated/\
         dispatched * aid/sent * aid/rushed * aid/funded/financed/sheltered/gave asylum/\
         granted asylum/offered asylum",
        Aid,
        0.45,
    ),
    // CONCEDE: yield, ease, release, ceasefire, allow access.
    p(
        "conceded/concede/concedes/yielded/yield to/gave in/caved in/backed down/backed off/\
         eased/eases/ease/lifted/lifts/lift/relaxed/relaxes/cancelled * restrictions/\
         canceled * restrictions/scrapped/abolished/repealed/rescinded/revoked * ban/\
         softened/compromised/made concessions/made * concession/acceded/acquiesced/\
         freed/frees/free/released/releases/release/pardoned * prisoners/amnesty/\
         allowed/allows/allow/permitted/permits/granted access/opened * border/reopened/\
         declared * ceasefire/declared * truce/agreed * ceasefire/observed * ceasefire/\
         accepted * demands/met * demands/dropped * demand/dropped * demands/\
         took * steps/taken * steps/promised reforms/introduced reforms",
        Concede,
        0.45,
    ),
    // RETREAT: withdraw, disarm, demobilise, resign.
    p(
        "withdrew/withdraw/withdraws/withdrawing/withdrawn/pulled out/pulls out/pull out/\
         pulled back/pulls back/pull back/retreated/retreat/retreats/evacuated * troops/\
         demobilized/demobilised/disarmed/disarm/disbanded/surrendered/surrender/\
         handed over * weapons/laid down * arms/resigned/resigns/resign/stepped down/\
         steps down/step down/quit/ended * occupation/dismantled/decommissioned",
        Retreat,
        0.5,
    ),
    // ACCUSE: disapprove, allege, investigate.
    p(
        "accused/accuse/accuses/accusing/blamed/blame/blames/blaming/condemned/condemn/\
         condemns/condemning/denounced/denounce/denounces/denouncing/criticized/criticised/\
         criticize/criticise/criticizes/criticises/criticizing/criticising/\
         deplored/deplores/slammed/slams/lambasted/rebuked/rebukes/castigated/chastised/\
         censured/decried/decries/protested to/complained/complain/complains/complaining/\
         charged/charges/indicted/indicts/sued/sues/alleged/alleges/faulted/\
         summoned/summons/voiced concern/expressed concern/voiced * concern/\
         expressed * concern/expressed * regret/expressed * disappointment/\
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
         issued * reminder/issued * call/issued * appeal/issued * ultimatum/\
         made * request/made * demand/made * appeal/renewed * call/renewed * demand/\
         reiterated * call/reiterated * demand/petitioned/invited/invites/invite/\
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
         boycotted/boycott/boycotts/blockaded/blockade/blocked roads/blocked * road/\
         blocked * roads/blocked * highway/occupied * building/occupied * offices/\
         sit-in/took to the streets/poured into the streets/collecting signatures/\
         collected signatures/began collecting/petition drive/walkout/walked off",
        Protest,
        0.5,
    ),
    p(
        "demonstration/demonstrations/strike/strikes/unrest",
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
         freezes/freeze/frozen/recalled/recall/recalls/expelled/expel/expels/expelling/\
         downgraded/downgrade/cancelled/canceled/cancels/cancel/called off/postponed/\
         closed * embassy/shut * embassy/banned/bans/ban/barred/bars/excluded/ousted/\
         terminated/halted/halts/halt/stopped/stops/cut/cuts/reduced * ties/withdrew * ambassador/\
         withdrew * aid/withdraws * aid/pulled * ambassador/boycotted * summit",
        Sanction,
        0.45,
    ),
    // MOBILIZE: exhibit force posture.
    p(
        "mobilized/mobilised/mobilize/mobilise/mobilizes/mobilises/deployed/deploy/deploys/\
         deploying/massed/amassed/mass/put * on alert/placed * on alert/on alert/on high alert/\
         remained on alert/stationed/reinforced/beefed up/stepped up * patrols/\
         ordered patrols/ordered * patrols/patrols/patrolled/moved troops/sent troops/\
         sent * troops/dispatched troops/dispatched * troops/prepared to resume/prepared to attack/\
         put * troops/raised * alert/heightened * alert/increased * security/tightened * security/\
         conducted * drills/military drills/show of force/called up * reservists/\
         called up reservists/test-fired/tested * missile",
        Mobilize,
        0.5,
    ),
    // COERCE: arrest, seize, restrict, deport, curfew, martial law, censor.
    p(
        "arrested/arrest/arrests/arresting/detained/detain/detains/detaining/jailed/jail/\
         imprisoned/sentenced/convicted/rounded up/took into custody/taken into custody/\
         seized/seize/seizes/seizing/confiscated/confiscate/confiscates/raided/raid/raids/\
         searched/impounded/deported/deport/deports/deporting/forced out/expelled * from/\
         evicted/evicts/prevented/prevent/prevents/preventing/barred * from/blocked/block/\
         blocks/restricted/restrict/restricts/curbed/banned * from/outlawed/censored/\
         shut down/closed down/closed/closes/close/imposed * curfew/declared * curfew/\
         curfew/imposed * martial law/declared * martial law/martial law/\
         declared * state of emergency/declared * emergency/state of emergency/\
         dispersed/disperse/disperses/cracked down/crackdown/clamped down/\
         cut off * electricity/cut off * water/cut off * power/cut off/blew up/blown up/\
         destroyed/demolished/razed/bulldozed/torched/burned down/burnt down/set fire/\
         set on fire/sabotaged/expropriated/nationalized/nationalised/annexed/\
         tear gas/teargas/fired tear gas/water cannon",
        Coerce,
        0.5,
    ),
    // ASSAULT: attacks, fighting, killing, bombing, abduction.
    p(
        "attacked/attack/attacks/attacking/assaulted/assault/assaults/stormed/storm/\
         ambushed/ambush/raided * village/raided * town/killed/kill/kills/killing/\
         murdered/murder/massacred/massacre/slaughtered/executed/execute/assassinated/\
         assassinate/shot/shoots/shoot/shooting/opened fire/open fire/opens fire/\
         fired on/fired at/fire on/fired * rockets/fired * shells/fired * missiles/shelled/\
         shell/shells/shelling/bombed/bomb/bombs/bombing/bombarded/bombardment/pounded/\
         pound/strafed/struck/strikes against/air strikes/airstrikes/air raids/air raid/\
         exploded/detonated/set off/blew up * bomb/suicide bombing/suicide attack/\
         kidnapped/kidnap/kidnaps/abducted/abduct/abducts/hijacked/hijack/took hostage/\
         taken hostage/seized * hostages/beat/beat up/beats/beaten/beating/tortured/torture/\
         tortures/torturing/raped/rape/hacked to death/stabbed/wounded/injured/\
         clashed/clash/clashes/clashing/fought/fight/fights/fighting/battled/battle/\
         battles/engaged in/invaded/invade/invades/invasion/occupied/occupy/occupies/\
         captured/capture/captures/overran/overrun/recaptured/retook/\
         ethnic cleansing/genocide/offensive/launched * offensive/launched * attack/\
         launched * attacks/launched * assault/launched * strike/launched * strikes/\
         launched * raid/carried out * attack/carried out * attacks/carried out * strike/\
         carried out * strikes/carried out * raid/carried out * bombing/mounted * attack/\
         staged * attack/staged * attacks",
        Assault,
        0.5,
    ),
];

/// A trigger found in a sentence: words `w0..w1` of it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub pattern: &'static Pattern,
    pub w0: usize,
    pub w1: usize,
}

/// Form words -> pattern, indexed by first word, longest form first.
/// A form's words and its pattern's index in [`PATTERNS`].
type Form = (Vec<&'static str>, usize);

static INDEX: Lazy<HashMap<&'static str, Vec<Form>>> = Lazy::new(|| {
    let mut idx: HashMap<&'static str, Vec<Form>> = HashMap::new();
    for (pi, pat) in PATTERNS.iter().enumerate() {
        for form in pat.forms.split('/') {
            let ws: Vec<&'static str> = form.split_whitespace().collect();
            if let Some(first) = ws.first() {
                idx.entry(first).or_default().push((ws, pi));
            }
        }
    }
    for list in idx.values_mut() {
        list.sort_by_key(|(ws, _)| std::cmp::Reverse(ws.len()));
    }
    idx
});

/// Matches `form` at `ws[i..]`, skipping quote marks between its words; the end index.
fn match_form(ws: &[Word], i: usize, form: &[&str]) -> Option<usize> {
    let mut j = i;
    for (k, f) in form.iter().enumerate() {
        if k > 0 {
            while ws.get(j).is_some_and(Word::is_quote) {
                j += 1;
            }
        }
        if *f == "*" {
            // Up to three words (not punctuation) before the rest of the form.
            let rest = &form[k + 1..];
            return (0..=3).find_map(|n| {
                if (j..j + n).any(|x| ws.get(x).is_none_or(|w| !w.is_alpha())) {
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

/// The triggers of a sentence, left to right, not overlapping.
pub(crate) fn find(ws: &[Word]) -> Vec<Hit> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let mut found = None;
        if let Some(list) = INDEX.get(ws[i].norm.as_str()) {
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
                found = Some(Hit {
                    pattern: pat,
                    w0: i,
                    w1: end,
                });
                break;
            }
        }
        match found {
            Some(h) => {
                i = h.w1;
                out.push(h);
            }
            None => i += 1,
        }
    }
    out
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
        assert!(kinds("we need to go").is_empty());
    }
}
