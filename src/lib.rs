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

pub mod check;
pub mod cite;
pub mod config;
pub mod content;
pub mod error;
pub mod export;
pub mod feeds;
pub mod graph;
pub mod i18n;
pub mod import;
mod lock;
pub mod output;
pub mod packed;
pub mod render;
pub mod routes;
pub mod search;
pub mod serve;
pub mod site;
pub mod sitemap;
pub mod text;
pub mod theme;

pub use site::{BuildOptions, BuildReport, build};
