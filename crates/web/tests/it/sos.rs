//! The SOS image service through the HTTP API with the real client, on every backend: one
//! scenario row per requester category and condition of 92 Ill. Adm. Code 1030.140, case
//! records and disposal, dissemination, release to the public and photo arrays.

use data_encoding::BASE64;
use leads_api_types::{
    ArrayMemberForm, ConsentForm, DeskForm, ImageRequestForm, LookupForm, PhotoArrayForm,
    ReleaseDecisionForm, ReleaseForm, SosBody, SosDisseminationForm,
};
use leads_store::Store;

use crate::support::{signed_in, started_with_sos};

/// 1030.140(b)(2)(C), verbatim.
const DISCLAIMER: &str = "Only for use as authorized by 625 ILCS 5/6-110.1 and 92 Ill. Adm. Code 1030.140.  This information and image cannot be certified to be anything other than the information and image of the individual who presented himself or herself to the Secretary of State's Office with the required forms of identification.";

fn by_dln(dln: &str) -> LookupForm {
    LookupForm {
        dln: Some(dln.into()),
        ..LookupForm::default()
    }
}

fn request(dln: &str, case: &str, role: &str) -> ImageRequestForm {
    ImageRequestForm {
        holder: by_dln(dln),
        investigation: Some("criminal".into()),
        case_number: Some(case.into()),
        subject_role: role.into(),
        ..ImageRequestForm::default()
    }
}

/// Every answer carries the disclaimer and the confidentiality notice (P6).
fn assert_p6<T>(body: &SosBody<T>) {
    assert_eq!(body.disclaimer, DISCLAIMER);
    assert!(body.confidentiality.contains("1030.140(c)(3)"));
}

/// A refusal citing `rule` and a citation containing `cite`.
fn assert_refused<T: std::fmt::Debug>(body: &SosBody<T>, rule: &str, cite: &str) {
    assert_p6(body);
    assert_eq!(body.outcome, "refused", "{body:?}");
    assert!(
        body.reasons
            .iter()
            .any(|r| r.rule == rule && r.citation.contains(cite)),
        "expected {rule} citing {cite}: {:?}",
        body.reasons
    );
    assert!(body.items.is_empty());
}

fn desk(category: &str) -> DeskForm {
    DeskForm {
        category: category.into(),
        requester: "REQUESTER OF THE SCENARIO".into(),
        holder: by_dln("D555-0101-2020"),
        ..DeskForm::default()
    }
}

