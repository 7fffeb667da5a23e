//! The image file through the pipeline on every backend (rules I1-I4): enter, query, modify and
//! cancel images as formatted messages; image numbers; owner-only changes; bad pictures; the
//! sealed blobs; the annual-replacement list; master-key rotation.

use std::sync::Arc;

use leads_app::{PhotoStanding, Service, ServiceConfig};
use leads_domain::clock::Clock;
use leads_domain::fields::ImnScheme;
use leads_domain::files::FileKind;
use leads_domain::reply::{Outcome, Reply};
use leads_message::{encode_attachment, examples};
use leads_policy::CedarAuthorizer;
use leads_testkit::{TestApp, backends};

const ALL_FILES: [FileKind; 8] = [
    FileKind::Wanted,
    FileKind::Missing,
    FileKind::Vehicle,
    FileKind::Plate,
    FileKind::Gun,
    FileKind::Article,
    FileKind::SexOffender,
    FileKind::Voay,
];

fn portrait(seed: u64) -> Vec<u8> {
    leads_imaging::synthetic_portrait(seed).unwrap()
}

/// Enters the example record of `file` as Springfield; returns its LEADS number.
async fn record(app: &TestApp, token: &str, file: FileKind) -> String {
    let reply = app.send(token, &examples::entry(file)).await;
    assert_eq!(reply.outcome, Outcome::Accepted, "{}", reply.message);
    reply.records[0].lrn().to_string()
}

fn eim(lrn: &str, image_type: &str, doi: &str, picture: &[u8]) -> String {
    format!(
        "EIM.IL0160000.LRN/{lrn}.IMT/{image_type}.DOI/{doi}.MIS/TAKEN AT BOOKING.IMG/{}",
        encode_attachment(picture)
    )
}

fn accepted(reply: &Reply, code: &str) {
    assert_eq!(
        (reply.outcome, reply.code.name()),
        (Outcome::Accepted, code),
        "{}",
        reply.message
    );
}

fn blob_files(app: &TestApp) -> Vec<std::path::PathBuf> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut out = vec![];
    walk(app.blobs.path(), &mut out);
    out
}

async fn image_rows(app: &TestApp) -> i64 {
    let mut tx = leads_store::Store::begin(app.store.as_ref()).await.unwrap();
    let rows = tx.image_keys().await.unwrap().len();
    tx.rollback().await.unwrap();
    i64::try_from(rows).unwrap()
}

