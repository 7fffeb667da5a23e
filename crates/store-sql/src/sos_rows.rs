//! The SOS image service's tables (migration 0011) behind [`SosTx`].

use async_trait::async_trait;
use leads_domain::clock::Timestamp;
use leads_domain::fields::{FieldDate, Ori, PersonName, Sex};
use leads_domain::sos::ReleaseStatus;
use leads_domain::sos::{Dln, SosHolder};
use leads_store::{
    BlobRef, CaseImage, ConsentRow, PhotoArrayRow, ReleaseRow, SosDisseminationRow, SosRequestRow,
    SosTx, StoreResult, StoredHolder,
};
use sqlx::AssertSqlSafe;
use sqlx::any::AnyRow;

use crate::classify;
use crate::columns::{corrupt, get};
use crate::tx::SqlTx;

fn date_from(column: &str, number: i64) -> StoreResult<FieldDate> {
    FieldDate::parse("DATE", &number.to_string(), time::Date::MAX)
        .map_err(|e| corrupt(format!("{column} {number}: {e}")))
}

fn ori_from(row: &AnyRow, column: &str) -> StoreResult<Ori> {
    Ori::parse(&get::<String>(row, column)?).map_err(corrupt)
}

fn dln_from(row: &AnyRow, column: &str) -> StoreResult<Dln> {
    Dln::parse(&get::<String>(row, column)?).map_err(corrupt)
}

fn at(row: &AnyRow, column: &str) -> StoreResult<Timestamp> {
    Ok(Timestamp::from_micros(get(row, column)?))
}

fn at_opt(row: &AnyRow, column: &str) -> StoreResult<Option<Timestamp>> {
    Ok(get::<Option<i64>>(row, column)?.map(Timestamp::from_micros))
}

fn holder_from(row: &AnyRow) -> StoreResult<StoredHolder> {
    Ok(StoredHolder {
        holder: SosHolder {
            dln: dln_from(row, "dln")?,
            name: PersonName::parse(&get::<String>(row, "name")?).map_err(corrupt)?,
            dob: date_from("dob", get(row, "dob")?)?,
            sex: Sex::parse(&get::<String>(row, "sex")?).map_err(corrupt)?,
        },
        picture: BlobRef {
            id: get(row, "picture_id")?,
            wrapped_key: get(row, "picture_key")?,
        },
    })
}

const CASE_IMAGE_COLUMNS: &str = "id, ori, case_number, dln, holder_name, holder_dob, holder_sex, \
     subject_role, investigation, transmission_only, transmit_to, picture_id, picture_key, \
     received_from, retrieved_by, retrieved_at, dispose_after, disposed_at, disposed_how";

fn case_image_from(row: &AnyRow) -> StoreResult<CaseImage> {
    let picture = match (
        get::<Option<String>>(row, "picture_id")?,
        get::<Option<String>>(row, "picture_key")?,
    ) {
        (Some(id), Some(wrapped_key)) => Some(BlobRef { id, wrapped_key }),
        _ => None,
    };
    Ok(CaseImage {
        id: get(row, "id")?,
        ori: ori_from(row, "ori")?,
        case_number: get(row, "case_number")?,
        dln: dln_from(row, "dln")?,
        holder_name: get(row, "holder_name")?,
        holder_dob: date_from("holder_dob", get(row, "holder_dob")?)?,
        holder_sex: get(row, "holder_sex")?,
        subject_role: get(row, "subject_role")?,
        investigation: get(row, "investigation")?,
        transmission_only: get::<i64>(row, "transmission_only")? != 0,
        transmit_to: get::<Option<String>>(row, "transmit_to")?
            .map(|o| Ori::parse(&o).map_err(corrupt))
            .transpose()?,
        picture,
        received_from: get(row, "received_from")?,
        retrieved_by: get(row, "retrieved_by")?,
        retrieved_at: at(row, "retrieved_at")?,
        dispose_after: at(row, "dispose_after")?,
        disposed_at: at_opt(row, "disposed_at")?,
        disposed_how: get(row, "disposed_how")?,
    })
}

const DISSEMINATION_COLUMNS: &str = "id, case_image, from_ori, to_ori, to_agency, to_person, \
     case_number, dln, verification, operator, at, recipient_case_image";

fn dissemination_from(row: &AnyRow) -> StoreResult<SosDisseminationRow> {
    Ok(SosDisseminationRow {
        id: get(row, "id")?,
        case_image: get(row, "case_image")?,
        from_ori: ori_from(row, "from_ori")?,
        to_ori: ori_from(row, "to_ori")?,
        to_agency: get(row, "to_agency")?,
        to_person: get(row, "to_person")?,
        case_number: get(row, "case_number")?,
        dln: dln_from(row, "dln")?,
        verification: get(row, "verification")?,
        operator: get(row, "operator")?,
        at: at(row, "at")?,
        recipient_case_image: get(row, "recipient_case_image")?,
    })
}

