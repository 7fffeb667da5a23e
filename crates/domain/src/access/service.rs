//! LEADS services an agency is granted (A3) and that the Department may suspend (O3).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::files::FileKind;

/// A LEADS service: access to one hot file, or one of the other services.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Service {
    Wanted,
    Missing,
    Vehicle,
    Plate,
    Gun,
    Article,
    SexOffender,
    Voay,
    /// Images attached to hot-file records.
    Images,
    /// Secretary of State driver-licence images.
    SosImages,
    /// Interstate (Nlets-style) messages.
    Interstate,
    /// Administrative messages.
    AdministrativeMessages,
}

impl Service {
    /// Every service.
    pub const ALL: [Service; 12] = [
        Service::Wanted,
        Service::Missing,
        Service::Vehicle,
        Service::Plate,
        Service::Gun,
        Service::Article,
        Service::SexOffender,
        Service::Voay,
        Service::Images,
        Service::SosImages,
        Service::Interstate,
        Service::AdministrativeMessages,
    ];

    /// The service that gives access to a hot file.
    pub fn of_file(file: FileKind) -> Service {
        match file {
            FileKind::Wanted => Service::Wanted,
            FileKind::Missing => Service::Missing,
            FileKind::Vehicle => Service::Vehicle,
            FileKind::Plate => Service::Plate,
            FileKind::Gun => Service::Gun,
            FileKind::Article => Service::Article,
            FileKind::SexOffender => Service::SexOffender,
            FileKind::Voay => Service::Voay,
        }
    }

    /// Access to one of the hot files.
    pub fn is_hot_file(self) -> bool {
        FileKind::all().any(|f| Service::of_file(f) == self)
    }

    /// The stable name (`wanted`, `sos_images`, …).
    pub fn name(self) -> &'static str {
        match self {
            Service::Wanted => "wanted",
            Service::Missing => "missing",
            Service::Vehicle => "vehicle",
            Service::Plate => "plate",
            Service::Gun => "gun",
            Service::Article => "article",
            Service::SexOffender => "sex_offender",
            Service::Voay => "voay",
            Service::Images => "images",
            Service::SosImages => "sos_images",
            Service::Interstate => "interstate",
            Service::AdministrativeMessages => "administrative_messages",
        }
    }

    /// Reads a stable name.
    pub fn from_name(name: &str) -> Option<Service> {
        Service::ALL.into_iter().find(|s| s.name() == name)
    }
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A part of a hot-file service a suspension may name on its own (O3, 1240.110: "all or any
/// portion of LEADS service"): putting records in and keeping them, or asking the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServicePart {
    /// Enter, modify, cancel, clear and locate records, and enter, modify and cancel their
    /// images; the second-party check and the validation.
    Entries,
    /// Query the file and its images, and ask for hit confirmation.
    Inquiries,
}

impl ServicePart {
    /// The stable name.
    pub fn name(self) -> &'static str {
        match self {
            ServicePart::Entries => "entries",
            ServicePart::Inquiries => "inquiries",
        }
    }

    fn from_name(name: &str) -> Option<ServicePart> {
        [ServicePart::Entries, ServicePart::Inquiries]
            .into_iter()
            .find(|p| p.name() == name)
    }
}

/// What a suspension covers: every service, one, or one part of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceScope {
    All,
    Only(Service),
    Part { service: Service, part: ServicePart },
}

impl ServiceScope {
    /// Whether the scope covers a whole service.
    pub fn covers(self, service: Service) -> bool {
        match self {
            ServiceScope::All => true,
            ServiceScope::Only(s) => s == service,
            ServiceScope::Part { .. } => false,
        }
    }

    /// Whether the scope covers one part of a service.
    pub fn covers_part(self, service: Service, part: ServicePart) -> bool {
        match self {
            ServiceScope::Part {
                service: s,
                part: p,
            } => s == service && p == part,
            whole => whole.covers(service),
        }
    }

    /// A part is named only of a hot-file service (the parts are a file's entries and
    /// inquiries); the error says why not.
    pub fn check(self) -> Result<ServiceScope, String> {
        match self {
            ServiceScope::Part { service, .. } if !Service::is_hot_file(service) => Err(format!(
                "{} HAS NO ENTRIES OR INQUIRIES OF ITS OWN - SUSPEND IT WHOLE, OR A PART OF A HOT FILE",
                service.name().to_ascii_uppercase()
            )),
            scope => Ok(scope),
        }
    }

    /// `all`, the service's name, or `service:part` (`wanted:entries`).
    pub fn name(self) -> String {
        match self {
            ServiceScope::All => "all".to_owned(),
            ServiceScope::Only(s) => s.name().to_owned(),
            ServiceScope::Part { service, part } => format!("{}:{}", service.name(), part.name()),
        }
    }

    /// What it covers, in words, for notices.
    pub fn describe(self) -> String {
        match self {
            ServiceScope::All => "ALL LEADS SERVICES".to_owned(),
            ServiceScope::Only(s) => format!("THE {} SERVICE", s.name().to_ascii_uppercase()),
            ServiceScope::Part { service, part } => format!(
                "{} OF THE {} SERVICE ({})",
                part.name().to_ascii_uppercase(),
                service.name().to_ascii_uppercase(),
                match part {
                    ServicePart::Entries =>
                        "ENTER, MODIFY, CANCEL, CLEAR, LOCATE; INQUIRIES STILL ANSWER",
                    ServicePart::Inquiries =>
                        "QUERIES AND HIT CONFIRMATION REQUESTS; ENTRIES STILL ACCEPTED",
                }
            ),
        }
    }

    /// Reads `all`, a service name or `service:part`.
    pub fn from_name(name: &str) -> Option<ServiceScope> {
        if name == "all" {
            return Some(ServiceScope::All);
        }
        match name.split_once(':') {
            Some((service, part)) => Some(ServiceScope::Part {
                service: Service::from_name(service)?,
                part: ServicePart::from_name(part)?,
            }),
            None => Service::from_name(name).map(ServiceScope::Only),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_every_file_has_a_service() {
        for service in Service::ALL {
            assert_eq!(Service::from_name(service.name()), Some(service));
        }
        for file in FileKind::all() {
            assert_eq!(Service::of_file(file).name(), file.storage_name());
        }
        assert_eq!(ServiceScope::from_name("all"), Some(ServiceScope::All));
        assert!(ServiceScope::All.covers(Service::Gun));
        assert!(!ServiceScope::Only(Service::Wanted).covers(Service::Gun));
        let entries = ServiceScope::Part {
            service: Service::Wanted,
            part: ServicePart::Entries,
        };
        assert_eq!(ServiceScope::from_name("wanted:entries"), Some(entries));
        assert_eq!(ServiceScope::from_name(&entries.name()), Some(entries));
        assert!(entries.covers_part(Service::Wanted, ServicePart::Entries));
        assert!(!entries.covers_part(Service::Wanted, ServicePart::Inquiries));
        assert!(!entries.covers(Service::Wanted));
        assert!(ServiceScope::All.covers_part(Service::Gun, ServicePart::Inquiries));
        assert_eq!(ServiceScope::from_name("wanted:everything"), None);
        assert!(entries.check().is_ok());
        let images = ServiceScope::from_name("sos_images:entries").unwrap();
        assert!(
            images.check().is_err(),
            "no part of a service that is not a hot file"
        );
    }
}
