//! Master keys, data keys and wrapped data keys.

use aes_gcm::aead::{Aead, KeyInit, OsRng, Payload};
use aes_gcm::{AeadCore, Aes256Gcm, Key, Nonce};
use data_encoding::{BASE64, HEXLOWER_PERMISSIVE};
use sha2::{Digest, Sha256};

use crate::{VaultError, VaultResult};

const KEY_AAD: &[u8] = b"leads-key-v1\0";
const NONCE_LEN: usize = 12;

/// The key-encryption key from configuration: 32 bytes, written as 64 hex digits.
#[derive(Clone)]
pub struct MasterKey {
    key: [u8; 32],
    id: String,
}

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The key itself is never printed.
        f.debug_struct("MasterKey").field("id", &self.id).finish()
    }
}

impl MasterKey {
    /// Parses 64 hex digits (surrounding white space ignored).
    pub fn from_hex(text: &str) -> VaultResult<MasterKey> {
        let bytes = HEXLOWER_PERMISSIVE
            .decode(text.trim().as_bytes())
            .map_err(|_| VaultError::BadMasterKey("NOT HEXADECIMAL".into()))?;
        let key: [u8; 32] = bytes
            .try_into()
            .map_err(|_| VaultError::BadMasterKey("MUST BE 32 BYTES (64 HEX DIGITS)".into()))?;
        Ok(MasterKey::from_bytes(key))
    }

    /// A key from its bytes.
    pub fn from_bytes(key: [u8; 32]) -> MasterKey {
        let mut hasher = Sha256::new();
        hasher.update(b"leads-master-key-id\0");
        hasher.update(key);
        let digest = hasher.finalize();
        let id = data_encoding::HEXLOWER.encode(digest.get(..8).unwrap_or_default());
        MasterKey { key, id }
    }

    /// A new random key.
    pub fn generate() -> MasterKey {
        let key: [u8; 32] = Aes256Gcm::generate_key(&mut OsRng).into();
        MasterKey::from_bytes(key)
    }

    /// The key as 64 hex digits (for writing a new key file).
    pub fn to_hex(&self) -> String {
        data_encoding::HEXLOWER.encode(&self.key)
    }

    /// A public identifier of the key (16 hex digits of a hash); wrapped keys name it.
    pub fn id(&self) -> &str {
        &self.id
    }

    fn cipher(&self) -> Aes256Gcm {
        Aes256Gcm::new(&Key::<Aes256Gcm>::from(self.key))
    }

    /// Wraps a data key for the blob `blob_id`.
    pub fn wrap(&self, blob_id: &str, data_key: &DataKey) -> VaultResult<WrappedKey> {
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let aad = [KEY_AAD, blob_id.as_bytes()].concat();
        let sealed = self
            .cipher()
            .encrypt(
                &nonce,
                Payload {
                    msg: &data_key.0,
                    aad: &aad,
                },
            )
            .map_err(|_| VaultError::Encrypt)?;
        let mut body = nonce.to_vec();
        body.extend(sealed);
        Ok(WrappedKey(format!("{}:{}", self.id, BASE64.encode(&body))))
    }

    /// Unwraps a data key of the blob `blob_id`; fails if the key was wrapped for another blob
    /// or altered.
    pub fn unwrap_key(&self, blob_id: &str, wrapped: &WrappedKey) -> VaultResult<DataKey> {
        let (id, body) = wrapped.parts()?;
        if id != self.id {
            return Err(VaultError::UnknownMasterKey(id.to_owned()));
        }
        let (nonce, sealed) = split_nonce(&body)?;
        let aad = [KEY_AAD, blob_id.as_bytes()].concat();
        let plain = self
            .cipher()
            .decrypt(
                &nonce,
                Payload {
                    msg: sealed,
                    aad: &aad,
                },
            )
            .map_err(|_| VaultError::Decrypt)?;
        let key: [u8; 32] = plain.try_into().map_err(|_| VaultError::Decrypt)?;
        Ok(DataKey(key))
    }
}

pub(crate) fn split_nonce(
    bytes: &[u8],
) -> VaultResult<(Nonce<aes_gcm::aes::cipher::consts::U12>, &[u8])> {
    let nonce = bytes
        .get(..NONCE_LEN)
        .ok_or(VaultError::Malformed("CIPHERTEXT"))?;
    let nonce: [u8; NONCE_LEN] = nonce
        .try_into()
        .map_err(|_| VaultError::Malformed("NONCE"))?;
    let rest = bytes.get(NONCE_LEN..).unwrap_or_default();
    Ok((Nonce::from(nonce), rest))
}

/// A blob's own 256-bit key; it exists in memory only, or wrapped.
#[derive(Clone)]
pub struct DataKey(pub(crate) [u8; 32]);

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(..)")
    }
}

impl DataKey {
    /// A new random data key.
    pub fn generate() -> DataKey {
        DataKey(Aes256Gcm::generate_key(&mut OsRng).into())
    }

    pub(crate) fn cipher(&self) -> Aes256Gcm {
        Aes256Gcm::new(&Key::<Aes256Gcm>::from(self.0))
    }
}

/// A data key wrapped by a master key: `<master key id>:<base64 of nonce and ciphertext>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedKey(String);

impl WrappedKey {
    /// Reads the stored text form.
    pub fn parse(text: &str) -> VaultResult<WrappedKey> {
        let key = WrappedKey(text.to_owned());
        key.parts()?;
        Ok(key)
    }

    /// The stored text form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id of the master key that wrapped it.
    pub fn master_key_id(&self) -> &str {
        self.0.split(':').next().unwrap_or_default()
    }

    fn parts(&self) -> VaultResult<(&str, Vec<u8>)> {
        let (id, body) = self
            .0
            .split_once(':')
            .ok_or(VaultError::Malformed("WRAPPED KEY"))?;
        let body = BASE64
            .decode(body.as_bytes())
            .map_err(|_| VaultError::Malformed("WRAPPED KEY"))?;
        Ok((id, body))
    }
}

/// The current master key, and earlier ones still needed to unwrap keys not yet re-wrapped.
#[derive(Debug, Clone)]
pub struct Keyring {
    current: MasterKey,
    previous: Vec<MasterKey>,
}

impl Keyring {
    /// A keyring with one key.
    pub fn new(current: MasterKey) -> Keyring {
        Keyring {
            current,
            previous: vec![],
        }
    }

    /// Adds an earlier key (for reading, and for rotation).
    pub fn with_previous(mut self, key: MasterKey) -> Keyring {
        if key.id() != self.current.id() {
            self.previous.push(key);
        }
        self
    }

    /// The key new data keys are wrapped with.
    pub fn current(&self) -> &MasterKey {
        &self.current
    }

    /// Unwraps with whichever key wrapped it.
    pub fn unwrap_key(&self, blob_id: &str, wrapped: &WrappedKey) -> VaultResult<DataKey> {
        let id = wrapped.master_key_id();
        std::iter::once(&self.current)
            .chain(&self.previous)
            .find(|k| k.id() == id)
            .ok_or_else(|| VaultError::UnknownMasterKey(id.to_owned()))?
            .unwrap_key(blob_id, wrapped)
    }
}
