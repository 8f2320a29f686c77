use super::*;

#[test]
fn same_seed_same_bytes() {
    for i in 0..40 {
        assert_eq!(
            generate_one(3, i, Profile::Samples).bytes,
            generate_one(3, i, Profile::Samples).bytes
        );
    }
    assert_ne!(
        generate_one(3, 0, Profile::Samples).bytes,
        generate_one(4, 0, Profile::Samples).bytes
    );
}

#[test]
fn samples_cover_every_kind_and_template() {
    let names: Vec<String> = (0..40)
        .map(|i| generate_one(1, i, Profile::Samples).file_name)
        .collect();
    for k in REPORT_KINDS {
        for t in ["2021", "2019"] {
            assert!(
                names.iter().any(|n| n.contains(k.name()) && n.contains(t)),
                "{} {t}",
                k.name()
            );
        }
    }
    for k in OTHER_KINDS {
        assert!(names.iter().any(|n| n.contains(k.name())), "{}", k.name());
    }
}

#[test]
fn bench_pages_weigh_60_to_150_kb() {
    for i in 0..30 {
        let d = generate_one(9, i, Profile::Bench);
        if d.truth.format == "html" && d.truth.encoding != "utf-16le" {
            assert!(
                (55_000..=170_000).contains(&d.bytes.len()),
                "{} {}",
                d.file_name,
                d.bytes.len()
            );
        }
    }
}

#[test]
fn word_pages_weigh_100_to_350_kb_of_word_markup() {
    for i in 0..12 {
        let d = generate_one(9, i, Profile::Word);
        assert!(
            (100_000..=360_000).contains(&d.bytes.len()),
            "{} {}",
            d.file_name,
            d.bytes.len()
        );
        let page = String::from_utf8(d.bytes).expect("utf-8");
        assert!(page.contains("<!--[if gte mso 9]>") && page.contains("<o:p></o:p>"));
        assert!(page.matches("<td width=").count() > 200, "{}", d.file_name);
        assert_eq!(d.truth.status, "ok");
    }
}

#[test]
fn gbk_documents_decode_back() {
    let d = (0..40)
        .map(|i| generate_one(1, i, Profile::Samples))
        .find(|d| d.truth.encoding == "gbk")
        .expect("a gbk doc");
    let (text, _, errors) = encoding_rs::GBK.decode(&d.bytes);
    assert!(!errors && text.contains("收到和处理政府信息公开申请情况"));
}

#[test]
fn pdf_profile_reports_run_about_ten_pages() {
    for i in 0..4 {
        let d = generate_one(5, i, Profile::Pdf);
        let pages = d.bytes.windows(12).filter(|w| w == b"/Type /Page ").count();
        assert!((9..=12).contains(&pages), "{} {pages} pages", d.file_name);
        assert_eq!(d.truth.format, "pdf");
    }
}
