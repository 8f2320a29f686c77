/*!
Indicators researchers compute from the panel, declared as data (`INDICATORS`: each a sum of
keys over a sum of keys) so that `indicators.csv`, `ogi schema` and the README say the same
formula. A blank term leaves the indicator empty, and a zero denominator too; `notes` says which
— a blank is never counted as 0.
*/

use super::input::ReportInfo;

/// One indicator: `Σ numerator / Σ denominator`, or `Σ numerator` when there is no denominator.
#[derive(Debug, Clone, Copy)]
pub struct Indicator {
    pub name: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    pub unit: &'static str,
    pub numerator: &'static [&'static str],
    pub denominator: &'static [&'static str],
}

pub const INDICATORS: &[Indicator] = &[
    Indicator {
        name: "requests",
        label_zh: "本年新收政府信息公开申请数量",
        label_en: "requests received in the year",
        unit: "count",
        numerator: &["s3.new_received.total"],
        denominator: &[],
    },
    Indicator {
        name: "disclosure_rate",
        label_zh: "公开率（予以公开+部分公开）/办理结果总计",
        label_en: "disclosure rate: granted and partly granted over all answers",
        unit: "ratio",
        numerator: &["s3.result.granted.total", "s3.result.partial.total"],
        denominator: &["s3.result.total.total"],
    },
    Indicator {
        name: "review_correction_rate",
        label_zh: "行政复议纠错率",
        label_en: "administrative review: share of decisions corrected",
        unit: "ratio",
        numerator: &["s4.review.corrected"],
        denominator: &["s4.review.total"],
    },
    Indicator {
        name: "litigation_correction_rate",
        label_zh: "行政诉讼纠错率",
        label_en: "litigation (direct and after review): share of judgments corrected",
        unit: "ratio",
        numerator: &[
            "s4.litigation_direct.corrected",
            "s4.litigation_after_review.corrected",
        ],
        denominator: &[
            "s4.litigation_direct.total",
            "s4.litigation_after_review.total",
        ],
    },
    Indicator {
        name: "carried_over_share",
        label_zh: "上年结转申请占比",
        label_en: "share of the year's requests carried over from the year before",
        unit: "ratio",
        numerator: &["s3.carried_over.total"],
        denominator: &["s3.new_received.total", "s3.carried_over.total"],
    },
];

impl Indicator {
    /// `(a + b) / (c)` as printed in the dictionary.
    pub fn formula(&self) -> String {
        let sum = |keys: &[&str]| {
            if keys.len() == 1 {
                keys[0].to_string()
            } else {
                format!("({})", keys.join(" + "))
            }
        };
        if self.denominator.is_empty() {
            sum(self.numerator)
        } else {
            format!("{} / {}", sum(self.numerator), sum(self.denominator))
        }
    }

    /// The value for a report, or why there is none.
    pub fn compute(&self, r: &ReportInfo) -> Result<String, String> {
        let total = |keys: &[&str]| -> Result<i64, String> {
            let mut sum = 0i64;
            let blank: Vec<&str> = keys
                .iter()
                .copied()
                .filter(|k| r.value(k).is_none())
                .collect();
            if !blank.is_empty() {
                return Err(format!("{}: {} blank", self.name, blank.join(", ")));
            }
            for k in keys {
                sum += r.value(k).unwrap_or(0);
            }
            Ok(sum)
        };
        let num = total(self.numerator)?;
        if self.denominator.is_empty() {
            return Ok(num.to_string());
        }
        let den = total(self.denominator)?;
        if den == 0 {
            return Err(format!("{}: denominator 0", self.name));
        }
        Ok(format!("{:.4}", num as f64 / den as f64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::panel::input::NEEDED;

    fn report(values: &[(&str, i64)]) -> ReportInfo {
        let mut r = ReportInfo {
            values: vec![None; NEEDED.len()],
            ..ReportInfo::default()
        };
        for (k, v) in values {
            let i = NEEDED.iter().position(|n| n == k).expect("a needed key");
            r.values[i] = Some(*v);
        }
        r
    }

    fn named(name: &str) -> &'static Indicator {
        INDICATORS
            .iter()
            .find(|i| i.name == name)
            .expect("indicator")
    }

    #[test]
    fn blanks_and_zero_denominators_are_said_not_counted() {
        let rate = named("disclosure_rate");
        let r = report(&[
            ("s3.result.granted.total", 3),
            ("s3.result.partial.total", 1),
            ("s3.result.total.total", 8),
        ]);
        assert_eq!(rate.compute(&r), Ok("0.5000".to_string()));
        let blank = report(&[("s3.result.granted.total", 3), ("s3.result.total.total", 8)]);
        assert_eq!(
            rate.compute(&blank),
            Err("disclosure_rate: s3.result.partial.total blank".to_string())
        );
        let none = report(&[("s4.review.corrected", 0), ("s4.review.total", 0)]);
        assert_eq!(
            named("review_correction_rate").compute(&none),
            Err("review_correction_rate: denominator 0".to_string())
        );
        assert_eq!(
            named("requests").compute(&report(&[("s3.new_received.total", 7)])),
            Ok("7".to_string())
        );
        assert_eq!(
            named("carried_over_share").formula(),
            "s3.carried_over.total / (s3.new_received.total + s3.carried_over.total)"
        );
    }
}
