//! Event arguments from the dependency parse (`sitrep-syntax`): who did what to whom, by grammar.
//!
//! A sentence with a trigger is tagged and parsed ([`Parse::new`]; about 20 µs a word, so only
//! sentences with triggers are parsed). The parse's words (cut as UD English EWT cuts them) are
//! mapped onto the extractor's words by their spans. Then, for a trigger:
//!
//! * **verb** ([`verb_args`]): the source is its `nsubj` (with the subjects coordinated to it:
//!   "Poland and Finland"); a passive (`nsubj:pass`, `aux:pass`) takes its source from the
//!   `obl:agent` ("by X") and its target from the passive subject, and without "by" the doer is
//!   not said. A verb without a subject of its own takes its controller's: an infinitive
//!   (`xcomp`) the object of the verb above it ("urged NATO to send": NATO) or else its subject
//!   ("plans to send"); a coordinated verb (`conj`) or a participle (`advcl`, `acl`: "...,
//!   killing 12") the subject of the verb it hangs on; a relative clause ("forces that attacked")
//!   the noun it describes. The target is its `iobj`, its `obj`, else an `obl` with to, with,
//!   from, against, on, toward or into;
//! * **noun** ([`noun_args`]): the source is its possessor (`nmod:poss`: "Russia's attack") or
//!   the `nmod` with "by" (or "between X and Y"), the target an `nmod` with on, against, with,
//!   to or toward ("the attack on Kyiv").
//!
//! A subject is an actor when an actor candidate of the sentence ([`super::arguments`]) covers its
//! head word, or else lies inside its phrase; a pronoun is resolved as the word-order rules do; a
//! subject that is no actor ("the move would bring troops closer") leaves the doer unsaid. When
//! the parse gives nothing (no subject, no controller), the word-order heuristics decide.
//!
//! **How much the parse decides.** The parser (trained on UD English EWT, web text) reads some
//! news leads as noun phrases ("Police arrested dozens of protesters": `arrested` an `amod` of
//! `dozens`), so it is used where the word-order rules are weakest: the subject of a verb whose
//! subject is not right before it (a controller, a coordinated verb, a relative clause, a passive
//! agent), and the possessor or "by" agent of a nominal trigger. Measured on the PLOVER records,
//! letting the parse decide every subject, noun-or-verb, or the main event (the trigger highest in
//! the tree) scored lower than the word order; those uses are left out until the parser reads
//! news better.

use super::arguments::{self, Cand, Coref, Found};
use super::Sent;
use sitrep_core::{Actor, Span};
use sitrep_syntax::analyse::{SynWord, Syntax};

/// A parsed sentence, mapped onto the extractor's words.
pub(crate) struct Parse {
    words: Vec<SynWord>,
    /// For each extractor word, the parse word it lies in.
    of_word: Vec<Option<usize>>,
    /// For each parse word, the first extractor word in it.
    word_of: Vec<Option<usize>>,
    children: Vec<Vec<usize>>,
}

/// A trigger word that modifies a noun (see [`Parse::modifier`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Modifier {
    Before,
    After,
}

/// What the parse says about a trigger's actors.
#[derive(Debug, Clone)]
pub(crate) struct Args {
    pub sources: Vec<Actor>,
    pub found: Found,
    pub target: Option<Actor>,
}

const RELATIVE: &[&str] = &["who", "that", "which", "whom"];
const TARGET_CASES: &[&str] = &[
    "to", "with", "from", "against", "on", "toward", "towards", "into",
];

impl Parse {
    /// Tags and parses the sentence `span` of `text` whose extractor words are `s.ws`. `None`
    /// when the models cannot be loaded.
    pub fn new(s: &Sent, span: Span) -> Option<Parse> {
        let syntax = Syntax::try_global().ok()?;
        let words = syntax.analyse(s.text, span);
        let mut of_word = vec![None; s.ws.len()];
        let mut word_of = vec![None; words.len()];
        let mut j = 0;
        for (i, w) in s.ws.iter().enumerate() {
            while j < words.len() && words[j].span.end <= w.span.start {
                j += 1;
            }
            if let Some(sw) = words.get(j) {
                if sw.span.start <= w.span.start
                    && w.span.start < sw.span.end.max(sw.span.start + 1)
                {
                    of_word[i] = Some(j);
                    if word_of[j].is_none() {
                        word_of[j] = Some(i);
                    }
                }
            }
        }
        let mut children = vec![Vec::new(); words.len()];
        for (k, w) in words.iter().enumerate() {
            if w.head > 0 && w.head <= words.len() {
                children[w.head - 1].push(k);
            }
        }
        Some(Parse {
            words,
            of_word,
            word_of,
            children,
        })
    }

