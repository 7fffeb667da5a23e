//! Reading an inquiry's criteria back from its audit detail (`NAM/DOE, JOHN SEX/M DOB/19800115`).

/// The `TAG/value` pairs of a criteria text. A value runs until the next ` TAG/` (three capital
/// letters and a slash), so names with spaces and commas stay whole.
pub fn fields(detail: &str) -> Vec<(&str, &str)> {
    let bytes = detail.as_bytes();
    let mut starts = Vec::new();
    for i in 0..bytes.len() {
        let at_boundary = i == 0 || bytes.get(i - 1) == Some(&b' ');
        let tag = bytes.get(i..i + 4);
        if at_boundary
            && tag.is_some_and(|t| {
                t.iter().take(3).all(u8::is_ascii_uppercase) && t.get(3) == Some(&b'/')
            })
        {
            starts.push(i);
        }
    }
    let mut out = Vec::new();
    for (n, start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(detail.len(), |next| next - 1);
        if let (Some(tag), Some(value)) =
            (detail.get(*start..start + 3), detail.get(start + 4..end))
        {
            out.push((tag, value.trim()));
        }
    }
    out
}

/// Letters only, upper case: `O'BRIEN-SMITH` and `OBRIEN SMITH` compare equal.
pub(super) fn letters(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// `(surname, first given name)` of an NCIC name `LAST, FIRST MIDDLE`, as letters only.
pub fn name_parts(nam: &str) -> (String, String) {
    let (surname, given) = nam.split_once(',').unwrap_or((nam, ""));
    let first = given.split_whitespace().next().unwrap_or("");
    (letters(surname), letters(first))
}

/// Identifiers that name one person or thing, whatever else the inquiry said.
const IDENTIFIERS: &[&str] = &[
    "SOC", "OLN", "FBI", "MNU", "VIN", "LIC", "SER", "NIC", "LRN",
];

/// The subjects an inquiry was about, as comparable keys: `NAM/<name> DOB/<dob>` for a person
/// and `TAG/<value>` for each identifier.
pub fn subject_keys(detail: &str) -> Vec<String> {
    let fields = fields(detail);
    let value = |tag: &str| fields.iter().find(|(t, _)| *t == tag).map(|(_, v)| *v);
    let mut keys = Vec::new();
    if let (Some(nam), Some(dob)) = (value("NAM"), value("DOB")) {
        let (surname, given) = name_parts(nam);
        keys.push(format!("NAM/{surname}, {given} DOB/{dob}"));
    }
    for (tag, value) in &fields {
        if IDENTIFIERS.contains(tag) {
            keys.push(format!("{tag}/{value}"));
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criteria_split_at_tags_and_keep_names_whole() {
        assert_eq!(
            fields("NAM/DOE, JOHN A SEX/M DOB/19800115"),
            [("NAM", "DOE, JOHN A"), ("SEX", "M"), ("DOB", "19800115")]
        );
        assert_eq!(
            fields("LIC/ABC 123 LIS/IL"),
            [("LIC", "ABC 123"), ("LIS", "IL")]
        );
        assert!(fields("").is_empty());
        assert!(fields("no tags here").is_empty());
    }

    #[test]
    fn subjects_are_a_name_with_its_birth_date_and_each_identifier() {
        assert_eq!(
            subject_keys("NAM/O'NEIL, MARY-KATE SEX/F DOB/19900101 SOC/219099999"),
            ["NAM/ONEIL, MARYKATE DOB/19900101", "SOC/219099999"]
        );
        assert!(
            subject_keys("NAM/DOE, JOHN SEX/M").is_empty(),
            "a name alone is no subject"
        );
    }
}
