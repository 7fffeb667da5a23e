//! Encrypted blob storage (envelope encryption).
//!
//! - Every blob has its own random 256-bit data key and a random 96-bit nonce; the blob is
//!   sealed with AES-256-GCM and the blob id as associated data ([`envelope`]).
//! - The data key is wrapped (AES-256-GCM again) by the master key, with the blob id as
//!   associated data too; the [`WrappedKey`] text is kept with the blob's metadata, never with
//!   the blob ([`keys`]).
//! - Blobs live in an `object_store` ([`BlobStore`]): a local directory, or S3 with the `s3`
//!   feature.
//! - Rotating the master key re-wraps data keys ([`Vault::rewrap`]); blobs are not rewritten.

mod envelope;
mod keys;
mod store;

pub use envelope::{BLOB_MAGIC, open_blob, seal_blob};
pub use keys::{DataKey, Keyring, MasterKey, WrappedKey};
pub use store::{BlobId, BlobStore, Vault};

/// What can go wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VaultError {
    /// A master key in configuration is malformed.
    #[error("MASTER KEY INVALID - {0}")]
    BadMasterKey(String),
    /// A wrapped key names a master key the keyring does not hold.
    #[error("NO MASTER KEY {0} IN THE KEYRING")]
    UnknownMasterKey(String),
    /// Authentication failed: the ciphertext, the wrapped key or the blob id does not match.
    #[error("DECRYPTION FAILED - DATA ALTERED OR NOT THIS BLOB'S")]
    Decrypt,
    /// Stored text or bytes are not in the expected format.
    #[error("MALFORMED {0}")]
    Malformed(&'static str),
    /// A blob id with characters outside `[a-z0-9-]` or of the wrong length.
    #[error("INVALID BLOB ID {0}")]
    BadBlobId(String),
    /// The blob is not in the store.
    #[error("BLOB {0} NOT FOUND")]
    NotFound(String),
    /// The store failed.
    #[error("BLOB STORE UNAVAILABLE - {0}")]
    Store(String),
    /// Encryption failed (should not happen with a valid key).
    #[error("ENCRYPTION FAILED")]
    Encrypt,
}

/// Results of this crate.
pub type VaultResult<T> = Result<T, VaultError>;
