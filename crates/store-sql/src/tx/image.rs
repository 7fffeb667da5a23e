//! The image file in one transaction.

use async_trait::async_trait;
use leads_domain::fields::{Imn, Lrn, Ori};
use leads_store::{BlobRef, ImageTx, RegistrantPhoto, StoreResult, StoredImage};

use crate::image_rows;

use super::SqlTx;

#[async_trait]
impl ImageTx for SqlTx {
    async fn insert_image(&mut self, image: &StoredImage) -> StoreResult<()> {
        image_rows::insert(&mut self.tx, image).await
    }

    async fn update_image(&mut self, image: &StoredImage) -> StoreResult<()> {
        image_rows::update(&mut self.tx, image).await
    }

    async fn image(&mut self, imn: &Imn) -> StoreResult<Option<StoredImage>> {
        image_rows::by_imn(&mut self.tx, imn).await
    }

    async fn images_of_record(
        &mut self,
        lrn: &Lrn,
        with_cancelled: bool,
    ) -> StoreResult<Vec<StoredImage>> {
        image_rows::of_record(&mut self.tx, lrn, with_cancelled).await
    }

    async fn image_hashes(&mut self, except: &Lrn) -> StoreResult<Vec<(Imn, Lrn, String)>> {
        image_rows::hashes(&mut self.tx, except).await
    }

    async fn registrant_photos(&mut self, ori: Option<&Ori>) -> StoreResult<Vec<RegistrantPhoto>> {
        image_rows::registrant_photos(&mut self.tx, ori).await
    }

    async fn image_keys(&mut self) -> StoreResult<Vec<(Imn, BlobRef, BlobRef)>> {
        image_rows::keys(&mut self.tx).await
    }

    async fn rewrap_image(&mut self, imn: &Imn, picture: &str, thumbnail: &str) -> StoreResult<()> {
        image_rows::rewrap(&mut self.tx, imn, picture, thumbnail).await
    }
}
