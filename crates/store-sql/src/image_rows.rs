//! The image file's metadata rows.

use leads_domain::clock::Timestamp;
use leads_domain::fields::{FieldDate, FreeText, Imn, Lrn, Ori};
use leads_domain::files::FileKind;
use leads_domain::image::ImageType;
use leads_store::{BlobRef, ImageStatus, RegistrantPhoto, StoreResult, StoredImage};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, AssertSqlSafe};

use crate::classify;
use crate::columns::{corrupt, get};

const IMAGE_COLUMNS: &str = "imn, lrn, ori, file, image_type, date_of_image, mis, blob_id, \
     blob_key, thumb_id, thumb_key, phash, width, height, bytes, status, cancelled_on, \
     entered_at, updated_at";

fn date_from(number: i64) -> StoreResult<FieldDate> {
    FieldDate::parse("DOI", &number.to_string(), time::Date::MAX)
        .map_err(|e| corrupt(format!("image date {number}: {e}")))
}

fn number<T: TryFrom<i64>>(row: &AnyRow, column: &str) -> StoreResult<T> {
    T::try_from(get::<i64>(row, column)?).map_err(|_| corrupt(format!("{column} out of range")))
}

fn image_from(row: &AnyRow) -> StoreResult<StoredImage> {
    let text = |column: &str| get::<String>(row, column);
    let imn = text("imn")?;
    let status = match (
        text("status")?.as_str(),
        get::<Option<i64>>(row, "cancelled_on")?,
    ) {
        ("active", _) => ImageStatus::Active,
        ("cancelled", Some(on)) => ImageStatus::Cancelled(date_from(on)?),
        (other, _) => return Err(corrupt(format!("image {imn} status {other}"))),
    };
    let file = text("file")?;
    let image_type = text("image_type")?;
    Ok(StoredImage {
        imn: Imn::parse(&imn).map_err(corrupt)?,
        lrn: Lrn::parse(&text("lrn")?).map_err(corrupt)?,
        ori: Ori::parse(&text("ori")?).map_err(corrupt)?,
        file: FileKind::from_storage_name(&file)
            .ok_or_else(|| corrupt(format!("image {imn} file {file}")))?,
        image_type: ImageType::from_code(&image_type)
            .ok_or_else(|| corrupt(format!("image {imn} type {image_type}")))?,
        date: date_from(get(row, "date_of_image")?)?,
        mis: get::<Option<String>>(row, "mis")?
            .map(|m| FreeText::parse("MIS", &m, 500).map_err(corrupt))
            .transpose()?,
        picture: BlobRef {
            id: text("blob_id")?,
            wrapped_key: text("blob_key")?,
        },
        thumbnail: BlobRef {
            id: text("thumb_id")?,
            wrapped_key: text("thumb_key")?,
        },
        phash: text("phash")?,
        width: number(row, "width")?,
        height: number(row, "height")?,
        bytes: number(row, "bytes")?,
        status,
        entered_at: Timestamp::from_micros(get(row, "entered_at")?),
        updated_at: Timestamp::from_micros(get(row, "updated_at")?),
    })
}

fn status_of(image: &StoredImage) -> (&'static str, Option<i64>) {
    match image.status {
        ImageStatus::Active => ("active", None),
        ImageStatus::Cancelled(on) => ("cancelled", Some(on.as_number())),
    }
}

pub(crate) async fn insert(conn: &mut AnyConnection, image: &StoredImage) -> StoreResult<()> {
    let (status, cancelled_on) = status_of(image);
    let sql = format!(
        "INSERT INTO images ({IMAGE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, \
         $11, $12, $13, $14, $15, $16, $17, $18, $19)"
    );
    sqlx::query(AssertSqlSafe(sql))
        .bind(image.imn.to_string())
        .bind(image.lrn.to_string())
        .bind(image.ori.to_string())
        .bind(image.file.storage_name())
        .bind(image.image_type.code())
        .bind(image.date.as_number())
        .bind(image.mis.as_ref().map(ToString::to_string))
        .bind(image.picture.id.clone())
        .bind(image.picture.wrapped_key.clone())
        .bind(image.thumbnail.id.clone())
        .bind(image.thumbnail.wrapped_key.clone())
        .bind(image.phash.clone())
        .bind(i64::from(image.width))
        .bind(i64::from(image.height))
        .bind(i64::try_from(image.bytes).unwrap_or(i64::MAX))
        .bind(status)
        .bind(cancelled_on)
        .bind(image.entered_at.as_micros())
        .bind(image.updated_at.as_micros())
        .execute(&mut *conn)
        .await
        .map_err(classify)?;
    Ok(())
}

pub(crate) async fn update(conn: &mut AnyConnection, image: &StoredImage) -> StoreResult<()> {
    let (status, cancelled_on) = status_of(image);
    sqlx::query(
        "UPDATE images SET date_of_image = $2, mis = $3, blob_id = $4, blob_key = $5, \
         thumb_id = $6, thumb_key = $7, phash = $8, width = $9, height = $10, bytes = $11, \
         status = $12, cancelled_on = $13, updated_at = $14 WHERE imn = $1",
    )
    .bind(image.imn.to_string())
    .bind(image.date.as_number())
    .bind(image.mis.as_ref().map(ToString::to_string))
    .bind(image.picture.id.clone())
    .bind(image.picture.wrapped_key.clone())
    .bind(image.thumbnail.id.clone())
    .bind(image.thumbnail.wrapped_key.clone())
    .bind(image.phash.clone())
    .bind(i64::from(image.width))
    .bind(i64::from(image.height))
    .bind(i64::try_from(image.bytes).unwrap_or(i64::MAX))
    .bind(status)
    .bind(cancelled_on)
    .bind(image.updated_at.as_micros())
    .execute(&mut *conn)
    .await
    .map_err(classify)?;
    Ok(())
}

