//! Database URLs: the scheme chooses the backend; the password never reaches a log.

use std::fmt;

/// A supported database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// Name for logs and reports.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgresql",
        }
    }
}

/// A database URL (`sqlite://path`, `postgres://user:pass@host/db`).
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    /// Accepts `sqlite:` and `postgres:`/`postgresql:` URLs.
    pub fn parse(url: &str) -> Result<DatabaseUrl, String> {
        let url = url.trim();
        if url.starts_with("sqlite:")
            || url.starts_with("postgres://")
            || url.starts_with("postgresql://")
        {
            Ok(DatabaseUrl(url.to_owned()))
        } else {
            Err("database URL must start with sqlite: or postgres://".to_owned())
        }
    }

    /// The backend the scheme names.
    pub fn backend(&self) -> Backend {
        if self.0.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            Backend::Postgres
        }
    }

    /// The URL, password included: for the driver only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The URL with any password replaced by `***`.
    pub fn redacted(&self) -> String {
        let Some((scheme, rest)) = self.0.split_once("://") else {
            return self.0.clone();
        };
        match rest.split_once('@') {
            Some((credentials, host)) => {
                let user = credentials
                    .split_once(':')
                    .map_or(credentials, |(user, _)| user);
                let masked = if credentials.contains(':') {
                    format!("{user}:***")
                } else {
                    user.to_owned()
                };
                format!("{scheme}://{masked}@{host}")
            }
            None => self.0.clone(),
        }
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DatabaseUrl({})", self.redacted())
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_show() {
        let url = DatabaseUrl::parse("postgres://leads:s3cret@db.example:5432/leads").unwrap();
        assert_eq!(url.backend(), Backend::Postgres);
        assert_eq!(
            url.to_string(),
            "postgres://leads:***@db.example:5432/leads"
        );
        assert!(!format!("{url:?}").contains("s3cret"));
        assert_eq!(
            url.expose(),
            "postgres://leads:s3cret@db.example:5432/leads"
        );
    }

    #[test]
    fn the_scheme_chooses_the_backend() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://leads-data/leads.db")
                .unwrap()
                .backend(),
            Backend::Sqlite
        );
        assert_eq!(
            DatabaseUrl::parse("postgresql://127.0.0.1/x")
                .unwrap()
                .to_string(),
            "postgresql://127.0.0.1/x"
        );
        assert!(DatabaseUrl::parse("mysql://x").is_err());
    }
}
