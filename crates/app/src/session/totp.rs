//! Time-based one-time passwords (RFC 6238: HMAC-SHA-1, 30-second steps, 6 digits), the second
//! factor of sign-in. A code is accepted once: the step it belongs to must be later than the
//! last step accepted for the account (replay protection, CJIS IA-2(8)).

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha1::Sha1;

/// Seconds per step.
pub const STEP_SECONDS: i64 = 30;
/// Steps either side of now that are accepted (clock drift).
pub const WINDOW: i64 = 1;
const DIGITS: u32 = 6;

/// RFC 4648 base32 as authenticator apps write secrets: upper or lower case, spaces and padding
/// ignored, the bits left over at the end not checked.
fn base32() -> &'static data_encoding::Encoding {
    static ENCODING: std::sync::OnceLock<data_encoding::Encoding> = std::sync::OnceLock::new();
    ENCODING.get_or_init(|| {
        let mut spec = data_encoding::Specification::new();
        spec.symbols.push_str("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
        spec.translate.from.push_str("abcdefghijklmnopqrstuvwxyz");
        spec.translate.to.push_str("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        spec.ignore.push_str(" =");
        spec.check_trailing_bits = false;
        spec.encoding()
            .unwrap_or_else(|_| data_encoding::BASE32_NOPAD.clone())
    })
}

/// RFC 4648 base32 without padding.
pub fn base32_encode(bytes: &[u8]) -> String {
    base32().encode(bytes)
}

/// Decodes base32 (case-insensitive, spaces and padding ignored); `None` on a bad character.
pub fn base32_decode(text: &str) -> Option<Vec<u8>> {
    base32().decode(text.as_bytes()).ok()
}

/// A new random 160-bit secret, base32.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::rng().fill_bytes(&mut bytes);
    base32_encode(&bytes)
}

/// The step a Unix time falls in.
pub fn step_of(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(STEP_SECONDS)
}

/// The code of a step (HOTP of the step counter, RFC 4226 dynamic truncation).
pub fn code_at(secret: &[u8], step: i64, digits: u32) -> Option<u32> {
    let mut mac = Hmac::<Sha1>::new_from_slice(secret).ok()?;
    mac.update(&step.to_be_bytes());
    let hash = mac.finalize().into_bytes();
    let offset = usize::from(hash.last()? & 0x0f);
    let &[a, b, c, d] = hash.get(offset..offset + 4)? else {
        return None;
    };
    let binary = u32::from_be_bytes([a & 0x7f, b, c, d]);
    Some(binary % 10u32.pow(digits))
}

/// The 6-digit code for a base32 secret at a Unix time.
pub fn code(secret_base32: &str, unix_seconds: i64) -> Option<String> {
    let secret = base32_decode(secret_base32)?;
    code_at(&secret, step_of(unix_seconds), DIGITS).map(|c| format!("{c:06}"))
}

/// The step a submitted code matches, within the window around `unix_seconds` and strictly after
/// `last_step` (a code is never accepted twice).
pub fn verify(
    secret_base32: &str,
    submitted: &str,
    unix_seconds: i64,
    last_step: Option<i64>,
) -> Option<i64> {
    let submitted = submitted.trim();
    if submitted.len() != 6 || !submitted.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let secret = base32_decode(secret_base32)?;
    let now = step_of(unix_seconds);
    (now - WINDOW..=now + WINDOW)
        .filter(|step| last_step.is_none_or(|last| *step > last))
        .find(|step| {
            code_at(&secret, *step, DIGITS).is_some_and(|c| format!("{c:06}") == submitted)
        })
}

/// The `otpauth://` URI an authenticator app enrolls from.
pub fn provisioning_uri(secret_base32: &str, account: &str) -> String {
    format!(
        "otpauth://totp/OpenLEADS:{account}?secret={secret_base32}&issuer=OpenLEADS&algorithm=SHA1&digits=6&period=30"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 Appendix B, SHA-1 rows (8 digits), secret "12345678901234567890".
    #[test]
    fn rfc6238_test_vectors() {
        let secret = b"12345678901234567890";
        for (time, expected) in [
            (59, 94_287_082),
            (1_111_111_109, 7_081_804),
            (1_111_111_111, 14_050_471),
            (1_234_567_890, 89_005_924),
            (2_000_000_000, 69_279_037),
            (20_000_000_000, 65_353_130),
        ] {
            assert_eq!(
                code_at(secret, step_of(time), 8),
                Some(expected),
                "T={time}"
            );
        }
    }

    #[test]
    fn base32_round_trips_and_matches_rfc4648() {
        assert_eq!(base32_encode(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base32_decode("MZXW6YTBOI======"), Some(b"foobar".to_vec()));
        assert_eq!(base32_decode("mzxw6ytboi"), Some(b"foobar".to_vec()));
        assert_eq!(base32_decode("MZ1"), None);
        let secret = new_secret();
        assert_eq!(secret.len(), 32);
        assert_eq!(base32_decode(&secret).map(|b| b.len()), Some(20));
    }

    #[test]
    fn a_code_is_accepted_in_its_window_and_never_twice() {
        let secret = base32_encode(b"12345678901234567890");
        let now = 1_111_111_111;
        let current = code(&secret, now).unwrap();
        assert_eq!(current, "050471");
        let step = verify(&secret, &current, now, None).unwrap();
        assert_eq!(
            verify(&secret, &current, now, Some(step)),
            None,
            "replayed code"
        );
        assert_eq!(
            verify(&secret, &current, now + 30, None),
            Some(step),
            "previous step still in window"
        );
        assert_eq!(
            verify(&secret, &current, now + 90, None),
            None,
            "outside the window"
        );
        assert_eq!(verify(&secret, "12345", now, None), None);
        assert!(
            provisioning_uri(&secret, "OP1").starts_with("otpauth://totp/OpenLEADS:OP1?secret=")
        );
    }
}
