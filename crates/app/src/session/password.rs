//! Password rules (CJIS IA-5(1)(a)): at least 8 characters, no truncation, printable characters
//! and spaces allowed, not on the blocklist of common and compromised passwords, not the account
//! id, and not easy to guess — a strength estimate (zxcvbn: dictionary words, names, keyboard
//! walks, dates, repeats and their l33t forms) of at least 10^8 guesses. The reason for a
//! refusal is told to the user.

/// The blocklist, one password per line (`#` comments), compared case-insensitively.
const BLOCKLIST: &str = include_str!("../../data/password-blocklist.txt");

/// The shortest password accepted.
pub const MIN_LENGTH: usize = 8;
/// The longest (long passphrases are welcome; this only bounds the hashing work).
pub const MAX_LENGTH: usize = 256;

/// Why a password is refused.
pub fn check(account_id: &str, password: &str) -> Result<(), &'static str> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err("PASSWORD MUST HAVE AT LEAST 8 CHARACTERS");
    }
    if length > MAX_LENGTH {
        return Err("PASSWORD MUST HAVE AT MOST 256 CHARACTERS");
    }
    if password.chars().any(char::is_control) {
        return Err("PASSWORD MUST NOT CONTAIN CONTROL CHARACTERS");
    }
    let lower = password.to_lowercase();
    if BLOCKLIST
        .lines()
        .filter(|l| !l.starts_with('#'))
        .any(|word| word.trim() == lower)
    {
        return Err("PASSWORD IS ON THE LIST OF COMMON OR COMPROMISED PASSWORDS");
    }
    if lower.contains(&account_id.to_lowercase()) {
        return Err("PASSWORD MUST NOT CONTAIN THE ACCOUNT ID");
    }
    let mut chars = password.chars();
    if let Some(first) = chars.next()
        && chars.all(|c| c == first)
    {
        return Err("PASSWORD MUST NOT REPEAT ONE CHARACTER");
    }
    // What a guesser tries first: the system's and the state's names besides the account id.
    let context = [
        account_id,
        "leads",
        "illinois",
        "police",
        "sheriff",
        "springfield",
    ];
    if zxcvbn::zxcvbn(password, &context).score() < zxcvbn::Score::Three {
        return Err(
            "PASSWORD IS TOO EASY TO GUESS (A WORD, NAME OR YEAR WITH A FEW CHANGES) - USE A LONGER PASSPHRASE",
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_follow_the_cjis_rules() {
        assert!(check("OP1", "correct horse battery staple").is_ok());
        assert_eq!(
            check("OP1", "short"),
            Err("PASSWORD MUST HAVE AT LEAST 8 CHARACTERS")
        );
        assert_eq!(
            check("OP1", "Password123"),
            Err("PASSWORD IS ON THE LIST OF COMMON OR COMPROMISED PASSWORDS")
        );
        assert_eq!(
            check("OP1", "sheriff1"),
            Err("PASSWORD IS ON THE LIST OF COMMON OR COMPROMISED PASSWORDS")
        );
        assert_eq!(
            check("DEMO1", "my-demo1-pass"),
            Err("PASSWORD MUST NOT CONTAIN THE ACCOUNT ID")
        );
        assert_eq!(
            check("OP1", "zzzzzzzzzz"),
            Err("PASSWORD MUST NOT REPEAT ONE CHARACTER")
        );
        assert_eq!(
            check("OP1", &"x".repeat(257)),
            Err("PASSWORD MUST HAVE AT MOST 256 CHARACTERS")
        );
        assert!(check("OP1", "a long passphrase with spaces").is_ok());
        for guessable in ["Summer2026!", "Password1!", "Illinois2026", "Springfield1!"] {
            assert_eq!(
                check("OP1", guessable),
                Err(
                    "PASSWORD IS TOO EASY TO GUESS (A WORD, NAME OR YEAR WITH A FEW CHANGES) - USE A LONGER PASSPHRASE"
                ),
                "{guessable}"
            );
        }
    }
}
