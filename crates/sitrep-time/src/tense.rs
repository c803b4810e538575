//! Tense of the clause around an expression, from cheap cues.
//!
//! The nearest cue to the left of the expression (within the sentence and 40 tokens) decides;
//! if there is none, the nearest to the right. Cues: `will`, `'ll`, `shall`, `won't`, and
//! `going/plans/expected/scheduled/set ... to` mean future; past auxiliaries (`was`, `had`,
//! `did`), irregular past forms (`met`, `said`, `told`), `ago`, `last`, `yesterday` and regular
//! `-ed` forms mean past; present auxiliaries (`is`, `are`, `says`, `has`) mean present, which
//! resolves to the nearest occurrence. No cue at all also means nearest.

use crate::grammar::P;
use crate::lexicon::Cue;
use crate::resolve::Dir;
use crate::token::Kind;

const WINDOW: usize = 40;

/// The direction for an expression on tokens `s..e` of the sentence.
pub(crate) fn direction(p: &P, s: usize, e: usize) -> Dir {
    let lo = s.saturating_sub(WINDOW);
    for j in (lo..s).rev() {
        if let Some(d) = cue_at(p, j) {
            return d;
        }
    }
    let hi = e.saturating_add(WINDOW).min(p.t.len());
    for j in e..hi {
        if let Some(d) = cue_at(p, j) {
            return d;
        }
    }
    Dir::Nearest
}

fn cue_at(p: &P, j: usize) -> Option<Dir> {
    let t = &p.t[j];
    if t.kind != Kind::Word {
        return None;
    }
    match t.cue {
        Cue::None => None,
        Cue::Future => {
            if p.is(j, "ll") && !(j > 0 && p.apos(j - 1) && p.adj(j)) {
                return None;
            }
            Some(Dir::Future)
        }
        Cue::FutureIfTo => {
            if p.is(j, "due") && !(p.is(j + 1, "to") && p.is(j + 2, "be")) {
                return None;
            }
            if p.is(j + 1, "to") {
                Some(Dir::Future)
            } else if p.word(j).to_ascii_lowercase().ends_with("ed") {
                Some(Dir::Past)
            } else {
                None
            }
        }
        Cue::Past => {
            if p.is(j, "won") && p.apos(j + 1) && p.is(j + 2, "t") {
                return Some(Dir::Future);
            }
            Some(Dir::Past)
        }
        Cue::PastEd => {
            // A passive participle after a present form ("is due to be published") is no tense.
            if j > 0 && p.is_any(j - 1, &["be", "being", "is", "are", "am", "get", "gets"]) {
                return None;
            }
            Some(Dir::Past)
        }
        Cue::Present => Some(Dir::Nearest),
    }
}