#[tokio::test]
async fn i1_images_round_trip_on_every_file() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let token = app.token("OP16A", "T16A").await;
        for (seed, file) in ALL_FILES.into_iter().enumerate() {
            let lrn = record(&app, &token, file).await;
            let entered = app
                .send(&token, &eim(&lrn, "M", "20261120", &portrait(seed as u64)))
                .await;
            accepted(&entered, "image_entered");
            let imn = entered.images[0].imn.to_string();
            assert_eq!(entered.images[0].lrn.as_str(), lrn);

            // Query by record lists it; query by number returns the stored JPEG.
            let listed = app
                .send(&token, &format!("QIM.IL0160000.LRN/{lrn}.PUR/C.CAS/2026-1"))
                .await;
            accepted(&listed, "images");
            assert_eq!(listed.images.len(), 1);
            assert!(listed.images[0].jpeg.is_none());
            let got = app
                .send(&token, &format!("QIM.IL0160000.IMN/{imn}.PUR/C.CAS/2026-1"))
                .await;
            accepted(&got, "image");
            let jpeg = got.images[0].jpeg.clone().unwrap();
            assert!(jpeg.starts_with(&[0xFF, 0xD8, 0xFF]), "{file:?}");
            assert_eq!((got.images[0].width, got.images[0].height), (480, 600));

            // Modify the date and remarks, then the picture itself.
            let modified = app
                .send(
                    &token,
                    &format!("MII.IL0160000.IMN/{imn}.DOI/20261119.MIS/RETAKEN"),
                )
                .await;
            accepted(&modified, "image_modified");
            assert_eq!(modified.images[0].date.to_string(), "20261119");
            let files_before = blob_files(&app).len();
            let repictured = app
                .send(
                    &token,
                    &format!(
                        "MII.IL0160000.IMN/{imn}.IMG/{}",
                        encode_attachment(&portrait(100 + seed as u64))
                    ),
                )
                .await;
            accepted(&repictured, "image_modified");
            assert_eq!(blob_files(&app).len(), files_before, "old blobs replaced");

            // Cancel: the picture is gone; another image can be entered afterwards.
            let cancelled = app
                .send(&token, &format!("XIM.IL0160000.IMN/{imn}.DOC/20261121"))
                .await;
            accepted(&cancelled, "image_cancelled");
            assert_eq!(blob_files(&app).len(), files_before - 2);
            let gone = app
                .send(&token, &format!("QIM.IL0160000.IMN/{imn}.PUR/C.CAS/2026-1"))
                .await;
            assert_eq!(
                (gone.outcome, gone.code.name()),
                (Outcome::Rejected, "image_not_found")
            );
            let again = app
                .send(&token, &eim(&lrn, "M", "20261121", &portrait(7)))
                .await;
            accepted(&again, "image_entered");
            assert_ne!(
                again.images[0].imn.to_string(),
                imn,
                "numbers are not reused"
            );
        }
        // Every transaction was audited with its record.
        let audit = app.audit().await;
        let image_entries: Vec<_> = audit
            .iter()
            .filter(|e| matches!(e.entry.key.as_deref(), Some("EIM" | "MII" | "XIM" | "QIM")))
            .collect();
        assert_eq!(image_entries.len(), ALL_FILES.len() * 8);
        assert!(
            image_entries
                .iter()
                .filter(|e| e.entry.outcome == "accepted")
                .all(|e| e.entry.records.len() == 1)
        );
    }
}

#[tokio::test]
async fn i1_only_the_record_owner_changes_images_and_others_may_query() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let owner = app.token("OP16A", "T16A").await;
        let lrn = record(&app, &owner, FileKind::SexOffender).await;
        let entered = app
            .send(&owner, &eim(&lrn, "M", "20261120", &portrait(1)))
            .await;
        accepted(&entered, "image_entered");
        let imn = entered.images[0].imn.to_string();

        let other = app.token("OP84A", "T84A").await;
        let blobs = blob_files(&app).len();
        for text in [
            eim(&lrn, "M", "20261120", &portrait(2)).replace("IL0160000", "IL0840000"),
            // Refused before its picture is decoded: a picture nobody may enter there is
            // never looked at, even one that is no picture at all.
            eim(&lrn, "M", "20261120", b"NOT A PICTURE AT ALL").replace("IL0160000", "IL0840000"),
            format!("MII.IL0840000.IMN/{imn}.MIS/NOT MINE"),
            format!("XIM.IL0840000.IMN/{imn}.DOC/20261121"),
        ] {
            let reply = app.send(&other, &text).await;
            assert_eq!(
                (reply.outcome, reply.code.name()),
                (Outcome::Refused, "not_authorized"),
                "{}",
                reply.message
            );
            assert_eq!(reply.reasons[0].rule, "I1", "{:?}", reply.reasons);
            assert!(reply.reasons[0].citation.contains("2023-02-16"));
        }
        assert_eq!(
            blob_files(&app).len(),
            blobs,
            "a refused EIM leaves no blob"
        );
        assert_eq!(image_rows(&app).await, 1);
        let refusal = app.audit().await.pop().unwrap().entry;
        assert_eq!(
            (refusal.outcome.as_str(), refusal.rules.clone()),
            ("refused", vec!["I1".to_owned()])
        );

        let seen = app
            .send(&other, &format!("QIM.IL0840000.IMN/{imn}.PUR/C.CAS/84-1"))
            .await;
        accepted(&seen, "image");
        // D1 applies to image queries too.
        let no_purpose = app.send(&other, &format!("QIM.IL0840000.IMN/{imn}")).await;
        assert_eq!(no_purpose.outcome, Outcome::Refused);
        assert_eq!(no_purpose.reasons[0].rule, "D1");
    }
}

