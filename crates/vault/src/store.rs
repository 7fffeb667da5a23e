//! The blob store and the vault over it.

use std::sync::Arc;

use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};

use crate::envelope::{open_blob, seal_blob};
use crate::keys::{DataKey, Keyring, WrappedKey};
use crate::{VaultError, VaultResult};

/// A blob's name in the store: 1 to 64 characters of `[a-z0-9-]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BlobId(String);

impl BlobId {
    /// Checks a blob id.
    pub fn parse(text: &str) -> VaultResult<BlobId> {
        let ok = (1..=64).contains(&text.len())
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if ok {
            Ok(BlobId(text.to_owned()))
        } else {
            Err(VaultError::BadBlobId(text.chars().take(80).collect()))
        }
    }

    /// A new random id (a UUID v4 in hyphenated lower case).
    pub fn random() -> BlobId {
        let bytes: [u8; 16] = rand_bytes();
        let hex = data_encoding::HEXLOWER.encode(&bytes);
        let part = |range: std::ops::Range<usize>| hex.get(range).unwrap_or_default().to_owned();
        BlobId(format!(
            "{}-{}-{}-{}-{}",
            part(0..8),
            part(8..12),
            part(12..16),
            part(16..20),
            part(20..32)
        ))
    }

    /// The id text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn path(&self) -> Path {
        // Two levels of fan-out keep directories small on a local file system.
        let fan = self.0.get(..2).unwrap_or("00");
        Path::from(format!("{fan}/{}", self.0))
    }
}

impl std::fmt::Display for BlobId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn rand_bytes() -> [u8; 16] {
    let key = DataKey::generate();
    let mut out = [0u8; 16];
    for (slot, byte) in out.iter_mut().zip(key.0) {
        *slot = byte;
    }
    out
}

fn store_error(error: object_store::Error) -> VaultError {
    match error {
        object_store::Error::NotFound { path, .. } => VaultError::NotFound(path),
        other => VaultError::Store(other.to_string()),
    }
}

/// Where sealed blobs are kept.
#[derive(Debug, Clone)]
pub struct BlobStore {
    inner: Arc<dyn ObjectStore>,
}

impl BlobStore {
    /// Blobs in a local directory (created if missing).
    pub fn local(dir: &std::path::Path) -> VaultResult<BlobStore> {
        std::fs::create_dir_all(dir).map_err(|e| VaultError::Store(e.to_string()))?;
        let store =
            object_store::local::LocalFileSystem::new_with_prefix(dir).map_err(store_error)?;
        Ok(BlobStore {
            inner: Arc::new(store),
        })
    }

    /// Blobs in memory (gone when the process ends): for tests and benchmarks only.
    pub fn memory() -> BlobStore {
        BlobStore {
            inner: Arc::new(object_store::memory::InMemory::new()),
        }
    }

    /// Blobs in an S3 bucket, `s3://bucket[/prefix]`, with credentials and region from the
    /// standard `AWS_*` environment variables.
    #[cfg(feature = "s3")]
    pub fn s3(url: &str) -> VaultResult<BlobStore> {
        let rest = url
            .strip_prefix("s3://")
            .ok_or_else(|| VaultError::Store(format!("NOT AN S3 URL: {url}")))?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        let store = object_store::aws::AmazonS3Builder::from_env()
            .with_bucket_name(bucket)
            .build()
            .map_err(store_error)?;
        let inner: Arc<dyn ObjectStore> = if prefix.is_empty() {
            Arc::new(store)
        } else {
            Arc::new(object_store::prefix::PrefixStore::new(store, prefix))
        };
        Ok(BlobStore { inner })
    }

    /// Any object store.
    pub fn from_object_store(inner: Arc<dyn ObjectStore>) -> BlobStore {
        BlobStore { inner }
    }

    /// Writes a blob (replacing any blob of that id).
    pub async fn put(&self, id: &BlobId, bytes: Vec<u8>) -> VaultResult<()> {
        self.inner
            .put(&id.path(), PutPayload::from(bytes))
            .await
            .map_err(store_error)?;
        Ok(())
    }

    /// Reads a blob.
    pub async fn get(&self, id: &BlobId) -> VaultResult<Vec<u8>> {
        let result = self.inner.get(&id.path()).await.map_err(store_error)?;
        let bytes = result.bytes().await.map_err(store_error)?;
        Ok(bytes.to_vec())
    }

    /// Deletes a blob; deleting a blob that is not there is not an error.
    pub async fn delete(&self, id: &BlobId) -> VaultResult<()> {
        match self.inner.delete(&id.path()).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(other) => Err(store_error(other)),
        }
    }

    /// Whether a blob exists.
    pub async fn exists(&self, id: &BlobId) -> VaultResult<bool> {
        match self.inner.head(&id.path()).await {
            Ok(_) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(other) => Err(store_error(other)),
        }
    }
}

/// A keyring and a blob store: put and get plaintext, sealed at rest.
#[derive(Debug, Clone)]
pub struct Vault {
    keys: Keyring,
    store: BlobStore,
}

impl Vault {
    /// A vault over a store.
    pub fn new(keys: Keyring, store: BlobStore) -> Vault {
        Vault { keys, store }
    }

    /// The blob store (for deletion checks and maintenance).
    pub fn store(&self) -> &BlobStore {
        &self.store
    }

    /// The keyring.
    pub fn keys(&self) -> &Keyring {
        &self.keys
    }

    /// Seals and stores `plain` under a new data key; returns the wrapped key to keep with the
    /// blob's metadata.
    pub async fn put(&self, id: &BlobId, plain: &[u8]) -> VaultResult<WrappedKey> {
        let key = DataKey::generate();
        let sealed = seal_blob(&key, id.as_str(), plain)?;
        let wrapped = self.keys.current().wrap(id.as_str(), &key)?;
        self.store.put(id, sealed).await?;
        Ok(wrapped)
    }

    /// Reads and opens a blob.
    pub async fn get(&self, id: &BlobId, wrapped: &WrappedKey) -> VaultResult<Vec<u8>> {
        let key = self.keys.unwrap_key(id.as_str(), wrapped)?;
        let sealed = self.store.get(id).await?;
        open_blob(&key, id.as_str(), &sealed)
    }

    /// Deletes a blob.
    pub async fn delete(&self, id: &BlobId) -> VaultResult<()> {
        self.store.delete(id).await
    }

    /// Re-wraps a data key under the current master key (key rotation); `None` if it already is.
    pub fn rewrap(&self, id: &BlobId, wrapped: &WrappedKey) -> VaultResult<Option<WrappedKey>> {
        if wrapped.master_key_id() == self.keys.current().id() {
            return Ok(None);
        }
        let key = self.keys.unwrap_key(id.as_str(), wrapped)?;
        self.keys.current().wrap(id.as_str(), &key).map(Some)
    }
}
