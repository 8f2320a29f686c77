/*!
`report.html`: one self-contained page summarizing an output folder — coverage by year and region
level, how agencies were identified, the pass rates of the identities and cross-year checks, the
reports that fail most, and the indicators by year. Plots are inline SVG (`svg`); no file or
network is loaded. A small inline script records, for tests in a headless browser, how many plots
were laid out and whether any script error occurred (`data-plots-shown`, `data-errors` on
`<body>`). The page is byte-identical for the same folder.
*/

pub mod svg;

use crate::panel::{build, indicators::INDICATORS, input, regions::TABLE_VERSION};
use crate::run::RunError;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use svg::Series;

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One check row as the page needs it.
pub(crate) struct CheckRow {
    report_id: String,
    /// `I1`, `X2` …: the check's name before its `:`.
    family: String,
    status: String,
}

impl CheckRow {
    pub(crate) fn new(report_id: &str, check: &str, status: &str) -> Self {
        CheckRow {
            report_id: report_id.to_string(),
            family: check.split(':').next().unwrap_or(check).to_string(),
            status: status.to_string(),
        }
    }

    /// A check between consecutive years (`X1`, `X2`), which the panel appends.
    pub(crate) fn is_cross_year(&self) -> bool {
        self.family.starts_with('X')
    }
}

