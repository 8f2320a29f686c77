/*!
`datapackage.json`: a Frictionless Data descriptor (Tabular Data Package) written beside the
outputs, naming each file with its format and its columns' types, so that tools read `year` as an
integer and `report_id` as text without being told (`frictionless`, R `frictionless`, or pandas
with the types it lists). It depends only on the output style, so it is the same for every run.
*/

use crate::run::output::{write_atomically, Style, Table};
use crate::run::RunError;
use serde::Serialize;
use std::path::Path;

/// Its file name in an output folder.
pub const FILE: &str = "datapackage.json";

#[derive(Serialize)]
struct Package {
    profile: &'static str,
    name: &'static str,
    title: &'static str,
    resources: Vec<Resource>,
}

#[derive(Serialize)]
struct Resource {
    name: &'static str,
    path: String,
    profile: &'static str,
    format: &'static str,
    mediatype: &'static str,
    encoding: &'static str,
    schema: Schema,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Schema {
    fields: Vec<Field>,
    missing_values: [&'static str; 1],
}

#[derive(Serialize)]
struct Field {
    name: String,
    #[serde(rename = "type")]
    kind: &'static str,
    description: String,
}

/// The descriptor of a folder written in `style`.
pub fn descriptor(style: Style) -> String {
    let resources = Table::ALL
        .into_iter()
        .map(|t| {
            let path = t.file_name(style);
            let jsonl = path.ends_with(".jsonl");
            Resource {
                name: t.name(),
                path,
                profile: "tabular-data-resource",
                format: if jsonl { "jsonl" } else { "csv" },
                mediatype: if jsonl {
                    "application/x-ndjson"
                } else {
                    "text/csv"
                },
                // A byte-order mark (`--excel`) is read past by UTF-8 readers.
                encoding: "utf-8",
                schema: Schema {
                    fields: t
                        .columns()
                        .iter()
                        .map(|c| Field {
                            name: c.name.clone(),
                            kind: c.kind.as_str(),
                            description: c.description.clone(),
                        })
                        .collect(),
                    // An empty field is a missing value: a blank cell is not 0.
                    missing_values: [""],
                },
            }
        })
        .collect();
    let package = Package {
        profile: "tabular-data-package",
        name: "ogi-output",
        title: "Government information disclosure annual reports: cells, checks and warnings",
        resources,
    };
    let mut text = serde_json::to_string_pretty(&package).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes the descriptor into `dir` (atomically).
pub fn write(dir: &Path, style: Style) -> Result<(), RunError> {
    write_atomically(dir, FILE, descriptor(style).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_every_file_with_its_types() {
        let v: serde_json::Value =
            serde_json::from_str(&descriptor(Style::default())).expect("json");
        let resources = v["resources"].as_array().expect("resources");
        assert_eq!(resources.len(), Table::ALL.len());
        let reports = &resources[0];
        assert_eq!(reports["path"], "reports.csv");
        let year = reports["schema"]["fields"]
            .as_array()
            .expect("fields")
            .iter()
            .find(|f| f["name"] == "year")
            .expect("year");
        assert_eq!(year["type"], "integer");
        let jsonl: serde_json::Value = serde_json::from_str(&descriptor(Style {
            jsonl: true,
            excel: false,
        }))
        .expect("json");
        assert_eq!(jsonl["resources"][1]["path"], "cells.jsonl");
        assert_eq!(jsonl["resources"][1]["format"], "jsonl");
        assert_eq!(jsonl["resources"][4]["path"], "wide.csv");
    }
}
