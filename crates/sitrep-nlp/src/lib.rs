//! Language analysis of clean text: sentences and tokens, each a byte [`Span`] into the text.
//!
//! This crate cuts an article's clean text into sentences ([`split_sentences`]) and a sentence
//! (or any span) into tokens ([`tokenize`]). It is pure: no I/O, no models, no state, and it never
//! panics — any `&str` is valid input, and both passes run in time linear in their input. Spans
//! always fall on `char` boundaries of the text they index. What comes after — part-of-speech
//! tagging, parsing, entity and event extraction — belongs to later stages, which consume these
//! spans.
//!
//! Main items:
//! - [`split_sentences`] — `fn(text: &str) -> Vec<Span>`: sentence spans, trimmed, never
//!   crossing a line break, covering every non-whitespace byte exactly once.
//! - [`tokenize`] — `fn(text: &str, within: Span) -> Vec<Token>`: tokens of `text[within]`, with
//!   spans into `text`, each a [`Token`] with a [`TokenKind`].
//! - [`is_abbreviation`] — `fn(token: &str) -> bool`: whether a word with its period (`"Gen."`,
//!   `"U.S."`) is an abbreviation the splitter and tokenizer know.
//!
//! # Sentence rules
//!
//! The splitter is rule-based, tuned for English news, and passes all 48 of pySBD's English
//! "golden rules" (`tests/golden_rules.rs`).
//!
//! 1. **Lines.** A line break (`\n`, `\r`, U+2028…) always ends a sentence: headlines, datelines
//!    and paragraphs never merge. Whitespace around sentences is left out of their spans.
//! 2. **Where.** Inside a line a sentence ends only at whitespace (or right after a full-width
//!    stop `。！？` or a danda `।`, which always end one). Closing quotes and brackets after the
//!    terminator stay with the sentence (`“It’s over.”`, `(…engineer.)`).
//! 3. **What may follow.** A terminator ends a sentence only before a possible sentence start: an
//!    uppercase letter, a letter of a script without case, a digit, a currency sign or a bullet,
//!    possibly after opening quotes or brackets. Before a lowercase word nothing ends
//!    (`"This is great." she said`, `Yahoo! in`, `co. at`).
//! 4. **`!` and `?`** (also runs such as `!!`, `?!`) end a sentence before any sentence start.
//! 5. **Abbreviations** (see [`is_abbreviation`]):
//!    - titles and prefixes (`Mr.`, `Gen.`, `Col.`, `Dr.`, `Mt.`, `vs.`, `e.g.`, `i.e.`) never end
//!      a sentence;
//!    - numeral abbreviations (`No.`, `N°.`, `Vol.`, `Art.`, `pp.`) do not end one before a
//!      number (`No. 10`) and are ordinary words otherwise;
//!    - closing abbreviations (`Co.`, `Inc.`, `Ltd.`, `Jr.`, `etc.`, `a.m.`, `P.M.`, `St.`, months,
//!      state abbreviations such as `Fla.`) end a sentence before a *sentence-starter* word —
//!      a pronoun, determiner, auxiliary, conjunction or question word (`co. They`, `Co. It`) —
//!      or before a title (`6 P.M. Mr. Smith`), but not before other capitalised words
//!      (`Inc. Chief Executive`, `St. Michael's`); months do not end one before a number
//!      (`Jan. 6`);
//!    - dotted acronyms (`U.S.`, `E.U.`, `U.S.A.`, `D.C.`) often modify what follows, so they end a
//!      sentence only before a sentence-starter word (`U.S. How` splits, `U.S. Government`,
//!      `U.S. Army` do not);
//!    - a sentence that so far is only a fronted time phrase (`At 5 a.m.`) is not ended by its
//!      abbreviation.
//! 6. **Initials.** A single letter with a period (`Jonas E. Smith`, `p. 55`) ends a sentence only
//!    when it does not open the sentence and a sentence-starter word follows (`you and I. Did`
//!    splits, `Albert I. Jones` does not).
//! 7. **Other periods** end a sentence before any sentence start, including periods after numbers,
//!    e-mail addresses and URLs (`$100.00. It`, `…example.com. I`); periods inside a chunk
//!    (`Jane.Doe@example.com`, `3.5`, `mean...see`) never end one.
//! 8. **Ellipses.** An attached ellipsis (`that....`, `so...`, `so…`) ends a sentence before a
//!    sentence start; a bracketed one (`[...]`) never does. A spaced `. . .` (or a lone `...`,
//!    `…`) marks an omission inside a sentence; four spaced periods `. . . .` are an ellipsis plus
//!    a period and end the sentence before a sentence start; a period followed by a spaced
//!    `. . .` and a sentence start ends the sentence at the period, the ellipsis opening the next
//!    one.
//! 9. **Lists.** A bullet (`•`, `⁃`, `▪`…) starts a new sentence. A list marker (`1.`, `1)`, `1.)`,
//!    `a.`, `(a)`, optionally after a bullet) that opens a sentence never ends it, and the next
//!    marker of the same list on the same line (`2.` after `1.`, `b.` after `a.`) starts a new
//!    sentence even without a terminator.
//!
//! # Token rules
//!
//! - Words are letters and digits (with combining marks), joined by hyphens into one token
//!   (`face-to-face`, `long-range`, `F-16`, `MGM-140`, `600-700`); en dashes separate.
//! - Numbers keep their separators: thousands (`150,000`), decimals (`3.5`, `100.00`), times
//!   (`10:30`). Currency signs, `%`, `&`, `#`, `@` and emoji are [`TokenKind::Symbol`]s.
//! - Abbreviations keep their period (`U.S.`, `Gen.`, `Mr.`, `a.m.`, `E.`); a single letter at the
//!   very end of the span gives its period back (`you and I.` → `I`, `.`).
//! - Clitics split UD-style, with straight or curly apostrophes: `Ukraine's` → `Ukraine` `'s`,
//!   `don't` → `do` `n't`, `can't` → `ca` `n't`, `they’re` → `they` `’re`. Inner apostrophes
//!   stay (`O'Brien`, `o'clock`).
//! - Quotes, brackets, dashes and stops are [`TokenKind::Punct`]; runs `...`, `?!`, `--` are one
//!   token.
//! - URLs (`https://…`, `www.…`, bare domains with a common TLD such as `example.com/path`) and
//!   e-mail addresses are single tokens; trailing punctuation and unbalanced brackets are left
//!   out of them.

mod abbrev;
mod sentences;
mod tokens;

pub use abbrev::is_abbreviation;
pub use sentences::split_sentences;
pub use sitrep_core::Span;
pub use tokens::{tokenize, Token, TokenKind};
