//! Use cases (see the coordinator's merge: the other use cases live beside
//! this one).

pub mod import;
