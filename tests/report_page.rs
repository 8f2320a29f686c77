//! `report.html` in a real browser: headless Chromium loads the page written for `samples/`
//! without script errors and lays out every plot; a screenshot is taken. Skips with a note when
//! Chromium is not installed — except under CI (`CI` set), where `.ci/run` installs it.

mod common;

use common::run_ok;
use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser"].iter().find_map(|name| {
        let ok = Command::new(name)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then(|| PathBuf::from(name))
    })
}

fn headless(browser: &Path, profile: &Path, args: &[&str]) -> std::process::Output {
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .expect("chromium runs")
}

fn attribute<'a>(dom: &'a str, name: &str) -> Option<&'a str> {
    let body = &dom[dom.find("<body")?..];
    let body = &body[..body.find('>')?];
    let at = body.find(&format!("{name}=\""))? + name.len() + 2;
    body[at..].split('"').next()
}

#[test]
fn the_page_loads_and_shows_its_plots() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    run_ok(&[
        "extract",
        root.join("samples").to_str().expect("utf8"),
        "--out",
        out.to_str().expect("utf8"),
        "--quiet",
    ]);
    // `ogi report` rewrites the same page from the folder's files.
    let page = out.join("report.html");
    let written = std::fs::read(&page).expect("report.html");
    run_ok(&["report", out.to_str().expect("utf8")]);
    assert!(std::fs::read(&page).expect("report.html") == written);
    let html = String::from_utf8(written).expect("utf8");
    // Self-contained: the only URL is the SVG namespace.
    assert_eq!(
        html.matches("http").count(),
        html.matches("http://www.w3.org/2000/svg").count(),
        "the page refers to something outside itself"
    );

    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have chromium (.ci/run installs it)"
        );
        println!("note: chromium not installed; the browser part of this test is skipped");
        return;
    };
    let url = format!("file://{}", page.display());
    let o = headless(
        &browser,
        &tmp.path().join("profile-dom"),
        &["--virtual-time-budget=5000", "--dump-dom", &url],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let dom = String::from_utf8_lossy(&o.stdout);
    let plots = attribute(&dom, "data-plots").expect("data-plots");
    assert!(plots.parse::<usize>().expect("a number") >= 4, "{plots}");
    assert_eq!(attribute(&dom, "data-plots-shown"), Some(plots), "{dom}");
    assert_eq!(attribute(&dom, "data-errors"), Some("0"), "{dom}");

    let shot = tmp.path().join("report.png");
    let o = headless(
        &browser,
        &tmp.path().join("profile-shot"),
        &[
            "--window-size=1000,2400",
            &format!("--screenshot={}", shot.display()),
            &url,
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let png = std::fs::read(&shot).expect("screenshot");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    let width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
    assert_eq!(width, 1000);
    // A blank page compresses to a few kilobytes; plots, tables and text do not.
    assert!(png.len() > 40_000, "screenshot of {} bytes", png.len());
}
