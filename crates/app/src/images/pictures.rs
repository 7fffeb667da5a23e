//! Pictures in the vault: normalized and sealed before any database write (rule I4), opened
//! for a query, deleted once nothing refers to them.

#[allow(
    clippy::wildcard_imports,
    reason = "a part of the image module: its types and helpers"
)]
use super::*;

impl Service {
    pub(crate) async fn delete_blob(&self, id: &str) {
        let deleted = match BlobId::parse(id) {
            Ok(blob) => self.vault.delete(&blob).await,
            Err(error) => Err(error),
        };
        if let Err(error) = deleted {
            tracing::error!(%error, blob = id, "an image blob could not be deleted");
        }
    }

    /// Normalizes and seals the picture of an EIM or MII, before any database write — and only
    /// once the policies allow the act on its record, so nobody makes the switch decode a
    /// picture it would refuse; at most [`ServiceConfig::max_concurrent_decodes`] at once.
    pub(crate) async fn seal_picture(
        &self,
        principal: &Principal,
        message: &ImageMessage,
        now: Timestamp,
    ) -> Result<Option<SealedPicture>, Refusal> {
        let Some(bytes) = &message.image else {
            return Ok(None);
        };
        let mut tx = self.store.begin_read().await?;
        let found = match &message.transaction {
            ImageTransaction::Enter(entry) => {
                let record = record_for(tx.as_mut(), &entry.record).await;
                record.map(|r| Some((r, entry.image_type, entry.crop)))
            }
            ImageTransaction::Modify(change) => match tx.image(&change.imn).await {
                Err(error) => Err(Refusal::from(error)),
                Ok(image) => match image.filter(|i| i.status == ImageStatus::Active) {
                    None => Err(not_found(&change.imn)),
                    Some(image) => record_for(tx.as_mut(), &RecordRef::Lrn(image.lrn.clone()))
                        .await
                        .map(|r| Some((r, image.image_type, change.crop))),
                },
            },
            _ => Ok(None),
        };
        tx.rollback().await?;
        let Some((record, image_type, crop)) = found? else {
            return Ok(None);
        };
        self.authorize_image(principal, message, &record, now, None)?;
        let _permit = self.decodes.acquire().await.map_err(|e| {
            Refusal::from(leads_store::StoreError::Unavailable(format!(
                "decoding: {e}"
            )))
        })?;
        let crop = crop
            .map(|c| Crop::new(c.x(), c.y(), c.width(), c.height()))
            .transpose()
            .map_err(|e| image_refusal(&e))?;
        let limits = self.config.image_limits;
        let frame = frame_of(image_type);
        let bytes = bytes.clone();
        let normalized: Normalized = tokio::task::spawn_blocking(move || {
            leads_imaging::normalize(&bytes, frame, crop, &limits)
        })
        .await
        .map_err(|e| Refusal::from(leads_store::StoreError::Backend(e.to_string())))?
        .map_err(|e| image_refusal(&e))?;
        let picture_id = BlobId::random();
        let thumb_id = BlobId::random();
        let sealed_picture = self.vault.put(&picture_id, &normalized.jpeg).await;
        let sealed_thumb = self.vault.put(&thumb_id, &normalized.thumbnail).await;
        match (sealed_picture, sealed_thumb) {
            (Ok(picture_key), Ok(thumb_key)) => Ok(Some(SealedPicture {
                picture: BlobRef {
                    id: picture_id.to_string(),
                    wrapped_key: picture_key.as_str().to_owned(),
                },
                thumbnail: BlobRef {
                    id: thumb_id.to_string(),
                    wrapped_key: thumb_key.as_str().to_owned(),
                },
                phash: normalized.phash,
                width: normalized.width,
                height: normalized.height,
                bytes: u64::try_from(normalized.jpeg.len()).unwrap_or(u64::MAX),
            })),
            (picture, thumb) => {
                let _ = self.vault.delete(&picture_id).await;
                let _ = self.vault.delete(&thumb_id).await;
                let error = picture.err().or(thumb.err());
                tracing::error!(?error, "image blob store failure");
                Err(Refusal::from(leads_store::StoreError::Unavailable(
                    "image store".into(),
                )))
            }
        }
    }

    pub(crate) async fn open_picture(&self, blob: &BlobRef) -> Result<Vec<u8>, Refusal> {
        let opened = match (
            BlobId::parse(&blob.id),
            leads_vault::WrappedKey::parse(&blob.wrapped_key),
        ) {
            (Ok(id), Ok(key)) => self.vault.get(&id, &key).await,
            (Err(e), _) | (_, Err(e)) => Err(e),
        };
        opened.map_err(|error| {
            tracing::error!(%error, blob = %blob.id, "a stored image could not be read");
            Refusal::from(leads_store::StoreError::Corrupt(format!(
                "image blob {}: {error}",
                blob.id
            )))
        })
    }
}
