//! `archive`: a static site generator for a bilingual (Russian / Kazakh) archive of SCO and CIS
//! cooperation documents.
//!
//! The pipeline, one way, each arrow a new type:
//!
//! ```text
//! site.toml ──────────── config::Config
//! content/ ── content::load ──→ Corpus ── graph::resolve ──→ Graph (read-only)
//!                                                             │
//!        site::plan ──→ pages ── render::Renderer (rayon) ──→ Output, one file at a time
//!        each document's text, rendered once ──→ search::collect ──→ search index, feeds
//!                                                             │
//!                   site::output::Staging (hidden folder, swapped in) ──→ public/
//! ```
//!
//! `archive serve` keeps the same stages in memory ([`site::live::Live`]), rendering pages on
//! request and applying a saved content file on its own.
//!
//! Problems in user data are collected as [`error::Diagnostic`]s, each naming the file, line and
//! field, and reported all together before anything is rendered.

#![warn(missing_docs)]
#![forbid(unsafe_code)]
// The documentation is written for contributors as much as for users of the small API: the test
// script builds it with `--document-private-items`, where links to crate-internal items resolve.
#![allow(rustdoc::private_intra_doc_links)]

pub mod check;
mod cite;
pub mod config;
pub mod content;
pub mod error;
mod export;
mod feeds;
mod graph;
mod i18n;
pub mod import;
mod lists;
mod lock;
pub mod output;
mod packed;
#[doc(hidden)]
pub mod render;
mod routes;
mod search;
pub mod serve;
#[doc(hidden)]
pub mod site;
mod sitemap;
#[doc(hidden)]
pub mod text;
mod theme;

pub use site::{BuildOptions, BuildReport, build};
