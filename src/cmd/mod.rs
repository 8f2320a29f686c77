/*!
One module per subcommand; `main.rs` only dispatches.
*/

pub mod extract;
pub mod schema;
pub mod synth;