#[tokio::test]
async fn i2_sex_offender_images_get_ncic_numbers_and_voay_images_extend_the_leads_number() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let token = app.token("OP16A", "T16A").await;
        let so = record(&app, &token, FileKind::SexOffender).await;
        let reply = app
            .send(&token, &eim(&so, "M", "20261120", &portrait(1)))
            .await;
        accepted(&reply, "image_entered");
        let view = &reply.images[0];
        assert_eq!(view.imn.scheme(), Some(ImnScheme::Ncic));
        let nic = view.nic.clone().expect("attached to the NCIC record too");
        assert!(
            reply.message.contains(&format!("LRN/{so} AND NIC/{nic}")),
            "{}",
            reply.message
        );

        let vo = record(&app, &token, FileKind::Voay).await;
        let first = app
            .send(&token, &eim(&vo, "M", "20261120", &portrait(2)))
            .await;
        accepted(&first, "image_entered");
        assert_eq!(first.images[0].imn.to_string(), format!("{vo}M0"));
        assert!(first.images[0].nic.is_none());
        assert!(first.message.contains("(LEADS ONLY)"), "{}", first.message);
        let second = app
            .send(&token, &eim(&vo, "M", "20261121", &portrait(3)))
            .await;
        assert_eq!(second.images[0].imn.to_string(), format!("{vo}M1"));
        let tattoo = app
            .send(&token, &eim(&vo, "I", "20261121", &portrait(4)))
            .await;
        assert_eq!(tattoo.images[0].imn.to_string(), format!("{vo}I0"));
        assert_eq!(tattoo.images[0].imn.record_lrn().unwrap().to_string(), vo);

        // A record inquiry shows each hit's images.
        let hit = app
            .send(&token, &format!("QVO.IL0160000.LRN/{vo}.PUR/C.CAS/2026-9"))
            .await;
        accepted(&hit, "hit");
        assert_eq!(hit.images.len(), 3);
        let text = leads_message::render_reply(&hit);
        assert!(
            text.contains(&format!("IMN/{vo}M0.IMT/M.DOI/20261120.LRN/{vo}")),
            "{text}"
        );
    }
}

#[tokio::test]
async fn i4_bad_pictures_are_rejected_naming_img_and_nothing_is_written() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let token = app.token("OP16A", "T16A").await;
        let lrn = record(&app, &token, FileKind::Wanted).await;
        let good = portrait(1);
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (b"GIF89a not a mugshot".to_vec(), "image_unsupported"),
            (good[..good.len() / 2].to_vec(), "image_corrupt"),
            (
                vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A],
                "image_corrupt",
            ),
        ];
        for (bytes, code) in cases {
            let reply = app.send(&token, &eim(&lrn, "M", "20261120", &bytes)).await;
            assert_eq!(
                (reply.outcome, reply.code.name()),
                (Outcome::Rejected, code),
                "{}",
                reply.message
            );
            assert!(reply.message.starts_with("IMG"), "{}", reply.message);
        }
        // A crop that is not 4:5, a crop outside the picture, no picture at all, and bad base32.
        let encoded = encode_attachment(&good);
        for (text, code) in [
            (
                format!("EIM.IL0160000.LRN/{lrn}.IMT/M.DOI/20261120.CRP/0,0,400,400.IMG/{encoded}"),
                "crop_aspect",
            ),
            (
                format!(
                    "EIM.IL0160000.LRN/{lrn}.IMT/M.DOI/20261120.CRP/500,500,400,500.IMG/{encoded}"
                ),
                "crop_outside",
            ),
            (
                format!("EIM.IL0160000.LRN/{lrn}.IMT/M.DOI/20261120"),
                "field_missing",
            ),
            (
                format!("EIM.IL0160000.LRN/{lrn}.IMT/M.DOI/20261120.IMG/18!!"),
                "image_encoding",
            ),
            (
                format!("EIM.IL0160000.LRN/{lrn}.IMT/M.DOI/19790101.IMG/{encoded}"),
                "field_edit",
            ),
            (
                format!("EIM.IL0160000.LRN/{lrn}.IMT/M.DOI/20261122.IMG/{encoded}"),
                "field_edit",
            ),
        ] {
            let reply = app.send(&token, &text).await;
            assert_eq!(
                (reply.outcome, reply.code.name()),
                (Outcome::Rejected, code),
                "{}",
                reply.message
            );
        }
        assert_eq!(image_rows(&app).await, 0);
        assert!(
            blob_files(&app).is_empty(),
            "no blob survives a rejected EIM"
        );
        // A good crop is accepted.
        let reply = app
            .send(
                &token,
                &format!(
                    "EIM.IL0160000.LRN/{lrn}.IMT/M.DOI/20261120.CRP/100,100,400,500.IMG/{encoded}"
                ),
            )
            .await;
        accepted(&reply, "image_entered");
    }
}