const RELEASE_COLUMNS: &str = "id, case_image, ori, case_number, necessity, explanation, \
     identity_verification, requested_by, requested_at, status, decided_by, decided_at, \
     reference, note";

fn release_from(row: &AnyRow) -> StoreResult<ReleaseRow> {
    Ok(ReleaseRow {
        id: get(row, "id")?,
        case_image: get(row, "case_image")?,
        ori: ori_from(row, "ori")?,
        case_number: get(row, "case_number")?,
        necessity: get(row, "necessity")?,
        explanation: get(row, "explanation")?,
        identity_verification: get(row, "identity_verification")?,
        requested_by: get(row, "requested_by")?,
        requested_at: at(row, "requested_at")?,
        status: {
            let text: String = get(row, "status")?;
            ReleaseStatus::parse(&text).ok_or_else(|| corrupt(format!("release status {text}")))?
        },
        decided_by: get(row, "decided_by")?,
        decided_at: at_opt(row, "decided_at")?,
        reference: get(row, "reference")?,
        note: get(row, "note")?,
    })
}

fn limit(n: u32) -> i64 {
    i64::from(n)
}

#[async_trait]
impl SosTx for SqlTx {
    async fn put_holder(&mut self, h: &StoredHolder) -> StoreResult<()> {
        sqlx::query("DELETE FROM sos_holders WHERE dln = $1")
            .bind(h.holder.dln.to_string())
            .execute(&mut *self.tx)
            .await
            .map_err(classify)?;
        sqlx::query(
            "INSERT INTO sos_holders (dln, name, dob, sex, picture_id, picture_key) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(h.holder.dln.to_string())
        .bind(h.holder.name.to_string())
        .bind(h.holder.dob.as_number())
        .bind(h.holder.sex.code())
        .bind(h.picture.id.clone())
        .bind(h.picture.wrapped_key.clone())
        .execute(&mut *self.tx)
        .await
        .map_err(classify)?;
        Ok(())
    }

    async fn holder_by_dln(&mut self, dln: &Dln) -> StoreResult<Option<StoredHolder>> {
        sqlx::query("SELECT * FROM sos_holders WHERE dln = $1")
            .bind(dln.to_string())
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(classify)?
            .as_ref()
            .map(holder_from)
            .transpose()
    }

    async fn holders_by_person(
        &mut self,
        name: &str,
        dob: FieldDate,
        sex: &str,
    ) -> StoreResult<Vec<StoredHolder>> {
        sqlx::query(
            "SELECT * FROM sos_holders WHERE name = $1 AND dob = $2 AND sex = $3 ORDER BY dln",
        )
        .bind(name.to_owned())
        .bind(dob.as_number())
        .bind(sex.to_owned())
        .fetch_all(&mut *self.tx)
        .await
        .map_err(classify)?
        .iter()
        .map(holder_from)
        .collect()
    }

    async fn holder_count(&mut self) -> StoreResult<u64> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sos_holders")
            .fetch_one(&mut *self.tx)
            .await
            .map_err(classify)?;
        u64::try_from(n).map_err(corrupt)
    }

