/*!
ogi — Open Government Information.

Turns China's government information disclosure annual reports (政府信息公开工作年度报告) into
normalized, validated records keyed by one stable vocabulary.
*/

pub mod decode;
pub mod layout;
pub mod model;
pub mod template;
