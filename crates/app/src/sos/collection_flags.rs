//! The misuse review told of SOS requests that look like a collection being built (rule P2,
//! 1030.140(a)(1)): one operator touching many cases in a day, or one case gathering many
//! holders who are neither its suspects, victims nor witnesses — a gallery built one case at a
//! time. Each flag is posted once, at the request that reaches its threshold, to the
//! Administrator's queue and the agency's.

use leads_domain::clock::Timestamp;
use leads_policy::Principal;
use leads_store::StoreTx;

use crate::Service;
use crate::runner::{ADMINISTRATOR_QUEUE, Refusal};

/// The roles of holders a case is about; any other holder in a case is uninvolved.
const INVOLVED_ROLES: [&str; 3] = ["suspect", "victim", "witness"];

impl Service {
    /// Tells the misuse review when an operator's SOS requests of the last 24 hours reach the
    /// flag threshold of distinct cases (once, at the request that reaches it).
    pub(super) async fn flag_spread(
        &self,
        tx: &mut dyn StoreTx,
        principal: &Principal,
        recent: &[(String, u64)],
        case: &str,
        now: Timestamp,
    ) -> Result<(), Refusal> {
        let new_case = !recent.iter().any(|(c, _)| c == case);
        let cases = recent.len() as u64 + u64::from(new_case);
        if !new_case || cases != self.config.sos.flag_cases_per_day {
            return Ok(());
        }
        let text = format!(
            "MISUSE REVIEW: OPERATOR {} OF {} REQUESTED SOS IMAGES FOR {cases} DIFFERENT CASES IN 24 HOURS (RULE P2, 92 ILL. ADM. CODE 1030.140(a)(1))",
            principal.id(),
            principal.agency.ori
        );
        for recipient in [ADMINISTRATOR_QUEUE, principal.agency.ori.as_str()] {
            tx.post_message(recipient, "misuse_review", &text, now)
                .await?;
        }
        Ok(())
    }

    /// Tells the misuse review when a case record comes to hold the threshold number of
    /// distinct holders who are not its suspects, victims or witnesses.
    pub(super) async fn flag_gallery(
        &self,
        tx: &mut dyn StoreTx,
        principal: &Principal,
        case: &str,
        now: Timestamp,
    ) -> Result<(), Refusal> {
        let images = tx.sos().case_images(&principal.agency.ori, case).await?;
        let mut uninvolved: Vec<&str> = images
            .iter()
            .filter(|i| !INVOLVED_ROLES.contains(&i.subject_role.as_str()))
            .map(|i| i.dln.as_str())
            .collect();
        uninvolved.sort_unstable();
        uninvolved.dedup();
        let newest_uninvolved = images
            .iter()
            .max_by_key(|i| i.id)
            .is_some_and(|i| !INVOLVED_ROLES.contains(&i.subject_role.as_str()));
        let holders = uninvolved.len() as u64;
        if !newest_uninvolved || holders != self.config.sos.flag_uninvolved_per_case {
            return Ok(());
        }
        let text = format!(
            "MISUSE REVIEW: CASE {case} OF {} NOW HOLDS SOS IMAGES OF {holders} PEOPLE WHO ARE NOT ITS SUSPECTS, VICTIMS OR WITNESSES - LATEST BY OPERATOR {} (RULE P2, 92 ILL. ADM. CODE 1030.140(a)(1))",
            principal.agency.ori,
            principal.id()
        );
        for recipient in [ADMINISTRATOR_QUEUE, principal.agency.ori.as_str()] {
            tx.post_message(recipient, "misuse_review", &text, now)
                .await?;
        }
        Ok(())
    }
}
