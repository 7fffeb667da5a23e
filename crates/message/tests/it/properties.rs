//! Property tests: rendering then parsing gives back what was rendered, and no input makes the
//! parser panic.

use leads_domain::Transaction;
use leads_domain::fields::ParseContext;
use leads_domain::files::FileKind;
use leads_message::examples;
use leads_message::{RawField, RawMessage, parse_message, parse_raw};
use proptest::prelude::*;
use time::{Date, Month};

fn ctx() -> ParseContext {
    ParseContext::new(Date::from_calendar_date(2026, Month::November, 21).unwrap())
}

fn raw_field() -> impl Strategy<Value = RawField> {
    // IMG is reserved: as the last field it carries a message's image in base32.
    ("[A-Z]{3}", "[A-Z0-9][A-Z0-9 ,/-]{0,30}[A-Z0-9]")
        .prop_filter("IMG is the image field", |(tag, _)| {
            tag != leads_domain::image::IMAGE_TAG
        })
        .prop_map(|(tag, value)| RawField { tag, value })
}

prop_compose! {
    fn raw_message()(
        key in "[A-Z]{2,4}",
        oris in prop::collection::vec("[A-Z][A-Z0-9]{8}", 1..=3),
        txt in any::<bool>(),
        fields in prop::collection::vec(raw_field(), 1..8),
    ) -> RawMessage {
        // A header ORI that reads "TXT…" would be taken for the body marker.
        let oris = oris.into_iter().filter(|o| !o.starts_with("TXT")).collect::<Vec<_>>();
        RawMessage { key, oris: if oris.is_empty() { vec!["IL0160000".into()] } else { oris }, txt, fields, attachment: None }
    }
}

prop_compose! {
    fn wanted_entry()(
        surname in "[A-Z]{2,10}(-[A-Z]{2,6})?",
        first in "[A-Z]{1,10}",
        sex in prop::sample::select(vec!["M", "F"]),
        race in prop::sample::select(vec!["A", "B", "I", "W", "U"]),
        year in 1930i32..2010, month in 1u8..=12, day in 1u8..=28,
        feet in 4u8..=6, inches in 0u8..=11, weight in 90u16..=350,
        eye in prop::sample::select(vec!["BLK", "BLU", "BRO", "GRN", "HAZ"]),
        hair in prop::sample::select(vec!["BLK", "BRO", "BLN", "RED", "GRY"]),
        oca in "[0-9]{4}-[0-9]{6}",
        cautions in prop::collection::btree_set(prop::sample::select(vec!["00", "05", "20", "65", "80"]), 0..3),
    ) -> String {
        let mut text = format!(
            "EW.IL0160000.NAM/{surname}, {first}.SEX/{sex}.RAC/{race}.DOB/{year:04}{month:02}{day:02}.HGT/{feet}{inches:02}.WGT/{weight:03}.EYE/{eye}.HAI/{hair}.OFF/1399.DOW/20261101.OCA/{oca}.SDC/WAR.SDN/W-1.DRI/20261120"
        );
        for caution in cautions {
            text.push_str(&format!(".CMC/{caution}"));
        }
        text
    }
}

proptest! {
    #[test]
    fn raw_messages_round_trip(message in raw_message()) {
        let text = message.to_string();
        prop_assert_eq!(parse_raw(&text).unwrap(), message);
    }

    #[test]
    fn valid_entries_round_trip_through_render(text in wanted_entry()) {
        let message = parse_message(&text, &ctx()).unwrap();
        let Transaction::Enter(entry) = &message.transaction else { panic!("not an entry") };
        let rendered = RawMessage::from_fields("EW", "IL0160000", entry.fields()).to_string();
        let again = parse_message(&rendered, &ctx()).unwrap();
        let Transaction::Enter(entry_again) = &again.transaction else { panic!("not an entry") };
        prop_assert_eq!(entry.fields(), entry_again.fields());
    }

    #[test]
    fn no_string_makes_the_parser_panic(text in any::<String>()) {
        let _ = parse_message(&text, &ctx());
    }

    #[test]
    fn no_message_shaped_string_makes_the_parser_panic(text in "[A-Z]{1,4}(\\.[A-Z0-9 ,/-]{0,15}){0,12}\\.?") {
        let _ = parse_message(&text, &ctx());
    }

    #[test]
    fn no_mutation_of_a_valid_message_makes_the_parser_panic(
        file in prop::sample::select(FileKind::all().collect::<Vec<_>>()),
        position in any::<prop::sample::Index>(),
        replacement in any::<char>(),
    ) {
        let mut text = examples::entry(file);
        let at = position.index(text.len());
        if text.is_char_boundary(at) {
            text.replace_range(at..at + 1, &replacement.to_string());
        }
        let _ = parse_message(&text, &ctx());
    }
}