    /// The parse word of extractor word `i`.
    pub fn at(&self, i: usize) -> Option<usize> {
        self.of_word.get(i).copied().flatten()
    }

    /// How a trigger word at extractor word `i` is used when it modifies a noun instead of
    /// heading a clause: [`Modifier::Before`] for a participle or adjective before its noun
    /// after a determiner, number, adjective, preposition or nothing ("the murdered
    /// journalist", "two detained nationals", "Jailed laureate X began..."): it describes the
    /// noun and reports no event of its own; [`Modifier::After`] for a participle after it
    /// ("demonstrators demanding his ouster hurled stones", "systems supplied by Germany
    /// arrived"): an event, but not the sentence's main one.
    ///
    /// The trigger's words are `w0..w1`, `form` the first one lowercased; a head among them
    /// (the "joint" of "joint exercises") is no modified noun.
    pub fn modifier(&self, w0: usize, w1: usize, form: &str) -> Option<Modifier> {
        let k = self.at(w0)?;
        let h = self.head(k)?;
        let xpos = self.words.get(k).map_or("", |w| w.xpos.as_str());
        // Whether the word before opens a noun phrase (nothing, a determiner, number,
        // preposition or possessor, and `more` tags).
        let opens = |more: &[&str]| {
            k.checked_sub(1).is_none_or(|p| {
                let u = self.upos(p);
                matches!(u, "DET" | "NUM" | "ADP")
                    || more.contains(&u)
                    || self.deprel(p) == "nmod:poss"
            })
        };
        // Before a noun in such a phrase, by the tags alone: the parser reads some such
        // participles as clauses ("Jailed laureate X began", "supporters of jailed former
        // minister X").
        let noun_next = w1 == w0 + 1
            && matches!(self.upos(k + 1), "NOUN" | "PROPN" | "ADJ")
            && self.words.get(k + 1).is_some_and(|w| w.xpos != "VBN");
        if noun_next && matches!(xpos, "VBN" | "JJ") && opens(&[]) {
            return Some(Modifier::Before);
        }
        let head_word = self.word_of.get(h).copied().flatten();
        if head_word.is_some_and(|hw| (w0..w1).contains(&hw))
            || !matches!(self.upos(h), "NOUN" | "PROPN" | "PRON" | "NUM")
        {
            return None;
        }
        // After a comma, a past form is far more often the verb after an apposition than an
        // adjective opening a noun phrase ("Louis Viannet, leader of the CGT union, criticised
        // government plans": the tagger reads `criticised` as an adjective of `plans`).
        let after_comma = k.checked_sub(1).is_some_and(|p| self.words[p].xpos == ",");
        let past_form = form.ends_with("ed");
        match self.deprel(k) {
            // An adjective or participle after its noun: "drivers opposed to mandates".
            "amod" if h < k && matches!(xpos, "VBN" | "JJ") => Some(Modifier::After),
            "amod" if after_comma && past_form => None,
            "amod" if h > k && matches!(xpos, "VBN" | "VBD" | "VBG" | "JJ") => {
                opens(&["ADJ", "PUNCT", "CCONJ", "SCONJ"]).then_some(Modifier::Before)
            }
            "acl" if h < k && matches!(xpos, "VBN" | "VBG") => Some(Modifier::After),
            _ => None,
        }
    }

    pub fn upos(&self, k: usize) -> &str {
        self.words.get(k).map_or("", |w| w.upos.as_str())
    }

    fn deprel(&self, k: usize) -> &str {
        self.words.get(k).map_or("", |w| w.deprel.as_str())
    }

    fn lemma(&self, k: usize) -> &str {
        self.words.get(k).map_or("", |w| w.lemma.as_str())
    }

    fn head(&self, k: usize) -> Option<usize> {
        let h = self.words.get(k)?.head;
        (h > 0 && h <= self.words.len()).then(|| h - 1)
    }

