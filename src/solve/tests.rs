//! Solver tests: real glued rows from the corpus, and a property test on random tables.

use super::*;

fn glued(s: &str, n: usize) -> RowInput {
    RowInput::Glued {
        pieces: s.split(' ').map(String::from).collect(),
        kinds: vec![CellKind::Count; n],
    }
}

fn texts(o: &RowOutcome) -> Vec<String> {
    match o {
        RowOutcome::Unique(v) => v.iter().map(|x| x.text.clone()).collect(),
        other => panic!("not unique: {other:?}"),
    }
}

#[test]
fn single_rows_by_i2() {
    for (run, want) in [
        ("713000074", "71 3 0 0 0 0 74"),
        ("723000075", "72 3 0 0 0 0 75"),
        ("230 000023", "23 0 0 0 0 0 23"),
        ("20 0 00 0 121", "20 0 0 0 0 1 21"),
        ("21710000218", "217 1 0 0 0 0 218"),
        ("370000037", "37 0 0 0 0 0 37"),
    ] {
        let out = solve_table(&[glued(run, 7)], &i2(1), &HashMap::new());
        assert_eq!(texts(&out[0]).join(" "), want, "{run}");
    }
}

#[test]
fn section_four_by_i4() {
    let eqs: Vec<Equation> = (0..3)
        .map(|g| Equation {
            terms: (0..4)
                .map(|c| (0, g * 5 + c, -1))
                .chain([(0, g * 5 + 4, 1)])
                .collect(),
        })
        .collect();
    for (run, want) in [
        ("10203120001200000", "1 0 2 0 3 12 0 0 0 12 0 0 0 0 0"),
        ("21317000001324019", "2 1 3 1 7 0 0 0 0 0 13 2 4 0 19"),
        ("000000000000000", "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"),
    ] {
        let out = solve_table(&[glued(run, 15)], &eqs, &HashMap::new());
        assert_eq!(texts(&out[0]).join(" "), want, "{run}");
    }
}

#[test]
fn section_two_needs_evidence() {
    let kinds = vec![CellKind::Count; 3];
    let row = RowInput::Glued {
        pieces: vec!["8855698".into()],
        kinds,
    };
    let out = solve_table(std::slice::from_ref(&row), &[], &HashMap::new());
    assert!(matches!(out[0], RowOutcome::Ambiguous { .. }));
    let evidence: HashMap<(usize, usize), String> =
        [((0, 2), "698".to_string()), ((0, 0), "88".to_string())].into();
    let out = solve_table(&[row], &[], &evidence);
    assert_eq!(texts(&out[0]), ["88", "55", "698"]);
}

#[test]
fn money_with_unit_stays_ambiguous() {
    let row = RowInput::Glued {
        pieces: vec!["13575394432.52元".into()],
        kinds: vec![CellKind::Count, CellKind::Money],
    };
    let out = solve_table(&[row], &[], &HashMap::new());
    let RowOutcome::Ambiguous { agreed, candidates } = &out[0] else {
        panic!("{:?}", out[0])
    };
    assert!(agreed.iter().all(Option::is_none));
    assert!(candidates
        .iter()
        .any(|c| c[0].text == "135" && c[1].text == "7539.443252"));
}

#[cfg(feature = "synth")]
#[test]
fn property_glued_tables_are_recovered_or_left_ambiguous() {
    for (large, seed) in [(false, 7), (true, 11)] {
        let (n, unique, cells, recovered) = super::random::property_run(seed, 60, large);
        assert!(cells > 0 && recovered > 0);
        eprintln!(
            "{} tables: {unique}/{n} recovered uniquely; {recovered}/{cells} cells",
            if large { "large" } else { "small" }
        );
    }
}
