//! Robustness: random and adversarial input never panics, keeps the span invariants, and runs in
//! linear time (a quadratic pass would not finish these inputs in any reasonable time).

use sitrep_nlp::{split_sentences, tokenize, Span};
use std::time::{Duration, Instant};

/// Pieces random texts are built from: terminators, abbreviations, quotes, list markers, URLs,
/// e-mails, clitics, emoji, controls, mixed scripts, odd whitespace.
const PIECES: &[&str] = &[
    "word",
    "Word",
    "U.S.",
    "Mr.",
    "co.",
    "Co.",
    "I.",
    "E.",
    "a.m.",
    "p.",
    "55",
    "3.5",
    "150,000",
    ".",
    "..",
    "...",
    "…",
    "!",
    "?",
    "?!",
    "!!",
    " ",
    " ",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\u{a0}",
    "\u{2028}",
    "\u{0}",
    "\u{7}",
    "\u{1b}",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "\u{301}",
    "“",
    "”",
    "\"",
    "'",
    "’",
    "(",
    ")",
    "[",
    "]",
    "[...]",
    "1.",
    "2.",
    "1)",
    "a.",
    "b.",
    "•",
    "⁃",
    "https://x.com/a(b)",
    "www.",
    "://",
    "@",
    "a@b.com",
    "example.com",
    "Jane.Doe@",
    "'s",
    "n't",
    "don't",
    "O'Brien",
    "F-16",
    "-",
    "--",
    "–",
    "$",
    "€",
    "%",
    "😀",
    "👍🏽",
    "🇺🇦",
    "👨‍👩‍👧",
    "Київ",
    "中文。",
    "！",
    "नमस्ते।",
    "مرحبا؟",
    "שלום",
    "No.",
    "N°.",
    "Jan.",
    "The",
    "They",
    "How",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn check_sentences(text: &str) -> Vec<Span> {
    let spans = split_sentences(text);
    let mut covered = vec![0u8; text.len()];
    let mut prev = 0;
    for s in &spans {
        assert!(s.start < s.end && s.start >= prev, "{s:?} in {text:?}");
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{s:?} in {text:?}"
        );
        let t = s.slice(text);
        assert_eq!(t, t.trim(), "untrimmed {s:?} in {text:?}");
        assert!(!t.contains('\n'), "{s:?} crosses a line in {text:?}");
        covered[s.start..s.end].iter_mut().for_each(|b| *b += 1);
        prev = s.end;
    }
    for (i, c) in text.char_indices() {
        if !c.is_whitespace() {
            assert_eq!(covered[i], 1, "byte {i} ({c:?}) of {text:?}");
        }
    }
    spans
}

fn check_tokens(text: &str, within: Span) {
    let toks = tokenize(text, within);
    let mut prev = within.start;
    for t in &toks {
        assert!(
            t.span.start < t.span.end && t.span.start >= prev,
            "{t:?} in {text:?}"
        );
        assert!(
            t.span.end <= within.end.min(text.len()),
            "{t:?} outside {within:?}"
        );
        assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        assert!(
            !t.span.slice(text).chars().any(char::is_whitespace),
            "{t:?} in {text:?}"
        );
        prev = t.span.end;
    }
}

#[test]
fn random_texts_keep_the_invariants() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3_000 {
        let n = (rng.next() % 40) as usize;
        let text: String = (0..n)
            .map(|_| PIECES[(rng.next() % PIECES.len() as u64) as usize])
            .collect();
        for s in check_sentences(&text) {
            check_tokens(&text, s);
        }
        check_tokens(&text, Span::new(0, text.len()));
        // Arbitrary (possibly mid-character, possibly too long) spans.
        let a = (rng.next() % (text.len() as u64 + 3)) as usize;
        let b = (rng.next() % (text.len() as u64 + 3)) as usize;
        check_tokens(&text, Span::new(a, b));
    }
}

fn timed(label: &str, text: &str) {
    let t0 = Instant::now();
    let spans = check_sentences(text);
    check_tokens(text, Span::new(0, text.len()));
    for s in spans.iter().take(1000) {
        check_tokens(text, *s);
    }
    let took = t0.elapsed();
    eprintln!("{label}: {took:?}");
    assert!(took < Duration::from_secs(60), "{label}: {took:?}");
}

#[test]
fn adversarial_inputs_run_in_linear_time() {
    const N: usize = 200_000;
    timed("letters", &"a".repeat(5 * N));
    timed("dotted groups", &("a.".repeat(N) + "b1"));
    timed("spaced dots", &". ".repeat(N));
    timed("at signs", &"a@".repeat(N));
    timed(
        "at and domain runs",
        &("@".to_string() + &"x".repeat(N) + "@" + &"y.".repeat(N)),
    );
    timed("schemes", &"ab://".repeat(N));
    timed("www", &"www.".repeat(N));
    timed("commas and digits", &"1,2".repeat(N));
    timed("apostrophes", &"a'b".repeat(N));
    timed("hyphens", &"a-".repeat(N));
    timed("openers", &("“".repeat(N) + " x"));
    timed("closers", &("x.".to_string() + &"”".repeat(N) + " Y"));
    timed("list markers", &"1. 2. 3. ".repeat(N / 4));
    timed(
        "abbreviations",
        &"Mr. U.S. co. I. a.m. No. 5 ".repeat(N / 8),
    );
    timed("emoji", &"👨‍👩‍👧🇺🇦".repeat(N / 4));
    timed("controls", &"\u{0}\u{200b}\u{feff}".repeat(N));
}
