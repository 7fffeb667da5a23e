//! Sealing one blob under its data key, bound to its id.

use aes_gcm::AeadCore;
use aes_gcm::Aes256Gcm;
use aes_gcm::aead::{Aead, OsRng, Payload};

use crate::keys::{DataKey, split_nonce};
use crate::{VaultError, VaultResult};

/// The first bytes of every stored blob (format version 1).
pub const BLOB_MAGIC: &[u8; 4] = b"LBV1";
const BLOB_AAD: &[u8] = b"leads-blob-v1\0";

/// Encrypts `plain` for the blob `blob_id`: `LBV1 ‖ nonce ‖ ciphertext ‖ tag`.
pub fn seal_blob(key: &DataKey, blob_id: &str, plain: &[u8]) -> VaultResult<Vec<u8>> {
    let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
    let aad = [BLOB_AAD, blob_id.as_bytes()].concat();
    let sealed = key
        .cipher()
        .encrypt(
            &nonce,
            Payload {
                msg: plain,
                aad: &aad,
            },
        )
        .map_err(|_| VaultError::Encrypt)?;
    let mut out = Vec::with_capacity(BLOB_MAGIC.len() + nonce.len() + sealed.len());
    out.extend_from_slice(BLOB_MAGIC);
    out.extend_from_slice(&nonce);
    out.extend(sealed);
    Ok(out)
}

/// Decrypts a blob sealed for `blob_id`; any change to the bytes, or a blob sealed for another
/// id, fails with [`VaultError::Decrypt`].
pub fn open_blob(key: &DataKey, blob_id: &str, sealed: &[u8]) -> VaultResult<Vec<u8>> {
    let body = sealed
        .strip_prefix(BLOB_MAGIC.as_slice())
        .ok_or(VaultError::Malformed("BLOB"))?;
    let (nonce, ciphertext) = split_nonce(body)?;
    let aad = [BLOB_AAD, blob_id.as_bytes()].concat();
    key.cipher()
        .decrypt(
            &nonce,
            Payload {
                msg: ciphertext,
                aad: &aad,
            },
        )
        .map_err(|_| VaultError::Decrypt)
}
