//! Every code table that follows a published NCIC list is compared with that list as NIEM
//! publishes it. Each fixture under `tests/fixtures/code_tables/` names its source in its
//! `# source:` line; a data line is `CODE<TAB>MEANING`. Where NCIC's meaning carries an
//! explanation after `%`, the name before it is what is compared.

use std::collections::BTreeMap;

use leads_domain::fields::{
    CAUTION_CODES, CodeTable, EXL, EYE, HAI, LIT, MNP, MPC, Race, SKN, STATES, Sex, VCO,
};

struct Fixture {
    source: String,
    codes: BTreeMap<String, String>,
}

fn fixture(tag: &str) -> Fixture {
    let path = format!(
        "{}/tests/fixtures/code_tables/{tag}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let source = text
        .lines()
        .find_map(|l| l.strip_prefix("# source: "))
        .unwrap_or_else(|| panic!("{path} names no source"))
        .to_owned();
    assert!(
        source.contains("NIEM"),
        "{path}: the source is a NIEM publication"
    );
    let codes = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (code, meaning) = l.split_once('\t').unwrap_or((l, ""));
            let name = meaning.split('%').next().unwrap_or_default();
            (code.to_owned(), name.trim().to_ascii_uppercase())
        })
        .collect();
    Fixture { source, codes }
}

fn ours(table: &CodeTable) -> BTreeMap<String, String> {
    table
        .entries
        .iter()
        .map(|(c, m)| ((*c).to_owned(), (*m).to_owned()))
        .collect()
}

/// Our meaning says at least what NCIC's says: it is NCIC's, or begins with it (a display may
/// add a qualifier such as "- U.S. CONGRESS"). Case and punctuation spacing are not compared.
fn same_meaning(ours: &str, published: &str) -> bool {
    let squash = |s: &str| {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_uppercase()
    };
    squash(ours).starts_with(&squash(published))
}

/// The whole published list, code for code, with NCIC's meanings.
fn equals_published(tag: &str, table: &CodeTable) {
    let published = fixture(tag);
    let ours = ours(table);
    let codes = |m: &BTreeMap<String, String>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        codes(&ours),
        codes(&published.codes),
        "{tag} differs from {}",
        published.source
    );
    for (code, meaning) in &ours {
        let expected = &published.codes[code];
        assert!(
            same_meaning(meaning, expected),
            "{tag}/{code}: ours {meaning:?}, published {expected:?} ({})",
            published.source
        );
    }
}

#[test]
fn cmc_is_ncics_list() {
    let published = fixture("CMC");
    let ours: BTreeMap<String, String> = CAUTION_CODES
        .iter()
        .map(|(c, m, _)| ((*c).to_owned(), (*m).to_owned()))
        .collect();
    assert_eq!(
        ours.keys().collect::<Vec<_>>(),
        published.codes.keys().collect::<Vec<_>>(),
        "CMC differs from {}",
        published.source
    );
    for (code, meaning) in &ours {
        let expected = &published.codes[code];
        // 30's published text goes on "... FOR DETAILED INFORMATION"; the display stops at ORI.
        let (a, b) = (meaning.as_str(), expected.as_str());
        assert!(
            same_meaning(a, b) || same_meaning(b, a),
            "CMC/{code}: ours {a:?}, published {b:?}"
        );
    }
}

#[test]
fn sex_is_ncics_list() {
    let published = fixture("SEX");
    for code in published.codes.keys() {
        assert_eq!(Sex::parse(code).unwrap().code(), code);
    }
    for code in ["M", "F", "U"] {
        assert!(published.codes.contains_key(code), "SEX/{code}");
    }
    assert!(Sex::parse("X").is_err());
}

#[test]
fn rac_is_ncics_list() {
    let published = fixture("RAC");
    for code in published.codes.keys() {
        assert_eq!(Race::parse(code).unwrap().code(), code);
    }
    for letter in 'A'..='Z' {
        let code = letter.to_string();
        assert_eq!(
            Race::parse(&code).is_ok(),
            published.codes.contains_key(&code),
            "RAC/{code} ({})",
            published.source
        );
    }
}

#[test]
fn eye_is_ncics_list() {
    equals_published("EYE", &EYE);
}

#[test]
fn hai_is_ncics_list() {
    equals_published("HAI", &HAI);
}

#[test]
fn skn_is_ncics_list() {
    equals_published("SKN", &SKN);
}

#[test]
fn vco_is_ncics_list() {
    equals_published("VCO", &VCO);
}

#[test]
fn lit_is_ncics_list() {
    equals_published("LIT", &LIT);
}

#[test]
fn mnp_is_ncics_list() {
    equals_published("MNP", &MNP);
}

#[test]
fn mpc_is_ncics_list() {
    equals_published("MPC", &MPC);
}

#[test]
fn exl_is_ncics_list() {
    equals_published("EXL", &EXL);
}

/// The state table is the part of NCIC's LIS list that names U.S. states, territories, Canadian
/// provinces, Mexico and the U.S. government (the ORI prefixes and licensing jurisdictions); the
/// countries and tribal codes of the full list are not taken.
#[test]
fn states_are_a_part_of_ncics_lis_list() {
    let published = fixture("LIS");
    for (code, meaning) in ours(&STATES) {
        let expected = published
            .codes
            .get(&code)
            .unwrap_or_else(|| panic!("LIS/{code} is not in {}", published.source));
        assert!(
            same_meaning(&meaning, expected) || same_meaning(expected, &meaning),
            "LIS/{code}: ours {meaning:?}, published {expected:?}"
        );
    }
}
