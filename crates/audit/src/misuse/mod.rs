//! Misuse review: flags computed over the audit log for a review window (a week), against the
//! operators' own history before it. The most common real failure of these systems is an
//! insider looking people up for personal reasons; these flags point a reviewer at the
//! inquiries worth a question. A flag is not a finding: the coordinator or the Administrator
//! records a disposition for each.

mod criteria;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::AuditEntry;
pub use criteria::{fields, name_parts, subject_keys};

const HOUR: i64 = 3_600_000_000;

/// What the flags look for, and how hard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thresholds {
    /// A subject queried by this many operators …
    pub shared_subject_operators: usize,
    /// … or this many agencies …
    pub shared_subject_agencies: usize,
    /// … within this span.
    pub shared_subject_span_micros: i64,
    /// An hour with at least this many inquiries …
    pub burst_min_per_hour: u32,
    /// … and at least this many times the operator's usual rate per active hour.
    pub burst_factor: u32,
    /// Inquiries of history needed before an operator's usual hours are judged.
    pub usual_hours_min_history: u32,
    /// Local time offset from UTC, in minutes (Illinois: −360, standard time).
    pub local_offset_minutes: i64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            shared_subject_operators: 4,
            shared_subject_agencies: 3,
            shared_subject_span_micros: 24 * HOUR,
            burst_min_per_hour: 30,
            burst_factor: 5,
            usual_hours_min_history: 50,
            local_offset_minutes: -360,
        }
    }
}

/// What the directory knows about an operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperatorFacts {
    /// The name as `LAST, FIRST` or `FIRST LAST`.
    pub name: String,
    /// `ccyymmdd`, when on file.
    pub dob: Option<String>,
}

impl OperatorFacts {
    /// `(surname, first given name)`, letters only.
    fn name_parts(&self) -> (String, String) {
        if self.name.contains(',') {
            return name_parts(&self.name);
        }
        let words: Vec<&str> = self.name.split_whitespace().collect();
        let surname = words.last().copied().unwrap_or("");
        let first = if words.len() > 1 {
            words.first().copied().unwrap_or("")
        } else {
            ""
        };
        (criteria::letters(surname), criteria::letters(first))
    }
}

/// The kinds of flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FlagKind {
    /// The operator queried the own name with the own first name or date of birth.
    OwnRecord,
    /// The operator queried a person with the own surname.
    OwnSurname,
    /// Many operators or agencies queried one subject in a short time.
    SharedSubject,
    /// Far more inquiries in an hour than the operator's own usual rate.
    Burst,
    /// Inquiries at hours the operator does not usually work.
    OffHours,
    /// An inquiry whose case number has no other activity.
    CaseWithoutActivity,
}

impl FlagKind {
    pub const ALL: [FlagKind; 6] = [
        FlagKind::OwnRecord,
        FlagKind::OwnSurname,
        FlagKind::SharedSubject,
        FlagKind::Burst,
        FlagKind::OffHours,
        FlagKind::CaseWithoutActivity,
    ];

    /// The stable name.
    pub fn name(self) -> &'static str {
        match self {
            FlagKind::OwnRecord => "own_record",
            FlagKind::OwnSurname => "own_surname",
            FlagKind::SharedSubject => "shared_subject",
            FlagKind::Burst => "burst",
            FlagKind::OffHours => "off_hours",
            FlagKind::CaseWithoutActivity => "case_without_activity",
        }
    }

    /// The kind with a stable name.
    pub fn from_name(name: &str) -> Option<FlagKind> {
        FlagKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// What a reviewer decided about a flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Decision {
    /// The inquiries had a lawful purpose.
    Justified,
    /// Sent on for investigation (internal affairs, the Department).
    Referred,
    /// A violation of the rules was found.
    Violation,
}

impl Decision {
    pub const ALL: [Decision; 3] = [Decision::Justified, Decision::Referred, Decision::Violation];

    /// The stable name.
    pub fn name(self) -> &'static str {
        match self {
            Decision::Justified => "justified",
            Decision::Referred => "referred",
            Decision::Violation => "violation",
        }
    }

    /// The decision with a stable name (any case).
    pub fn from_name(name: &str) -> Option<Decision> {
        Decision::ALL
            .into_iter()
            .find(|d| d.name().eq_ignore_ascii_case(name.trim()))
    }
}

