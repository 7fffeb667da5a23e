//! Images as operators see them, and the annual-replacement list (rule I3).

use leads_domain::codes::ReplyCode;
use leads_domain::fields::{FieldDate, Imn, Lrn, Nic, Ori};
use leads_domain::files::FileKind;
use leads_domain::reply::ImageView;
use leads_store::{RegistrantPhoto, StoredImage};

use crate::{Service, ServiceError};

/// The view of a stored image, with its picture if it was read.
pub(crate) fn view(image: &StoredImage, nic: Option<Nic>, jpeg: Option<Vec<u8>>) -> ImageView {
    ImageView {
        imn: image.imn.clone(),
        lrn: image.lrn.clone(),
        nic,
        owner: image.ori.clone(),
        image_type: image.image_type,
        date: image.date,
        mis: image.mis.clone(),
        jpeg,
        width: image.width,
        height: image.height,
    }
}

/// How a registrant's photo stands (rule I3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoStanding {
    /// No mugshot on the record at all.
    Missing,
    /// The newest mugshot is more than a year old.
    Overdue,
    /// It comes due within the notice window.
    DueSoon,
}

impl PhotoStanding {
    /// The stable name.
    pub fn name(self) -> &'static str {
        match self {
            PhotoStanding::Missing => "missing",
            PhotoStanding::Overdue => "overdue",
            PhotoStanding::DueSoon => "due",
        }
    }
}

/// A registrant record whose photo is due, overdue or missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoDue {
    pub lrn: Lrn,
    pub ori: Ori,
    pub file: FileKind,
    /// The newest mugshot and its date of image.
    pub newest: Option<(Imn, FieldDate)>,
    /// One year after the newest mugshot's date of image; `None` when there is none.
    pub due: Option<FieldDate>,
    pub standing: PhotoStanding,
}

/// Days ahead of the due date a photo is listed as coming due.
pub const PHOTO_NOTICE_DAYS: i64 = 30;

/// One year after `date` (29 February gives 28 February).
pub fn one_year_after(date: FieldDate) -> FieldDate {
    let d = date.date();
    let next = d.replace_year(d.year() + 1).unwrap_or_else(|_| {
        d.replace_day(28)
            .and_then(|d| d.replace_year(d.year() + 1))
            .unwrap_or(d)
    });
    FieldDate::from_date(next)
}

/// Which registrant photos are due on `today`: missing, overdue, or due within the notice window.
pub fn photos_due(rows: Vec<RegistrantPhoto>, today: FieldDate) -> Vec<PhotoDue> {
    let horizon = today.date() + time::Duration::days(PHOTO_NOTICE_DAYS);
    let mut out: Vec<PhotoDue> = rows
        .into_iter()
        .filter_map(|row| {
            let due = row.newest.as_ref().map(|(_, date)| one_year_after(*date));
            let standing = match due {
                None => PhotoStanding::Missing,
                Some(due) if due.date() < today.date() => PhotoStanding::Overdue,
                Some(due) if due.date() <= horizon => PhotoStanding::DueSoon,
                Some(_) => return None,
            };
            Some(PhotoDue {
                lrn: row.lrn,
                ori: row.ori,
                file: row.file,
                newest: row.newest,
                due,
                standing,
            })
        })
        .collect();
    out.sort_by(|a, b| (a.due, &a.lrn).cmp(&(b.due, &b.lrn)));
    out
}

/// The answer to a photos-due reading.
pub type PhotosDueReply = crate::ItemsReply<PhotoDue>;

impl Service {
    /// The registrant photos due for replacement (rule I3) as of today: of the reader's own
    /// agency, of a named agency, or of every agency (`scope` `ALL`), as Cedar allows
    /// (`read_compliance`). Every reading is audited.
    pub async fn photos_due(
        &self,
        token: &str,
        scope: Option<&str>,
        operation_id: Option<String>,
    ) -> Result<PhotosDueReply, ServiceError> {
        self.read_compliance(
            token,
            scope,
            operation_id,
            "photos_due_read",
            ReplyCode::PhotosDue,
            false,
            |tx, _store, agency, _reader, now| {
                Box::pin(async move {
                    let rows = tx.registrant_photos(agency).await?;
                    Ok(Ok(photos_due(rows, FieldDate::from_date(now.date()))))
                })
            },
        )
        .await
    }
}