/// The rows of a folder's checks file.
pub(crate) fn read_checks(dir: &Path, jsonl: bool) -> Result<Vec<CheckRow>, RunError> {
    let mut out = Vec::new();
    if jsonl {
        let path = dir.join("checks.jsonl");
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        for line in text.lines().filter(|l| !l.is_empty()) {
            let v: serde_json::Value =
                serde_json::from_str(line).map_err(|e| format!("{}: {e}", path.display()))?;
            let f = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("");
            out.push(CheckRow::new(f("report_id"), f("check"), f("status")));
        }
    } else {
        let path = dir.join("checks.csv");
        let mut rdr = csv::Reader::from_path(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        for rec in rdr.records() {
            let rec = rec.map_err(|e| format!("{}: {e}", path.display()))?;
            let f = |i: usize| rec.get(i).unwrap_or("");
            out.push(CheckRow::new(f(0), f(1), f(2)));
        }
    }
    Ok(out)
}

const LEVELS: &[(&str, &str, &str)] = &[
    ("national", "national", "#6a3d9a"),
    ("province", "province", "#1f78b4"),
    ("prefecture", "prefecture", "#33a02c"),
    ("county", "county", "#ff7f00"),
    ("town", "town", "#e31a1c"),
    ("", "no region", "#999999"),
];

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI','Noto Sans CJK SC','PingFang SC',sans-serif;margin:2em auto;max-width:60em;color:#222;padding:0 1em}h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}table{border-collapse:collapse;margin:.8em 0;font-size:.9em}th,td{border:1px solid #ddd;padding:.25em .6em;text-align:right}th{text-align:left}td:first-child{text-align:left}td.l{text-align:left}svg.plot{display:block;margin:.8em 0;font-family:inherit}p.note{color:#555;font-size:.9em}";

const SCRIPT: &str = "window.ogiErrors=[];window.addEventListener('error',function(e){window.ogiErrors.push(String(e.message));});window.addEventListener('load',function(){var n=0;document.querySelectorAll('svg.plot').forEach(function(s){var b=s.getBoundingClientRect();if(b.width>0&&b.height>0&&s.querySelector('rect'))n++;});document.body.setAttribute('data-plots-shown',String(n));document.body.setAttribute('data-errors',String(window.ogiErrors.length));});";

fn table(out: &mut String, head: &[&str], rows: &[Vec<String>]) {
    out.push_str("<table><tr>");
    for h in head {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr>\n");
    for r in rows {
        out.push_str("<tr>");
        for (i, c) in r.iter().enumerate() {
            let class = if i > 0 && c.parse::<f64>().is_err() && !c.is_empty() {
                " class=\"l\""
            } else {
                ""
            };
            let _ = write!(out, "<td{class}>{}</td>", escape(c));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
}

fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    })
}

/// The page for an output folder; `jsonl` says whether its checks are `checks.jsonl`.
pub fn render(dir: &Path, jsonl: bool) -> Result<String, RunError> {
    let reports = input::read_reports(dir)?;
    let rows = build::rows(&reports);
    let checks = read_checks(dir, jsonl)?;
    Ok(page(&reports, &rows, &checks))
}

/// The page from a folder's reports, panel rows and checks, already read.
fn page(reports: &[input::ReportInfo], rows: &[build::PanelRow], checks: &[CheckRow]) -> String {
    let mut page = String::new();
    let mut plots = 0usize;

    let mut by_status: BTreeMap<&str, usize> = BTreeMap::new();
    for r in reports {
        *by_status.entry(r.status.as_str()).or_default() += 1;
    }
    let mut agencies: Vec<&str> = rows.iter().map(|r| r.agency_key.as_str()).collect();
    agencies.dedup();
    let dup_rows = rows.iter().filter(|r| !r.duplicates.is_empty()).count();
    let _ = write!(
        page,
        "<h1>ogi: dataset report</h1>\n<p>{} reports (distinct contents): {}. The panel holds {} agency-years of {} agencies{}.</p>\n",
        reports.len(),
        escape(
            &by_status
                .iter()
                .map(|(s, n)| format!("{n} {s}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        rows.len(),
        agencies.len(),
        if dup_rows > 0 {
            format!("; published more than once: {dup_rows} agency-year(s), flagged in panel.csv")
        } else {
            String::new()
        }
    );

    // Coverage.
    let years: Vec<u16> = {
        let mut y: Vec<u16> = rows.iter().map(|r| r.year).collect();
        y.sort();
        y.dedup();
        y
    };
    let level_of = |r: &build::PanelRow| reports[r.report].region_level.as_str();
    let count = |year: u16, level: &str| {
        rows.iter()
            .filter(|r| r.year == year && level_of(r) == level)
            .count()
    };
    page.push_str("<h2>Coverage by year and region level</h2>\n");
    let series: Vec<Series> = LEVELS
        .iter()
        .filter(|(l, _, _)| rows.iter().any(|r| level_of(r) == *l))
        .map(|(l, name, color)| Series {
            name,
            color,
            values: years.iter().map(|&y| count(y, l) as f64).collect(),
        })
        .collect();
    let cats: Vec<String> = years.iter().map(|y| y.to_string()).collect();
    page.push_str(&svg::stacked_bars(
        "coverage",
        "Agency-years by year and region level",
        &cats,
        &series,
    ));
    plots += 1;
    let mut head: Vec<&str> = vec!["year"];
    head.extend(series.iter().map(|s| s.name));
    head.push("all");
    let body: Vec<Vec<String>> = years
        .iter()
        .enumerate()
        .map(|(i, y)| {
            let mut row = vec![y.to_string()];
            row.extend(series.iter().map(|s| format!("{}", s.values[i])));
            row.push(rows.iter().filter(|r| r.year == *y).count().to_string());
            row
        })
        .collect();
    table(&mut page, &head, &body);

    // Identity.
    page.push_str("<h2>Agency identity</h2>\n");
    let placed: Vec<&input::ReportInfo> = reports
        .iter()
        .filter(|r| !r.agency_key.is_empty())
        .collect();
    let mut items = Vec::new();
    for m in ["site_code", "name_exact", "name_fuzzy", "none"] {
        let n = placed.iter().filter(|r| r.matched == m).count();
        let share = if placed.is_empty() {
            0.0
        } else {
            n as f64 / placed.len() as f64
        };
        items.push((m.to_string(), share, format!("{n} of {}", placed.len())));
    }
    page.push_str(&svg::share_bars(
        "identity",
        "How each report's agency was identified",
        &items,
    ));
    plots += 1;
    let _ = writeln!(
        page,
        "<p class=\"note\">Region codes: {}. <code>none</code>: no region, or several equally good ones (the candidates are in warnings.csv).</p>",
        escape(TABLE_VERSION)
    );

    // Checks.
    page.push_str("<h2>Check pass rates</h2>\n");
    let mut families: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    let mut failed_by_report: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for c in checks {
        let slot = families.entry(c.family.as_str()).or_default();
        let evaluated = failed_by_report.entry(c.report_id.as_str()).or_default();
        match c.status.as_str() {
            "pass" => {
                slot[0] += 1;
                evaluated.1 += 1;
            }
            "fail" => {
                slot[1] += 1;
                evaluated.0 += 1;
                evaluated.1 += 1;
            }
            _ => slot[2] += 1,
        }
    }
    let items: Vec<(String, f64, String)> = families
        .iter()
        .map(|(f, [p, x, s])| {
            let n = p + x;
            let rate = if n == 0 { 0.0 } else { *p as f64 / n as f64 };
            (f.to_string(), rate, format!("{p}/{n} pass, {s} skipped"))
        })
        .collect();
    page.push_str(&svg::share_bars(
        "checks",
        "Share of evaluated checks that pass",
        &items,
    ));
    plots += 1;
    page.push_str("<p class=\"note\">I1–I4: each report's own identities; X1 (carried over = last year's carry forward), X2 (in force = last year's in force + issued − repealed): between consecutive years of one agency. A blank term skips a check.</p>\n");

    page.push_str("<h2>Reports that fail most</h2>\n");
    let by_id: BTreeMap<&str, &input::ReportInfo> =
        reports.iter().map(|r| (r.report_id.as_str(), r)).collect();
    let mut worst: Vec<(&str, (usize, usize))> = failed_by_report
        .iter()
        .filter(|(_, (f, _))| *f > 0)
        .map(|(id, v)| (*id, *v))
        .collect();
    worst.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    let body: Vec<Vec<String>> = worst
        .iter()
        .take(20)
        .map(|(id, (f, n))| {
            let r = by_id.get(id);
            vec![
                id.to_string(),
                r.map_or(String::new(), |r| r.agency.clone()),
                r.and_then(|r| r.year)
                    .map_or(String::new(), |y| y.to_string()),
                r.map_or(String::new(), |r| r.source.clone()),
                f.to_string(),
                n.to_string(),
            ]
        })
        .collect();
    if body.is_empty() {
        page.push_str("<p>No check fails.</p>\n");
    } else {
        table(
            &mut page,
            &["report", "agency", "year", "source", "failed", "evaluated"],
            &body,
        );
    }

    // Indicators.
    page.push_str("<h2>Indicators by year</h2>\n");
    let mut head: Vec<&str> = vec!["year"];
    head.extend(INDICATORS.iter().map(|i| i.name));
    let mut rate_medians = Vec::new();
    let body: Vec<Vec<String>> = years
        .iter()
        .map(|&y| {
            let mut row = vec![y.to_string()];
            for ind in INDICATORS {
                let mut vals: Vec<f64> = rows
                    .iter()
                    .filter(|r| r.year == y)
                    .filter_map(|r| ind.compute(&reports[r.report]).ok())
                    .filter_map(|v| v.parse::<f64>().ok())
                    .collect();
                let n = vals.len();
                let m = median(&mut vals);
                if ind.name == "disclosure_rate" {
                    rate_medians.push(m.unwrap_or(0.0));
                }
                row.push(m.map_or("–".to_string(), |m| {
                    if ind.unit == "ratio" {
                        format!("{m:.3} (n={n})")
                    } else {
                        format!("{m} (n={n})")
                    }
                }));
            }
            row
        })
        .collect();
    page.push_str(&svg::stacked_bars(
        "disclosure",
        "Median disclosure rate by year",
        &cats,
        &[Series {
            name: "median disclosure rate",
            color: "#3a7bd5",
            values: rate_medians,
        }],
    ));
    plots += 1;
    table(&mut page, &head, &body);
    page.push_str("<p class=\"note\">Medians over the agency-years whose indicator has a value (n). Formulas: <code>ogi schema</code>; blanks and zero denominators leave an indicator empty (indicators.csv says why).</p>\n");

    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>ogi dataset report</title>\n<style>{STYLE}</style>\n<script>{SCRIPT}</script>\n</head>\n<body data-plots=\"{plots}\">\n{page}<footer><p class=\"note\">Written by ogi {}.</p></footer>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    );
    html
}

/// Its file name in an output folder.
pub const FILE: &str = "report.html";

/// Writes `DIR/report.html` atomically.
pub fn write(dir: &Path, jsonl: bool) -> Result<(), RunError> {
    let html = render(dir, jsonl)?;
    crate::run::output::write_atomically(dir, FILE, html.as_bytes())
}

/// Writes `DIR/report.html` from what the panel has just read and written (`checks`: every row
/// of the folder's checks file), rather than reading the folder again.
pub(crate) fn write_from(
    dir: &Path,
    reports: &[input::ReportInfo],
    rows: &[build::PanelRow],
    checks: &[CheckRow],
) -> Result<(), RunError> {
    let html = page(reports, rows, checks);
    crate::run::output::write_atomically(dir, FILE, html.as_bytes())
}
