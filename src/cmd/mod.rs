/*!
One module per subcommand; `main.rs` only dispatches.
*/

pub mod extract;
pub mod merge;
pub mod report;
pub mod schema;
pub mod synth;