#[tokio::test]
async fn i4_the_same_picture_on_another_record_is_flagged_and_pictures_are_sealed_at_rest() {
    let app = TestApp::start(leads_testkit::TestDb::sqlite()).await;
    let token = app.token("OP16A", "T16A").await;
    let a = record(&app, &token, FileKind::SexOffender).await;
    let b = record(&app, &token, FileKind::Voay).await;
    let first = app
        .send(&token, &eim(&a, "M", "20261120", &portrait(5)))
        .await;
    accepted(&first, "image_entered");
    assert!(first.warnings.is_empty());
    let second = app
        .send(&token, &eim(&b, "M", "20261120", &portrait(5)))
        .await;
    accepted(&second, "image_entered");
    assert_eq!(second.warnings.len(), 1, "{:?}", second.warnings);
    assert!(second.warnings[0].contains(&first.images[0].imn.to_string()));
    let other = app
        .send(&token, &eim(&b, "M", "20261120", &portrait(6)))
        .await;
    assert!(other.warnings.is_empty(), "{:?}", other.warnings);

    // On disk: only sealed blobs, never a JPEG.
    let files = blob_files(&app);
    assert_eq!(files.len(), 6);
    for file in files {
        let bytes = std::fs::read(file).unwrap();
        assert!(bytes.starts_with(leads_vault::BLOB_MAGIC));
        assert!(!bytes.windows(3).any(|w| w == [0xFF, 0xD8, 0xFF]));
    }
}

#[tokio::test]
async fn i1_the_number_of_images_per_record_is_limited() {
    let db = leads_testkit::TestDb::sqlite();
    let app = TestApp::start(db).await;
    let limited = Service::new(
        app.store.clone(),
        Arc::new(app.clock.clone()) as Arc<dyn Clock>,
        Arc::new(CedarAuthorizer::new().unwrap()),
        ServiceConfig {
            max_images_per_record: 2,
            ..ServiceConfig::default()
        },
        app.service.vault().clone(),
    );
    let token = app.token("OP16A", "T16A").await;
    let lrn = record(&app, &token, FileKind::Wanted).await;
    let send = |text: String| {
        let limited = limited.clone();
        let token = token.clone();
        async move {
            limited
                .submit(&token, leads_app::Input::Text(text), None)
                .await
                .unwrap()
        }
    };
    accepted(
        &send(eim(&lrn, "M", "20261120", &portrait(1))).await,
        "image_entered",
    );
    let second = send(eim(&lrn, "I", "20261120", &portrait(2))).await;
    accepted(&second, "image_entered");
    let third = send(eim(&lrn, "S", "20261120", &portrait(3))).await;
    assert_eq!(
        (third.outcome, third.code.name()),
        (Outcome::Rejected, "image_limit")
    );
    assert!(third.message.contains("LIMIT 2"), "{}", third.message);
    let imn = second.images[0].imn.to_string();
    accepted(
        &send(format!("XIM.IL0160000.IMN/{imn}.DOC/20261121")).await,
        "image_cancelled",
    );
    accepted(
        &send(eim(&lrn, "S", "20261120", &portrait(3))).await,
        "image_entered",
    );
}

