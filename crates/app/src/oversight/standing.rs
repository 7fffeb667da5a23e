//! Declaring an agency non-compliant, and ending it: on the agency's profile, with the written
//! notice to the agency and the sanctions open to the Administrator in his queue.

use leads_domain::clock::Timestamp;
use leads_domain::fields::Ori;
use leads_domain::oversight::{NonCompliance, non_compliance_notice, sanctions_open};
use leads_domain::rules::Cite;
use leads_store::{StoreResult, StoreTx};

use crate::runner::ADMINISTRATOR_QUEUE;

/// Declares `ori` non-compliant for `case` (once: a case already declared is left as it is).
/// Returns whether it was declared now.
pub(crate) async fn declare_non_compliant(
    tx: &mut dyn StoreTx,
    ori: &Ori,
    cite: Cite,
    reason: &str,
    case: &str,
    now: Timestamp,
) -> StoreResult<bool> {
    let Some(mut agency) = tx.agency(ori).await? else {
        return Ok(false);
    };
    if agency
        .non_compliance
        .iter()
        .any(|n| n.is_open() && n.case == case)
    {
        return Ok(false);
    }
    let finding = NonCompliance {
        since: now.as_micros(),
        rule: cite.rule().id().to_owned(),
        citation: cite.citation().to_owned(),
        reason: reason.to_owned(),
        case: case.to_owned(),
        ended_at: None,
        ended_how: None,
    };
    let notice = non_compliance_notice(&super::common::addressed(&agency), &finding);
    agency.non_compliance.push(finding);
    tx.put_agency(&agency).await?;
    tx.post_message(ori.as_str(), "non_compliance", &notice.text(), now)
        .await?;
    tx.post_message(
        ADMINISTRATOR_QUEUE,
        "non_compliance",
        &format!(
            "AGENCY {ori} IS NON-COMPLIANT ({}): {reason} - {}",
            cite.citation(),
            sanctions_open()
        ),
        now,
    )
    .await?;
    Ok(true)
}

/// Ends the non-compliance `case` declared on `ori`, if it is in force.
pub(crate) async fn end_non_compliance(
    tx: &mut dyn StoreTx,
    ori: &Ori,
    case: &str,
    now: Timestamp,
) -> StoreResult<bool> {
    let Some(mut agency) = tx.agency(ori).await? else {
        return Ok(false);
    };
    let mut ended = false;
    for finding in agency
        .non_compliance
        .iter_mut()
        .filter(|n| n.is_open() && n.case == case)
    {
        finding.ended_at = Some(now.as_micros());
        finding.ended_how = Some("THE AGENCY HEAD'S NOTICE OF COMPLETION WAS RECEIVED".into());
        ended = true;
    }
    if ended {
        tx.put_agency(&agency).await?;
    }
    Ok(ended)
}