/// One flag: an operator's inquiries worth a reviewer's question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    pub kind: FlagKind,
    pub operator: String,
    pub ori: String,
    /// When the first flagged inquiry was made.
    pub at_micros: i64,
    /// The audit entries concerned (at most [`MAX_FLAG_ENTRIES`]).
    pub seqs: Vec<u64>,
    pub detail: String,
}

/// The last complete local week (Monday 00:00 to Monday 00:00) before `now_micros`, as UTC
/// microseconds `[start, end)`.
pub fn last_complete_week(now_micros: i64, local_offset_minutes: i64) -> (i64, i64) {
    let day = 24 * HOUR;
    let offset = local_offset_minutes * 60_000_000;
    let local_day = (now_micros + offset).div_euclid(day);
    // Day 0 (1970-01-01) was a Thursday: Monday-based weekday 3.
    let this_monday = local_day - (local_day + 3).rem_euclid(7);
    let start = (this_monday - 7) * day - offset;
    (start, start + 7 * day)
}

/// The most entries one flag lists.
pub const MAX_FLAG_ENTRIES: usize = 200;

/// An inquiry of the review window.
#[derive(Debug, Clone)]
struct Inquiry {
    seq: u64,
    at: i64,
    operator: String,
    ori: String,
    case: Option<String>,
    detail: String,
}

/// An operator's history before the window.
#[derive(Debug, Clone, Default)]
struct History {
    inquiries: u32,
    by_local_hour: [u32; 24],
    active_hours: BTreeSet<i64>,
}

fn is_inquiry(entry: &AuditEntry) -> bool {
    entry.event == "transaction"
        && entry.outcome == "accepted"
        && entry.key.as_deref().is_some_and(|k| k.starts_with('Q'))
}

/// The review of one window: feed it the window's entries, the history before it and the
/// entries after it, then [`Review::flags`].
#[derive(Debug)]
pub struct Review {
    thresholds: Thresholds,
    operators: HashMap<String, OperatorFacts>,
    window: Vec<Inquiry>,
    history: HashMap<String, History>,
    /// How many audited transactions carried each `(agency, case number)`.
    case_activity: HashMap<(String, String), u32>,
}

impl Review {
    pub fn new(thresholds: Thresholds, operators: HashMap<String, OperatorFacts>) -> Review {
        Review {
            thresholds,
            operators,
            window: Vec::new(),
            history: HashMap::new(),
            case_activity: HashMap::new(),
        }
    }

    fn local_hour(&self, at: i64) -> usize {
        let local = at.div_euclid(60_000_000) + self.thresholds.local_offset_minutes;
        usize::try_from(local.div_euclid(60).rem_euclid(24)).unwrap_or(0)
    }

    fn count_case(&mut self, entry: &AuditEntry) {
        if let (Some(ori), Some(case)) = (&entry.ori, &entry.case_number)
            && entry.outcome == "accepted"
        {
            *self
                .case_activity
                .entry((ori.clone(), case.clone()))
                .or_default() += 1;
        }
    }

    /// An entry from before the window: the operators' usual rate and hours, and case activity.
    pub fn add_history(&mut self, entry: &AuditEntry) {
        self.count_case(entry);
        if !is_inquiry(entry) {
            return;
        }
        let Some(operator) = &entry.operator else {
            return;
        };
        let hour = self.local_hour(entry.at_micros);
        let history = self.history.entry(operator.clone()).or_default();
        history.inquiries += 1;
        if let Some(slot) = history.by_local_hour.get_mut(hour) {
            *slot += 1;
        }
        history
            .active_hours
            .insert(entry.at_micros.div_euclid(HOUR));
    }

    /// An entry of the window itself.
    pub fn add_window(&mut self, seq: u64, entry: &AuditEntry) {
        self.count_case(entry);
        if !is_inquiry(entry) {
            return;
        }
        if let (Some(operator), Some(ori)) = (&entry.operator, &entry.ori) {
            self.window.push(Inquiry {
                seq,
                at: entry.at_micros,
                operator: operator.clone(),
                ori: ori.clone(),
                case: entry.case_number.clone(),
                detail: entry.detail.clone(),
            });
        }
    }

