//! `Output`: one file of the built site, its path and its bytes.
//!
//! A leaf type with no imports of its own: the stages that make files (render, search, feeds,
//! export, sitemap, assets) and the one that writes them (`site::output`) all meet here, so none
//! of them has to reach up into another.

/// One file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Path relative to the output folder, with `/` separators.
    pub path: String,
    /// Content.
    pub bytes: Vec<u8>,
}
