/*!
Reports as portals publish them after pasting from Word: every cell a `<td>` with its width,
alignment and a long inline style, a `<p class=MsoNormal>` per line and `<span>`s with fonts
around the text (a label sometimes cut into two runs), Word's `<o:p>`, blank cells of `&nbsp;`
runs, the MSO conditional comments and style sheet Word writes, the prose in styled paragraphs.
Such markup, not the text, is most of a real page's weight (100–350 KB); the `word` profile of
the throughput benchmark is made of these pages.
*/

use super::grid::{GCell, Table};
use super::render::{html_escape, prose, Doc};
use crate::rng::Rng;

/// The document settings block Word writes at the top of an export, in MSO comments.
const MSO_HEAD: &str = "<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View><w:Zoom>0</w:Zoom><w:TrackMoves/><w:TrackFormatting/><w:PunctuationKerning/><w:DrawingGridVerticalSpacing>7.8 磅</w:DrawingGridVerticalSpacing><w:DisplayHorizontalDrawingGridEvery>0</w:DisplayHorizontalDrawingGridEvery><w:DisplayVerticalDrawingGridEvery>2</w:DisplayVerticalDrawingGridEvery><w:ValidateAgainstSchemas/><w:SaveIfXMLInvalid>false</w:SaveIfXMLInvalid><w:IgnoreMixedContent>false</w:IgnoreMixedContent><w:AlwaysShowPlaceholderText>false</w:AlwaysShowPlaceholderText><w:Compatibility><w:SpaceForUL/><w:BalanceSingleByteDoubleByteWidth/><w:DoNotLeaveBackslashAlone/><w:ULTrailSpace/><w:DoNotExpandShiftReturn/><w:AdjustLineHeightInTable/><w:UseFELayout/></w:Compatibility><w:BrowserLevel>MicrosoftInternetExplorer4</w:BrowserLevel></w:WordDocument></xml><![endif]--><!--[if gte mso 9]><xml><w:LatentStyles DefLockedState=\"false\" DefUnhideWhenUsed=\"true\" DefSemiHidden=\"true\" DefQFormat=\"false\" DefPriority=\"99\" LatentStyleCount=\"267\"><w:LsdException Locked=\"false\" Priority=\"0\" SemiHidden=\"false\" UnhideWhenUsed=\"false\" QFormat=\"true\" Name=\"Normal\"/><w:LsdException Locked=\"false\" Priority=\"9\" SemiHidden=\"false\" UnhideWhenUsed=\"false\" QFormat=\"true\" Name=\"heading 1\"/><w:LsdException Locked=\"false\" Priority=\"39\" Name=\"toc 1\"/><w:LsdException Locked=\"false\" Priority=\"59\" SemiHidden=\"false\" UnhideWhenUsed=\"false\" Name=\"Table Grid\"/></w:LatentStyles></xml><![endif]-->\n";

/// The style sheet Word writes (inside an HTML comment, as it does).
const MSO_STYLE: &str = "<style><!--\n /* Font Definitions */\n @font-face {font-family:宋体; panose-1:2 1 6 0 3 1 1 1 1 1; mso-font-alt:SimSun; mso-font-charset:134; mso-generic-font-family:auto; mso-font-pitch:variable; mso-font-signature:3 680460288 22 0 262145 0;}\n@font-face {font-family:仿宋_GB2312; mso-font-alt:仿宋; mso-font-charset:134; mso-generic-font-family:modern; mso-font-pitch:fixed;}\n /* Style Definitions */\n p.MsoNormal, li.MsoNormal, div.MsoNormal {mso-style-unhide:no; mso-style-qformat:yes; mso-style-parent:\"\"; margin:0cm; margin-bottom:.0001pt; text-align:justify; text-justify:inter-ideograph; mso-pagination:none; font-size:10.5pt; mso-bidi-font-size:12.0pt; font-family:\"Times New Roman\",\"serif\"; mso-fareast-font-family:宋体; mso-font-kerning:1.0pt;}\n@page WordSection1 {size:595.3pt 841.9pt; margin:72.0pt 90.0pt 72.0pt 90.0pt; mso-header-margin:42.55pt; mso-footer-margin:49.6pt; mso-paper-source:0; layout-grid:15.6pt;}\ndiv.WordSection1 {page:WordSection1;}\n--></style>\n";

/// Fonts of the runs of text, as Word names them.
const FONTS: &[&str] = &[
    "font-size:10.5pt;font-family:仿宋_GB2312;mso-hansi-font-family:\"Times New Roman\";mso-bidi-font-family:\"Times New Roman\"",
    "font-size:12.0pt;font-family:宋体;mso-ascii-font-family:\"Times New Roman\";mso-hansi-font-family:\"Times New Roman\";color:black;mso-font-kerning:0pt",
    "font-size:9.0pt;font-family:\"Times New Roman\",\"serif\";mso-fareast-font-family:仿宋_GB2312;mso-bidi-font-family:宋体;mso-font-kerning:0pt",
];

/// One run of text in a span, as Word writes it.
fn run(text: &str, font: &str, out: &mut String) {
    out.push_str("<span lang=EN-US style='");
    out.push_str(font);
    out.push_str("'>");
    out.push_str(&html_escape(text));
    out.push_str("</span>");
}

