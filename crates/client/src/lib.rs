#![doc = include_str!("../README.md")]

mod oversight;
mod sos;

use leads_api_types::{
    AdminReplyBody, AuditReportBody, DispositionRequest, DisseminationRequest, ErrorBody,
    PasswordChangeRequest, ReplyBody, ReviewReplyBody, SignInRequest, SignInResponse,
    TransactionRequest,
};
use leads_api_types::{
    DeadlineBody, ItemsBody, LateEntryBody, MailBody, VerificationBody, VerificationRequest,
};
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE};

/// What can go wrong talking to the server.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The server could not be reached or the connection failed.
    #[error("cannot reach the server: {0}")]
    Http(#[from] reqwest::Error),
    /// The server answered with an error body.
    #[error("{} ({}): {}", .body.code, .status, .body.message)]
    Api { status: u16, body: ErrorBody },
    /// The server's answer could not be read.
    #[error("unreadable answer (HTTP {status}): {detail}")]
    Decode { status: u16, detail: String },
}

/// A terminal-text reply with its HTTP status and operation id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextReply {
    pub status: u16,
    pub operation_id: Option<String>,
    pub text: String,
}

/// A client for one server, optionally signed in.
#[derive(Debug, Clone)]
pub struct Client {
    base: String,
    http: reqwest::Client,
    token: Option<String>,
}

impl Client {
    /// A client for the server at `base_url` (e.g. `http://127.0.0.1:8080`).
    pub fn new(base_url: &str) -> Client {
        Client {
            base: base_url.trim_end_matches('/').to_owned(),
            http: reqwest::Client::new(),
            token: None,
        }
    }

    /// The same client using a session token.
    pub fn with_token(mut self, token: impl Into<String>) -> Client {
        self.token = Some(token.into());
        self
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn authorized(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.token {
            Some(token) => request.header(AUTHORIZATION, format!("Bearer {token}")),
            None => request,
        }
    }

    async fn error(response: reqwest::Response) -> ClientError {
        let status = response.status().as_u16();
        match response.text().await {
            Ok(text) => match serde_json::from_str::<ErrorBody>(&text) {
                Ok(body) => ClientError::Api { status, body },
                Err(e) => ClientError::Decode {
                    status,
                    detail: format!("{e}: {text}"),
                },
            },
            Err(e) => ClientError::Http(e),
        }
    }

    /// A typed answer, or the error body the server sent instead.
    async fn decode<T: serde::de::DeserializeOwned>(
        response: reqwest::Response,
    ) -> Result<T, ClientError> {
        let status = response.status().as_u16();
        let text = response.text().await?;
        if let Ok(answer) = serde_json::from_str::<T>(&text) {
            return Ok(answer);
        }
        match serde_json::from_str::<ErrorBody>(&text) {
            Ok(body) => Err(ClientError::Api { status, body }),
            Err(e) => Err(ClientError::Decode {
                status,
                detail: format!("{e}: {text}"),
            }),
        }
    }

    /// True when `/healthz` answers 200.
    pub async fn health(&self) -> Result<bool, ClientError> {
        Ok(self
            .http
            .get(self.url("/healthz"))
            .send()
            .await?
            .status()
            .is_success())
    }

    /// The system-use notification shown before sign-in.
    pub async fn banner(&self) -> Result<String, ClientError> {
        let response = self.http.get(self.url("/api/v1/banner")).send().await?;
        if !response.status().is_success() {
            return Err(Client::error(response).await);
        }
        Ok(response.text().await?)
    }

    /// Signs in with password and second-factor code; use the token with [`Client::with_token`].
    pub async fn sign_in(&self, request: &SignInRequest) -> Result<SignInResponse, ClientError> {
        let response = self
            .http
            .post(self.url("/api/v1/sessions"))
            .json(request)
            .send()
            .await?;
        if !response.status().is_success() {
            return Err(Client::error(response).await);
        }
        Ok(response.json().await?)
    }

    /// Accepts the system-use notification for this session.
    pub async fn accept_banner(&self) -> Result<(), ClientError> {
        let response = self
            .authorized(self.http.post(self.url("/api/v1/sessions/banner")))
            .send()
            .await?;
        if !response.status().is_success() {
            return Err(Client::error(response).await);
        }
        Ok(())
    }

    /// Changes the signed-in person's password.
    pub async fn change_password(&self, current: &str, new: &str) -> Result<(), ClientError> {
        let body = PasswordChangeRequest {
            current: current.into(),
            new: new.into(),
        };
        let response = self
            .authorized(self.http.post(self.url("/api/v1/account/password")))
            .json(&body)
            .send()
            .await?;
        if !response.status().is_success() {
            return Err(Client::error(response).await);
        }
        Ok(())
    }

    /// Runs an administrative command (`{"command": "…", …}`).
    pub async fn admin(&self, command: &serde_json::Value) -> Result<AdminReplyBody, ClientError> {
        let response = self
            .authorized(self.http.post(self.url("/api/v1/admin")))
            .json(command)
            .send()
            .await?;
        Client::decode(response).await
    }

    /// Ends the session.
    pub async fn sign_out(&self) -> Result<(), ClientError> {
        let response = self
            .authorized(self.http.delete(self.url("/api/v1/sessions")))
            .send()
            .await?;
        if !response.status().is_success() {
            return Err(Client::error(response).await);
        }
        Ok(())
    }

    /// Sends a formatted message and returns the terminal text.
    pub async fn send_text(&self, message: &str) -> Result<TextReply, ClientError> {
        let request = self
            .http
            .post(self.url("/api/v1/messages"))
            .header(CONTENT_TYPE, "text/plain")
            .body(message.to_owned());
        let response = self.authorized(request).send().await?;
        let status = response.status().as_u16();
        let is_text = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/plain"));
        if !is_text {
            return Err(Client::error(response).await);
        }
        let operation_id = response
            .headers()
            .get("x-operation-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Ok(TextReply {
            status,
            operation_id,
            text: response.text().await?,
        })
    }

