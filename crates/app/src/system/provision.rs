//! Provisioning by the system itself: the first administrator (`leads admin bootstrap`), the demo
//! and test fixtures. Not reachable over HTTP; every step is audited as a `provision` event.
//! Everything afterwards goes through the administrative commands and their policies.

use leads_domain::access::{Agency, Person, Terminal};
use leads_domain::codes::ReplyCode;
use leads_domain::reply::Outcome;
use leads_domain::sos::SosHolder;
use leads_store::{Account, AccountStatus, BlobRef, StoredHolder};
use leads_vault::BlobId;

use crate::admin::Enrollment;
use crate::runner::{Actor, Ctx, Done, OperationKind, Work, WorkFuture};
use crate::{Service, ServiceError, hash_password, password, totp};

/// System-level setup.
#[derive(Debug)]
pub struct Provisioning<'a> {
    service: &'a Service,
}

impl Service {
    /// Provisioning over this service's store and clock.
    pub fn provisioning(&self) -> Provisioning<'_> {
        Provisioning { service: self }
    }
}

impl Provisioning<'_> {
    /// Runs one provisioning act `act` through the runner, audited as a `provision` event with
    /// `detail`.
    async fn provision<T, F>(&self, detail: String, act: F) -> Result<T, ServiceError>
    where
        T: Send + Default,
        F: for<'a, 'b> FnOnce(&'a mut Ctx<'b>) -> WorkFuture<'a, T> + Send,
    {
        let work = Work::new(OperationKind::Provisioning, "provision", detail, act).by_the_system();
        let answer = self.service.run(Actor::Provisioning, None, work).await?;
        match answer.outcome {
            Outcome::Accepted => Ok(answer.body),
            _ => Err(ServiceError::Internal(answer.message)),
        }
    }

    /// Writes an agency as given.
    pub async fn agency(&self, agency: &Agency) -> Result<(), ServiceError> {
        let detail = format!("AGENCY {} {:?}", agency.ori, agency.status);
        let agency = agency.clone();
        self.provision(detail, move |ctx| {
            Box::pin(async move {
                ctx.tx.put_agency(&agency).await?;
                Ok(Done::new(ReplyCode::Provisioned, "AGENCY WRITTEN", ()))
            })
        })
        .await
    }

    /// Writes a terminal as given.
    pub async fn terminal(&self, terminal: &Terminal) -> Result<(), ServiceError> {
        let detail = format!("TERMINAL {} {}", terminal.id, terminal.ori);
        let terminal = terminal.clone();
        self.provision(detail, move |ctx| {
            Box::pin(async move {
                ctx.tx.put_terminal(&terminal).await?;
                Ok(Done::new(ReplyCode::Provisioned, "TERMINAL WRITTEN", ()))
            })
        })
        .await
    }

    /// Creates a person with a password (checked against the rules) and a TOTP secret: a new
    /// random one, or `secret` where a fixture needs a known one.
    pub async fn person(
        &self,
        person: Person,
        password_text: &str,
        secret: Option<&str>,
    ) -> Result<Enrollment, ServiceError> {
        password::check(&person.id, password_text)
            .map_err(|why| ServiceError::PasswordRejected(why.into()))?;
        self.person_with_hash(person, hash_password(password_text)?, secret)
            .await
    }

    /// As [`Provisioning::person`] with a password hash computed beforehand (test fixtures).
    pub async fn person_with_hash(
        &self,
        person: Person,
        password_hash: String,
        secret: Option<&str>,
    ) -> Result<Enrollment, ServiceError> {
        let now = self.service.clock.now();
        let secret = secret.map_or_else(totp::new_secret, str::to_owned);
        let id = person.id.clone();
        let account = Account {
            person,
            status: AccountStatus::Active,
            password_hash,
            password_changed_at: now,
            totp_secret: Some(secret.clone()),
            totp_last_step: None,
            created_at: now,
            last_sign_in_at: None,
        };
        let detail = format!("ACCOUNT {id} {}", account.person.ori);
        self.provision(detail, move |ctx| {
            Box::pin(async move {
                ctx.tx.put_account(&account).await?;
                Ok(Done::new(ReplyCode::Provisioned, "ACCOUNT WRITTEN", ()))
            })
        })
        .await?;
        Ok(Enrollment {
            uri: totp::provisioning_uri(&secret, &id),
            secret,
        })
    }

    /// Loads holders into the Secretary of State's image file (the demo and test fixtures play
    /// the SOS file): each picture is normalized to a mugshot JPEG and sealed in the vault.
    /// One transaction and one audit entry for the batch.
    pub async fn sos_holders(
        &self,
        holders: &[(SosHolder, Vec<u8>)],
    ) -> Result<usize, ServiceError> {
        let service = self.service;
        let mut sealed = Vec::with_capacity(holders.len());
        for (holder, picture) in holders {
            let normalized = leads_imaging::normalize(
                picture,
                leads_imaging::Frame::Mugshot,
                None,
                &service.config.image_limits,
            )
            .map_err(|e| ServiceError::Internal(format!("SOS picture of {}: {e}", holder.dln)))?;
            let blob = BlobId::random();
            let key = service
                .vault
                .put(&blob, &normalized.jpeg)
                .await
                .map_err(|e| {
                    ServiceError::Internal(format!("SOS picture of {}: {e}", holder.dln))
                })?;
            sealed.push(StoredHolder {
                holder: holder.clone(),
                picture: BlobRef {
                    id: blob.as_str().to_owned(),
                    wrapped_key: key.as_str().to_owned(),
                },
            });
        }
        let count = sealed.len();
        let detail = format!("SOS FILE {count} HOLDERS");
        self.provision(detail, move |ctx| {
            Box::pin(async move {
                for holder in &sealed {
                    ctx.tx.sos().put_holder(holder).await?;
                }
                Ok(Done::new(ReplyCode::Provisioned, "SOS HOLDERS WRITTEN", ()))
            })
        })
        .await?;
        Ok(count)
    }
}
