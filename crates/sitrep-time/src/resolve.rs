//! Resolution: a match's meaning ([`Sem`]) + an anchor date + a tense direction -> a TIMEX3 value.
//!
//! Policy:
//! - The **anchor** is the publication date (document creation time). Without one, the latest
//!   full date (year, month and day all written out) that the text gives before the expression
//!   is used; without that, anything relative stays unresolved (no value, with a reason). Nothing
//!   is ever invented.
//! - **Anaphoric** days (`the next day`, `that day`) and bare clock times count from the last
//!   day-precision date mentioned, else from the anchor.
//! - **Direction.** Underspecified expressions (a bare weekday, a month without a year, a
//!   month-day, a season or quarter without a year, `the weekend`) are placed by the tense of
//!   their clause ([`crate::tense`]): past -> the latest occurrence on or before the anchor;
//!   future -> the earliest on or after it; present or unknown -> the nearest one (ties go to
//!   the past). `last X` is the latest strictly before, `next X` the earliest strictly after,
//!   `this X` the one in the anchor's week/year.

use crate::grammar::{Part, Rel, Sem, YearRef};
use crate::lexicon::{Unit, SEASONS};
use chrono::{Datelike, Duration, NaiveDate};

/// The tense direction of a clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dir {
    Past,
    Future,
    Nearest,
}

/// Why a value could not be given.
pub(crate) const NO_ANCHOR: &str =
    "relative expression without a publication date or an earlier full date in the text";
pub(crate) const OUT_OF_RANGE: &str = "resolves outside years 0001-9999";

/// The outcome of resolving one expression.
pub(crate) struct Resolved {
    pub value: String,
    /// Whether the anchor (or reference day) was used.
    pub anchored: bool,
    /// The day it denotes, when it has day precision.
    pub day: Option<NaiveDate>,
}

/// Whether the meaning needs the tense of its clause.
pub(crate) fn needs_tense(s: &Sem) -> bool {
    match s {
        Sem::MonthDay(..) => true,
        Sem::Month(_, r) | Sem::Weekday(_, r) | Sem::Weekend(r) => *r == Rel::None,
        Sem::YearPart(YearRef::Cyclic(Rel::None), _) | Sem::EdgeYear(_) => true,
        Sem::Time(Some(d), _) => needs_tense(d),
        _ => false,
    }
}

/// The explicit full date a meaning states, if any (it may anchor later expressions).
pub(crate) fn explicit_date(s: &Sem) -> Option<NaiveDate> {
    match s {
        Sem::FullDate(y, m, d) => NaiveDate::from_ymd_opt(*y, *m, *d),
        Sem::Time(Some(d), _) => explicit_date(d),
        _ => None,
    }
}

fn ymd(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn check_year(y: i64) -> Result<i32, &'static str> {
    if (1..=9999).contains(&y) {
        Ok(y as i32)
    } else {
        Err(OUT_OF_RANGE)
    }
}

/// Of three candidates (the previous, same and next cycle), the one the relation and tense pick.
fn pick(c: [i64; 3], a: i64, rel: Rel, dir: Dir) -> i64 {
    match rel {
        Rel::This => c[1],
        Rel::Last => c.iter().rev().copied().find(|&x| x < a).unwrap_or(c[0]),
        Rel::Next => c.iter().copied().find(|&x| x > a).unwrap_or(c[2]),
        Rel::None => match dir {
            Dir::Past => c.iter().rev().copied().find(|&x| x <= a).unwrap_or(c[0]),
            Dir::Future => c.iter().copied().find(|&x| x >= a).unwrap_or(c[2]),
            Dir::Nearest => {
                let mut best = c[0];
                for &x in &c {
                    let (dx, db) = ((x - a).abs(), (best - a).abs());
                    if dx < db || (dx == db && x < best) {
                        best = x;
                    }
                }
                best
            }
        },
    }
}

fn add_days(a: NaiveDate, k: i64) -> Result<NaiveDate, &'static str> {
    if k.abs() > 3_000_000 {
        return Err(OUT_OF_RANGE);
    }
    a.checked_add_signed(Duration::days(k)).ok_or(OUT_OF_RANGE)
}

fn day_result(d: NaiveDate) -> Resolved {
    Resolved {
        value: ymd(d),
        anchored: true,
        day: Some(d),
    }
}

/// The position of a date in the season cycle, winter first (so December belongs to the next
/// year's winter): (effective year, position 0..4).
fn season_pos(a: NaiveDate) -> (i64, i64) {
    let y = i64::from(a.year());
    match a.month() {
        12 => (y + 1, 0),
        1 | 2 => (y, 0),
        3..=5 => (y, 1),
        6..=8 => (y, 2),
        _ => (y, 3),
    }
}

/// The TIMEX3 suffix of a part of a year: `Q3`, `H2`, `SU`, `02`.
fn part_code(p: Part) -> String {
    match p {
        Part::Quarter(q) => format!("Q{q}"),
        Part::Half(h) => format!("H{h}"),
        Part::Season(s) => SEASONS[usize::from(s.clamp(1, 4) - 1)].to_string(),
        Part::Month(m) => format!("{m:02}"),
    }
}

