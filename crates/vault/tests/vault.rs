#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code"
)]

use leads_vault::{
    BLOB_MAGIC, BlobId, BlobStore, DataKey, Keyring, MasterKey, Vault, VaultError, WrappedKey,
    open_blob, seal_blob,
};

const PLAIN: &[u8] = b"\xff\xd8\xff\xe0 a mugshot that must not be readable at rest";

fn vault_in(dir: &std::path::Path) -> Vault {
    Vault::new(
        Keyring::new(MasterKey::generate()),
        BlobStore::local(dir).unwrap(),
    )
}

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![];
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[tokio::test]
async fn a_blob_round_trips_and_is_ciphertext_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let vault = vault_in(dir.path());
    let id = BlobId::random();
    let wrapped = vault.put(&id, PLAIN).await.unwrap();
    assert_eq!(vault.get(&id, &wrapped).await.unwrap(), PLAIN);
    let files = files_under(dir.path());
    assert_eq!(files.len(), 1);
    let on_disk = std::fs::read(&files[0]).unwrap();
    assert!(on_disk.starts_with(BLOB_MAGIC));
    assert!(
        !on_disk
            .windows(16)
            .any(|w| PLAIN.windows(16).any(|p| p == w))
    );
    assert_eq!(on_disk.len(), BLOB_MAGIC.len() + 12 + PLAIN.len() + 16);
}

#[tokio::test]
async fn a_tampered_ciphertext_fails_to_decrypt() {
    let dir = tempfile::tempdir().unwrap();
    let vault = vault_in(dir.path());
    let id = BlobId::random();
    let wrapped = vault.put(&id, PLAIN).await.unwrap();
    let file = files_under(dir.path()).pop().unwrap();
    let mut bytes = std::fs::read(&file).unwrap();
    let last = bytes.len() - 20;
    bytes[last] ^= 0x01;
    std::fs::write(&file, &bytes).unwrap();
    assert_eq!(vault.get(&id, &wrapped).await, Err(VaultError::Decrypt));
}

#[tokio::test]
async fn a_blob_swapped_between_ids_fails_to_decrypt() {
    let dir = tempfile::tempdir().unwrap();
    let vault = vault_in(dir.path());
    let (a, b) = (
        BlobId::parse("aa-one").unwrap(),
        BlobId::parse("bb-two").unwrap(),
    );
    let key_a = vault.put(&a, b"record A photo").await.unwrap();
    let key_b = vault.put(&b, b"record B photo").await.unwrap();
    // Copy B's ciphertext over A's: A's key cannot open it, and B's key refuses A's id.
    let sealed_b = vault.store().get(&b).await.unwrap();
    vault.store().put(&a, sealed_b).await.unwrap();
    assert_eq!(vault.get(&a, &key_a).await, Err(VaultError::Decrypt));
    assert_eq!(vault.get(&a, &key_b).await, Err(VaultError::Decrypt));
    assert_eq!(vault.get(&b, &key_b).await.unwrap(), b"record B photo");
}

#[test]
fn the_blob_id_is_bound_as_associated_data() {
    let key = DataKey::generate();
    let sealed = seal_blob(&key, "blob-1", PLAIN).unwrap();
    assert_eq!(open_blob(&key, "blob-1", &sealed).unwrap(), PLAIN);
    assert_eq!(open_blob(&key, "blob-2", &sealed), Err(VaultError::Decrypt));
    assert_eq!(
        open_blob(&key, "blob-1", b"XXXX"),
        Err(VaultError::Malformed("BLOB"))
    );
    assert!(open_blob(&DataKey::generate(), "blob-1", &sealed).is_err());
}

#[tokio::test]
async fn deleting_removes_the_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let vault = vault_in(dir.path());
    let id = BlobId::random();
    let wrapped = vault.put(&id, PLAIN).await.unwrap();
    assert!(vault.store().exists(&id).await.unwrap());
    vault.delete(&id).await.unwrap();
    assert!(!vault.store().exists(&id).await.unwrap());
    assert!(files_under(dir.path()).is_empty());
    assert!(matches!(
        vault.get(&id, &wrapped).await,
        Err(VaultError::NotFound(_))
    ));
    // Deleting again is harmless.
    vault.delete(&id).await.unwrap();
}

#[tokio::test]
async fn rotation_rewraps_data_keys_and_the_old_key_is_then_not_needed() {
    let dir = tempfile::tempdir().unwrap();
    let old = MasterKey::generate();
    let before = Vault::new(
        Keyring::new(old.clone()),
        BlobStore::local(dir.path()).unwrap(),
    );
    let id = BlobId::random();
    let wrapped = before.put(&id, PLAIN).await.unwrap();
    assert_eq!(wrapped.master_key_id(), old.id());

    let new = MasterKey::generate();
    let rotating = Vault::new(
        Keyring::new(new.clone()).with_previous(old.clone()),
        BlobStore::local(dir.path()).unwrap(),
    );
    let rewrapped = rotating.rewrap(&id, &wrapped).unwrap().unwrap();
    assert_eq!(rewrapped.master_key_id(), new.id());
    assert_eq!(rotating.rewrap(&id, &rewrapped).unwrap(), None);

    let after = Vault::new(Keyring::new(new), BlobStore::local(dir.path()).unwrap());
    assert_eq!(after.get(&id, &rewrapped).await.unwrap(), PLAIN);
    assert_eq!(
        after.get(&id, &wrapped).await,
        Err(VaultError::UnknownMasterKey(old.id().to_owned()))
    );
}

#[test]
fn a_wrapped_key_is_bound_to_its_blob_and_master_key() {
    let master = MasterKey::generate();
    let key = DataKey::generate();
    let wrapped = master.wrap("blob-1", &key).unwrap();
    assert!(master.unwrap_key("blob-1", &wrapped).is_ok());
    assert_eq!(
        master.unwrap_key("blob-2", &wrapped).unwrap_err(),
        VaultError::Decrypt
    );
    let forged = WrappedKey::parse(&format!("{}:AAAA", master.id())).unwrap();
    assert!(master.unwrap_key("blob-1", &forged).is_err());
    assert!(WrappedKey::parse("no-separator").is_err());
}

#[test]
fn master_keys_parse_from_hex_and_never_print() {
    let key = MasterKey::generate();
    let again = MasterKey::from_hex(&key.to_hex()).unwrap();
    assert_eq!(again.id(), key.id());
    assert_eq!(key.id().len(), 16);
    assert!(!format!("{key:?}").contains(&key.to_hex()));
    assert!(matches!(
        MasterKey::from_hex("abcd"),
        Err(VaultError::BadMasterKey(_))
    ));
    assert!(matches!(
        MasterKey::from_hex(&"zz".repeat(32)),
        Err(VaultError::BadMasterKey(_))
    ));
}

#[test]
fn blob_ids_are_checked() {
    assert!(BlobId::parse("abc-123").is_ok());
    for bad in ["", "ABC", "../etc/passwd", "a/b", &"a".repeat(65)] {
        assert!(BlobId::parse(bad).is_err(), "{bad}");
    }
    let id = BlobId::random();
    assert!(BlobId::parse(id.as_str()).is_ok());
    assert_ne!(BlobId::random(), id);
}
