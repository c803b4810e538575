//! Bad input: no panic, and time linear in the input.

use sitrep_core::Span;
use sitrep_time::{tag, tag_sentences};
use std::time::Instant;

fn dct() -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(2023, 1, 18)
}

#[test]
fn odd_inputs_do_not_panic() {
    let digits_and_dashes: String = (0..20_000).map(|k| format!("{}-", k % 100)).collect();
    let inputs = [
        String::new(),
        " \n\t ".into(),
        "😀🎉 January 😀 18 ☃ 2023 🚀 on Tuesday 🇺🇦".into(),
        "1-2-3-4-5-6-7-8-9-0-".repeat(5_000),
        digits_and_dashes,
        "2023-".repeat(10_000),
        ":".repeat(1000) + "12:" + &"9".repeat(500),
        "99999999999999999999999 years ago, 4294967296 days ago, 1.5.6.7 decades".into(),
        "the the the last last next this of of of".repeat(1000),
        "Q Q3 Q9 Q-3 1990s' '90s '1 ' 20th-century 99th century".into(),
        "Feb 29, 2023. Feb. 30. 31 April 2024. 2023-02-30. 13/13/2013.".into(),
        "9999 years from now and 9999 centuries ago; 3000 decades later".into(),
        "Київ, 18 січня 2023 р. — 星期二 — 18/01/2023".into(),
    ];
    for s in &inputs {
        let _ = tag(s, dct());
        let _ = tag(s, None);
    }
    // Sentence spans that do not fit the text, or cut a character, are clipped.
    let text = "Kyiv – Київ on Tuesday";
    let spans = [
        Span::new(0, 6),
        Span::new(5, 500),
        Span::new(600, 700),
        Span::new(7, 9),
    ];
    let _ = tag_sentences(text, &spans, dct());
}

/// Seconds to tag `unit` repeated to about `bytes` bytes.
fn seconds(unit: &str, bytes: usize, with_date: bool) -> (f64, usize) {
    let text = unit.repeat(bytes / unit.len());
    let t = Instant::now();
    let n = tag(&text, if with_date { dct() } else { None }).len();
    (t.elapsed().as_secs_f64(), n)
}

#[test]
fn time_is_linear_on_large_input_without_a_date() {
    let cases = [
        // Prose, no publication date: 10 MB.
        (
            "Officials said on Tuesday that 600-700 vehicles and 2,400 km of roads, \
             built over 30 months in the 1990s, were lost 😀 last week. ",
            false,
        ),
        // One line with no sentence break at all, dense with digits and dashes.
        ("1-2 3-4 5-6 on Monday 7:8 2023-- ", true),
    ];
    for (unit, with_date) in cases {
        let (t_small, n_small) = seconds(unit, 1_000_000, with_date);
        let (t_large, n_large) = seconds(unit, 10_000_000, with_date);
        assert!(n_large >= 9 * n_small, "{n_large} vs {n_small}");
        // 10x the input should cost about 10x the time; allow generous noise.
        assert!(
            t_large < 25.0 * t_small.max(0.005),
            "{unit:?}: 1 MB {t_small:.3}s, 10 MB {t_large:.3}s"
        );
    }
}
