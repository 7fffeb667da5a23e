//! Decisions on messages from other states: the asking agency as a `LEADS::OtherStateAgency`,
//! the facts its query states as the `RemoteContext`.

use cedar_policy::{Context, Request, RestrictedExpression};

use super::{CedarAuthorizer, date_number, entity, flag, text, texts, uid};
use crate::{Decision, RemoteRequest};

impl CedarAuthorizer {
    pub(super) fn decide_remote(&self, request: &RemoteRequest<'_>) -> Result<Decision, String> {
        let t = &self.types;
        let principal = uid(&t.other_state_agency, request.ori.as_str());
        let agency = entity(
            principal.clone(),
            vec![
                ("state", text(request.ori.state())),
                ("own_state", flag(request.own_state)),
            ],
        )?;
        let today = date_number(request.today);
        let facts = request.interstate;
        let context = Context::from_pairs([
            ("today".to_owned(), RestrictedExpression::new_long(today)),
            ("nlets_purpose".to_owned(), text(facts.purpose)),
            ("nlets_use".to_owned(), text(facts.use_)),
            (
                "nlets_conditions".to_owned(),
                texts(facts.conditions.iter().copied()),
            ),
        ])
        .map_err(|e| e.to_string())?;
        let schema = self.strict.then_some(&self.schema);
        let entities = self
            .actions
            .clone()
            .add_entities([agency], schema)
            .map_err(|e| e.to_string())?;
        let cedar_request = Request::new(
            principal,
            uid(&t.action, request.act.name()),
            uid(&t.sos_image_file, "sos"),
            context,
            schema,
        )
        .map_err(|e| e.to_string())?;
        let response = self
            .engine
            .is_authorized(&cedar_request, &self.policies, &entities);
        Ok(self.verdict(&response, || vec![crate::remote_default_deny(request)]))
    }
}
