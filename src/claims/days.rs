//! Days placed in time by the article's publication date: a weekday alone ("on Monday")
//! is the last such day on or before publication, and a day without its year ("12 May")
//! takes the year that puts it nearest to publication.

use std::sync::Arc;

use jiff::civil::Date;

use super::{Article, Claim, Text};
use crate::value::{weekday_named, Value};

/// Each claim of `claims` marked with where its document was published, and its days
/// given their full dates where the publication date allows.
pub fn place_in_time(claims: &mut [Claim], article: &Article) {
    let published = article.published.as_deref().and_then(publication_date);
    let article = Arc::new(article.clone());
    for claim in claims.iter_mut() {
        claim.article = article.clone();
        if let (Value::Date(day), Some(published)) = (&mut claim.value, published) {
            day.date = match (day.date.as_deref(), day.weekday.as_deref()) {
                (None, Some(weekday)) => last_on_or_before(published, weekday),
                (Some(date), _) => nearest_year(published, date),
                (None, None) => None,
            }
            .map(|date| Text::from(date.to_string()))
            .or(day.date.take());
        }
    }
}

/// The date a publication date or time starts with (`2024-05-12`, `2024-05-12T08:30Z`).
fn publication_date(published: &str) -> Option<Date> {
    published.get(..10)?.parse().ok()
}

/// The last day named `weekday` (a weekday id of the claim contract, `monday`...) on or
/// before `published`.
fn last_on_or_before(published: Date, weekday: &str) -> Option<Date> {
    let weekday = weekday_named(weekday)?;
    if published.weekday() == weekday {
        return Some(published);
    }
    published.nth_weekday(-1, weekday).ok()
}

/// A day without its year (`--05-12`) in the year that puts it nearest to `published`;
/// a day with its year stays as it is.
fn nearest_year(published: Date, date: &str) -> Option<Date> {
    let month_day = date.strip_prefix("--")?;
    let (month, day) = month_day.split_once('-')?;
    let (month, day): (i8, i8) = (month.parse().ok()?, day.parse().ok()?);
    let year = published.year();
    [year - 1, year, year + 1]
        .into_iter()
        .filter_map(|y| Date::new(y, month, day).ok())
        .min_by_key(|d| {
            published
                .since(*d)
                .map_or(i32::MAX, |span| span.get_days().abs())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_placed_by_the_publication_date() {
        let published: Date = "2024-12-20".parse().unwrap(); // a Friday
                                                             // (weekday, date, full date)
        let cases = [
            (Some("friday"), None, Some("2024-12-20")),
            (Some("monday"), None, Some("2024-12-16")),
            (Some("sunday"), None, Some("2024-12-15")),
            (None, Some("--12-18"), Some("2024-12-18")),
            (None, Some("--01-03"), Some("2025-01-03")),
            (None, Some("--11-30"), Some("2024-11-30")),
            (None, Some("2019-05-12"), Some("2019-05-12")),
        ];
        for (weekday, date, want) in cases {
            let got = match (date, weekday) {
                (None, Some(w)) => last_on_or_before(published, w),
                (Some(d), _) => nearest_year(published, d).or_else(|| d.parse().ok()),
                _ => None,
            };
            assert_eq!(
                got.map(|d| d.to_string()).as_deref(),
                want,
                "{weekday:?} {date:?}"
            );
        }
    }

    #[test]
    fn a_publication_time_gives_its_date_and_garbage_gives_none() {
        let cases = [
            ("2024-12-20T18:05:00+01:00", Some("2024-12-20")),
            ("2024-12-20", Some("2024-12-20")),
            ("20 December 2024", None),
            ("", None),
        ];
        for (published, want) in cases {
            let got = publication_date(published).map(|d| d.to_string());
            assert_eq!(got.as_deref(), want, "{published}");
        }
    }
}
