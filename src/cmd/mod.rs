/*!
One module per subcommand; `main.rs` only dispatches.
*/

pub mod synth;
