#![doc = include_str!("../README.md")]

mod pools;

use std::collections::HashSet;

use leads_domain::FieldSet;
use leads_domain::fields::{FieldCode, ParseContext, vin_check_digit};
use leads_domain::files::{FileKind, lookup_key};
use leads_domain::search::duplicate_keys;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use time::{Date, Duration};

use pools::*;

/// The share of each file in a demo load, in percent.
pub const DEMO_MIX: &[(FileKind, u32)] = &[
    (FileKind::Wanted, 40),
    (FileKind::Missing, 8),
    (FileKind::Vehicle, 20),
    (FileKind::Plate, 10),
    (FileKind::Gun, 8),
    (FileKind::Article, 7),
    (FileKind::SexOffender, 5),
    (FileKind::Voay, 2),
];

/// A reproducible generator of valid entry messages.
#[derive(Debug)]
pub struct Generator {
    rng: ChaCha8Rng,
    today: Date,
    serial: u64,
    taken: HashSet<String>,
}

fn pick<'a>(rng: &mut ChaCha8Rng, pool: &[&'a str]) -> &'a str {
    pool.choose(rng).copied().unwrap_or_default()
}

fn ymd(date: Date) -> String {
    format!(
        "{:04}{:02}{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

impl Generator {
    /// A generator for messages sent on `today`, seeded with `seed`.
    pub fn new(seed: u64, today: Date) -> Generator {
        Generator {
            rng: ChaCha8Rng::seed_from_u64(seed),
            today,
            serial: 0,
            taken: HashSet::new(),
        }
    }

    fn days_ago(&mut self, min: i64, max: i64) -> Date {
        let days = self.rng.random_range(min..=max);
        self.today
            .checked_sub(Duration::days(days))
            .unwrap_or(self.today)
    }

    fn birth_date(&mut self, min_age: i64, max_age: i64) -> Date {
        self.days_ago(min_age * 365, max_age * 365)
    }

    fn person(&mut self, min_age: i64, max_age: i64, cautions: bool) -> String {
        let female = self.rng.random_bool(0.3);
        let first = pick(&mut self.rng, if female { FEMALE } else { MALE });
        let surname = pick(&mut self.rng, SURNAMES);
        let middle = if self.rng.random_bool(0.6) {
            format!(" {}", pick(&mut self.rng, MIDDLE_INITIALS))
        } else {
            String::new()
        };
        let dob = self.birth_date(min_age, max_age);
        let (feet, inches) = if female {
            (self.rng.random_range(4..=5), self.rng.random_range(0..=11))
        } else {
            (self.rng.random_range(5..=6), self.rng.random_range(0..=11))
        };
        let weight: u16 = self
            .rng
            .random_range(if female { 100..=220 } else { 130..=300 });
        let mut text = format!(
            "NAM/{surname}, {first}{middle}.SEX/{}.RAC/{}.DOB/{}.HGT/{feet}{inches:02}.WGT/{weight:03}.EYE/{}.HAI/{}",
            if female { "F" } else { "M" },
            pick(&mut self.rng, RACES),
            ymd(dob),
            pick(&mut self.rng, EYES),
            pick(&mut self.rng, HAIR),
        );
        if self.rng.random_bool(0.5) {
            // Unique by construction: area 100–599, group and serial from the running serial.
            let n = self.serial;
            text.push_str(&format!(
                ".SOC/{:03}{:02}{:04}",
                100 + (n / 990_000) % 500,
                1 + (n / 9_999) % 99,
                1 + n % 9_999
            ));
        }
        if self.rng.random_bool(0.3) {
            text.push_str(&format!(
                ".OLN/{}{:011}.OLS/IL",
                &surname[..1],
                self.rng.random_range(0..100_000_000_000u64)
            ));
        }
        if cautions && self.rng.random_bool(0.12) {
            text.push_str(&format!(".CMC/{}", pick(&mut self.rng, CAUTIONS)));
        }
        text
    }

    fn support(&mut self, document: &str, received: Date) -> String {
        format!(
            ".SDC/{document}.SDN/D{:07}.DRI/{}",
            self.serial,
            ymd(received)
        )
    }

    fn vin(&mut self) -> String {
        let mut bytes: Vec<u8> = (0..17)
            .map(|_| *VIN_CHARS.choose(&mut self.rng).unwrap_or(&b'1'))
            .collect();
        if let Some(slot) = bytes.get_mut(8) {
            *slot = b'0';
        }
        let check = vin_check_digit(&bytes).unwrap_or(b'0');
        if let Some(slot) = bytes.get_mut(8) {
            *slot = check;
        }
        String::from_utf8(bytes).unwrap_or_default()
    }

    fn plate(&mut self) -> String {
        let letters: String = (0..3)
            .map(|_| char::from(self.rng.random_range(b'A'..=b'Z')))
            .collect();
        format!("{letters}{:04}", self.rng.random_range(0..10_000))
    }

    fn body(&mut self, file: FileKind) -> (String, String) {
        let oca = format!("OCA/{}-{:07}", self.today.year(), self.serial);
        let received = self.days_ago(0, 700);
        match file {
            FileKind::Wanted => {
                let warrant = received
                    .checked_sub(Duration::days(self.rng.random_range(0..=5)))
                    .unwrap_or(received);
                let person = self.person(18, 75, true);
                let offense = pick(&mut self.rng, OFFENSES);
                let support = self.support("WAR", received);
                (
                    "EW".into(),
                    format!("{person}.OFF/{offense}.DOW/{}.{oca}{support}", ymd(warrant)),
                )
            }
            FileKind::Missing => {
                let person = self.person(1, 90, true);
                let kind = pick(&mut self.rng, &["EMD", "EME", "EMI", "EMO"]);
                let category = pick(&mut self.rng, &["MP", "MP", "CA", "AA"]);
                let support = self.support("INV", received);
                (
                    kind.into(),
                    format!(
                        "{person}.MNP/{category}.DLC/{}.{oca}{support}",
                        ymd(received)
                    ),
                )
            }
            FileKind::Vehicle => {
                let vin = self.vin();
                let year = self.rng.random_range(1995..=self.today.year());
                let make = pick(&mut self.rng, MAKES);
                let color = pick(&mut self.rng, COLORS);
                let plate = self.plate();
                let state = pick(&mut self.rng, STATES);
                let support = self.support("CMP", received);
                (
                    "EV".into(),
                    format!(
                        "VIN/{vin}.VYR/{year}.VMA/{make}.VCO/{color}.DOT/{}.LIC/{plate}.LIS/{state}.{oca}{support}",
                        ymd(received)
                    ),
                )
            }
            FileKind::Plate => {
                let plate = self.plate();
                let state = pick(&mut self.rng, STATES);
                let expires = self.today.year() + self.rng.random_range(0..=2);
                let kind = pick(&mut self.rng, PLATE_TYPES);
                let support = self.support("CMP", received);
                (
                    "EL".into(),
                    format!(
                        "LIC/{plate}.LIS/{state}.LIY/{expires}.LIT/{kind}.DOT/{}.{oca}{support}",
                        ymd(received)
                    ),
                )
            }
            FileKind::Gun => {
                let serial: String = (0..8)
                    .map(|_| char::from(*VIN_CHARS.choose(&mut self.rng).unwrap_or(&b'1')))
                    .collect();
                let make = pick(&mut self.rng, GUN_MAKES);
                let caliber = pick(&mut self.rng, CALIBERS);
                let kind = pick(&mut self.rng, GUN_TYPES);
                let support = self.support("CMP", received);
                (
                    "EG".into(),
                    format!(
                        "SER/{serial}.MAK/{make}.CAL/{caliber}.TYP/{kind}.DOT/{}.{oca}{support}",
                        ymd(received)
                    ),
                )
            }
            FileKind::Article => {
                let (kind, brands) = ARTICLES
                    .choose(&mut self.rng)
                    .copied()
                    .unwrap_or(("TOOLS", &["DEWALT"]));
                let brand = pick(&mut self.rng, brands);
                let serial = format!("SN{:09}", self.rng.random_range(0..1_000_000_000u64));
                let support = self.support("CMP", received);
                (
                    "EA".into(),
                    format!(
                        "TYP/{kind}.SER/{serial}.BRA/{brand}.DOT/{}.{oca}{support}",
                        ymd(received)
                    ),
                )
            }
            FileKind::SexOffender | FileKind::Voay => {
                let person = self.person(20, 80, true);
                let offense = if file == FileKind::Voay {
                    "0911"
                } else {
                    pick(&mut self.rng, &["1101", "1102", "1103", "1199"])
                };
                let address = format!(
                    "{} {} {} IL",
                    self.rng.random_range(1..9999),
                    pick(&mut self.rng, STREETS),
                    pick(&mut self.rng, CITIES)
                );
                let registered = self.days_ago(0, 360);
                let key = if file == FileKind::Voay { "EVO" } else { "ESO" };
                let support = self.support("INV", registered);
                (
                    key.into(),
                    format!(
                        "{person}.OFF/{offense}.RGD/{}.ADR/{address}.{oca}{support}",
                        ymd(registered)
                    ),
                )
            }
        }
    }

    /// A valid entry message for `file` from agency `ori`, unique among this generator's
    /// entries for that agency.
    pub fn entry(&mut self, file: FileKind, ori: &str) -> String {
        let ctx = ParseContext::new(self.today);
        loop {
            self.serial += 1;
            let (key, body) = self.body(file);
            let text = format!("{key}.{ori}.{body}");
            let keys = dup_keys_of(&text, &ctx, file, ori);
            if keys.iter().all(|k| !self.taken.contains(k)) {
                self.taken.extend(keys);
                return text;
            }
        }
    }

    /// An entry of a file chosen by [`DEMO_MIX`].
    pub fn mixed_entry(&mut self, ori: &str) -> String {
        let mut roll = self.rng.random_range(0..100u32);
        for (file, share) in DEMO_MIX {
            if roll < *share {
                return self.entry(*file, ori);
            }
            roll -= share;
        }
        self.entry(FileKind::Wanted, ori)
    }

    /// A name inquiry drawn from the same pools (it may or may not hit).
    pub fn person_inquiry(&mut self, ori: &str) -> String {
        let female = self.rng.random_bool(0.3);
        let first = pick(&mut self.rng, if female { FEMALE } else { MALE });
        let surname = pick(&mut self.rng, SURNAMES);
        let dob = self.birth_date(18, 75);
        format!(
            "QW.{ori}.NAM/{surname}, {first}.SEX/{}.DOB/{}.PUR/C.CAS/B-{}",
            if female { "F" } else { "M" },
            ymd(dob),
            self.rng.random_range(0..1_000_000)
        )
    }
}

/// The duplicate keys of an entry text (empty if it does not parse, which the tests rule out).
fn dup_keys_of(text: &str, ctx: &ParseContext, file: FileKind, ori: &str) -> Vec<String> {
    let mut fields = FieldSet::new();
    let Some((_, rest)) = text
        .split_once('.')
        .and_then(|(k, r)| lookup_key(k).map(|_| ((), r)))
    else {
        return Vec::new();
    };
    let body = rest.split_once('.').map_or("", |(_, b)| b);
    for part in body.split('.') {
        if let Some((tag, value)) = part.split_once('/')
            && let Some(code) = FieldCode::from_tag(tag)
            && let Ok(value) = code.parse_value(value, ctx)
        {
            fields.insert(code, value);
        }
    }
    duplicate_keys(file, ori, &fields)
}

#[cfg(test)]
mod tests {
    use super::*;
    use leads_domain::Transaction;
    use time::Month;

    fn today() -> Date {
        Date::from_calendar_date(2026, Month::November, 21).unwrap()
    }

    #[test]
    fn every_generated_entry_passes_the_parser() {
        let mut generator = Generator::new(7, today());
        let ctx = ParseContext::new(today());
        for file in FileKind::all() {
            for _ in 0..300 {
                let text = generator.entry(file, "IL0160000");
                let message = leads_message::parse_message(&text, &ctx)
                    .unwrap_or_else(|e| panic!("{text}: {e}"));
                assert!(matches!(message.transaction, Transaction::Enter(_)));
                assert_eq!(message.key.file.kind, file);
            }
        }
        for _ in 0..200 {
            let text = generator.person_inquiry("IL0160000");
            leads_message::parse_message(&text, &ctx).unwrap_or_else(|e| panic!("{text}: {e}"));
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_messages() {
        let mut a = Generator::new(42, today());
        let mut b = Generator::new(42, today());
        let mut c = Generator::new(43, today());
        let first: Vec<String> = (0..50).map(|_| a.mixed_entry("IL0160000")).collect();
        let second: Vec<String> = (0..50).map(|_| b.mixed_entry("IL0160000")).collect();
        let third: Vec<String> = (0..50).map(|_| c.mixed_entry("IL0160000")).collect();
        assert_eq!(first, second);
        assert_ne!(first, third);
    }

    #[test]
    fn entries_of_one_agency_never_share_a_duplicate_key() {
        let mut generator = Generator::new(1, today());
        let ctx = ParseContext::new(today());
        let mut seen = HashSet::new();
        for _ in 0..3000 {
            let text = generator.entry(FileKind::Wanted, "IL0160000");
            for key in dup_keys_of(&text, &ctx, FileKind::Wanted, "IL0160000") {
                assert!(seen.insert(key.clone()), "{key}");
            }
        }
    }
}
