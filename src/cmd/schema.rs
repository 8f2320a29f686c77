/*!
`ogi schema`: the data dictionary as CSV — every key with the templates that print it
(`printed_in`), those where ogi derives it from printed rows (`derived_in`), Chinese and English
labels, and unit — so that researchers can join years across templates — then the indicators of
`indicators.csv` (table `indicators`) with their `formula`.
*/

use ogi::panel::indicators::INDICATORS;
use ogi::run::output::CsvWriter;
use ogi::template::dictionary::{dictionary, template_list};

pub fn run() -> Result<(), String> {
    let mut w = CsvWriter::new(std::io::BufWriter::new(std::io::stdout().lock()));
    let io = |e: std::io::Error| format!("cannot write: {e}");
    w.write_record([
        "key",
        "table",
        "row",
        "col",
        "printed_in",
        "derived_in",
        "label_zh",
        "label_en",
        "unit",
        "formula",
    ])
    .map_err(io)?;
    for k in dictionary() {
        w.write_record([
            k.key.flat().as_str(),
            k.key.table.as_str(),
            k.key.row,
            k.key.col,
            &template_list(&k.printed_in),
            &template_list(&k.derived_in),
            &k.label_zh,
            &k.label_en,
            k.unit,
            "",
        ])
        .map_err(io)?;
    }
    for i in INDICATORS {
        w.write_record([
            i.name,
            "indicators",
            "",
            "",
            "",
            "",
            i.label_zh,
            i.label_en,
            i.unit,
            &i.formula(),
        ])
        .map_err(io)?;
    }
    w.flush().map_err(|e| format!("cannot write: {e}"))
}