/// Resolve `sem`. `anchor` is the publication date (or the text's own latest full date);
/// `refday` the last day-precision date mentioned.
pub(crate) fn resolve(
    sem: &Sem,
    anchor: Option<NaiveDate>,
    refday: Option<NaiveDate>,
    dir: Dir,
) -> Result<Resolved, &'static str> {
    let fixed = |v: String| {
        Ok(Resolved {
            value: v,
            anchored: false,
            day: None,
        })
    };
    match sem {
        Sem::Value(v) => return fixed(v.clone()),
        Sem::FullDate(y, m, d) => {
            let d = NaiveDate::from_ymd_opt(*y, *m, *d).ok_or(OUT_OF_RANGE)?;
            return Ok(Resolved {
                value: ymd(d),
                anchored: false,
                day: Some(d),
            });
        }
        Sem::Time(date, tod) => {
            let base = match date {
                Some(d) => resolve(d, anchor, refday, dir)?,
                None => day_result(refday.or(anchor).ok_or(NO_ANCHOR)?),
            };
            return Ok(Resolved {
                value: format!("{}{}", base.value, tod),
                anchored: base.anchored,
                day: base.day,
            });
        }
        Sem::YearPart(YearRef::Abs(y), part) => {
            return fixed(format!(
                "{:04}-{}",
                check_year(i64::from(*y))?,
                part_code(*part)
            ));
        }
        _ => {}
    }
    let a = anchor.ok_or(NO_ANCHOR)?;
    let ay = i64::from(a.year());
    match sem {
        // Handled above, without an anchor.
        Sem::Value(_) | Sem::FullDate(..) | Sem::Time(..) => resolve(sem, None, refday, dir),
        Sem::MonthDay(m, d) => {
            let mut c = Vec::with_capacity(3);
            for y in [ay - 1, ay, ay + 1] {
                if let Some(x) = NaiveDate::from_ymd_opt(check_year(y)?, *m, *d) {
                    c.push(i64::from(x.num_days_from_ce()));
                }
            }
            if c.is_empty() {
                return Err(OUT_OF_RANGE);
            }
            while c.len() < 3 {
                // Feb 29: repeat the nearest leap candidate so `pick` sees three.
                let last = c[c.len() - 1];
                c.push(last);
            }
            let t = pick(
                [c[0], c[1], c[2]],
                i64::from(a.num_days_from_ce()),
                Rel::None,
                dir,
            );
            let d = NaiveDate::from_num_days_from_ce_opt(t as i32).ok_or(OUT_OF_RANGE)?;
            Ok(day_result(d))
        }
        Sem::Month(m, rel) => {
            let av = ay * 12 + i64::from(a.month0());
            let t0 = ay * 12 + i64::from(*m) - 1;
            let t = pick([t0 - 12, t0, t0 + 12], av, *rel, dir);
            let y = check_year(t.div_euclid(12))?;
            Ok(Resolved {
                value: format!("{:04}-{:02}", y, t.rem_euclid(12) + 1),
                anchored: true,
                day: None,
            })
        }
        Sem::Weekday(d, rel) => {
            let av = i64::from(a.num_days_from_ce());
            let adow = i64::from(a.weekday().number_from_monday());
            let t0 = av - (adow - i64::from(*d));
            let t = pick([t0 - 7, t0, t0 + 7], av, *rel, dir);
            Ok(day_result(add_days(a, t - av)?))
        }
        Sem::DayOffset(k) => Ok(day_result(add_days(a, *k)?)),
        Sem::AnaDay(k) => Ok(day_result(add_days(refday.unwrap_or(a), *k)?)),
        Sem::UnitOffset(u, k) => {
            let k = *k;
            let value = match u {
                Unit::Day => return Ok(day_result(add_days(a, k)?)),
                Unit::Week | Unit::Fortnight => week(add_days(a, 7 * k)?),
                Unit::Month => {
                    let t = ay * 12 + i64::from(a.month0()) + k;
                    format!(
                        "{:04}-{:02}",
                        check_year(t.div_euclid(12))?,
                        t.rem_euclid(12) + 1
                    )
                }
                Unit::Quarter => {
                    let t = ay * 4 + i64::from(a.month0() / 3) + k;
                    format!(
                        "{:04}-Q{}",
                        check_year(t.div_euclid(4))?,
                        t.rem_euclid(4) + 1
                    )
                }
                Unit::Year => format!("{:04}", check_year(ay + k)?),
                Unit::Decade => format!("{:03}", check_year((ay / 10 + k) * 10)? / 10),
                Unit::Century => format!("{:02}", check_year((ay / 100 + k) * 100 + 1)? / 100),
                Unit::Second | Unit::Minute | Unit::Hour => "PRESENT_REF".to_string(),
            };
            Ok(Resolved {
                value,
                anchored: true,
                day: None,
            })
        }
        Sem::YearPart(yr, part) => {
            // (cycle length, anchor's year, anchor's position, target position)
            let (period, ey, apos, p): (i64, i64, i64, i64) = match part {
                Part::Quarter(q) => (4, ay, i64::from(a.month0() / 3), i64::from(*q) - 1),
                Part::Half(h) => (2, ay, i64::from(a.month0() / 6), i64::from(*h) - 1),
                Part::Month(m) => (12, ay, i64::from(a.month0()), i64::from(*m) - 1),
                Part::Season(s) => {
                    let (ey, apos) = season_pos(a);
                    (4, ey, apos, i64::from(*s % 4))
                }
            };
            let y = match yr {
                YearRef::Abs(y) => i64::from(*y),
                YearRef::Offset(k) => ay + k,
                YearRef::Cyclic(rel) => {
                    let t0 = ey * period + p;
                    let t = pick(
                        [t0 - period, t0, t0 + period],
                        ey * period + apos,
                        *rel,
                        dir,
                    );
                    t.div_euclid(period)
                }
            };
            Ok(Resolved {
                value: format!("{:04}-{}", check_year(y)?, part_code(*part)),
                anchored: true,
                day: None,
            })
        }
        Sem::EdgeYear(end) => {
            let y = match (end, dir) {
                (true, Dir::Past) if a.month() <= 6 => ay - 1,
                (false, Dir::Future) if a.month() >= 7 => ay + 1,
                _ => ay,
            };
            Ok(Resolved {
                value: format!("{:04}", check_year(y)?),
                anchored: true,
                day: None,
            })
        }
        Sem::Weekend(rel) => {
            let dow = a.weekday().number_from_monday();
            let shift = match rel {
                Rel::This => 0,
                Rel::Last => -7,
                Rel::Next => 7,
                Rel::None => match dir {
                    Dir::Past => {
                        if dow >= 6 {
                            0
                        } else {
                            -7
                        }
                    }
                    Dir::Future => 0,
                    Dir::Nearest => {
                        if dow <= 2 {
                            -7
                        } else {
                            0
                        }
                    }
                },
            };
            Ok(Resolved {
                value: format!("{}-WE", week(add_days(a, shift)?)),
                anchored: true,
                day: None,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn v(sem: Sem, a: &str, dir: Dir) -> String {
        resolve(&sem, Some(d(a)), None, dir).unwrap().value
    }

    #[test]
    fn weekdays_follow_tense() {
        // 2023-01-18 is a Wednesday.
        assert_eq!(
            v(Sem::Weekday(2, Rel::None), "2023-01-18", Dir::Past),
            "2023-01-17"
        );
        assert_eq!(
            v(Sem::Weekday(4, Rel::None), "2023-01-18", Dir::Future),
            "2023-01-19"
        );
        assert_eq!(
            v(Sem::Weekday(4, Rel::None), "2023-01-18", Dir::Past),
            "2023-01-12"
        );
        assert_eq!(
            v(Sem::Weekday(3, Rel::None), "2023-01-18", Dir::Past),
            "2023-01-18"
        );
        assert_eq!(
            v(Sem::Weekday(1, Rel::None), "2023-01-18", Dir::Nearest),
            "2023-01-16"
        );
        assert_eq!(
            v(Sem::Weekday(2, Rel::Last), "2023-01-18", Dir::Future),
            "2023-01-17"
        );
        assert_eq!(
            v(Sem::Weekday(3, Rel::Next), "2023-01-18", Dir::Past),
            "2023-01-25"
        );
    }

    #[test]
    fn months_seasons_quarters() {
        assert_eq!(
            v(Sem::Month(10, Rel::None), "2013-03-22", Dir::Past),
            "2012-10"
        );
        assert_eq!(
            v(Sem::Month(6, Rel::None), "2013-03-22", Dir::Future),
            "2013-06"
        );
        assert_eq!(
            v(Sem::Month(6, Rel::Last), "2013-03-22", Dir::Nearest),
            "2012-06"
        );
        assert_eq!(
            v(
                Sem::YearPart(YearRef::Cyclic(Rel::Last), Part::Season(2)),
                "2013-03-22",
                Dir::Nearest
            ),
            "2012-SU"
        );
        assert_eq!(
            v(
                Sem::YearPart(YearRef::Abs(2024), Part::Quarter(3)),
                "2013-03-22",
                Dir::Nearest
            ),
            "2024-Q3"
        );
        assert_eq!(
            v(Sem::UnitOffset(Unit::Week, -1), "2013-03-22", Dir::Nearest),
            "2013-W11"
        );
        assert_eq!(
            v(Sem::UnitOffset(Unit::Decade, 0), "2013-03-22", Dir::Nearest),
            "201"
        );
        assert_eq!(
            v(Sem::MonthDay(9, 26), "2024-09-19", Dir::Nearest),
            "2024-09-26"
        );
        assert_eq!(
            v(Sem::MonthDay(9, 26), "2024-09-19", Dir::Past),
            "2023-09-26"
        );
    }

    #[test]
    fn no_anchor_no_value() {
        assert!(resolve(&Sem::Weekday(2, Rel::None), None, None, Dir::Past).is_err());
        assert_eq!(
            resolve(&Sem::Value("P2D".into()), None, None, Dir::Past)
                .unwrap()
                .value,
            "P2D"
        );
    }
}