    /// Children of `k` whose relation is `rel` or a subtype of it (`obl` matches `obl:agent`).
    fn kids<'a>(&'a self, k: usize, rel: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.children[k].iter().copied().filter(move |&c| {
            let d = self.deprel(c);
            d == rel || d.strip_prefix(rel).is_some_and(|r| r.starts_with(':'))
        })
    }

    /// The lemma of the preposition of `k` ("to" in "to Ukraine").
    fn case_of(&self, k: usize) -> Option<&str> {
        self.kids(k, "case").next().map(|c| self.lemma(c))
    }

    /// Whether `k` lies in the subtree of `root`.
    fn within(&self, k: usize, root: usize) -> bool {
        let mut at = k;
        for _ in 0..=self.words.len() {
            if at == root {
                return true;
            }
            match self.head(at) {
                Some(h) => at = h,
                None => return false,
            }
        }
        false
    }

    /// The sentence words of the subtree of `k` (first, end).
    fn subtree_words(&self, k: usize) -> (usize, usize) {
        let mut lo = usize::MAX;
        let mut hi = 0;
        for (i, w) in self.of_word.iter().enumerate() {
            if w.is_some_and(|x| self.within(x, k)) {
                lo = lo.min(i);
                hi = hi.max(i + 1);
            }
        }
        (lo.min(hi), hi)
    }
}

/// The actor candidate a parse word names: one covering it, else the first one inside its phrase
/// that is not inside a prepositional phrase of it.
fn cand_for<'c>(p: &Parse, cands: &'c [Cand], k: usize) -> Option<&'c Cand> {
    let w = p.word_of[k]?;
    if let Some(c) = cands.iter().find(|c| c.w0 <= w && w < c.w1) {
        return Some(c);
    }
    let (lo, hi) = p.subtree_words(k);
    cands.iter().find(|c| {
        c.w0 >= lo
            && c.w1 <= hi
            && p.at(c.w1 - 1).is_some_and(|ck| {
                // Not inside an nmod/obl with a preposition of its own below k.
                let mut at = ck;
                while at != k {
                    if p.case_of(at).is_some() && !matches!(p.case_of(at), Some("'s" | "’s")) {
                        return false;
                    }
                    match p.head(at) {
                        Some(h) => at = h,
                        None => return false,
                    }
                }
                true
            })
    })
}

/// The actors a nominal at parse word `k` names: its candidate and those coordinated with it, a
/// resolved pronoun, or "the two generals". `None` when it names no actor.
fn actors_of(
    p: &Parse,
    s: &Sent,
    cands: &[Cand],
    coref: &Coref,
    k: usize,
) -> Option<(Vec<Actor>, Found)> {
    if p.upos(k) == "PRON" {
        let w = p.word_of[k]?;
        if RELATIVE.contains(&s.ws[w].norm.as_str()) {
            return None;
        }
        let r = arguments::pronoun_at(cands, &s.ws, w, coref);
        return (!r.is_empty()).then_some((r, Found::Pronoun));
    }
    let c = cand_for(p, cands, k)?;
    if let Some(two) = arguments::the_two_of(&s.ws, c, coref) {
        return Some((two, Found::Pronoun));
    }
    let mut out = vec![c.actor.clone()];
    for cj in p.kids(k, "conj") {
        if let Some(d) = cand_for(p, cands, cj) {
            if !out.iter().any(|a| a.span == d.actor.span) {
                out.push(d.actor.clone());
            }
        }
    }
    Some((out, Found::Direct))
}

/// The subject of verb `v`: its own, or its controller's (see the module doc). The parse word.
fn subject_word(p: &Parse, v: usize) -> Option<(usize, bool)> {
    let mut at = v;
    for _ in 0..4 {
        if let Some(k) = p.kids(at, "nsubj").next() {
            let passive = p.deprel(k) == "nsubj:pass";
            return Some((k, passive));
        }
        let rel = p.deprel(at).to_string();
        let head = p.head(at)?;
        if rel == "xcomp" {
            // Object control ("urged NATO to send"), else subject control ("plans to send").
            if let Some(o) = p.kids(head, "obj").next() {
                return Some((o, false));
            }
            at = head;
        } else if rel == "conj" || rel.starts_with("advcl") || rel == "acl" {
            at = head;
        } else if rel == "acl:relcl" {
            // "forces that attacked": the noun described, when the relative word is no object.
            return Some((head, false));
        } else {
            return None;
        }
    }
    None
}

