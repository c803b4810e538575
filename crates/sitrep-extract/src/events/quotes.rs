//! Attribution across sentences: quotations and later sentences that name a claim's source.
//!
//! **Quotations.** A quotation runs from an opening quote mark to its closing one, or to the end
//! of its paragraph (news style leaves a quotation that goes on into the next paragraph open and
//! opens it again there). Its speaker is the reporting verb after the closing mark (`“...,” Butler
//! said`) or before the opening one (`Butler said: “...`); a quotation that opens a paragraph
//! without a speaker of its own continues the one of the paragraph before. Every sentence inside
//! a quotation is attributed to its speaker, and "we"/"I" in it are the speaker.
//!
//! **Reported back.** A sentence that names a source for "the request", "the refusal", "the
//! attack" of the sentence before it ("Sources from the NYT characterized the request as
//! unfeasible") attributes that earlier event, when it had no attribution of its own.

use super::{attribution, cameo, Prepared};
use sitrep_core::{Actor, Attribution, Event, Sector};
use std::collections::HashMap;

/// Who speaks in a quotation.
#[derive(Debug, Clone)]
pub(crate) struct QuoteSpeaker {
    pub attribution: Attribution,
    pub speaker: Option<Actor>,
}

/// Quotations of `text`: byte ranges from the opening mark to the closing one (or to the end of
/// the paragraph).
fn regions(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut straight_open = false;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        match c {
            '“' | '«' if open.is_none() => open = Some(i),
            '”' | '»' => {
                if let Some(o) = open.take() {
                    out.push((o, i + c.len_utf8()));
                }
                straight_open = false;
            }
            '"' => {
                if straight_open {
                    if let Some(o) = open.take() {
                        out.push((o, i + 1));
                    }
                    straight_open = false;
                } else if open.is_none() {
                    open = Some(i);
                    straight_open = true;
                }
            }
            '\n' if bytes.get(i + 1) == Some(&b'\n') => {
                // A paragraph ends: an open quotation ends with it.
                if let Some(o) = open.take() {
                    out.push((o, i));
                }
                straight_open = false;
            }
            _ => {}
        }
    }
    if let Some(o) = open {
        out.push((o, text.len()));
    }
    out
}

/// Whether only white space lies between two byte offsets, over at most one paragraph break.
fn next_paragraph(text: &str, from: usize, to: usize) -> bool {
    text.get(from..to).is_some_and(|between| {
        let t = between.trim_start_matches(['.', ',', '”', '"', '’']);
        t.chars().all(char::is_whitespace) && t.matches("\n\n").count() <= 1
    })
}

/// The speaker of each prepared sentence that lies inside a quotation, by index.
pub(crate) fn speakers(text: &str, prepared: &[Prepared]) -> HashMap<usize, QuoteSpeaker> {
    let mut out = HashMap::new();
    let mut prev: Option<(usize, QuoteSpeaker)> = None;
    for (open, close) in regions(text) {
        // The reporting verb after the closing mark, in the sentence holding it, or before the
        // opening mark in the sentence holding that.
        let closing = prepared
            .iter()
            .find(|p| p.sent.start <= close && close <= p.sent.end);
        let after = closing.and_then(|p| {
            p.attributions.iter().find(|f| {
                f.rank == 3
                    && f.speaker.is_some()
                    && p.s.ws.get(f.verb).is_some_and(|w| w.span.start >= close)
            })
        });
        // Where the quotation's paragraph ends for the next one: after `“...,” Scholz said.`
        // the reporting clause belongs to it.
        let tail = match (after, closing) {
            (Some(_), Some(p)) => p.sent.end.max(close),
            _ => close,
        };
        let before = || {
            prepared
                .iter()
                .find(|p| p.sent.start <= open && open < p.sent.end)
                .and_then(|p| {
                    p.attributions.iter().find(|f| {
                        f.speaker.is_some()
                            && p.s.ws.get(f.verb).is_some_and(|w| w.span.end <= open)
                    })
                })
        };
        let found = after.or_else(before).map(|f| QuoteSpeaker {
            attribution: f.attribution.clone(),
            speaker: f.speaker.clone(),
        });
        let q = match found {
            Some(q) => q,
            None => match &prev {
                Some((end, q)) if next_paragraph(text, *end, open) => q.clone(),
                _ => continue,
            },
        };
        for (pi, p) in prepared.iter().enumerate() {
            // The sentence starts inside the quotation: its first word is the opening mark
            // itself or follows it (a curly mark is 3 bytes).
            let first = p.s.ws.first().map_or(p.sent.start, |w| w.span.start);
            if first + 3 >= open && first < close && p.sent.start < close {
                out.entry(pi).or_insert_with(|| q.clone());
            }
        }
        prev = Some((tail, q));
    }
    out
}

/// Attributes an event to a source that the next sentence names for it ("the request").
pub(crate) fn reported_back(prepared: &[Prepared], events: &mut [Event]) {
    let lx = cameo::lexicon();
    for e in events.iter_mut().filter(|e| e.attribution.is_none()) {
        let Some(pi) = prepared.iter().position(|p| p.sent == e.sentence) else {
            continue;
        };
        let Some(next) = prepared.get(pi + 1) else {
            continue;
        };
        let ws = &next.s.ws;
        // "the request", "this refusal": a definite noun naming an event of the same type.
        let Some(k) = (1..ws.len()).find(|&k| {
            matches!(ws[k - 1].norm.as_str(), "the" | "this" | "that")
                && lx
                    .noun(&ws[k].norm)
                    .and_then(|n| lx.plover(n.code))
                    .is_some_and(|p| p.0 == e.kind)
        }) else {
            continue;
        };
        // A media outlet before it, as the subject of the sentence.
        let Some(m) = next.s.ments.iter().find(|m| {
            m.w1 <= k
                && m.w0 <= 5
                && m.entity
                    .as_ref()
                    .is_some_and(|x| x.sector == Some(Sector::Media))
        }) else {
            continue;
        };
        let a = attribution::make(&next.s, 0, m.w1, m.w0, m.w1);
        e.attribution = Some(a.clone());
        e.attribution_chain = vec![a];
    }
}