    async fn reply(response: reqwest::Response) -> Result<ReplyBody, ClientError> {
        Client::decode(response).await
    }

    /// Sends a formatted message and returns the JSON reply.
    pub async fn send_json(&self, message: &str) -> Result<ReplyBody, ClientError> {
        let request = self
            .http
            .post(self.url("/api/v1/messages"))
            .header(CONTENT_TYPE, "text/plain")
            .header(ACCEPT, "application/json")
            .body(message.to_owned());
        Client::reply(self.authorized(request).send().await?).await
    }

    /// Sends a JSON transaction.
    pub async fn transaction(
        &self,
        request: &TransactionRequest,
    ) -> Result<ReplyBody, ClientError> {
        let request = self
            .http
            .post(self.url("/api/v1/transactions"))
            .json(request);
        Client::reply(self.authorized(request).send().await?).await
    }

    /// Records a secondary dissemination.
    pub async fn disseminate(
        &self,
        request: &DisseminationRequest,
    ) -> Result<ReplyBody, ClientError> {
        let request = self
            .http
            .post(self.url("/api/v1/disseminations"))
            .json(request);
        Client::reply(self.authorized(request).send().await?).await
    }

    /// Reads an audit report (`criteria` as `name=value` pairs, e.g. `("operator", "DEMO1")`).
    /// A refused report is an answer too: its outcome, code and reasons say why.
    pub async fn audit_report(
        &self,
        criteria: &[(String, String)],
    ) -> Result<AuditReportBody, ClientError> {
        let request = self
            .http
            .get(self.url("/api/v1/audit/entries"))
            .query(criteria)
            .header(ACCEPT, "application/json");
        Client::decode(self.authorized(request).send().await?).await
    }

    /// Reads an audit report as CSV (the header line first).
    pub async fn audit_report_csv(
        &self,
        criteria: &[(String, String)],
    ) -> Result<String, ClientError> {
        let request = self
            .http
            .get(self.url("/api/v1/audit/entries"))
            .query(criteria)
            .header(ACCEPT, "text/csv");
        let response = self.authorized(request).send().await?;
        let is_csv = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/csv"));
        if !response.status().is_success() || !is_csv {
            return Err(Client::error(response).await);
        }
        Ok(response.text().await?)
    }

    /// Registrant photos due for annual replacement (rule I3): of the own agency (`None`), of
    /// an agency, or of every agency (`ALL`).
    pub async fn photos_due(
        &self,
        ori: Option<&str>,
    ) -> Result<leads_api_types::PhotosDueBody, ClientError> {
        let mut request = self.http.get(self.url("/api/v1/images/due"));
        if let Some(ori) = ori {
            request = request.query(&[("ori", ori)]);
        }
        Client::decode(self.authorized(request).send().await?).await
    }

    /// Records the second-party check of record `lrn` (H4).
    pub async fn verify_record(
        &self,
        lrn: &str,
        checked: &str,
    ) -> Result<ItemsBody<VerificationBody>, ClientError> {
        let request = self
            .http
            .post(self.url(&format!("/api/v1/records/{lrn}/verification")))
            .json(&VerificationRequest {
                checked: checked.to_owned(),
            });
        Client::decode(self.authorized(request).send().await?).await
    }

    /// Records the validation of record `lrn` (H8): how it was confirmed with its source.
    pub async fn validate_record(
        &self,
        lrn: &str,
        confirmed: &str,
    ) -> Result<ItemsBody<VerificationBody>, ClientError> {
        let request = self
            .http
            .post(self.url(&format!("/api/v1/records/{lrn}/validation")))
            .json(&VerificationRequest {
                checked: confirmed.to_owned(),
            });
        Client::decode(self.authorized(request).send().await?).await
    }

    /// The Department reports a serious error on record `lrn` (H5).
    pub async fn report_serious_error(
        &self,
        lrn: &str,
        text: &str,
    ) -> Result<ItemsBody<leads_api_types::SeriousErrorBody>, ClientError> {
        self.record_act(lrn, "serious-error", text).await
    }