    async fn insert_sos_request(&mut self, r: &SosRequestRow) -> StoreResult<i64> {
        sqlx::query_scalar(
            "INSERT INTO sos_requests (at, channel, category, operator, ori, requester, subject, \
             dln, case_number, outcome, detail) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(r.at.as_micros())
        .bind(r.channel.clone())
        .bind(r.category.clone())
        .bind(r.operator.clone())
        .bind(r.ori.to_string())
        .bind(r.requester.clone())
        .bind(r.subject.clone())
        .bind(r.dln.as_ref().map(ToString::to_string))
        .bind(r.case_number.clone())
        .bind(r.outcome.clone())
        .bind(r.detail.clone())
        .fetch_one(&mut *self.tx)
        .await
        .map_err(classify)
    }

    async fn operator_sos_requests(
        &mut self,
        operator: &str,
        since: Timestamp,
    ) -> StoreResult<Vec<(String, u64)>> {
        let rows = sqlx::query(
            "SELECT case_number, COUNT(*) AS n FROM sos_requests \
             WHERE operator = $1 AND at >= $2 AND channel = 'leads' AND outcome = 'accepted' \
             GROUP BY case_number ORDER BY case_number",
        )
        .bind(operator.to_owned())
        .bind(since.as_micros())
        .fetch_all(&mut *self.tx)
        .await
        .map_err(classify)?;
        rows.iter()
            .map(|row| {
                let case: Option<String> = get(row, "case_number")?;
                let n: i64 = get(row, "n")?;
                Ok((case.unwrap_or_default(), u64::try_from(n).map_err(corrupt)?))
            })
            .collect()
    }

    async fn insert_case_image(&mut self, c: &CaseImage) -> StoreResult<i64> {
        sqlx::query_scalar(
            "INSERT INTO sos_case_images (ori, case_number, dln, holder_name, holder_dob, \
             holder_sex, subject_role, investigation, transmission_only, transmit_to, picture_id, \
             picture_key, received_from, retrieved_by, retrieved_at, dispose_after) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) \
             RETURNING id",
        )
        .bind(c.ori.to_string())
        .bind(c.case_number.clone())
        .bind(c.dln.to_string())
        .bind(c.holder_name.clone())
        .bind(c.holder_dob.as_number())
        .bind(c.holder_sex.clone())
        .bind(c.subject_role.clone())
        .bind(c.investigation.clone())
        .bind(i64::from(c.transmission_only))
        .bind(c.transmit_to.as_ref().map(ToString::to_string))
        .bind(c.picture.as_ref().map(|p| p.id.clone()))
        .bind(c.picture.as_ref().map(|p| p.wrapped_key.clone()))
        .bind(c.received_from)
        .bind(c.retrieved_by.clone())
        .bind(c.retrieved_at.as_micros())
        .bind(c.dispose_after.as_micros())
        .fetch_one(&mut *self.tx)
        .await
        .map_err(classify)
    }

    async fn case_image(&mut self, id: i64) -> StoreResult<Option<CaseImage>> {
        let sql = format!("SELECT {CASE_IMAGE_COLUMNS} FROM sos_case_images WHERE id = $1");
        sqlx::query(AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(classify)?
            .as_ref()
            .map(case_image_from)
            .transpose()
    }

    async fn case_images(&mut self, ori: &Ori, case_number: &str) -> StoreResult<Vec<CaseImage>> {
        let sql = format!(
            "SELECT {CASE_IMAGE_COLUMNS} FROM sos_case_images \
             WHERE ori = $1 AND case_number = $2 ORDER BY id"
        );
        sqlx::query(AssertSqlSafe(sql))
            .bind(ori.to_string())
            .bind(case_number.to_owned())
            .fetch_all(&mut *self.tx)
            .await
            .map_err(classify)?
            .iter()
            .map(case_image_from)
            .collect()
    }

    async fn due_disposals(&mut self, now: Timestamp, n: u32) -> StoreResult<Vec<CaseImage>> {
        let sql = format!(
            "SELECT {CASE_IMAGE_COLUMNS} FROM sos_case_images \
             WHERE disposed_at IS NULL AND dispose_after <= $1 ORDER BY dispose_after, id LIMIT $2"
        );
        sqlx::query(AssertSqlSafe(sql))
            .bind(now.as_micros())
            .bind(limit(n))
            .fetch_all(&mut *self.tx)
            .await
            .map_err(classify)?
            .iter()
            .map(case_image_from)
            .collect()
    }

    async fn dispose_case_image(
        &mut self,
        id: i64,
        when: Timestamp,
        how: &str,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE sos_case_images SET disposed_at = $1, disposed_how = $2, picture_id = NULL, \
             picture_key = NULL WHERE id = $3 AND disposed_at IS NULL",
        )
        .bind(when.as_micros())
        .bind(how.to_owned())
        .bind(id)
        .execute(&mut *self.tx)
        .await
        .map_err(classify)?;
        Ok(done.rows_affected() == 1)
    }

    async fn insert_sos_dissemination(&mut self, d: &SosDisseminationRow) -> StoreResult<i64> {
        sqlx::query_scalar(
            "INSERT INTO sos_disseminations (case_image, from_ori, to_ori, to_agency, to_person, \
             case_number, dln, verification, operator, at, recipient_case_image) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(d.case_image)
        .bind(d.from_ori.to_string())
        .bind(d.to_ori.to_string())
        .bind(d.to_agency.clone())
        .bind(d.to_person.clone())
        .bind(d.case_number.clone())
        .bind(d.dln.to_string())
        .bind(d.verification.clone())
        .bind(d.operator.clone())
        .bind(d.at.as_micros())
        .bind(d.recipient_case_image)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(classify)
    }

    async fn sos_disseminations(
        &mut self,
        ori: Option<&Ori>,
        n: u32,
    ) -> StoreResult<Vec<SosDisseminationRow>> {
        let sql = format!(
            "SELECT {DISSEMINATION_COLUMNS} FROM sos_disseminations \
             WHERE ($1 = '' OR from_ori = $1) ORDER BY at DESC, id DESC LIMIT $2"
        );
        sqlx::query(AssertSqlSafe(sql))
            .bind(ori.map(ToString::to_string).unwrap_or_default())
            .bind(limit(n))
            .fetch_all(&mut *self.tx)
            .await
            .map_err(classify)?
            .iter()
            .map(dissemination_from)
            .collect()
    }

    async fn insert_release(&mut self, r: &ReleaseRow) -> StoreResult<i64> {
        sqlx::query_scalar(
            "INSERT INTO sos_releases (case_image, ori, case_number, necessity, explanation, \
             identity_verification, requested_by, requested_at, status) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(r.case_image)
        .bind(r.ori.to_string())
        .bind(r.case_number.clone())
        .bind(r.necessity.clone())
        .bind(r.explanation.clone())
        .bind(r.identity_verification.clone())
        .bind(r.requested_by.clone())
        .bind(r.requested_at.as_micros())
        .bind(r.status.name())
        .fetch_one(&mut *self.tx)
        .await
        .map_err(classify)
    }

    async fn release(&mut self, id: i64) -> StoreResult<Option<ReleaseRow>> {
        let sql = format!("SELECT {RELEASE_COLUMNS} FROM sos_releases WHERE id = $1");
        sqlx::query(AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(classify)?
            .as_ref()
            .map(release_from)
            .transpose()
    }

    async fn releases(
        &mut self,
        status: Option<ReleaseStatus>,
        ori: Option<&Ori>,
        n: u32,
    ) -> StoreResult<Vec<ReleaseRow>> {
        let sql = format!(
            "SELECT {RELEASE_COLUMNS} FROM sos_releases \
             WHERE ($1 = '' OR status = $1) AND ($2 = '' OR ori = $2) \
             ORDER BY requested_at, id LIMIT $3"
        );
        sqlx::query(AssertSqlSafe(sql))
            .bind(status.map_or("", ReleaseStatus::name))
            .bind(ori.map(ToString::to_string).unwrap_or_default())
            .bind(limit(n))
            .fetch_all(&mut *self.tx)
            .await
            .map_err(classify)?
            .iter()
            .map(release_from)
            .collect()
    }

    async fn decide_release(&mut self, r: &ReleaseRow) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE sos_releases SET status = $1, decided_by = $2, decided_at = $3, \
             reference = $4, note = $5 WHERE id = $6 AND status = 'pending'",
        )
        .bind(r.status.name())
        .bind(r.decided_by.clone())
        .bind(r.decided_at.map(Timestamp::as_micros))
        .bind(r.reference.clone())
        .bind(r.note.clone())
        .bind(r.id)
        .execute(&mut *self.tx)
        .await
        .map_err(classify)?;
        Ok(done.rows_affected() == 1)
    }

    async fn insert_consent(&mut self, c: &ConsentRow) -> StoreResult<i64> {
        sqlx::query_scalar(
            "INSERT INTO sos_consents (case_image, document, signed_on, recorded_by, recorded_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(c.case_image)
        .bind(c.document.clone())
        .bind(c.signed_on.as_number())
        .bind(c.recorded_by.clone())
        .bind(c.recorded_at.as_micros())
        .fetch_one(&mut *self.tx)
        .await
        .map_err(classify)
    }

    async fn consents(&mut self, case_image: i64) -> StoreResult<Vec<ConsentRow>> {
        let rows = sqlx::query(
            "SELECT id, case_image, document, signed_on, recorded_by, recorded_at \
             FROM sos_consents WHERE case_image = $1 ORDER BY id",
        )
        .bind(case_image)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(classify)?;
        rows.iter()
            .map(|row| {
                Ok(ConsentRow {
                    id: get(row, "id")?,
                    case_image: get(row, "case_image")?,
                    document: get(row, "document")?,
                    signed_on: date_from("signed_on", get(row, "signed_on")?)?,
                    recorded_by: get(row, "recorded_by")?,
                    recorded_at: at(row, "recorded_at")?,
                })
            })
            .collect()
    }

    async fn insert_photo_array(&mut self, a: &PhotoArrayRow) -> StoreResult<i64> {
        let members = serde_json::to_string(&a.members).map_err(corrupt)?;
        sqlx::query_scalar(
            "INSERT INTO sos_photo_arrays (ori, case_number, built_by, built_at, members) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(a.ori.to_string())
        .bind(a.case_number.clone())
        .bind(a.built_by.clone())
        .bind(a.built_at.as_micros())
        .bind(members)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(classify)
    }
}
