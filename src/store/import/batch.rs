//! A whole afterglow export becomes a batch to bring it back as it was.

use crate::domain::Batch;
use crate::store::Export;

impl From<Export> for Batch {
    /// A whole afterglow export, to be brought back as it was.
    fn from(e: Export) -> Batch {
        Batch::whole(e.history)
    }
}
