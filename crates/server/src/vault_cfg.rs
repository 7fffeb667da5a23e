//! The image vault from configuration: the blob directory and the master key file.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use leads_vault::{BlobStore, Keyring, MasterKey, Vault};

use crate::args::DatabaseArgs;

impl DatabaseArgs {
    /// Everything under one data directory, with the default file names.
    pub fn in_dir(data_dir: &Path) -> DatabaseArgs {
        DatabaseArgs {
            data_dir: data_dir.to_path_buf(),
            database_url: None,
            image_dir: None,
            master_key_file: None,
            previous_master_key_file: None,
        }
    }

    /// Where sealed image blobs are kept.
    pub fn image_dir(&self) -> PathBuf {
        self.image_dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("images"))
    }

    /// The master key file.
    pub fn master_key_path(&self) -> PathBuf {
        self.master_key_file
            .clone()
            .unwrap_or_else(|| self.data_dir.join("master.key"))
    }
}

/// Reads a master key file (64 hex digits), or creates one (mode 0600) if it does not exist.
pub fn load_or_create_master_key(path: &Path) -> anyhow::Result<MasterKey> {
    if path.exists() {
        return read_master_key(path);
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let key = MasterKey::generate();
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    writeln!(file, "{}", key.to_hex())?;
    tracing::warn!(path = %path.display(), key_id = key.id(), "image master key created - back it up: without it no image can be read");
    Ok(key)
}

/// Reads a master key file.
pub fn read_master_key(path: &Path) -> anyhow::Result<MasterKey> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    MasterKey::from_hex(&text)
        .with_context(|| format!("{} is not a 64-hex-digit master key", path.display()))
}

/// The vault: blobs under the image directory (or the S3 URL given as `--image-dir s3://…`
/// when built with the `s3` feature), keys from the master key file and, during a rotation,
/// the previous master key.
pub fn open_vault(args: &DatabaseArgs) -> anyhow::Result<Vault> {
    let mut keys = Keyring::new(load_or_create_master_key(&args.master_key_path())?);
    if let Some(previous) = &args.previous_master_key_file {
        keys = keys.with_previous(read_master_key(previous)?);
    }
    let dir = args.image_dir();
    let store = blob_store(&dir)?;
    Ok(Vault::new(keys, store))
}

#[cfg(feature = "s3")]
fn blob_store(dir: &Path) -> anyhow::Result<BlobStore> {
    let text = dir.to_string_lossy();
    if text.starts_with("s3://") {
        return BlobStore::s3(&text).map_err(anyhow::Error::msg);
    }
    BlobStore::local(dir).map_err(anyhow::Error::msg)
}

#[cfg(not(feature = "s3"))]
fn blob_store(dir: &Path) -> anyhow::Result<BlobStore> {
    BlobStore::local(dir).with_context(|| format!("opening the image directory {}", dir.display()))
}
