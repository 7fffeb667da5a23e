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

/// What a suspension covers: every service, or one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceScope {
    All,
    Only(Service),
}

impl ServiceScope {
    /// Whether the scope covers a service.
    pub fn covers(self, service: Service) -> bool {
        match self {
            ServiceScope::All => true,
            ServiceScope::Only(s) => s == service,
        }
    }

    /// `all` or the service's name.
    pub fn name(self) -> &'static str {
        match self {
            ServiceScope::All => "all",
            ServiceScope::Only(s) => s.name(),
        }
    }

    /// Reads `all` or a service name.
    pub fn from_name(name: &str) -> Option<ServiceScope> {
        if name == "all" {
            Some(ServiceScope::All)
        } else {
            Service::from_name(name).map(ServiceScope::Only)
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
    }
}
