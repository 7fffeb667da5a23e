//! The switch's interstate traffic on every backend: the outbox in order, a sent message
//! losing its wire form, messages found by control field, a received photo's seal kept.

use leads_domain::fields::Ori;
use leads_store::{BlobRef, Direction, InterstateRow, ReceivedPhoto, Store};
use leads_testkit::{START, TestApp, backends};

fn row(direction: Direction, key: &str, control: &str) -> InterstateRow {
    InterstateRow {
        id: 0,
        direction,
        key: key.into(),
        control: control.into(),
        peer: "WI".into(),
        ori: Ori::parse("IL0160000").unwrap(),
        person: Some("OP16A".into()),
        case_number: Some("2026-0042".into()),
        body: format!("{key}.IL0160000.WI.*{control}.TXT OLN/W1234567"),
        payload: (direction == Direction::Out)
            .then(|| format!("{key}.IL0160000.WI.*{control}.TXT OLN/W1234567.IMQ/Y")),
        photo: None,
        status: if direction == Direction::Out {
            "queued"
        } else {
            "delivered"
        }
        .into(),
        created_at: START,
        sent_at: None,
    }
}

#[tokio::test]
async fn the_outbox_keeps_its_order_and_a_sent_message_loses_its_wire_form() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let store = app.store.as_ref();
        let mut tx = store.begin().await.unwrap();
        let first = tx
            .interstate()
            .insert_interstate(&row(Direction::Out, "DQ", "Q0000001"))
            .await
            .unwrap();
        let second = tx
            .interstate()
            .insert_interstate(&row(Direction::Out, "AM", "Q0000002"))
            .await
            .unwrap();
        let mut received = row(Direction::In, "DR", "Q0000001");
        received.photo = Some(ReceivedPhoto {
            blob: BlobRef {
                id: "blob-1".into(),
                wrapped_key: "key-1".into(),
            },
            sha256: "ab".repeat(32),
            bytes: 4096,
        });
        let answer = tx.interstate().insert_interstate(&received).await.unwrap();
        tx.commit().await.unwrap();

        let mut tx = store.begin().await.unwrap();
        let outbox = tx.interstate().interstate_outbox(10).await.unwrap();
        assert_eq!(
            outbox.iter().map(|r| r.id).collect::<Vec<_>>(),
            vec![first, second]
        );
        assert!(outbox[0].payload.as_deref().unwrap().ends_with("IMQ/Y"));
        let sent_at = START.plus_seconds(2);
        assert!(
            tx.interstate()
                .mark_interstate_sent(first, sent_at)
                .await
                .unwrap()
        );
        // Sent once only.
        assert!(
            !tx.interstate()
                .mark_interstate_sent(first, sent_at)
                .await
                .unwrap()
        );
        tx.commit().await.unwrap();

        let mut tx = store.begin().await.unwrap();
        let outbox = tx.interstate().interstate_outbox(10).await.unwrap();
        assert_eq!(
            outbox.iter().map(|r| r.id).collect::<Vec<_>>(),
            vec![second]
        );
        let sent = tx
            .interstate()
            .interstate_message(first)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(sent.status, "sent");
        assert_eq!(sent.payload, None);
        assert_eq!(sent.sent_at, Some(sent_at));
        assert!(sent.body.contains("OLN/W1234567"));
        let by_control = tx
            .interstate()
            .interstate_by_control("Q0000001", Direction::In)
            .await
            .unwrap();
        assert_eq!(by_control.len(), 1);
        assert_eq!(by_control[0].id, answer);
        assert_eq!(by_control[0].photo, received.photo);
        assert!(
            tx.interstate()
                .set_interstate_status(answer, "answered")
                .await
                .unwrap()
        );
        assert!(
            !tx.interstate()
                .set_interstate_status(9_999, "answered")
                .await
                .unwrap()
        );
        tx.commit().await.unwrap();
    }
}
