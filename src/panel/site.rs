/*!
The `SiteIDCode` of a government web page: `<meta name="SiteIDCode" content="3590000001">`, the
identification code every government site carries (ten digits whose first six are the region code
of the site, or `bm` and eight digits for a State Council department). Read from the page's
markup before layout, since the layout keeps only text.
*/

use memchr::memmem;

/// The `content` of the page's `SiteIDCode` meta tag, trimmed; empty when the page has none.
pub fn site_code(html: &str) -> String {
    for needle in ["SiteIDCode", "siteidcode", "SiteIdCode", "SITEIDCODE"] {
        for at in memmem::find_iter(html.as_bytes(), needle.as_bytes()) {
            if let Some(value) = content_of_tag(html, at) {
                return value;
            }
        }
    }
    String::new()
}

/// The `content` attribute of the tag around byte `at`, when that tag is a `<meta>`.
fn content_of_tag(html: &str, at: usize) -> Option<String> {
    let start = html[..at].rfind('<')?;
    let end = at + html[at..].find('>')?;
    let tag = &html[start..end];
    if !tag.get(..5)?.eq_ignore_ascii_case("<meta") || tag[1..].contains('<') {
        return None;
    }
    let lower = tag.to_ascii_lowercase();
    let attr = lower.find("content")?;
    let rest = tag[attr + "content".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let value = match rest.chars().next()? {
        q @ ('"' | '\'') => rest[1..].split(q).next()?,
        _ => rest.split(|c: char| c.is_whitespace() || c == '/').next()?,
    };
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_meta_tag_in_any_attribute_order() {
        assert_eq!(
            site_code(r#"<head><meta name="SiteIDCode" content="3590000001"/></head>"#),
            "3590000001"
        );
        assert_eq!(
            site_code("<META CONTENT='bm05000001' NAME=siteidcode>"),
            "bm05000001"
        );
        assert_eq!(
            site_code("<meta name=SiteIDCode content=5001540001>"),
            "5001540001"
        );
        assert_eq!(site_code("<p>SiteIDCode: 123</p>"), "");
        assert_eq!(site_code("<meta name=\"SiteIDCode\" content=\"\">"), "");
        assert_eq!(site_code("SiteIDCode"), "");
    }
}
