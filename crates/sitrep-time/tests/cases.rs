//! Data-driven checks of the tagger and normaliser: each case is (publication date, text,
//! expected expressions as (text, value)), compared exactly and in order.

use chrono::NaiveDate;
use sitrep_time::{tag, Timex, TimexType};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn found(text: &str, dct: Option<&str>) -> Vec<Timex> {
    tag(text, dct.map(d))
}

/// Tag `text` and compare (span text, value) pairs exactly.
fn check(dct: Option<&str>, text: &str, want: &[(&str, Option<&str>)]) {
    let got: Vec<(String, Option<String>)> = found(text, dct)
        .iter()
        .map(|t| (t.span.slice(text).to_string(), t.value.clone()))
        .collect();
    let want: Vec<(String, Option<String>)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.map(str::to_string)))
        .collect();
    assert_eq!(got, want, "text: {text:?} dct: {dct:?}");
}

/// (text, expected (span text, value) pairs).
type Case<'a> = (&'a str, &'a [(&'a str, Option<&'a str>)]);

const WED: Option<&str> = Some("2023-01-18"); // a Wednesday
const FRI: Option<&str> = Some("2013-03-22"); // a Friday (TempEval-3 style)

#[test]
fn the_cases_from_the_issue() {
    check(
        WED,
        "On Tuesday, the general met his counterpart.",
        &[("Tuesday", Some("2023-01-17"))],
    );
    check(
        WED,
        "Then, the group will meet on Thursday and Friday.",
        &[
            ("Thursday", Some("2023-01-19")),
            ("Friday", Some("2023-01-20")),
        ],
    );
    check(
        Some("2024-09-19"),
        "The two sides agreed to hold talks on September 26.",
        &[("September 26", Some("2024-09-26"))],
    );
    check(
        Some("2023-06-01"),
        "Russia launched the invasion in February last year.",
        &[("February last year", Some("2022-02"))],
    );
    check(
        WED,
        "Ukraine needed 300 tanks, 600-700 infantry fighting vehicles and a range of 300 km.",
        &[],
    );
}

#[test]
fn weekdays_follow_the_tense_of_their_clause() {
    let cases: &[Case] = &[
        (
            "He said he outlined the needs with Milley on Tuesday.",
            &[("Tuesday", Some("2023-01-17"))],
        ),
        (
            "The ministers will travel to Kyiv on Monday.",
            &[("Monday", Some("2023-01-23"))],
        ),
        (
            "They'll decide on Tuesday.",
            &[("Tuesday", Some("2023-01-24"))],
        ),
        (
            "The vote is going to happen on Friday.",
            &[("Friday", Some("2023-01-20"))],
        ),
        (
            "Chiefs are meeting in Brussels on Wednesday and Thursday.",
            &[
                ("Wednesday", Some("2023-01-18")),
                ("Thursday", Some("2023-01-19")),
            ],
        ),
        (
            "The summit was postponed until Saturday.",
            &[("Saturday", Some("2023-01-21"))],
        ),
        (
            "Officials met last Friday.",
            &[("last Friday", Some("2023-01-13"))],
        ),
        (
            "The talks resume next Tuesday.",
            &[("next Tuesday", Some("2023-01-24"))],
        ),
        (
            "He arrived on Friday afternoon.",
            &[("Friday afternoon", Some("2023-01-13TAF"))],
        ),
        (
            "The strike happened at 7:22 p.m. on Monday.",
            &[("7:22 p.m. on Monday", Some("2023-01-16T19:22"))],
        ),
    ];
    for (text, want) in cases {
        check(WED, text, want);
    }
}

