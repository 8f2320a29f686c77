/*!
The batch side: everything that touches the file system. Sources are discovered (`source`,
`archive`), extracted in parallel (`batch`), cached for reruns (`cache`), written atomically
(`output`), and shard folders combined (`merge`). The pipeline itself stays pure.
*/

pub mod archive;
pub mod batch;
pub mod cache;
pub mod merge;
pub mod output;
pub mod source;
