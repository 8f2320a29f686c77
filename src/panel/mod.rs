/*!
The research panel, built over a run's outputs: agency identity (`agency`, over the region table
`regions`), one row per agency and year.
*/

pub mod agency;
pub mod regions;
pub mod site;