#[tokio::test]
async fn i3_registrant_photos_come_due_a_year_after_the_date_of_image() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let token = app.token("OP16A", "T16A").await;
        let so = record(&app, &token, FileKind::SexOffender).await;
        let vo = record(&app, &token, FileKind::Voay).await;
        let wanted = record(&app, &token, FileKind::Wanted).await;
        // Today is 2026-11-21. The SO photo was taken 2025-12-10: due 2026-12-10, in 19 days.
        accepted(
            &app.send(&token, &eim(&so, "M", "20251210", &portrait(1)))
                .await,
            "image_entered",
        );
        accepted(
            &app.send(&token, &eim(&wanted, "M", "20240101", &portrait(2)))
                .await,
            "image_entered",
        );

        let due = due_list(&app, &token).await;
        let standing: Vec<(String, PhotoStanding)> = due
            .iter()
            .map(|p| (p.lrn.to_string(), p.standing))
            .collect();
        assert_eq!(
            standing,
            vec![
                (vo.clone(), PhotoStanding::Missing),
                (so.clone(), PhotoStanding::DueSoon)
            ],
            "missing photos first; wanted-person photos are not registrant photos"
        );
        assert_eq!(due[1].due.unwrap().to_string(), "20261210");

        // Just before the due date it is still only coming due; the day after, overdue.
        app.clock.advance_seconds(18 * 86_400);
        let token = app.token("OP16A", "T16A").await;
        assert_eq!(
            due_list(&app, &token).await[1].standing,
            PhotoStanding::DueSoon
        );
        app.clock.advance_seconds(2 * 86_400);
        let token = app.token("OP16A", "T16A").await;
        assert_eq!(
            due_list(&app, &token).await[1].standing,
            PhotoStanding::Overdue
        );

        // A new photo clears it; other agencies do not see Springfield's list.
        accepted(
            &app.send(&token, &eim(&so, "M", "20261210", &portrait(3)))
                .await,
            "image_entered",
        );
        let after: Vec<String> = app
            .service
            .photos_due(&token, None, None)
            .await
            .unwrap()
            .items
            .iter()
            .map(|p| p.lrn.to_string())
            .collect();
        assert_eq!(after, vec![vo.clone()]);
        let peoria = app.token("OP84A", "T84A").await;
        assert!(due_list(&app, &peoria).await.is_empty());
    }
}