/// The target among the dependents of `k`: `iobj`, `obj`, else an `obl`/`nmod` with one of
/// `cases`.
fn target_of(
    p: &Parse,
    s: &Sent,
    cands: &[Cand],
    coref: &Coref,
    k: usize,
    objects: bool,
    not: &[Actor],
) -> Option<Actor> {
    let ok = |a: &Actor| {
        !super::arguments::is_thing(a)
            && !not
                .iter()
                .any(|n| n.span == a.span || (n.entity.is_some() && n.entity == a.entity))
    };
    let mut order: Vec<usize> = Vec::new();
    if objects {
        order.extend(p.kids(k, "iobj"));
        order.extend(p.kids(k, "obj"));
    }
    for rel in ["obl", "nmod"] {
        order.extend(
            p.kids(k, rel)
                .filter(|&c| p.deprel(c) != "obl:agent" && p.deprel(c) != "nmod:poss")
                .filter(|&c| p.case_of(c).is_some_and(|cs| TARGET_CASES.contains(&cs))),
        );
    }
    order
        .into_iter()
        .filter_map(|c| actors_of(p, s, cands, coref, c))
        .flat_map(|(a, _)| a)
        .find(ok)
}

/// The actors of a verb trigger at extractor words `t0..`. `None` when the parse does not say
/// (the word-order rules then decide); `Some` with no sources when it says the doer is unsaid.
pub(crate) fn verb_args(
    p: &Parse,
    s: &Sent,
    cands: &[Cand],
    coref: &Coref,
    t0: usize,
) -> Option<Args> {
    let v = p.at(t0)?;
    let (subj, passive) = match subject_word(p, v) {
        Some(x) => (Some(x.0), x.1),
        None => (None, p.kids(v, "aux:pass").next().is_some()),
    };
    if passive {
        let patient = subj
            .and_then(|k| actors_of(p, s, cands, coref, k))
            .and_then(|(a, _)| a.into_iter().next());
        let agent = p
            .kids(v, "obl")
            .find(|&c| p.deprel(c) == "obl:agent" || p.case_of(c) == Some("by"))
            .and_then(|c| actors_of(p, s, cands, coref, c));
        return Some(match agent {
            Some((a, how)) => Args {
                sources: a,
                found: how,
                target: patient,
            },
            None => Args {
                sources: Vec::new(),
                found: Found::Unknown,
                target: patient,
            },
        });
    }
    let k = subj?;
    let Some((sources, found)) = actors_of(p, s, cands, coref, k) else {
        // A subject that names no actor: the doer is not said.
        if matches!(p.upos(k), "NOUN" | "PRON" | "NUM" | "DET") {
            return Some(Args {
                sources: Vec::new(),
                found: Found::Unknown,
                target: target_of(p, s, cands, coref, v, true, &[]),
            });
        }
        return None;
    };
    let target = target_of(p, s, cands, coref, v, true, &sources);
    Some(Args {
        sources,
        found,
        target,
    })
}

/// The actors of a nominal trigger at extractor word `t0` ("Russia's attack on Kyiv").
pub(crate) fn noun_args(
    p: &Parse,
    s: &Sent,
    cands: &[Cand],
    coref: &Coref,
    t0: usize,
) -> Option<Args> {
    let n = p.at(t0)?;
    if !matches!(p.upos(n), "NOUN" | "PROPN") {
        return None;
    }
    let by = p
        .kids(n, "nmod")
        .find(|&c| p.deprel(c) == "nmod:poss" || p.case_of(c) == Some("by"));
    if let Some((sources, found)) = by.and_then(|c| actors_of(p, s, cands, coref, c)) {
        let target = target_of(p, s, cands, coref, n, false, &sources);
        return Some(Args {
            sources,
            found,
            target,
        });
    }
    // "talks between X and Y".
    let between = p
        .kids(n, "nmod")
        .find(|&c| p.case_of(c) == Some("between"))
        .and_then(|c| actors_of(p, s, cands, coref, c));
    if let Some((mut a, how)) = between {
        let target = (a.len() > 1).then(|| a.remove(1));
        a.truncate(1);
        return Some(Args {
            sources: a,
            found: how,
            target,
        });
    }
    None
}
