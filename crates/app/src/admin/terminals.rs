//! The administrative commands on terminals.

#[allow(
    clippy::wildcard_imports,
    reason = "a handler file of the command module: its types and helpers"
)]
use super::command::*;

/// `RegisterTerminal`.
pub(super) async fn register_terminal(
    c: &mut Command<'_>,
    id: String,
    ori: Ori,
    location: String,
    connection: Option<i64>,
) -> Handled {
    Ok({
        let terminal = Terminal::register(&id, ori.clone(), &location, connection);
        if !valid_person_id(&terminal.id) {
            return Err(Refusal::rejected(
                ReplyCode::InvalidRequest,
                "TERMINAL ID MUST BE 2-20 LETTERS AND DIGITS",
            ));
        }
        if c.tx.terminal(&terminal.id).await?.is_some() {
            return Err(Refusal::rejected(
                ReplyCode::AlreadyExists,
                format!("TERMINAL {} IS ALREADY REGISTERED", terminal.id),
            ));
        }
        c.tx.agency(&ori)
            .await?
            .ok_or_else(|| not_found("AGENCY", ori.as_str()))?;
        if let Some(number) = connection {
            let request =
                c.tx.connection(number)
                    .await?
                    .ok_or_else(|| not_found("CONNECTION REQUEST", &number.to_string()))?;
            if request.ori != ori {
                return Err(Refusal::rejected(
                    ReplyCode::InvalidRequest,
                    format!("CONNECTION REQUEST {number} IS NOT {ori}'S"),
                ));
            }
        }
        c.tx.put_terminal(&terminal).await?;
        (
            format!(
                "TERMINAL {} REGISTERED AT {} - AWAITING APPROVAL",
                terminal.id, terminal.location
            ),
            AdminData::Terminals(vec![terminal]),
        )
    })
}

/// `ApproveTerminal`.
pub(super) async fn approve_terminal(c: &mut Command<'_>, id: String) -> Handled {
    Ok({
        let mut terminal =
            c.tx.terminal(&id)
                .await?
                .ok_or_else(|| not_found("TERMINAL", &id))?;
        if let Some(number) = terminal.connection {
            let request =
                c.tx.connection(number)
                    .await?
                    .ok_or_else(|| not_found("CONNECTION REQUEST", &number.to_string()))?;
            if !request.approved() {
                return Err(rules_refusal(vec![Shortfall::new(
                    leads_domain::RuleId::A4.at("20 Ill. Adm. Code 1240.40(b)"),
                    format!("THE CONFIGURATION OF CONNECTION REQUEST {number} IS NOT APPROVED"),
                )]));
            }
        }
        terminal.approved_on = Some(c.today);
        terminal.active = true;
        c.tx.put_terminal(&terminal).await?;
        (
            format!("TERMINAL {} APPROVED", terminal.id),
            AdminData::Terminals(vec![terminal]),
        )
    })
}

/// `DeactivateTerminal`.
pub(super) async fn deactivate_terminal(
    c: &mut Command<'_>,
    id: String,
    reason: String,
) -> Handled {
    Ok({
        let mut terminal =
            c.tx.terminal(&id)
                .await?
                .ok_or_else(|| not_found("TERMINAL", &id))?;
        terminal.active = false;
        c.tx.put_terminal(&terminal).await?;
        (
            format!(
                "TERMINAL {id} DEACTIVATED - {}",
                reason.trim().to_ascii_uppercase()
            ),
            AdminData::None,
        )
    })
}
