//! Stories in time: the claims of one key whose articles were published far apart are
//! different stories ("Amazon invests in France" in 2019 and in 2024), each its own
//! cluster with the dates it was published over. A claim of an article without a
//! publication date joins the first story holding a value it agrees with ("Thursday" and
//! 2018-03-15), else the key's largest story; a key without dated claims is one story.

use jiff::civil::Date;

use super::compare::Compared;
use super::CrossChecker;

/// How many days apart two articles may be published and still tell one story, unless a
/// run says otherwise.
pub const STORY_WINDOW_DAYS: i32 = 30;

/// One story of a key: its claims (ascending) and, when some are dated, the first and
/// last publication dates.
pub(super) struct Story {
    pub(super) members: Vec<usize>,
    pub(super) dates: Option<(Date, Date)>,
}

impl CrossChecker<'_> {
    /// The stories of the claims `members` of `claims` (`compared` as compared): dated
    /// claims ordered by publication date, a new story wherever the next is more than
    /// the checker's window of days after the story's first. A story spans at most the
    /// window: a key in the news every few weeks of a year is many stories, not one
    /// chained across the year.
    pub(super) fn stories(&self, claims: &[Compared], members: Vec<usize>) -> Vec<Story> {
        let mut dated: Vec<(Date, usize)> = Vec::new();
        let mut undated: Vec<usize> = Vec::new();
        for &m in &members {
            match claims[m].published {
                Some(date) => dated.push((date, m)),
                None => undated.push(m),
            }
        }
        if dated.is_empty() {
            return vec![Story {
                members,
                dates: None,
            }];
        }
        dated.sort_unstable();
        let mut out: Vec<Story> = Vec::new();
        for (date, m) in dated {
            match out.last_mut() {
                Some(story) if within(story, date, self.story_window) => {
                    story.members.push(m);
                    story.dates = story.dates.map(|(first, _)| (first, date));
                }
                _ => out.push(Story {
                    members: vec![m],
                    dates: Some((date, date)),
                }),
            }
        }
        let largest = (0..out.len())
            .max_by_key(|&i| (out[i].members.len(), std::cmp::Reverse(i)))
            .unwrap_or(0);
        for u in undated {
            let agrees = |story: &Story| {
                story
                    .members
                    .iter()
                    .any(|&m| self.compatible(&claims[u], &claims[m]))
            };
            let home = out.iter().position(agrees).unwrap_or(largest);
            out[home].members.push(u);
        }
        for story in &mut out {
            story.members.sort_unstable();
        }
        out
    }
}

/// Whether `date` is at most `window` days after the story's first date.
fn within(story: &Story, date: Date, window: i32) -> bool {
    story.dates.is_some_and(|(first, _)| {
        date.since(first)
            .is_ok_and(|span| span.get_days() <= window)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::{Claim, Text};
    use crate::crosscheck::test_claims::claim;

    fn dated(doc: &str, published: Option<&str>) -> Claim {
        let mut c = claim(doc, 1, "Equinix will invest €4.8 billion.");
        std::sync::Arc::make_mut(&mut c.article).published = published.map(Text::from);
        c
    }

    #[test]
    fn articles_published_far_apart_tell_different_stories() {
        let rules = crate::rules::RuleSet::bundled().unwrap();
        let fx = crate::crosscheck::FxRates::parse("fx", crate::crosscheck::BUNDLED_FX).unwrap();
        let checker = CrossChecker::new(&rules.gazetteer, fx);
        // (publication dates, stories as lists of claim positions)
        type Case<'a> = (&'a [Option<&'a str>], &'a [&'a [usize]]);
        let cases: [Case; 4] = [
            (&[None, None], &[&[0, 1]]),
            (
                &[Some("2024-05-12"), Some("2024-05-20"), None],
                &[&[0, 1, 2]],
            ),
            (
                &[
                    Some("2014-09-23"),
                    Some("2018-03-15"),
                    Some("2014-09-24"),
                    None,
                ],
                &[&[0, 2, 3], &[1]],
            ),
            (
                &[
                    Some("2024-01-01"),
                    Some("2024-01-25"),
                    Some("2024-02-20"),
                    Some("2024-03-10"),
                    Some("2024-04-01"),
                ],
                &[&[0, 1], &[2, 3], &[4]],
            ),
        ];
        for (dates, want) in cases {
            let claims: Vec<Claim> = dates
                .iter()
                .enumerate()
                .map(|(i, d)| dated(&format!("d{i}.txt"), *d))
                .collect();
            let compared = checker.prepare(&claims);
            let got: Vec<Vec<usize>> = checker
                .stories(&compared, (0..claims.len()).collect())
                .into_iter()
                .map(|s| s.members)
                .collect();
            let want: Vec<Vec<usize>> = want.iter().map(|s| s.to_vec()).collect();
            assert_eq!(got, want, "{dates:?}");
        }
    }
}
