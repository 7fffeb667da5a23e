//! Administrative messages (`AM`, rule D1 at 1240.80(b)): the policy decides who may send to
//! whom (a statewide broadcast is the Department's alone), every addressed agency must be an
//! active agency of the directory, and the message lands in each addressed agency's mailbox in
//! the same transaction as its audit entry, which names the class and every recipient.

use leads_domain::access::{Agency, AgencyStatus};
use leads_domain::admin_message::Destination;
use leads_domain::clock::Timestamp;
use leads_domain::codes::ReplyCode;
use leads_message::AdministrativeMessageIn;
use leads_policy::{Act, AuthzRequest, Principal, Target};
use leads_store::StoreTx;

use crate::Service;
use crate::messages::done::Done;
use crate::runner::Refusal;

/// The mailbox kind of an administrative message.
pub(crate) const MAILBOX_KIND: &str = "administrative_message";

impl Service {
    pub(crate) async fn act_administrative(
        &self,
        tx: &mut dyn StoreTx,
        principal: &Principal,
        incoming: &AdministrativeMessageIn,
        now: Timestamp,
    ) -> Result<Done, Refusal> {
        let message = &incoming.message;
        let target = if message.is_broadcast() {
            Target::Statewide
        } else {
            Target::Agency(&incoming.ori)
        };
        self.permit(
            &AuthzRequest::new(principal, Act::SendAdminMessage, target, now.date())
                .in_name_of(&incoming.ori),
            || "NO POLICY PERMITS THIS ADMINISTRATIVE MESSAGE".to_owned(),
        )?;
        let agencies = tx.agencies().await?;
        let recipients = recipients(&agencies, message.destinations(), incoming)?;
        let from = agencies
            .iter()
            .find(|a| a.ori == incoming.ori)
            .map_or_else(String::new, |a| {
                format!(" ({})", a.name.to_ascii_uppercase())
            });
        let case = message
            .case()
            .map(|c| format!(" CAS/{c}"))
            .unwrap_or_default();
        let text = format!(
            "ADMINISTRATIVE MESSAGE AMC/{} {} FROM {}{from} {} TO {}{case}: {}",
            message.class().code(),
            message.class_name(),
            incoming.ori,
            principal.person.name.to_ascii_uppercase(),
            message.addressed_to(),
            message.text()
        );
        for recipient in &recipients {
            tx.post_message(recipient.ori.as_str(), MAILBOX_KIND, &text, now)
                .await?;
        }
        let count = recipients.len();
        let plural = if count == 1 { "Y" } else { "IES" };
        let mut done = Done::of(ReplyCode::AdministrativeMessageSent);
        done.message = format!(
            "AMC/{} SENT TO {count} AGENC{plural}: {}",
            message.class().code(),
            message.addressed_to()
        );
        done.criteria = Some(format!(
            "AMC/{} TO {}{case} ({count} AGENC{plural}: {}) MSG/{}",
            message.class().code(),
            message.addressed_to(),
            recipients
                .iter()
                .map(|a| a.ori.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            message.text()
        ));
        Ok(done)
    }
}

/// The active agencies a message reaches, the sender left out; a named agency that is not an
/// active agency of the directory, or a region without one, is refused before anything is sent.
fn recipients<'a>(
    agencies: &'a [Agency],
    destinations: &[Destination],
    incoming: &AdministrativeMessageIn,
) -> Result<Vec<&'a Agency>, Refusal> {
    let active = |a: &&Agency| a.status == AgencyStatus::Active && a.ori != incoming.ori;
    for destination in destinations {
        let reached = agencies
            .iter()
            .filter(active)
            .any(|agency| destination.reaches(&agency.ori));
        if !reached {
            let what = match destination {
                Destination::Agency(ori) => format!("DST/{ori} IS NOT AN ACTIVE AGENCY OF LEADS"),
                Destination::Region(prefix) => {
                    format!("DST/{prefix} - NO OTHER ACTIVE AGENCY IN THIS REGION")
                }
                Destination::Statewide => "DST/ALL - NO OTHER ACTIVE AGENCY".to_owned(),
            };
            return Err(Refusal::rejected(ReplyCode::InvalidRequest, what));
        }
    }
    Ok(agencies
        .iter()
        .filter(active)
        .filter(|agency| incoming.message.reaches(&agency.ori))
        .collect())
}
