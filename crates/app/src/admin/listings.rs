//! The administrative commands on listings.

#[allow(
    clippy::wildcard_imports,
    reason = "a handler file of the command module: its types and helpers"
)]
use super::command::*;

/// `ShowAgency`.
pub(super) async fn show_agency(c: &mut Command<'_>, ori: Ori) -> Handled {
    Ok({
        let agency =
            c.tx.agency(&ori)
                .await?
                .ok_or_else(|| not_found("AGENCY", ori.as_str()))?;
        (format!("AGENCY {ori}"), AdminData::Agency(Box::new(agency)))
    })
}

/// `ListAgencies`.
pub(super) async fn list_agencies(c: &mut Command<'_>) -> Handled {
    Ok({
        let agencies = c.tx.agencies().await?;
        (
            format!("{} AGENCIES", agencies.len()),
            AdminData::Agencies(agencies),
        )
    })
}

/// `ListPeople`.
pub(super) async fn list_people(c: &mut Command<'_>, ori: Option<Ori>) -> Handled {
    Ok({
        let scope = listing_scope(c.principal, ori);
        let people: Vec<PersonView> =
            c.tx.accounts(scope.as_ref())
                .await?
                .into_iter()
                .map(|a| PersonView {
                    status: a.status.name().into(),
                    last_sign_in_at: a.last_sign_in_at,
                    person: a.person,
                })
                .collect();
        (
            format!("{} PEOPLE", people.len()),
            AdminData::People(people),
        )
    })
}

/// `ListTerminals`.
pub(super) async fn list_terminals(c: &mut Command<'_>, ori: Option<Ori>) -> Handled {
    Ok({
        let terminals =
            c.tx.terminals(listing_scope(c.principal, ori).as_ref())
                .await?;
        (
            format!("{} TERMINALS", terminals.len()),
            AdminData::Terminals(terminals),
        )
    })
}

/// `ListConnections`.
pub(super) async fn list_connections(c: &mut Command<'_>, ori: Option<Ori>) -> Handled {
    Ok({
        let connections =
            c.tx.connections(listing_scope(c.principal, ori).as_ref())
                .await?;
        (
            format!("{} CONNECTION REQUESTS", connections.len()),
            AdminData::Connections(connections),
        )
    })
}

/// Which agency a listing covers: the one asked for; with none, every agency for the
/// Administrator and the own agency for anyone else.
pub(super) fn listing_scope(principal: &Principal, ori: Option<Ori>) -> Option<Ori> {
    match ori {
        Some(ori) => Some(ori),
        None if principal.person.has(Role::Administrator) => None,
        None => Some(principal.agency.ori.clone()),
    }
}
