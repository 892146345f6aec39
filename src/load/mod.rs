//! Loading: bytes of one file → a [`Node`] tree with spans, or diagnostics.
//!
//! The loader is the only place that knows YAML. It enforces the limits that
//! keep hostile input cheap: a nesting limit, an alias-expansion budget and
//! one document per file. It never recurses on input depth before checking
//! the limit, so no file can overflow the stack.

mod node;
mod yaml;

pub use node::{Entry, Node, NodeKind};
pub use yaml::{Loaded, MAX_ALIAS_NODES, MAX_DEPTH, decode, load_str};
