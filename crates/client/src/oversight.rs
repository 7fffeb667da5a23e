//! The Department's oversight calls (docs/OVERSIGHT.md).

use leads_api_types::{OversightDocumentBody, OversightReplyBody};

use crate::{Client, ClientError};

impl Client {
    /// One oversight act (`{"command": "schedule_audit", …}`).
    pub async fn oversee(
        &self,
        command: &serde_json::Value,
    ) -> Result<OversightReplyBody, ClientError> {
        let request = self.http.post(self.url("/api/v1/oversight")).json(command);
        Client::decode(self.authorized(request).send().await?).await
    }

    /// The notice or report of an audit (`which`: `notice`, `report`) as text, or as PDF when
    /// `pdf`; a refusal comes back as the JSON answer.
    pub async fn audit_document(
        &self,
        id: i64,
        which: &str,
        pdf: bool,
    ) -> Result<Result<Vec<u8>, OversightDocumentBody>, ClientError> {
        self.oversight_document("audits", id, which, pdf).await
    }

    /// A violation case's `notice`, `decision` (the last) or `decision-N`, as PDF or text; a
    /// refusal as its JSON body.
    pub async fn violation_document(
        &self,
        id: i64,
        which: &str,
        pdf: bool,
    ) -> Result<Result<Vec<u8>, OversightDocumentBody>, ClientError> {
        self.oversight_document("violations", id, which, pdf).await
    }

    async fn oversight_document(
        &self,
        cases: &str,
        id: i64,
        which: &str,
        pdf: bool,
    ) -> Result<Result<Vec<u8>, OversightDocumentBody>, ClientError> {
        let accept = if pdf { "application/pdf" } else { "text/plain" };
        let request = self
            .http
            .get(self.url(&format!("/api/v1/oversight/{cases}/{id}/{which}")))
            .header(reqwest::header::ACCEPT, accept);
        let response = self.authorized(request).send().await?;
        let printed = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with(accept));
        if printed {
            return Ok(Ok(response.bytes().await?.to_vec()));
        }
        Client::decode(response).await.map(Err)
    }
}
