/*!
ogi — Open Government Information.

Turns China's government information disclosure annual reports (政府信息公开工作年度报告) into
normalized, validated records keyed by one stable vocabulary.
*/

pub mod assemble;
pub mod decode;
pub mod layout;
pub mod model;
pub mod normalize;
pub mod panel;
pub mod pipeline;
pub mod recognize;
pub mod report;
pub mod rng;
pub mod sniff;
pub mod solve;
pub mod template;
pub mod validate;

pub use pipeline::{extract, extract_with, Limits};
pub mod run;
pub mod synth;