/// One paragraph of a cell: its text in one run, or cut into two (Word splits runs wherever the
/// formatting history changed).
fn cell_paragraph(text: &str, align: &str, font: &str, rng: &mut Rng, out: &mut String) {
    out.push_str("<p class=MsoNormal align=");
    out.push_str(align);
    out.push_str(" style='text-align:");
    out.push_str(align);
    if font.len() > 90 {
        out.push_str(
            ";line-height:15.0pt;mso-line-height-rule:exactly;mso-pagination:widow-orphan",
        );
    }
    out.push_str("'>");
    let cut = text.char_indices().nth(2).map(|(i, _)| i);
    match cut {
        Some(i) if text.chars().count() >= 5 && rng.chance(1, 3) => {
            run(&text[..i], font, out);
            run(&text[i..], font, out);
        }
        _ => run(text, font, out),
    }
    out.push_str("<span lang=EN-US style='");
    out.push_str(font);
    out.push_str("'><o:p></o:p></span></p>");
}

/// One cell; `heavy` cells carry Word's border and padding properties besides their width.
fn word_cell(c: &GCell, font: &str, heavy: bool, rng: &mut Rng, out: &mut String) {
    let width = 40 + 8 * rng.below(12);
    out.push_str(&format!("<td width={width}"));
    if c.colspan > 1 {
        out.push_str(&format!(" colspan={}", c.colspan));
    }
    if c.rowspan > 1 {
        out.push_str(&format!(" rowspan={}", c.rowspan));
    }
    let (w, h) = (width * 3 / 4, 14 + rng.below(8));
    if heavy {
        out.push_str(&format!(
            " valign=center style='width:{w}.{}pt;border:solid windowtext 1.0pt;border-top:none;mso-border-top-alt:solid windowtext .5pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt;height:{h}.0pt'>",
            width % 4 * 25
        ));
    } else {
        out.push_str(&format!(
            " style='width:{w}pt;border:solid windowtext 1.0pt'>"
        ));
    }
    let align = if c.label && rng.chance(1, 2) {
        "left"
    } else {
        "center"
    };
    if c.text.is_empty() {
        // A blank cell: a run of non-breaking spaces.
        out.push_str(
            "<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US style='",
        );
        out.push_str(font);
        out.push_str("'>");
        for _ in 0..=rng.below(3) {
            out.push_str("&nbsp;");
        }
        out.push_str("<o:p></o:p></span></p>");
    } else if c.label && c.text.chars().count() >= 6 && rng.chance(1, 4) {
        // A header on two lines, a paragraph each.
        let mid = c.text.char_indices().nth(3).map_or(0, |(i, _)| i);
        cell_paragraph(&c.text[..mid], align, font, rng, out);
        cell_paragraph(&c.text[mid..], align, font, rng, out);
    } else {
        cell_paragraph(&c.text, align, font, rng, out);
    }
    if rng.chance(1, 40) {
        // Word's list and field markers, in conditional comments, now and then inside a cell.
        out.push_str(
            "<!--[if supportFields]><span style='mso-element:field-end'></span><![endif]-->",
        );
    }
    out.push_str("</td>\n");
}

fn word_table(t: &Table, heavy: bool, rng: &mut Rng, out: &mut String) {
    let font = if heavy {
        *rng.pick(FONTS)
    } else {
        "font-family:仿宋_GB2312"
    };
    out.push_str("<div align=center><table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0 width=568 style='width:426.1pt;border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt;mso-border-insideh:.5pt solid windowtext;mso-border-insidev:.5pt solid windowtext'>\n");
    for (i, row) in t.rows.iter().enumerate() {
        out.push_str(&format!(
            "<tr style='mso-yfti-irow:{i};page-break-inside:avoid;height:{}.0pt'>\n",
            15 + rng.below(10)
        ));
        for c in row {
            word_cell(c, font, heavy, rng, out);
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table></div>\n");
}

/// A paragraph of prose, or a bold heading, in Word's markup.
fn word_paragraph(text: &str, heading: bool, out: &mut String) {
    out.push_str("<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt;mso-line-height-rule:exactly'>");
    if heading {
        out.push_str("<b style='mso-bidi-font-weight:normal'>");
    }
    out.push_str("<span style='font-size:16.0pt;font-family:仿宋_GB2312;mso-hansi-font-family:\"Times New Roman\"'>");
    out.push_str(&html_escape(text));
    out.push_str("</span>");
    if heading {
        out.push_str("</b>");
    }
    out.push_str("<span lang=EN-US style='font-size:16.0pt'><o:p></o:p></span></p>\n");
}

/// The report body as a Word export pasted into a portal's article (title, MSO blocks, prose,
/// the three tables).
pub fn word_body(doc: &Doc, rng: &mut Rng) -> String {
    let (before, after) = prose(rng, doc);
    let mut s = format!("<h1 class=\"title\">{}</h1>\n", html_escape(&doc.title));
    s.push_str(MSO_HEAD);
    s.push_str(MSO_STYLE);
    s.push_str("<div class=WordSection1 style='layout-grid:15.6pt'>\n");
    for p in &before {
        let heading = p.starts_with("一、");
        word_paragraph(p, heading, &mut s);
    }
    // Light exports (a width and a border per cell) weigh about half of heavy ones.
    let heavy = rng.chance(2, 3);
    for t in &doc.tables {
        word_paragraph(t.heading, true, &mut s);
        word_table(t, heavy, rng, &mut s);
        s.push_str("<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>\n");
    }
    for p in &after {
        let heading = p.starts_with("五、") || p.starts_with("六、");
        word_paragraph(p, heading, &mut s);
    }
    s.push_str("</div>\n");
    s
}