#[tokio::test]
async fn i3_d1_the_due_list_is_the_own_agency_s_unless_cedar_allows_more_and_every_reading_is_audited()
 {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let token = app.token("OP16A", "T16A").await;
        let so = record(&app, &token, FileKind::SexOffender).await;

        // Peoria's operator asking for Springfield's list is refused, citing D1, and audited.
        let peoria = app.token("OP84A", "T84A").await;
        let refused = app
            .service
            .photos_due(&peoria, Some("IL0160000"), None)
            .await
            .unwrap();
        assert_eq!(
            (refused.outcome, refused.code.name()),
            (Outcome::Refused, "not_authorized")
        );
        assert_eq!(refused.reasons[0].rule, "D1");
        assert!(refused.items.is_empty());
        let statewide = app
            .service
            .photos_due(&peoria, Some("ALL"), None)
            .await
            .unwrap();
        assert_eq!(statewide.code, "not_authorized");
        let bad = app
            .service
            .photos_due(&peoria, Some("IL01"), None)
            .await
            .unwrap();
        assert_eq!(
            (bad.outcome, bad.code.name()),
            (Outcome::Rejected, "invalid_request")
        );

        // The Administrator and auditors see every agency, or one.
        for (person, terminal) in [("ADMIN1", "T10A"), ("AUD1", "T10A")] {
            let reader = app.token(person, terminal).await;
            let all = app
                .service
                .photos_due(&reader, Some("all"), None)
                .await
                .unwrap();
            assert_eq!(all.code, "photos_due", "{person}");
            assert_eq!(all.agency, None);
            assert_eq!(all.items[0].lrn.to_string(), so, "{person}");
            let one = app
                .service
                .photos_due(&reader, Some("IL0160000"), None)
                .await
                .unwrap();
            assert_eq!(one.items.len(), 1, "{person}");
            assert_eq!(one.agency.as_ref().unwrap().as_str(), "IL0160000");
        }

        let readings: Vec<(String, String, String, String)> = app
            .audit()
            .await
            .into_iter()
            .filter(|e| e.entry.event == "photos_due_read")
            .map(|e| {
                (
                    e.entry.operator.unwrap(),
                    e.entry.outcome,
                    e.entry.rules.join(","),
                    e.entry.detail,
                )
            })
            .collect();
        let expected = [
            ("OP84A", "refused", "D1", "SCOPE IL0160000"),
            (
                "OP84A",
                "refused",
                "agency-reads-own-compliance,O1",
                "SCOPE ALL",
            ),
            ("OP84A", "rejected", "", "SCOPE IL01"),
            ("ADMIN1", "accepted", "", "SCOPE ALL -> 1 ITEMS"),
            ("ADMIN1", "accepted", "", "SCOPE IL0160000 -> 1 ITEMS"),
            ("AUD1", "accepted", "", "SCOPE ALL -> 1 ITEMS"),
            ("AUD1", "accepted", "", "SCOPE IL0160000 -> 1 ITEMS"),
        ];
        assert_eq!(
            readings,
            expected
                .iter()
                .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
                .collect::<Vec<_>>()
        );
    }
}

async fn due_list(app: &TestApp, token: &str) -> Vec<leads_app::PhotoDue> {
    let reply = app.service.photos_due(token, None, None).await.unwrap();
    assert_eq!(reply.code, "photos_due", "{}", reply.message);
    reply.body.items
}

#[tokio::test]
async fn rotating_the_master_key_rewraps_every_image_key() {
    let app = TestApp::start(leads_testkit::TestDb::sqlite()).await;
    let token = app.token("OP16A", "T16A").await;
    let lrn = record(&app, &token, FileKind::SexOffender).await;
    let entered = app
        .send(&token, &eim(&lrn, "M", "20261120", &portrait(1)))
        .await;
    let imn = entered.images[0].imn.to_string();

    let old = app.service.vault().keys().current().clone();
    let new = leads_vault::MasterKey::generate();
    let with_keys = |keys: leads_vault::Keyring| {
        Service::new(
            app.store.clone(),
            Arc::new(app.clock.clone()) as Arc<dyn Clock>,
            Arc::new(CedarAuthorizer::new().unwrap()),
            ServiceConfig::default(),
            leads_vault::Vault::new(
                keys,
                leads_vault::BlobStore::local(app.blobs.path()).unwrap(),
            ),
        )
    };
    let rotating = with_keys(leads_vault::Keyring::new(new.clone()).with_previous(old));
    let report = rotating.rotate_image_keys().await.unwrap();
    assert_eq!((report.rewrapped, report.current), (1, 0));
    assert_eq!(rotating.rotate_image_keys().await.unwrap().current, 1);
    let rotation = app
        .audit()
        .await
        .iter()
        .rev()
        .find(|e| e.entry.event == "image_key_rotation")
        .cloned();
    assert!(rotation.unwrap().entry.detail.contains(new.id()));

    // Only the new key is needed now; the old service, with only the old key, cannot read.
    let after = with_keys(leads_vault::Keyring::new(new));
    let query = format!("QIM.IL0160000.IMN/{imn}.PUR/C.CAS/2026-1");
    let reply = after
        .submit(&token, leads_app::Input::Text(query.clone()), None)
        .await
        .unwrap();
    accepted(&reply, "image");
    let stale = app
        .service
        .submit(&token, leads_app::Input::Text(query), None)
        .await
        .unwrap();
    assert_eq!(stale.outcome, Outcome::Failed);
}
