//! Connecting to LEADS (1240.40, rule A4): a written request at least 90 days ahead naming the
//! date and the equipment, a conference with the vendors unless the Administrator waives it, and
//! the Administrator's approval of the configuration before anything connects.

use serde::{Deserialize, Serialize};
use time::Duration;

use super::shortfall::Shortfall;
use crate::fields::{FieldDate, Ori};
use crate::rules::RuleId;

/// Days between the written request and the desired connection date, at least.
pub const NOTICE_DAYS: i64 = 90;

/// The vendor conference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Conference {
    Pending,
    Held { on: FieldDate },
    Waived { reason: String },
}

/// A request to connect, or to change the way of connecting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionRequest {
    pub ori: Ori,
    /// When the written request reached the Administrator.
    pub received_on: FieldDate,
    /// When the agency wants to connect.
    pub desired_on: FieldDate,
    /// Hardware, software and connecting options planned.
    pub equipment: String,
    pub vendor: String,
    /// The vendor has connected an agency to LEADS before (a waiver is possible).
    pub vendor_previously_connected: bool,
    pub conference: Conference,
    /// The Administrator's approval of the hardware and software configuration.
    pub configuration_approved_on: Option<FieldDate>,
}

impl ConnectionRequest {
    /// Records a written request; refused when the desired date is less than 90 days after the
    /// request or the equipment is not stated.
    pub fn new(
        ori: Ori,
        received_on: FieldDate,
        desired_on: FieldDate,
        equipment: &str,
        vendor: &str,
        vendor_previously_connected: bool,
    ) -> Result<ConnectionRequest, Shortfall> {
        let earliest = received_on.date().checked_add(Duration::days(NOTICE_DAYS));
        if earliest.is_none_or(|earliest| desired_on.date() < earliest) {
            return Err(Shortfall::new(
                RuleId::A4.at("20 Ill. Adm. Code 1240.40(a)(1)"),
                "THE DESIRED CONNECTION DATE MUST BE AT LEAST 90 DAYS AFTER THE WRITTEN REQUEST",
            ));
        }
        if equipment.trim().is_empty() {
            return Err(Shortfall::new(
                RuleId::A4.at("20 Ill. Adm. Code 1240.40(a)(1)(B)"),
                "THE REQUEST MUST STATE THE PLANNED EQUIPMENT AND CONNECTING OPTIONS",
            ));
        }
        Ok(ConnectionRequest {
            ori,
            received_on,
            desired_on,
            equipment: equipment.trim().to_owned(),
            vendor: vendor.trim().to_owned(),
            vendor_previously_connected,
            conference: Conference::Pending,
            configuration_approved_on: None,
        })
    }

    /// Records the conference.
    pub fn conference_held(&mut self, on: FieldDate) {
        self.conference = Conference::Held { on };
    }

    /// The Administrator waives the conference: only for a vendor that has connected before.
    pub fn waive_conference(&mut self, reason: &str) -> Result<(), Shortfall> {
        if !self.vendor_previously_connected {
            return Err(Shortfall::new(
                RuleId::A4.at("20 Ill. Adm. Code 1240.40(a)(2)"),
                "THE CONFERENCE MAY BE WAIVED ONLY IF THE VENDOR HAS CONNECTED TO LEADS BEFORE",
            ));
        }
        self.conference = Conference::Waived {
            reason: reason.trim().to_owned(),
        };
        Ok(())
    }

    /// The Administrator approves the configuration: only after the conference (or its waiver).
    pub fn approve_configuration(&mut self, on: FieldDate) -> Result<(), Shortfall> {
        if self.conference == Conference::Pending {
            return Err(Shortfall::new(
                RuleId::A4.at("20 Ill. Adm. Code 1240.40(a)(2), (b)"),
                "HOLD OR WAIVE THE VENDOR CONFERENCE BEFORE APPROVING THE CONFIGURATION",
            ));
        }
        self.configuration_approved_on = Some(on);
        Ok(())
    }

    /// Whether terminals of this connection may be activated.
    pub fn approved(&self) -> bool {
        self.configuration_approved_on.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> FieldDate {
        FieldDate::parse("DATE", text, time::Date::MAX).unwrap()
    }

    fn request(desired: &str, vendor_before: bool) -> Result<ConnectionRequest, Shortfall> {
        ConnectionRequest::new(
            Ori::parse("IL0160000").unwrap(),
            date("20260101"),
            date(desired),
            "MDT X200 OVER VPN",
            "ACME",
            vendor_before,
        )
    }

    #[test]
    fn a4_connection_request_under_90_days_is_refused() {
        let refused = request("20260331", false).unwrap_err();
        assert_eq!(refused.rule.rule(), RuleId::A4);
        assert_eq!(refused.rule.citation(), "20 Ill. Adm. Code 1240.40(a)(1)");
        assert!(refused.text.contains("90 DAYS"));
        assert!(request("20260401", false).is_ok());
        let no_equipment = ConnectionRequest::new(
            Ori::parse("IL0160000").unwrap(),
            date("20260101"),
            date("20260601"),
            " ",
            "ACME",
            false,
        );
        assert!(no_equipment.unwrap_err().text.contains("EQUIPMENT"));
    }

    #[test]
    fn a4_conference_waived_only_for_a_vendor_that_connected_before() {
        let mut new_vendor = request("20260601", false).unwrap();
        assert_eq!(
            new_vendor
                .waive_conference("KNOWN VENDOR")
                .unwrap_err()
                .rule
                .rule(),
            RuleId::A4
        );
        let mut known = request("20260601", true).unwrap();
        known.waive_conference("CONNECTED 12 AGENCIES").unwrap();
        assert!(matches!(known.conference, Conference::Waived { .. }));
    }

    #[test]
    fn a4_configuration_is_approved_only_after_the_conference() {
        let mut req = request("20260601", false).unwrap();
        assert!(req.approve_configuration(date("20260301")).is_err());
        assert!(!req.approved());
        req.conference_held(date("20260215"));
        req.approve_configuration(date("20260301")).unwrap();
        assert!(req.approved());
    }
}
