//! Signed checkpoints: the tree size, the root hash and the time, signed with the log's Ed25519
//! key. Anyone with the public key can check a copy of the log against them.

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};

use crate::merkle::Hash;

/// A signed tree head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// Number of entries covered (entries 1..=size).
    pub size: u64,
    /// Merkle root over their leaf hashes, lower-case hex.
    pub root: String,
    /// When it was made, UTC microseconds.
    pub at_micros: i64,
    /// Hex of the first 8 bytes of SHA-256 of the public key (which key signed).
    pub key_id: String,
    /// Ed25519 signature over [`Checkpoint::signed_text`], hex.
    pub signature: String,
}

/// Why a checkpoint does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckpointError {
    #[error("checkpoint of size {0} is signed by another key")]
    WrongKey(u64),
    #[error("checkpoint of size {0} has a malformed signature or root")]
    Malformed(u64),
    #[error("checkpoint of size {0} has a signature that does not verify (forged or altered)")]
    BadSignature(u64),
}

/// The key id of a public key.
pub fn key_id(key: &VerifyingKey) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(key.as_bytes()).get(..8).unwrap_or_default())
}

impl Checkpoint {
    /// The exact text that is signed.
    pub fn signed_text(size: u64, root: &str, at_micros: i64) -> String {
        format!("openleads-audit-checkpoint\n{size}\n{root}\n{at_micros}\n")
    }

    /// Makes and signs a checkpoint.
    pub fn sign(size: u64, root: &Hash, at_micros: i64, key: &SigningKey) -> Checkpoint {
        let root = hex::encode(root);
        let signature = key.sign(Checkpoint::signed_text(size, &root, at_micros).as_bytes());
        Checkpoint {
            size,
            root,
            at_micros,
            key_id: key_id(&key.verifying_key()),
            signature: hex::encode(signature.to_bytes()),
        }
    }

    /// Checks the signature with the public key.
    pub fn verify(&self, key: &VerifyingKey) -> Result<(), CheckpointError> {
        if self.key_id != key_id(key) {
            return Err(CheckpointError::WrongKey(self.size));
        }
        let bytes: [u8; 64] = hex::decode(&self.signature)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or(CheckpointError::Malformed(self.size))?;
        let signature = Signature::from_bytes(&bytes);
        key.verify(
            Checkpoint::signed_text(self.size, &self.root, self.at_micros).as_bytes(),
            &signature,
        )
        .map_err(|_| CheckpointError::BadSignature(self.size))
    }

    /// The root as bytes.
    pub fn root_hash(&self) -> Option<Hash> {
        hex::decode(&self.root).ok().and_then(|b| b.try_into().ok())
    }
}

/// Reads a 32-byte Ed25519 key (hex) as a verifying key.
pub fn verifying_key_from_hex(text: &str) -> Option<VerifyingKey> {
    let bytes: [u8; 32] = hex::decode(text.trim()).ok()?.try_into().ok()?;
    VerifyingKey::from_bytes(&bytes).ok()
}

/// Reads a 32-byte Ed25519 seed (hex) as a signing key.
pub fn signing_key_from_hex(text: &str) -> Option<SigningKey> {
    let bytes: [u8; 32] = hex::decode(text.trim()).ok()?.try_into().ok()?;
    Some(SigningKey::from_bytes(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(seed: u8) -> SigningKey {
        SigningKey::from_bytes(&[seed; 32])
    }

    #[test]
    fn a_checkpoint_verifies_with_its_key_only() {
        let root = crate::merkle::root(&[crate::leaf_hash(b"a")]);
        let checkpoint = Checkpoint::sign(1, &root, 42, &key(1));
        assert_eq!(checkpoint.verify(&key(1).verifying_key()), Ok(()));
        assert_eq!(
            checkpoint.verify(&key(2).verifying_key()),
            Err(CheckpointError::WrongKey(1))
        );
        assert_eq!(checkpoint.root_hash(), Some(root));
    }

    #[test]
    fn any_altered_field_breaks_the_signature() {
        let root = crate::merkle::root(&[crate::leaf_hash(b"a"), crate::leaf_hash(b"b")]);
        let good = Checkpoint::sign(2, &root, 42, &key(1));
        let public = key(1).verifying_key();
        for forged in [
            Checkpoint {
                size: 3,
                ..good.clone()
            },
            Checkpoint {
                at_micros: 43,
                ..good.clone()
            },
            Checkpoint {
                root: hex::encode([0u8; 32]),
                ..good.clone()
            },
        ] {
            assert_eq!(
                forged.verify(&public),
                Err(CheckpointError::BadSignature(forged.size))
            );
        }
        let garbled = Checkpoint {
            signature: "00".into(),
            ..good
        };
        assert_eq!(garbled.verify(&public), Err(CheckpointError::Malformed(2)));
    }

    #[test]
    fn keys_read_from_hex() {
        let signing = signing_key_from_hex(&hex::encode([7u8; 32])).unwrap();
        let public =
            verifying_key_from_hex(&hex::encode(signing.verifying_key().as_bytes())).unwrap();
        assert_eq!(public, signing.verifying_key());
        assert!(verifying_key_from_hex("zz").is_none());
    }
}