    /// An entry from after the window (until the review): later activity on a case counts.
    pub fn add_later(&mut self, entry: &AuditEntry) {
        self.count_case(entry);
    }

    /// Every flag of the window, by kind, operator and time.
    pub fn flags(&self) -> Vec<Flag> {
        let mut flags = Vec::new();
        self.own_names(&mut flags);
        self.shared_subjects(&mut flags);
        self.bursts(&mut flags);
        self.off_hours(&mut flags);
        self.cases_without_activity(&mut flags);
        flags.sort_by(|a, b| {
            (a.kind, &a.operator, a.at_micros, &a.detail).cmp(&(
                b.kind,
                &b.operator,
                b.at_micros,
                &b.detail,
            ))
        });
        flags
    }

    fn own_names(&self, flags: &mut Vec<Flag>) {
        for inquiry in &self.window {
            let Some(facts) = self.operators.get(&inquiry.operator) else {
                continue;
            };
            let (surname, first) = facts.name_parts();
            let fields = fields(&inquiry.detail);
            let Some((_, nam)) = fields.iter().find(|(tag, _)| *tag == "NAM") else {
                continue;
            };
            let (asked_surname, asked_first) = name_parts(nam);
            if surname.is_empty() || asked_surname != surname {
                continue;
            }
            let dob = fields
                .iter()
                .find(|(tag, _)| *tag == "DOB")
                .map(|(_, v)| *v);
            let same_first = !first.is_empty() && asked_first == first;
            let same_dob = dob.is_some() && dob == facts.dob.as_deref();
            let (kind, why) = if same_first || same_dob {
                let what = match (same_first, same_dob) {
                    (true, true) => "OWN NAME AND DATE OF BIRTH",
                    (true, false) => "OWN NAME",
                    _ => "OWN SURNAME AND DATE OF BIRTH",
                };
                (FlagKind::OwnRecord, what)
            } else {
                (FlagKind::OwnSurname, "A PERSON WITH THE OWN SURNAME")
            };
            flags.push(flag(
                kind,
                inquiry,
                vec![inquiry.seq],
                format!("QUERIED {why}: {}", inquiry.detail),
            ));
        }
    }

    fn shared_subjects(&self, flags: &mut Vec<Flag>) {
        let mut by_subject: BTreeMap<String, Vec<&Inquiry>> = BTreeMap::new();
        for inquiry in &self.window {
            for key in subject_keys(&inquiry.detail) {
                by_subject.entry(key).or_default().push(inquiry);
            }
        }
        let t = &self.thresholds;
        for (subject, inquiries) in by_subject {
            // The busiest span of the allowed length, sliding over the inquiries in time order.
            let mut best: &[&Inquiry] = &[];
            let mut start = 0;
            for end in 0..inquiries.len() {
                while inquiries.get(end).map(|i| i.at).unwrap_or_default()
                    - inquiries.get(start).map(|i| i.at).unwrap_or_default()
                    > t.shared_subject_span_micros
                {
                    start += 1;
                }
                let span = inquiries.get(start..=end).unwrap_or_default();
                let operators: BTreeSet<&str> = span.iter().map(|i| i.operator.as_str()).collect();
                let best_operators: BTreeSet<&str> =
                    best.iter().map(|i| i.operator.as_str()).collect();
                if operators.len() > best_operators.len() {
                    best = span;
                }
            }
            let operators: BTreeSet<&str> = best.iter().map(|i| i.operator.as_str()).collect();
            let agencies: BTreeSet<&str> = best.iter().map(|i| i.ori.as_str()).collect();
            if operators.len() < t.shared_subject_operators
                && agencies.len() < t.shared_subject_agencies
            {
                continue;
            }
            let hours = t.shared_subject_span_micros / HOUR;
            for operator in &operators {
                let own: Vec<&&Inquiry> = best.iter().filter(|i| i.operator == *operator).collect();
                if let Some(first) = own.first() {
                    flags.push(flag(
                        FlagKind::SharedSubject,
                        first,
                        own.iter().map(|i| i.seq).collect(),
                        format!(
                            "{subject} QUERIED BY {} OPERATORS OF {} AGENCIES WITHIN {hours} HOURS",
                            operators.len(),
                            agencies.len()
                        ),
                    ));
                }
            }
        }
    }