#[test]
fn relative_expressions() {
    let cases: &[Case] = &[
        (
            "He spoke yesterday and will speak tomorrow.",
            &[
                ("yesterday", Some("2023-01-17")),
                ("tomorrow", Some("2023-01-19")),
            ],
        ),
        ("Shelling resumed today.", &[("today", Some("2023-01-18"))]),
        ("Sales fell last week.", &[("last week", Some("2023-W02"))]),
        (
            "Leaders gather this week.",
            &[("this week", Some("2023-W03"))],
        ),
        (
            "The vote is due next month.",
            &[("next month", Some("2023-02"))],
        ),
        (
            "Troops arrived two days ago.",
            &[("two days ago", Some("2023-01-16"))],
        ),
        (
            "The plant closed a year ago.",
            &[("a year ago", Some("2022"))],
        ),
        (
            "A CNN report earlier this year said so.",
            &[("earlier this year", Some("2023"))],
        ),
        (
            "It grew last year and will grow next year.",
            &[("last year", Some("2022")), ("next year", Some("2024"))],
        ),
        (
            "Exports fell in recent months.",
            &[("recent months", Some("PXM"))],
        ),
        (
            "They have spoken over the past year.",
            &[("the past year", Some("P1Y"))],
        ),
        (
            "The UK pledged tanks over the weekend.",
            &[("the weekend", Some("2023-W02-WE"))],
        ),
        (
            "Prices rose this month.",
            &[("this month", Some("2023-01"))],
        ),
        (
            "It happened last night.",
            &[("last night", Some("2023-01-17TNI"))],
        ),
        (
            "In December, he said Ukraine needed tanks.",
            &[("December", Some("2022-12"))],
        ),
        (
            "Fighting stalled in the last week.",
            &[("the last week", Some("2023-W02"))],
        ),
        (
            "The budget for this fiscal year is set.",
            &[("this fiscal year", Some("2023"))],
        ),
    ];
    for (text, want) in cases {
        check(WED, text, want);
    }
}

#[test]
fn absolute_dates_in_common_formats() {
    let a = Some("2023-03-01");
    let cases: &[Case] = &[
        (
            "It was signed on January 18, 2023 in Kyiv.",
            &[("January 18, 2023", Some("2023-01-18"))],
        ),
        (
            "It was signed on 18 January 2023.",
            &[("18 January 2023", Some("2023-01-18"))],
        ),
        (
            "It was signed on Wednesday, Jan. 18, 2023.",
            &[("Wednesday, Jan. 18, 2023", Some("2023-01-18"))],
        ),
        (
            "It was signed on Jan. 18.",
            &[("Jan. 18", Some("2023-01-18"))],
        ),
        (
            "Filed 2023-01-18 by the court.",
            &[("2023-01-18", Some("2023-01-18"))],
        ),
        (
            "Filed 1/18/2023 by the court.",
            &[("1/18/2023", Some("2023-01-18"))],
        ),
        (
            "It was founded on the 18th of January.",
            &[("the 18th of January", Some("2023-01-18"))],
        ),
        ("The war began in 2022.", &[("2022", Some("2022"))]),
        ("Prices fell in the 1990s.", &[("the 1990s", Some("199"))]),
        (
            "Growth returned in mid-2023.",
            &[("mid-2023", Some("2023"))],
        ),
        (
            "He took office in May 2010.",
            &[("May 2010", Some("2010-05"))],
        ),
        (
            "The pandemic of 2009-2010 was severe.",
            &[("2009", Some("2009")), ("2010", Some("2010"))],
        ),
        (
            "He climbed in 1957-58.",
            &[("1957", Some("1957")), ("58", Some("1958"))],
        ),
        (
            "It was the worst of the 20th century.",
            &[("20th century", Some("19"))],
        ),
        (
            "Fighting eased in early December.",
            &[("early December", Some("2022-12"))],
        ),
        (
            "Troops withdrew in the second half of 2022.",
            &[("the second half of 2022", Some("2022-H2"))],
        ),
        (
            "Profits rose in the third quarter of 2024.",
            &[("the third quarter of 2024", Some("2024-Q3"))],
        ),
        (
            "Results for Q3 2024 are due.",
            &[("Q3 2024", Some("2024-Q3"))],
        ),
        (
            "A new offensive is expected in the summer of 2024.",
            &[("the summer of 2024", Some("2024-SU"))],
        ),
        (
            "The flu peaked last summer.",
            &[("last summer", Some("2022-SU"))],
        ),
        (
            "The report covers the end of the year.",
            &[("the end of the year", Some("2023"))],
        ),
    ];
    for (text, want) in cases {
        check(a, text, want);
    }
}

