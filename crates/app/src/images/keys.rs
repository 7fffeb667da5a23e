//! Master-key rotation for image blobs: every data key is re-wrapped under the current master
//! key; the blobs themselves are not rewritten. Audited as a system event.

use leads_domain::codes::ReplyCode;
use leads_store::BlobRef;
use leads_vault::{BlobId, WrappedKey};

use crate::runner::{Actor, Done, OperationKind, Work};
use crate::{Service, ServiceError};
use leads_domain::reply::Outcome;

/// What a rotation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RewrapReport {
    /// Images whose keys were re-wrapped.
    pub rewrapped: u64,
    /// Images whose keys were already under the current master key.
    pub current: u64,
}

fn rewrap_one(vault: &leads_vault::Vault, blob: &BlobRef) -> Result<Option<String>, ServiceError> {
    let failed =
        |e: leads_vault::VaultError| ServiceError::Internal(format!("BLOB {}: {e}", blob.id));
    let id = BlobId::parse(&blob.id).map_err(failed)?;
    let wrapped = WrappedKey::parse(&blob.wrapped_key).map_err(failed)?;
    Ok(vault
        .rewrap(&id, &wrapped)
        .map_err(failed)?
        .map(|k| k.as_str().to_owned()))
}

impl Service {
    /// Re-wraps every image data key under the vault's current master key, in one database
    /// transaction (all or nothing), with an `image_key_rotation` audit entry.
    pub async fn rotate_image_keys(&self) -> Result<RewrapReport, ServiceError> {
        let work = Work::new(
            OperationKind::KeyRotation,
            "image_key_rotation",
            "",
            |ctx| {
                Box::pin(async move {
                    let vault = &ctx.service.vault;
                    let mut report = RewrapReport::default();
                    for (imn, picture, thumbnail) in ctx.tx.image_keys().await? {
                        let new_picture = rewrap_one(vault, &picture)?;
                        let new_thumbnail = rewrap_one(vault, &thumbnail)?;
                        if new_picture.is_none() && new_thumbnail.is_none() {
                            report.current += 1;
                            continue;
                        }
                        let picture_key = new_picture.unwrap_or(picture.wrapped_key);
                        let thumbnail_key = new_thumbnail.unwrap_or(thumbnail.wrapped_key);
                        ctx.tx
                            .rewrap_image(&imn, &picture_key, &thumbnail_key)
                            .await?;
                        report.rewrapped += 1;
                    }
                    ctx.audit.detail = format!(
                        "IMAGE KEYS RE-WRAPPED UNDER MASTER KEY {}: {} RE-WRAPPED, {} ALREADY CURRENT",
                        vault.keys().current().id(),
                        report.rewrapped,
                        report.current
                    );
                    let message = ctx.audit.detail.clone();
                    Ok(Done::new(ReplyCode::ImageKeyRotation, message, report))
                })
            },
        )
        .by_the_system();
        let answer = self.run(Actor::System, None, work).await?;
        match answer.outcome {
            Outcome::Accepted => Ok(answer.body),
            _ => Err(ServiceError::Internal(answer.message)),
        }
    }
}