/// Removes one condition from a form.
type Removal = (&'static str, fn(&mut DeskForm));
/// A desk scenario row.
type DeskRow = (&'static str, DeskForm, Vec<Removal>);

/// The desk scenarios: `(row, form meeting every condition, conditions to remove one at a time
/// with the policy citation each removal must bring)`.
fn desk_rows() -> Vec<DeskRow> {
    let mut a = desk("individual");
    a.written_request = Some("WR-2026-0042".into());
    let mut b = desk("family_of_deceased");
    b.written_request = Some("WR-2026-0043".into());
    b.proof_of_death = Some("DEATH CERT 2026-117".into());
    b.identifying_data = Some("DOB 19790704, DATE OF DEATH 20260102".into());
    b.department_grants = true;
    let mut c = desk("sos_staff");
    c.staff_purpose = Some("fraud_investigation".into());
    c.employee_number = Some("SOS-4411".into());
    let mut f = desk("registry");
    f.registry = Some("sex_offender_registry".into());
    let mut g = desk("licensing_jurisdiction");
    g.jurisdiction = Some("WISCONSIN DMV".into());
    g.licensing_purpose = Some("identity_fraud".into());
    let mut h = desk("card_vendor");
    h.contract = Some("CONTRACT SOS-2024-DL".into());
    h.production_only = true;
    let mut i = desk("public_defender");
    i.court_appointment = Some("ORDER 26-CF-0091".into());
    i.client_charge = Some("CITATION UC-7781".into());
    vec![
        (
            "(A)",
            a,
            vec![("(b)(1)(A)", |f: &mut DeskForm| f.written_request = None)],
        ),
        (
            "(B)",
            b,
            vec![
                ("(b)(1)(B)", |f: &mut DeskForm| f.written_request = None),
                ("(b)(1)(B)", |f: &mut DeskForm| f.proof_of_death = None),
                ("(b)(1)(B)", |f: &mut DeskForm| f.identifying_data = None),
                ("(b)(1)(B)", |f: &mut DeskForm| f.department_grants = false),
            ],
        ),
        (
            "(C)",
            c,
            vec![
                ("(b)(1)(C)", |f: &mut DeskForm| f.staff_purpose = None),
                ("(b)(1)(C)", |f: &mut DeskForm| f.employee_number = None),
            ],
        ),
        (
            "(F)",
            f,
            vec![("(b)(1)(F)", |f: &mut DeskForm| f.registry = None)],
        ),
        (
            "(G)",
            g,
            vec![
                ("(b)(1)(G)", |f: &mut DeskForm| f.jurisdiction = None),
                ("(b)(1)(G)", |f: &mut DeskForm| f.licensing_purpose = None),
            ],
        ),
        (
            "(H)",
            h,
            vec![
                ("(b)(1)(H)", |f: &mut DeskForm| f.contract = None),
                ("(b)(1)(H)", |f: &mut DeskForm| f.production_only = false),
            ],
        ),
        (
            "(I)",
            i,
            vec![
                ("(b)(1)(I)", |f: &mut DeskForm| f.court_appointment = None),
                ("(b)(1)(I)", |f: &mut DeskForm| f.client_charge = None),
            ],
        ),
    ]
}

#[tokio::test]
async fn p1_p6_scenario_table_of_every_category_through_http() {
    for (app, base) in started_with_sos().await {
        // (D): an Illinois criminal-justice agency, for a case and an investigation.
        let springfield = signed_in(&app, &base, "OP16A", "T16A").await;
        let got = springfield
            .request_sos_image(&request("S123-4567-8901", "2026-0101", "suspect"))
            .await
            .unwrap();
        assert_p6(&got);
        assert_eq!(got.code, "sos_image", "{}", got.message);
        let image = &got.items[0];
        assert_eq!(
            (image.dln.as_str(), image.holder_name.as_str()),
            ("S12345678901", "RIVERA, ANA")
        );
        assert!(
            BASE64
                .decode(image.image_base64.as_ref().unwrap().as_bytes())
                .unwrap()
                .starts_with(&[0xFF, 0xD8])
        );
        // By name, date of birth and sex; two holders share them.
        let by_name = ImageRequestForm {
            holder: LookupForm {
                name: Some("DOE, JOHN".into()),
                dob: Some("19790704".into()),
                sex: Some("M".into()),
                dln: None,
            },
            ..request("", "2026-0101", "witness")
        };
        let named = springfield.request_sos_image(&by_name).await.unwrap();
        assert_eq!(named.items[0].dln, "D55501012020", "{}", named.message);
        let ambiguous = ImageRequestForm {
            holder: LookupForm {
                name: Some("SMITH, JAMES".into()),
                dob: Some("19800101".into()),
                sex: Some("M".into()),
                dln: None,
            },
            ..request("", "2026-0101", "witness")
        };
        let two = springfield.request_sos_image(&ambiguous).await.unwrap();
        assert_eq!(two.code, "sos_ambiguous");
        assert_p6(&two);

        let mut no_purpose = request("S123-4567-8901", "2026-0101", "suspect");
        no_purpose.investigation = None;
        let refused = springfield.request_sos_image(&no_purpose).await.unwrap();
        assert_refused(&refused, "P1", "1030.140(b)(1)(D) and (E)");
        let mut no_case = request("S123-4567-8901", "", "suspect");
        no_case.case_number = None;
        assert_refused(
            &springfield.request_sos_image(&no_case).await.unwrap(),
            "P2",
            "1030.140(a)(2)",
        );

        // (E): a criminal-justice agency of another state.
        let indiana = signed_in(&app, &base, "OPIN1", "TIN1").await;
        let got = indiana
            .request_sos_image(&request("M300-1111-2222", "IN-26-5", "suspect"))
            .await
            .unwrap();
        assert_eq!(got.code, "sos_image", "{}", got.message);

        // Through LEADS, no other requester: a non-criminal-justice agency, or any other
        // category asked for on someone's behalf.
        let gaming = signed_in(&app, &base, "OP70A", "T70A").await;
        assert_refused(
            &gaming
                .request_sos_image(&request("S123-4567-8901", "GB-1", "suspect"))
                .await
                .unwrap(),
            "P1",
            "1030.140(b)(1)(D)",
        );
        for category in [
            "individual",
            "family_of_deceased",
            "public_defender",
            "card_vendor",
        ] {
            let mut other = request("S123-4567-8901", "2026-0101", "suspect");
            other.on_behalf_of = Some(category.into());
            assert_refused(
                &springfield.request_sos_image(&other).await.unwrap(),
                "P1",
                "1030.140(b)(1)",
            );
        }

        // The SOS desk: (A)-(C), (F)-(I), each allowed with its conditions and refused without
        // any one of them.
        let clerk = signed_in(&app, &base, "SOSDESK1", "T50A").await;
        for (row, form, removals) in desk_rows() {
            let allowed = clerk.sos_desk(&form).await.unwrap();
            assert_p6(&allowed);
            assert_eq!(allowed.code, "sos_disclosed", "{row}: {}", allowed.message);
            assert_eq!(allowed.items[0].dln, "D55501012020");
            for (cite, remove) in removals {
                let mut missing = form.clone();
                remove(&mut missing);
                let refused = clerk.sos_desk(&missing).await.unwrap();
                assert_refused(&refused, "P1", cite);
            }
        }
        // Criminal-justice agencies use LEADS, not the desk; operators do not keep the desk.
        let mut cj = desk("criminal_justice");
        cj.investigation = Some("criminal".into());
        cj.case_number = Some("X-1".into());
        assert_refused(
            &clerk.sos_desk(&cj).await.unwrap(),
            "P1",
            "(b)(1)(D) and (E)",
        );
        let not_staff = springfield.sos_desk(&desk_rows()[0].1).await.unwrap();
        assert_eq!(not_staff.outcome, "refused");
        assert_p6(&not_staff);

        // Every request, allowed or refused, is in the audit log with its rules.
        let audit = app.audit().await;
        let refused_desk = audit
            .iter()
            .filter(|e| e.entry.event == "sos_desk_request" && e.entry.outcome == "refused")
            .count();
        assert_eq!(
            refused_desk, 16,
            "14 missing conditions, one criminal-justice request, one operator"
        );
        assert!(audit.iter().any(|e| e.entry.event == "sos_image_request"
            && e.entry.outcome == "refused"
            && e.entry.rules.contains(&"P1".to_owned())));
    }
}

#[tokio::test]
async fn p2_case_records_are_disposed_on_schedule_and_transmission_copies_deleted_when_sent() {
    for (app, base) in started_with_sos().await {
        let springfield = signed_in(&app, &base, "OP16A", "T16A").await;
        let mut kept = request("S123-4567-8901", "2026-0200", "suspect");
        kept.retention_days = Some(30);
        let got = springfield.request_sos_image(&kept).await.unwrap();
        let id = got.items[0].id;
        let blob = app
            .store
            .begin()
            .await
            .unwrap()
            .sos()
            .case_image(id)
            .await
            .unwrap()
            .unwrap()
            .picture
            .unwrap();
        let blob_id = leads_vault::BlobId::parse(&blob.id).unwrap();
        assert!(app.service.vault().store().exists(&blob_id).await.unwrap());

        // No list of SOS images outside a case.
        let blank = springfield.sos_case(" ").await;
        assert!(blank.is_err() || blank.unwrap().outcome != "accepted");
        let case = springfield.sos_case("2026-0200").await.unwrap();
        assert_eq!(case.items.len(), 1);
        assert!(case.items[0].image_base64.is_some());
        // Another agency does not see this case record.
        let peoria = signed_in(&app, &base, "OP84A", "T84A").await;
        assert!(peoria.sos_case("2026-0200").await.unwrap().items.is_empty());

        app.clock.advance_seconds(29 * 86_400);
        assert_eq!(
            app.service
                .dispose_sos_images()
                .await
                .unwrap()
                .retention_expired,
            0
        );
        app.clock.advance_seconds(2 * 86_400);
        let report = app.service.dispose_sos_images().await.unwrap();
        assert_eq!(report.retention_expired, 1);
        assert!(
            !app.service.vault().store().exists(&blob_id).await.unwrap(),
            "the bytes are gone"
        );
        let springfield = signed_in(&app, &base, "OP16A", "T16A").await;
        let case = springfield.sos_case("2026-0200").await.unwrap();
        assert_eq!(
            case.items[0].disposed_how.as_deref(),
            Some("retention_expired")
        );
        assert!(case.items[0].image_base64.is_none());
        let audit = app.audit().await;
        assert!(audit.iter().any(|e| e.entry.event == "sos_image_disposed"
            && e.entry.detail.contains(&format!("CASE IMAGE {id} "))));

        // Retrieved only to pass on: kept until transmitted, then deleted.
        let mut relay = request("M300-1111-2222", "2026-0201", "suspect");
        relay.transmit_to = Some("IL0840000".into());
        let got = springfield.request_sos_image(&relay).await.unwrap();
        assert!(got.items[0].transmission_only);
        let relay_id = got.items[0].id;
        let blob = app
            .store
            .begin()
            .await
            .unwrap()
            .sos()
            .case_image(relay_id)
            .await
            .unwrap()
            .unwrap()
            .picture
            .unwrap();
        let relay_blob = leads_vault::BlobId::parse(&blob.id).unwrap();
        let sent = springfield
            .disseminate_sos_image(&SosDisseminationForm {
                case_image: relay_id,
                case_number: "2026-0201".into(),
                recipient_ori: Some("IL0840000".into()),
                recipient_person: "DET KOWALSKI".into(),
                ..SosDisseminationForm::default()
            })
            .await
            .unwrap();
        assert_eq!(sent.code, "sos_disseminated", "{}", sent.message);
        assert!(
            !app.service
                .vault()
                .store()
                .exists(&relay_blob)
                .await
                .unwrap(),
            "transmission copy deleted"
        );
        let peoria = signed_in(&app, &base, "OP84A", "T84A").await;
        let theirs = peoria.sos_case("2026-0201").await.unwrap();
        assert_eq!(theirs.items.len(), 1);
        assert_eq!(theirs.items[0].received_from, Some(relay_id));
        assert!(theirs.items[0].image_base64.is_some());
        let mine = springfield.sos_case("2026-0201").await.unwrap();
        assert_eq!(mine.items[0].disposed_how.as_deref(), Some("transmitted"));
    }
}

#[tokio::test]
async fn p5_s3_dissemination_checks_the_recipient_and_records_are_visible_to_the_right_roles() {
    for (app, base) in started_with_sos().await {
        let springfield = signed_in(&app, &base, "OP16A", "T16A").await;
        let got = springfield
            .request_sos_image(&request("S123-4567-8901", "2026-0300", "suspect"))
            .await
            .unwrap();
        let id = got.items[0].id;
        let to = |ori: &str, case: &str, verification: Option<&str>| SosDisseminationForm {
            case_image: id,
            case_number: case.into(),
            recipient_ori: Some(ori.into()),
            recipient_agency: Some("RECEIVING AGENCY".into()),
            recipient_person: "DET RECEIVER".into(),
            verification: verification.map(Into::into),
        };
        let ok = springfield
            .disseminate_sos_image(&to("IL0840000", "2026-0300", None))
            .await
            .unwrap();
        assert_eq!(ok.code, "sos_disseminated", "{}", ok.message);
        assert!(ok.items[0].verification.contains("LEADS CERTIFIED"));
        assert!(ok.items[0].recipient_case_image.is_some());
        let cases = [
            ("IL0840000", "2026-9999", None, "P5", "1030.140(c)"),
            ("IL0700000", "2026-0300", None, "S3", "1240.50(b)(4)"),
            ("IL0990000", "2026-0300", None, "P5", "1030.140(c)(2)"),
            ("WI0130000", "2026-0300", None, "P5", "1030.140(c)(2)"),
            ("IL0160000", "2026-0300", None, "P5", "1030.140(c)"),
        ];
        for (ori, case, verification, rule, cite) in cases {
            let refused = springfield
                .disseminate_sos_image(&to(ori, case, verification))
                .await
                .unwrap();
            assert_refused(&refused, rule, cite);
        }
        let out_of_state = springfield
            .disseminate_sos_image(&to(
                "WI0130000",
                "2026-0300",
                Some("NLETS ORI INQUIRY CONFIRMED WI0130000"),
            ))
            .await
            .unwrap();
        assert_eq!(
            out_of_state.code, "sos_disseminated",
            "{}",
            out_of_state.message
        );
        assert!(
            out_of_state.items[0].image_base64.is_some(),
            "the image to transmit"
        );
        // Only the agency holding the image in its case record passes it on.
        let peoria = signed_in(&app, &base, "OP84A", "T84A").await;
        let mut theirs = to("IN0490000", "2026-0300", None);
        theirs.case_image = id;
        assert_refused(
            &peoria.disseminate_sos_image(&theirs).await.unwrap(),
            "P2",
            "1030.140(a)(2)",
        );

        // The records: the Department and SOS see every agency's, the coordinator the own.
        for (who, terminal) in [("ADMIN1", "T10A"), ("AUD1", "T10A"), ("SOSPD1", "T50A")] {
            let reader = signed_in(&app, &base, who, terminal).await;
            let all = reader.sos_disseminations(Some("ALL")).await.unwrap();
            assert_eq!(all.code, "sos_disseminations", "{who}: {}", all.message);
            assert_eq!(all.items.len(), 2, "{who}");
        }
        let coordinator = signed_in(&app, &base, "CO16", "T16A").await;
        assert_eq!(
            coordinator
                .sos_disseminations(None)
                .await
                .unwrap()
                .items
                .len(),
            2
        );
        assert_eq!(
            coordinator
                .sos_disseminations(Some("IL0840000"))
                .await
                .unwrap()
                .outcome,
            "refused"
        );
        let operator = springfield.sos_disseminations(None).await.unwrap();
        assert_eq!(operator.outcome, "refused");
        assert_eq!(
            springfield
                .sos_disseminations(Some("ALL"))
                .await
                .unwrap()
                .outcome,
            "refused"
        );
    }
}

#[tokio::test]
async fn p4_release_needs_every_condition_and_the_sos_police_written_approval() {
    for (app, base) in started_with_sos().await {
        let springfield = signed_in(&app, &base, "OP16A", "T16A").await;
        let got = springfield
            .request_sos_image(&request("S123-4567-8901", "2026-0400", "suspect"))
            .await
            .unwrap();
        let id = got.items[0].id;
        let mut civil = request("D555-0101-2020", "2026-0401", "suspect");
        civil.investigation = Some("civil".into());
        let civil_id = springfield.request_sos_image(&civil).await.unwrap().items[0].id;
        let full = ReleaseForm {
            case_image: id,
            necessity: "locate_suspect".into(),
            explanation: Some("ARMED SUSPECT AT LARGE AFTER SHOOTING".into()),
            no_other_image: true,
            identity_verification: Some("FINGERPRINTS MATCHED BOOKING 2019-331".into()),
        };
        type Missing = (fn(&mut ReleaseForm), &'static str);
        let missing: [Missing; 4] = [
            (|f| f.necessity = String::new(), "1030.140(b)(2)"),
            (|f| f.no_other_image = false, "1030.140(b)(2)(A)"),
            (|f| f.identity_verification = None, "1030.140(b)(2)(B)"),
            (|f| f.case_image = 0, ""),
        ];
        for (remove, cite) in missing {
            let mut form = full.clone();
            remove(&mut form);
            let reply = springfield.request_sos_release(&form).await.unwrap();
            if cite.is_empty() {
                assert_eq!(reply.code, "sos_case_image_not_found");
            } else {
                assert_refused(&reply, "P4", cite);
            }
        }
        let mut on_civil = full.clone();
        on_civil.case_image = civil_id;
        assert_refused(
            &springfield.request_sos_release(&on_civil).await.unwrap(),
            "P4",
            "(b)(2)",
        );

        let pending = springfield.request_sos_release(&full).await.unwrap();
        assert_eq!(pending.code, "sos_release_pending", "{}", pending.message);
        let release = pending.items[0].id;
        assert_refused(
            &springfield.sos_release_flyer(release).await.unwrap(),
            "P4",
            "(b)(2)(D)",
        );

        let police = signed_in(&app, &base, "SOSPD1", "T50A").await;
        let queue = police
            .sos_releases(Some("pending"), Some("ALL"))
            .await
            .unwrap();
        assert_eq!(queue.items.len(), 1);
        assert_eq!(queue.items[0].id, release);
        let approve = |reference: Option<&str>| ReleaseDecisionForm {
            approve: true,
            reference: reference.map(Into::into),
            note: None,
        };
        assert_eq!(
            springfield
                .decide_sos_release(release, &approve(Some("SOSPD-A-1")))
                .await
                .unwrap()
                .outcome,
            "refused",
            "only the SOS Police decide"
        );
        assert_refused(
            &police
                .decide_sos_release(release, &approve(None))
                .await
                .unwrap(),
            "P4",
            "(b)(2)(D)",
        );
        let approved = police
            .decide_sos_release(release, &approve(Some("SOSPD-A-2026-77")))
            .await
            .unwrap();
        assert_eq!(
            approved.code, "sos_release_approved",
            "{}",
            approved.message
        );
        assert_eq!(approved.items[0].decided_by.as_deref(), Some("SOSPD1"));
        assert_eq!(
            police
                .decide_sos_release(release, &approve(Some("SOSPD-A-2026-78")))
                .await
                .unwrap()
                .code,
            "sos_release_decided"
        );

        let flyer = springfield.sos_release_flyer(release).await.unwrap();
        assert_eq!(flyer.code, "sos_release_flyer", "{}", flyer.message);
        let pdf = BASE64.decode(flyer.items[0].pdf_base64.as_bytes()).unwrap();
        assert!(pdf.starts_with(b"%PDF-1.4"));
        let text = String::from_utf8_lossy(&pdf);
        for line in leads_imaging::wrap(DISCLAIMER, 100) {
            let escaped = line.replace('(', "\\(").replace(')', "\\)");
            assert!(text.contains(&escaped), "disclaimer line missing: {line}");
        }
        assert!(text.contains("SOSPD-A-2026-77"));
        // Another agency cannot print it.
        let peoria = signed_in(&app, &base, "OP84A", "T84A").await;
        assert_refused(
            &peoria.sos_release_flyer(release).await.unwrap(),
            "P2",
            "(a)(2)",
        );
        let audit = app.audit().await;
        assert!(
            audit
                .iter()
                .any(|e| e.entry.event == "sos_release" && e.entry.code == "sos_release_flyer")
        );
    }
}

#[tokio::test]
async fn p3_photo_arrays_take_the_suspect_or_a_consenting_person() {
    for (app, base) in started_with_sos().await {
        let springfield = signed_in(&app, &base, "OP16A", "T16A").await;
        let get = |dln: &'static str, case: &'static str, role: &'static str| {
            let client = springfield.clone();
            async move {
                client
                    .request_sos_image(&request(dln, case, role))
                    .await
                    .unwrap()
                    .items[0]
                    .id
            }
        };
        let suspect = get("S123-4567-8901", "2026-0500", "suspect").await;
        let victim = get("D555-0101-2020", "2026-0500", "victim").await;
        let other_case = get("M300-1111-2222", "2026-0501", "suspect").await;
        let array = |members: Vec<ArrayMemberForm>| PhotoArrayForm {
            case_number: "2026-0500".into(),
            members,
        };
        let filler = || ArrayMemberForm::Filler("BOOKING PHOTO 2291".into());
        let built = springfield
            .build_photo_array(&array(vec![
                ArrayMemberForm::CaseImage(suspect),
                filler(),
                filler(),
            ]))
            .await
            .unwrap();
        assert_eq!(built.code, "sos_photo_array", "{}", built.message);
        assert!(built.items[0].members[0].ends_with("SUSPECT"));
        assert_refused(
            &springfield
                .build_photo_array(&array(vec![ArrayMemberForm::CaseImage(victim), filler()]))
                .await
                .unwrap(),
            "P3",
            "1030.140(b)(3)",
        );
        assert_refused(
            &springfield
                .build_photo_array(&array(vec![
                    ArrayMemberForm::CaseImage(other_case),
                    filler(),
                ]))
                .await
                .unwrap(),
            "P3",
            "1030.140(b)(3)",
        );
        let future = springfield
            .record_sos_consent(
                victim,
                &ConsentForm {
                    document: "CONSENT FORM 77".into(),
                    signed_on: "20301231".into(),
                },
            )
            .await
            .unwrap();
        assert_eq!(future.code, "field_edit");
        let consent = springfield
            .record_sos_consent(
                victim,
                &ConsentForm {
                    document: "CONSENT FORM 77".into(),
                    signed_on: "20261120".into(),
                },
            )
            .await
            .unwrap();
        assert_eq!(consent.code, "sos_consent_recorded", "{}", consent.message);
        let with_consent = springfield
            .build_photo_array(&array(vec![ArrayMemberForm::CaseImage(victim), filler()]))
            .await
            .unwrap();
        assert_eq!(
            with_consent.code, "sos_photo_array",
            "{}",
            with_consent.message
        );
        assert!(with_consent.items[0].members[0].contains("CONSENT FORM 77"));
        // Another agency cannot record consent on, or use, this agency's images.
        let peoria = signed_in(&app, &base, "OP84A", "T84A").await;
        assert_refused(
            &peoria
                .build_photo_array(&array(vec![ArrayMemberForm::CaseImage(suspect), filler()]))
                .await
                .unwrap(),
            "P2",
            "(a)(2)",
        );
    }
}