#[test]
fn durations_sets_and_references() {
    let cases: &[Case] = &[
        (
            "Kyiv has been requesting missiles for several months.",
            &[("several months", Some("PXM"))],
        ),
        (
            "The war has lasted over 30 months.",
            &[("30 months", Some("P30M"))],
        ),
        (
            "They met for a few hours.",
            &[("a few hours", Some("PTXH"))],
        ),
        ("A four-week course starts.", &[("four-week", Some("P4W"))]),
        ("He served 90 days in jail.", &[("90 days", Some("P90D"))]),
        (
            "It will take between 12 and 18 months.",
            &[("12", Some("P12M")), ("18 months", Some("P18M"))],
        ),
        (
            "Output fell over the past two years.",
            &[("the past two years", Some("P2Y"))],
        ),
        (
            "They will decide in the next few months.",
            &[("the next few months", Some("PXM"))],
        ),
        ("The war has gone on for years.", &[("years", Some("PXY"))]),
        (
            "The figures are published quarterly.",
            &[("quarterly", Some("P3M"))],
        ),
        ("They hold an annual summit.", &[("annual", Some("P1Y"))]),
        (
            "The council meets every week.",
            &[("every week", Some("P1W"))],
        ),
        ("They meet twice a year.", &[("twice a year", Some("P1Y"))]),
        (
            "The army spends $5 billion a year.",
            &[("a year", Some("P1Y"))],
        ),
        ("Prices are high now.", &[("now", Some("PRESENT_REF"))]),
        (
            "Estonia has recently said so.",
            &[("recently", Some("PAST_REF"))],
        ),
        (
            "It happened months ago.",
            &[("months ago", Some("PAST_REF"))],
        ),
        (
            "Such weapons were used in the past.",
            &[("the past", Some("PAST_REF"))],
        ),
    ];
    for (text, want) in cases {
        check(WED, text, want);
    }
    // Types.
    let t = found("They met for a few hours every week at 8 PM.", WED);
    let kinds: Vec<TimexType> = t.iter().map(|t| t.kind).collect();
    assert_eq!(
        kinds,
        [TimexType::Duration, TimexType::Set, TimexType::Time]
    );
}

#[test]
fn things_that_are_not_time_expressions() {
    for text in [
        "The former minister met the current president.",
        "Theresa May said she would stay.",
        "He sent 2000 troops and $1500 to the front.",
        "A range of 2,400 km and 150,000 recruits.",
        "The 22-year-old son was found.",
        "Prices fall when supply rises.",
        "The fall of the city was swift.",
        "He may march on the capital.",
        "Score was 3-1 at the break, 600-700 fans left.",
        "Elizabeth Burton, 32, of 1119 Eighth St., was arrested.",
        "A driver of 1909 Jolinda Drive was stopped; the office at 2001 Pennsylvania Ave closed.",
    ] {
        check(WED, text, &[]);
    }
}

#[test]
fn a_year_before_a_name_that_is_no_street() {
    check(
        WED,
        "In 2011 St. Petersburg hosted the talks; in 2019 Dr. Ruth Main Street spoke.",
        &[("2011", Some("2011")), ("2019", Some("2019"))],
    );
}

#[test]
fn no_publication_date_leaves_relative_expressions_unresolved() {
    check(
        None,
        "He left on Tuesday and returns next week; the war began in 2022.",
        &[
            ("Tuesday", None),
            ("next week", None),
            ("2022", Some("2022")),
        ],
    );
    let t = found("He left on Tuesday.", None);
    assert!(t[0].unresolved_reason.is_some());
    assert_eq!(t[0].anchor, None);
    // A full date in the text anchors what follows it (2023-03-03 is a Friday), not what precedes.
    check(
        None,
        "On Monday officials spoke. Kyiv, March 3, 2023. Officials met on Tuesday. The next day, they left.",
        &[
            ("Monday", None),
            ("March 3, 2023", Some("2023-03-03")),
            ("Tuesday", Some("2023-02-28")),
            ("The next day", Some("2023-03-01")),
        ],
    );
}

#[test]
fn anchors_rules_and_precision_are_recorded() {
    let text = "On Tuesday, the general met his counterpart in 2022 for two days.";
    let t = found(text, WED);
    assert_eq!(t[0].anchor.as_deref(), Some("2023-01-18"));
    assert_eq!(t[0].rule, "weekday/past");
    assert_eq!(t[0].precision(), Some("day"));
    assert_eq!(t[1].anchor, None);
    assert_eq!(t[1].precision(), Some("year"));
    assert_eq!(t[2].precision(), None);
    assert_eq!(t[2].kind.as_str(), "DURATION");
    for (v, p) in [
        ("2023-W03", "week"),
        ("2022-12", "month"),
        ("2024-Q3", "quarter"),
        ("2024-SU", "season"),
        ("199", "decade"),
        ("2023-01-17T19:22", "time"),
    ] {
        assert_eq!(sitrep_time::precision_of(v), Some(p), "{v}");
    }
    assert_eq!(sitrep_time::precision_of("PAST_REF"), None);
}