    fn bursts(&self, flags: &mut Vec<Flag>) {
        let mut by_hour: BTreeMap<(&str, i64), Vec<&Inquiry>> = BTreeMap::new();
        for inquiry in &self.window {
            by_hour
                .entry((inquiry.operator.as_str(), inquiry.at.div_euclid(HOUR)))
                .or_default()
                .push(inquiry);
        }
        let t = &self.thresholds;
        for ((operator, _), inquiries) in by_hour {
            let usual = self.history.get(operator).map_or(0, |h| {
                let hours = u32::try_from(h.active_hours.len())
                    .unwrap_or(u32::MAX)
                    .max(1);
                h.inquiries.div_ceil(hours)
            });
            let threshold = t
                .burst_min_per_hour
                .max(t.burst_factor.saturating_mul(usual));
            let count = u32::try_from(inquiries.len()).unwrap_or(u32::MAX);
            if count < threshold {
                continue;
            }
            if let Some(first) = inquiries.first() {
                flags.push(flag(
                    FlagKind::Burst,
                    first,
                    inquiries.iter().map(|i| i.seq).collect(),
                    format!("{count} INQUIRIES IN ONE HOUR; USUAL RATE {usual} PER ACTIVE HOUR"),
                ));
            }
        }
    }

    fn off_hours(&self, flags: &mut Vec<Flag>) {
        let t = &self.thresholds;
        let mut by_day: BTreeMap<(&str, i64), Vec<&Inquiry>> = BTreeMap::new();
        for inquiry in &self.window {
            let Some(history) = self.history.get(&inquiry.operator) else {
                continue;
            };
            if history.inquiries < t.usual_hours_min_history {
                continue;
            }
            let hour = self.local_hour(inquiry.at);
            // An hour next to a worked hour still counts as usual (shifts drift).
            let usual = [23, 0, 1].iter().any(|d| {
                history
                    .by_local_hour
                    .get((hour + d) % 24)
                    .is_some_and(|n| *n > 0)
            });
            if !usual {
                let local_day =
                    (inquiry.at + t.local_offset_minutes * 60_000_000).div_euclid(24 * HOUR);
                by_day
                    .entry((inquiry.operator.as_str(), local_day))
                    .or_default()
                    .push(inquiry);
            }
        }
        for ((operator, _), inquiries) in by_day {
            let worked: Vec<String> = self
                .history
                .get(operator)
                .map(|h| {
                    (0..24)
                        .filter(|h2| h.by_local_hour.get(*h2).is_some_and(|n| *n > 0))
                        .map(|h2| format!("{h2:02}"))
                        .collect()
                })
                .unwrap_or_default();
            if let Some(first) = inquiries.first() {
                let hours: BTreeSet<String> = inquiries
                    .iter()
                    .map(|i| format!("{:02}", self.local_hour(i.at)))
                    .collect();
                flags.push(flag(
                    FlagKind::OffHours,
                    first,
                    inquiries.iter().map(|i| i.seq).collect(),
                    format!(
                        "{} INQUIRIES AT LOCAL HOUR {}; USUAL HOURS {}",
                        inquiries.len(),
                        hours.into_iter().collect::<Vec<_>>().join(","),
                        worked.join(",")
                    ),
                ));
            }
        }
    }

    fn cases_without_activity(&self, flags: &mut Vec<Flag>) {
        for inquiry in &self.window {
            let Some(case) = &inquiry.case else {
                continue;
            };
            let activity = self
                .case_activity
                .get(&(inquiry.ori.clone(), case.clone()))
                .copied()
                .unwrap_or(0);
            if activity <= 1 {
                flags.push(flag(
                    FlagKind::CaseWithoutActivity,
                    inquiry,
                    vec![inquiry.seq],
                    format!("CASE {case} HAS NO OTHER ACTIVITY: {}", inquiry.detail),
                ));
            }
        }
    }
}

fn flag(kind: FlagKind, first: &Inquiry, mut seqs: Vec<u64>, detail: String) -> Flag {
    seqs.truncate(MAX_FLAG_ENTRIES);
    Flag {
        kind,
        operator: first.operator.clone(),
        ori: first.ori.clone(),
        at_micros: first.at,
        seqs,
        detail,
    }
}

#[cfg(test)]
mod tests;