    /// The Department removes record `lrn` from the file (H5).
    pub async fn remove_record(
        &self,
        lrn: &str,
        reason: &str,
    ) -> Result<ItemsBody<leads_api_types::SeriousErrorBody>, ClientError> {
        self.record_act(lrn, "removal", reason).await
    }

    async fn record_act(
        &self,
        lrn: &str,
        act: &str,
        text: &str,
    ) -> Result<ItemsBody<leads_api_types::SeriousErrorBody>, ClientError> {
        let request = self
            .http
            .post(self.url(&format!("/api/v1/records/{lrn}/{act}")))
            .json(&leads_api_types::SeriousErrorRequest {
                text: text.to_owned(),
            });
        Client::decode(self.authorized(request).send().await?).await
    }

    /// Defines agency `ori`'s shift changes (`hhmm`, UTC) (H5).
    pub async fn define_shifts(
        &self,
        ori: &str,
        starts: &[String],
    ) -> Result<ItemsBody<String>, ClientError> {
        let request = self
            .http
            .put(self.url(&format!("/api/v1/agencies/{ori}/shifts")))
            .json(&leads_api_types::ShiftsRequest {
                starts: starts.to_vec(),
            });
        Client::decode(self.authorized(request).send().await?).await
    }

    /// The hours of the last `days` days the agency had no certified operator signed in (H1).
    pub async fn staffing(
        &self,
        ori: Option<&str>,
        days: i64,
    ) -> Result<ItemsBody<leads_api_types::StaffingGapBody>, ClientError> {
        let mut request = self
            .http
            .get(self.url("/api/v1/compliance/staffing"))
            .query(&[("days", days.to_string())]);
        if let Some(ori) = ori {
            request = request.query(&[("ori", ori)]);
        }
        Client::decode(self.authorized(request).send().await?).await
    }

    /// Everything one agency has open, late or unstaffed (`ori`: another agency).
    pub async fn compliance_overview(
        &self,
        ori: Option<&str>,
    ) -> Result<ItemsBody<leads_api_types::ComplianceOverviewBody>, ClientError> {
        let mut request = self.http.get(self.url("/api/v1/compliance/overview"));
        if let Some(ori) = ori {
            request = request.query(&[("ori", ori)]);
        }
        Client::decode(self.authorized(request).send().await?).await
    }

    /// The agency's message queue (`ori`: another agency, or `ALL` for the Administrator's).
    pub async fn mailbox(
        &self,
        ori: Option<&str>,
        unread_only: bool,
    ) -> Result<ItemsBody<MailBody>, ClientError> {
        let mut request = self.http.get(self.url("/api/v1/mailbox"));
        if let Some(ori) = ori {
            request = request.query(&[("ori", ori)]);
        }
        if unread_only {
            request = request.query(&[("unread", "true")]);
        }
        Client::decode(self.authorized(request).send().await?).await
    }

    /// Acknowledges message `id` of the queue (`ori` as for [`Client::mailbox`]).
    pub async fn acknowledge(
        &self,
        id: i64,
        ori: Option<&str>,
    ) -> Result<ItemsBody<i64>, ClientError> {
        let mut request = self
            .http
            .post(self.url(&format!("/api/v1/mailbox/{id}/ack")));
        if let Some(ori) = ori {
            request = request.query(&[("ori", ori)]);
        }
        Client::decode(self.authorized(request).send().await?).await
    }

    /// The open deadlines of the agency (`ori`: another agency, or `ALL`).
    pub async fn compliance(
        &self,
        ori: Option<&str>,
    ) -> Result<ItemsBody<DeadlineBody>, ClientError> {
        let mut request = self.http.get(self.url("/api/v1/compliance"));
        if let Some(ori) = ori {
            request = request.query(&[("ori", ori)]);
        }
        Client::decode(self.authorized(request).send().await?).await
    }

    /// Warrants the agency entered late (H3) (`ori`: another agency, or `ALL`).
    pub async fn late_entries(
        &self,
        ori: Option<&str>,
    ) -> Result<ItemsBody<LateEntryBody>, ClientError> {
        let mut request = self.http.get(self.url("/api/v1/compliance/late-entries"));
        if let Some(ori) = ori {
            request = request.query(&[("ori", ori)]);
        }
        Client::decode(self.authorized(request).send().await?).await
    }

    /// Lists the misuse review queue (`criteria` as `name=value`: `ori`, `status=open|all`,
    /// `week`, `limit`).
    pub async fn misuse_flags(
        &self,
        criteria: &[(String, String)],
    ) -> Result<ReviewReplyBody, ClientError> {
        let request = self
            .http
            .get(self.url("/api/v1/review/flags"))
            .query(criteria);
        Client::decode(self.authorized(request).send().await?).await
    }

    /// Records the disposition of a misuse flag.
    pub async fn dispose_flag(
        &self,
        id: i64,
        request: &DispositionRequest,
    ) -> Result<ReviewReplyBody, ClientError> {
        let request = self
            .http
            .post(self.url(&format!("/api/v1/review/flags/{id}")))
            .json(request);
        Client::decode(self.authorized(request).send().await?).await
    }
}