pub(crate) async fn by_imn(
    conn: &mut AnyConnection,
    imn: &Imn,
) -> StoreResult<Option<StoredImage>> {
    let sql = format!("SELECT {IMAGE_COLUMNS} FROM images WHERE imn = $1");
    sqlx::query(AssertSqlSafe(sql))
        .bind(imn.to_string())
        .fetch_optional(&mut *conn)
        .await
        .map_err(classify)?
        .as_ref()
        .map(image_from)
        .transpose()
}

pub(crate) async fn of_record(
    conn: &mut AnyConnection,
    lrn: &Lrn,
    with_cancelled: bool,
) -> StoreResult<Vec<StoredImage>> {
    let filter = if with_cancelled {
        ""
    } else {
        " AND status = 'active'"
    };
    let sql = format!(
        "SELECT {IMAGE_COLUMNS} FROM images WHERE lrn = $1{filter} ORDER BY entered_at, imn"
    );
    sqlx::query(AssertSqlSafe(sql))
        .bind(lrn.to_string())
        .fetch_all(&mut *conn)
        .await
        .map_err(classify)?
        .iter()
        .map(image_from)
        .collect()
}

pub(crate) async fn hashes(
    conn: &mut AnyConnection,
    except: &Lrn,
) -> StoreResult<Vec<(Imn, Lrn, String)>> {
    let rows = sqlx::query(
        "SELECT imn, lrn, phash FROM images WHERE status = 'active' AND lrn <> $1 ORDER BY imn",
    )
    .bind(except.to_string())
    .fetch_all(&mut *conn)
    .await
    .map_err(classify)?;
    rows.iter()
        .map(|row| {
            Ok((
                Imn::parse(&get::<String>(row, "imn")?).map_err(corrupt)?,
                Lrn::parse(&get::<String>(row, "lrn")?).map_err(corrupt)?,
                get::<String>(row, "phash")?,
            ))
        })
        .collect()
}

pub(crate) async fn registrant_photos(
    conn: &mut AnyConnection,
    ori: Option<&Ori>,
) -> StoreResult<Vec<RegistrantPhoto>> {
    let owner = if ori.is_some() { " AND r.ori = $3" } else { "" };
    let sql = format!(
        "SELECT r.lrn AS lrn, r.ori AS ori, r.file AS file, i.imn AS imn, \
         i.date_of_image AS date_of_image FROM records r LEFT JOIN images i \
         ON i.lrn = r.lrn AND i.status = 'active' AND i.image_type = 'M' \
         WHERE r.file IN ($1, $2) AND r.status IN ('active', 'located'){owner} \
         ORDER BY r.lrn, i.date_of_image"
    );
    let mut query = sqlx::query(AssertSqlSafe(sql))
        .bind(FileKind::SexOffender.storage_name())
        .bind(FileKind::Voay.storage_name());
    if let Some(ori) = ori {
        query = query.bind(ori.to_string());
    }
    let rows = query.fetch_all(&mut *conn).await.map_err(classify)?;
    let mut out: Vec<RegistrantPhoto> = Vec::new();
    for row in &rows {
        let lrn = Lrn::parse(&get::<String>(row, "lrn")?).map_err(corrupt)?;
        let photo = match get::<Option<String>>(row, "imn")? {
            Some(imn) => Some((
                Imn::parse(&imn).map_err(corrupt)?,
                date_from(get::<Option<i64>>(row, "date_of_image")?.unwrap_or_default())?,
            )),
            None => None,
        };
        // Rows come oldest photo first: a later row of the same record is its newer photo.
        if let Some(last) = out.last_mut().filter(|p| p.lrn == lrn) {
            last.newest = photo;
            continue;
        }
        let file = get::<String>(row, "file")?;
        out.push(RegistrantPhoto {
            lrn,
            ori: Ori::parse(&get::<String>(row, "ori")?).map_err(corrupt)?,
            file: FileKind::from_storage_name(&file)
                .ok_or_else(|| corrupt(format!("record file {file}")))?,
            newest: photo,
        });
    }
    Ok(out)
}

pub(crate) async fn keys(conn: &mut AnyConnection) -> StoreResult<Vec<(Imn, BlobRef, BlobRef)>> {
    let rows = sqlx::query(
        "SELECT imn, blob_id, blob_key, thumb_id, thumb_key FROM images \
         WHERE status = 'active' ORDER BY imn",
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(classify)?;
    rows.iter()
        .map(|row| {
            Ok((
                Imn::parse(&get::<String>(row, "imn")?).map_err(corrupt)?,
                BlobRef {
                    id: get(row, "blob_id")?,
                    wrapped_key: get(row, "blob_key")?,
                },
                BlobRef {
                    id: get(row, "thumb_id")?,
                    wrapped_key: get(row, "thumb_key")?,
                },
            ))
        })
        .collect()
}

pub(crate) async fn rewrap(
    conn: &mut AnyConnection,
    imn: &Imn,
    picture: &str,
    thumbnail: &str,
) -> StoreResult<()> {
    sqlx::query("UPDATE images SET blob_key = $2, thumb_key = $3 WHERE imn = $1")
        .bind(imn.to_string())
        .bind(picture.to_owned())
        .bind(thumbnail.to_owned())
        .execute(&mut *conn)
        .await
        .map_err(classify)?;
    Ok(())
}