fn assert_untagged(text: &str, t: &[Timex], needles: &[&str]) {
    for needle in needles {
        let at = text.find(needle).expect("needle in sample text");
        let sp = sitrep_core::Span::new(at, at + needle.len());
        assert!(
            t.iter().all(|x| !x.span.overlaps(sp)),
            "{needle} must not be tagged"
        );
    }
}

#[test]
fn sample_000_without_a_publication_date() {
    let text = sitrep_testkit::sample("000");
    let t = tag(&text, None);
    let value_of = |needle: &str| -> Option<Option<String>> {
        t.iter()
            .find(|x| x.span.slice(&text) == needle)
            .map(|x| x.value.clone())
    };
    for rel in [
        "Tuesday",
        "this week",
        "Monday",
        "December",
        "February last year",
    ] {
        assert_eq!(
            value_of(rel),
            Some(None),
            "{rel} must be found and stay unresolved"
        );
    }
    // A duration needs no anchor: TimeML's value for "the past year" is P1Y either way.
    assert_eq!(value_of("the past year"), Some(Some("P1Y".into())));
    assert_eq!(
        value_of("the second half of 2022"),
        Some(Some("2022-H2".into()))
    );
    // No timex touches the numbers of "600-700 infantry fighting vehicles" or "300 km".
    assert_untagged(&text, &t, &["600-700", "300 tanks", "500 howitzers"]);
    let text2 = sitrep_testkit::sample("002");
    assert_untagged(
        &text2,
        &tag(&text2, None),
        &["300 km", "250 km", "2,400 km"],
    );
    // With its publication date (Wednesday 2023-01-18) the same expressions resolve.
    let t = tag(&text, Some(d("2023-01-18")));
    let got: Vec<(&str, &str)> = t
        .iter()
        .filter_map(|x| Some((x.span.slice(&text), x.value.as_deref()?)))
        .collect();
    for want in [
        ("Tuesday", "2023-01-17"),
        ("this week", "2023-W03"),
        ("Monday", "2023-01-16"),
        ("December", "2022-12"),
        ("February last year", "2022-02"),
        ("Friday", "2023-01-20"),
    ] {
        assert!(got.contains(&want), "{want:?} not in {got:?}");
    }
}

#[test]
fn sample_004_is_anchored_on_the_dates_its_text_states() {
    let text = sitrep_testkit::sample("004");
    let t = tag(&text, None);
    let got: Vec<(&str, Option<&str>)> = t
        .iter()
        .map(|x| (x.span.slice(&text), x.value.as_deref()))
        .collect();
    for want in [
        ("May 17, 2024 | 7:22 p.m.", Some("2024-05-17T19:22")),
        ("Thursday", Some("2024-05-16")),
        ("Last month", Some("2024-04")),
        ("February 2022", Some("2022-02")),
    ] {
        assert!(got.contains(&want), "{want:?} not in {got:?}");
    }
}

#[test]
fn te3_style_conventions() {
    let cases: &[Case] = &[
        ("Jhung said Friday.", &[("Friday", Some("2013-03-22"))]),
        (
            "It started four years ago.",
            &[("four years ago", Some("2009"))],
        ),
        (
            "It was released last June.",
            &[("last June", Some("2012-06"))],
        ),
        (
            "The match was postponed until 15:00 GMT Saturday.",
            &[("15:00 GMT Saturday", Some("2013-03-23T15:00"))],
        ),
        ("It will be published in May.", &[("May", Some("2013-05"))]),
        (
            "The company cut jobs in October.",
            &[("October", Some("2012-10"))],
        ),
        (
            "Ties were cut at the time.",
            &[("at the time", Some("PAST_REF"))],
        ),
        (
            "It lasted the following decade.",
            &[("the following decade", Some("P10Y"))],
        ),
    ];
    for (text, want) in cases {
        check(FRI, text, want);
    }
}

/// Month names, full and abbreviated, in any case, as other crates ask for them ("September 3"
/// is a day, not three of something).
#[test]
fn month_names() {
    for w in ["September", "september", "sept", "Sep", "May", "dec"] {
        assert!(sitrep_time::is_month_name(w), "{w}");
    }
    for w in ["Monday", "spring", "semester", "mayor", ""] {
        assert!(!sitrep_time::is_month_name(w), "{w}");
    }
}
