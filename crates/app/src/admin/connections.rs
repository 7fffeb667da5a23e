//! The administrative commands on connections.

#[allow(
    clippy::wildcard_imports,
    reason = "a handler file of the command module: its types and helpers"
)]
use super::command::*;

/// `RequestConnection`.
pub(super) async fn request_connection(
    c: &mut Command<'_>,
    ori: Ori,
    received_on: FieldDate,
    desired_on: FieldDate,
    equipment: String,
    vendor: String,
    vendor_previously_connected: bool,
) -> Handled {
    Ok({
        c.tx.agency(&ori)
            .await?
            .ok_or_else(|| not_found("AGENCY", ori.as_str()))?;
        let request = ConnectionRequest::new(
            ori,
            received_on,
            desired_on,
            &equipment,
            &vendor,
            vendor_previously_connected,
        )
        .map_err(|s| rules_refusal(vec![s]))?;
        let id = c.tx.insert_connection(&request, c.now).await?;
        (
            format!("CONNECTION REQUEST {id} RECORDED"),
            AdminData::Connection(id),
        )
    })
}

/// `RecordConference`.
pub(super) async fn record_conference(c: &mut Command<'_>, id: i64, held_on: FieldDate) -> Handled {
    Ok({
        let mut request =
            c.tx.connection(id)
                .await?
                .ok_or_else(|| not_found("CONNECTION REQUEST", &id.to_string()))?;
        request.conference_held(held_on);
        c.tx.update_connection(id, &request, c.now).await?;
        (
            format!("CONFERENCE OF CONNECTION REQUEST {id} RECORDED"),
            AdminData::Connection(id),
        )
    })
}

/// `WaiveConference`.
pub(super) async fn waive_conference(c: &mut Command<'_>, id: i64, reason: String) -> Handled {
    Ok({
        let mut request =
            c.tx.connection(id)
                .await?
                .ok_or_else(|| not_found("CONNECTION REQUEST", &id.to_string()))?;
        request
            .waive_conference(&reason)
            .map_err(|s| rules_refusal(vec![s]))?;
        c.tx.update_connection(id, &request, c.now).await?;
        (
            format!("CONFERENCE OF CONNECTION REQUEST {id} WAIVED"),
            AdminData::Connection(id),
        )
    })
}

/// `ApproveConfiguration`.
pub(super) async fn approve_configuration(c: &mut Command<'_>, id: i64) -> Handled {
    Ok({
        let mut request =
            c.tx.connection(id)
                .await?
                .ok_or_else(|| not_found("CONNECTION REQUEST", &id.to_string()))?;
        request
            .approve_configuration(c.today)
            .map_err(|s| rules_refusal(vec![s]))?;
        c.tx.update_connection(id, &request, c.now).await?;
        (
            format!("CONFIGURATION OF CONNECTION REQUEST {id} APPROVED"),
            AdminData::Connection(id),
        )
    })
}
