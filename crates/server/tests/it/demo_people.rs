//! The demo's people do what the README shows them doing: two operators of one agency share the
//! second-party check (H4), the agency's coordinator follows its deadlines and audit entries,
//! the Department's auditor reads the log, and the Administrator lifts the suspension he imposed.

use leads::demo::{DEMO_OPERATORS, DEMO_QUERY, banner};
use leads_domain::access::Role;

use crate::support::{cli, cli_login, demo_server, person};

/// The plate the README enters from Springfield.
const README_PLATE_ENTRY: &str = "EL.IL0160000.LIC/DEMO42.LIS/IL.LIY/2027.LIT/PC.DOT/20261130.OCA/2026-000200.SDC/CMP.SDN/C-2001.DRI/20261130";

async fn run(args: &[&str]) -> (i32, String, String) {
    cli(args.iter().map(|a| (*a).to_owned()).collect()).await
}

/// The LRN named in an entry's reply (`ENTERED … LRN/L26…`).
fn entered_lrn(reply: &str) -> String {
    let rest = reply.split("LRN/").nth(1).unwrap();
    rest.chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect()
}

#[test]
fn the_demo_has_two_operators_of_one_agency_its_coordinator_and_an_auditor() {
    let springfield: Vec<_> = DEMO_OPERATORS
        .iter()
        .filter(|d| d.ori == "IL0160000" && d.role == Role::Operator)
        .collect();
    assert_eq!(springfield.len(), 2, "two operators of one agency");
    assert_ne!(springfield[0].terminal, springfield[1].terminal);
    assert_eq!(person("DEMOCOORD").role, Role::Coordinator);
    assert_eq!(person("DEMOCOORD").ori, "IL0160000");
    assert_eq!(person("DEMOAUDIT").role, Role::Auditor);
    let printed = banner("http://127.0.0.1:8080");
    for d in DEMO_OPERATORS {
        assert!(
            printed.contains(d.operator) && printed.contains(d.totp_secret),
            "{printed}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_second_party_check_h4_is_done_by_the_agency_s_second_operator_and_followed_by_its_coordinator()
 {
    let dir = tempfile::tempdir().unwrap();
    let url = demo_server(dir.path(), 20).await;
    let demo1 = cli_login(person("DEMO1"), &url).await;
    let demo3 = cli_login(person("DEMO3"), &url).await;
    let coordinator = cli_login(person("DEMOCOORD"), &url).await;
    let auditor = cli_login(person("DEMOAUDIT"), &url).await;

    let (code, out, err) = run(&[
        "client",
        "send",
        "--url",
        &url,
        "--token",
        &demo1,
        README_PLATE_ENTRY,
    ])
    .await;
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("ENTERED STOLEN LICENSE PLATE"), "{out}");
    let lrn = entered_lrn(&out);

    let check_due = || async {
        let (code, out, err) = run(&[
            "client",
            "compliance",
            "--url",
            &url,
            "--token",
            &coordinator,
        ])
        .await;
        assert_eq!(code, 0, "{out}{err}");
        out.lines()
            .any(|l| l.contains(&lrn) && l.contains("second_party_check"))
    };
    assert!(
        check_due().await,
        "the coordinator sees the check that is due"
    );

    let checked = "PLATE AND REPORT COMPARED, NCIC CHECKED";
    let verify = |token: &str| {
        [
            "client",
            "verify",
            "--url",
            &url,
            "--token",
            token,
            &lrn,
            "--checked",
            checked,
        ]
        .map(String::from)
        .to_vec()
    };
    let (code, out, _) = cli(verify(&demo1)).await;
    assert_eq!(
        code, 1,
        "the entering operator cannot check the entry: {out}"
    );
    assert!(out.contains("RULE H4"), "{out}");
    let (code, out, err) = cli(verify(&demo3)).await;
    assert_eq!(code, 0, "the second operator checks it: {out}{err}");

    assert!(!check_due().await, "the check is no longer due");

    let (code, out, err) = run(&[
        "audit",
        "report",
        "--url",
        &url,
        "--token",
        &coordinator,
        "--ori",
        "IL0840000",
    ])
    .await;
    assert_ne!(code, 0, "a coordinator reads only the own agency's entries");
    assert!(
        format!("{out}{err}").contains("T1"),
        "the refusal cites T1: {out}{err}"
    );

    let (code, out, err) = run(&[
        "audit", "report", "--url", &url, "--token", &auditor, "--record", &lrn,
    ])
    .await;
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("DEMO1") && out.contains("DEMO3"),
        "the auditor sees who entered and who checked: {out}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_administrator_lifts_the_suspension_o3_the_readme_shows() {
    let dir = tempfile::tempdir().unwrap();
    let url = demo_server(dir.path(), 20).await;
    let admin = cli_login(person("DEMOADMIN"), &url).await;
    let demo1 = cli_login(person("DEMO1"), &url).await;
    let admin_act = |command: &str, extra: &[&str]| {
        let mut args: Vec<String> = ["admin", command, "--url", &url, "--token", &admin]
            .map(String::from)
            .to_vec();
        args.extend(["ori=IL0160000", "scope:={\"only\":\"wanted\"}"].map(String::from));
        args.extend(extra.iter().map(|a| (*a).to_owned()));
        args
    };
    let query = || {
        cli([
            "client", "send", "--url", &url, "--token", &demo1, DEMO_QUERY,
        ]
        .map(String::from)
        .to_vec())
    };

    let (code, out, err) = cli(admin_act(
        "suspend-service",
        &["reference=SANCTION 2026-1", "reason=MAJOR VIOLATION"],
    ))
    .await;
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, _) = query().await;
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("RULE O3"), "{out}");

    let (code, out, err) = cli(admin_act(
        "lift-suspension",
        &["reason=CORRECTIVE ACTION ACCOMPLISHED"],
    ))
    .await;
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = query().await;
    assert_eq!(code, 0, "the service is back: {out}{err}");
    assert!(out.contains("DOE, JOHN"), "{out}");
}

/// The README's sign-ins are the demo's: every `--operator` it uses comes with that person's
/// password, terminal and secret, and it shows the plate entry the test above sends.
#[test]
fn the_readme_signs_in_the_demo_people_lifts_its_suspension_and_sends_a_batch() {
    let readme = include_str!("../../../../README.md");
    let commands = readme.replace("\\\n", " ");
    let mut signed_in = Vec::new();
    for line in commands.lines().filter(|l| l.contains("--operator ")) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let after = |flag: &str| {
            words
                .iter()
                .position(|w| *w == flag)
                .and_then(|i| words.get(i + 1))
                .copied()
                .unwrap_or_default()
        };
        let who = person(after("--operator"));
        assert_eq!(after("--password"), who.password, "{line}");
        assert_eq!(after("--terminal"), who.terminal, "{line}");
        assert_eq!(after("--totp-secret"), who.totp_secret, "{line}");
        signed_in.push(who.operator);
    }
    for who in ["DEMO1", "DEMO3", "DEMOCOORD", "DEMOAUDIT", "DEMOADMIN"] {
        assert!(signed_in.contains(&who), "the README signs {who} in");
    }
    assert!(readme.contains(README_PLATE_ENTRY));
    assert!(readme.contains("admin suspend-service") && readme.contains("admin lift-suspension"));
    assert!(readme.contains("client send <<'MESSAGES'"), "a batch send");
    assert!(
        readme.contains("A code signs in once") && readme.matches("**new code**").count() >= 2,
        "the README warns where a code would be reused"
    );
}
