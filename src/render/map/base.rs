//! The map's base layer: the country outlines of `boundaries.json` (Natural Earth, see
//! `BOUNDARIES.md` beside it), projected once per process into SVG path data. The data are part
//! of the binary, so a build reads no file and reaches no service for them.

use std::fmt::Write;
use std::sync::OnceLock;

use serde::Deserialize;

use super::projection::{Frame, outline};

/// The shipped outlines.
const DATA: &str = include_str!("boundaries.json");

#[derive(Deserialize)]
struct Data {
    #[serde(rename = "box")]
    bbox: [f64; 4],
    countries: Vec<Outline>,
}

#[derive(Deserialize)]
struct Outline {
    /// ISO 3166-1 alpha-2, or empty (a territory without one).
    iso: String,
    /// Rings, each as longitude, latitude, longitude, latitude …
    rings: Vec<Vec<f64>>,
}

/// The projected base layer.
pub(crate) struct Base {
    /// The projection.
    pub(crate) frame: Frame,
    /// Path data of the sea (the box's outline).
    pub(crate) sea: String,
    /// Path data per country: ISO code (may be empty) and its rings.
    pub(crate) countries: Vec<(String, String)>,
}

/// The base layer, made on first use.
pub(crate) fn base() -> &'static Base {
    static BASE: OnceLock<Base> = OnceLock::new();
    BASE.get_or_init(|| {
        let data: Data = serde_json::from_str(DATA)
            .expect("boundaries.json is part of the binary and checked by a unit test");
        let frame = Frame::fit(data.bbox);
        let sea = path(&frame, &outline(data.bbox));
        let countries = data
            .countries
            .iter()
            .map(|c| {
                let mut d = String::new();
                for ring in &c.rings {
                    let pts: Vec<(f64, f64)> = ring.chunks_exact(2).map(|p| (p[0], p[1])).collect();
                    d.push_str(&path(&frame, &pts));
                }
                (c.iso.clone(), d)
            })
            .collect();
        Base { frame, sea, countries }
    })
}

/// The base layer as a standalone SVG file (`assets/map.svg`), which every map's `<use>`
/// elements point into: `#sea`, `#land` (every country) and `#c-KZ` (one country by ISO code).
/// Pages then carry only their shading and points, and a browser fetches the outlines once.
/// Colours sit on wrapper groups, so the file shows a map when opened on its own, while a
/// `<use>`d element takes its colours from the page's stylesheet.
pub(crate) fn asset() -> String {
    let b = base();
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {:.0}\">\n<!-- Natural Earth 1:50m (public domain), see src/render/map/BOUNDARIES.md -->\n<g fill=\"#e6eef5\"><path id=\"sea\" d=\"{}\"/></g>\n<g fill=\"#efeae0\" stroke=\"#a9a290\" stroke-width=\"0.8\" stroke-linejoin=\"round\"><g id=\"land\">\n",
        super::projection::WIDTH,
        b.frame.height,
        b.sea
    );
    for (iso, d) in &b.countries {
        if iso.is_empty() {
            let _ = writeln!(s, "<path d=\"{d}\"/>");
        } else {
            let _ = writeln!(s, "<path id=\"c-{iso}\" d=\"{d}\"/>");
        }
    }
    s.push_str("</g></g>\n</svg>\n");
    s
}

/// Closed path data of one ring in whole SVG units: an absolute move, then relative lines
/// (shorter), points that round onto the previous one dropped.
pub(crate) fn path(frame: &Frame, ring: &[(f64, f64)]) -> String {
    let mut d = String::new();
    let mut last: Option<(i64, i64)> = None;
    for &(lon, lat) in ring {
        let (x, y) = frame.project(lon, lat);
        let p = (x.round() as i64, y.round() as i64);
        match last {
            None => {
                let _ = write!(d, "M{} {}", p.0, p.1);
            }
            Some(q) if q == p => continue,
            Some(q) => {
                let (dx, dy) = (p.0 - q.0, p.1 - q.1);
                // A negative number needs no separator before it.
                let sep = if dy < 0 { "" } else { " " };
                let _ = write!(d, "l{dx}{sep}{dy}");
            }
        }
        last = Some(p);
    }
    if !d.is_empty() {
        d.push('z');
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_outlines_load_and_hold_the_archive_region() {
        let b = base();
        for iso in ["KZ", "UZ", "KG", "TJ", "TM", "CN", "RU", "IN", "PK", "IR", "BY", "MN", "BH"] {
            let d =
                &b.countries.iter().find(|(i, _)| i == iso).unwrap_or_else(|| panic!("{iso}")).1;
            assert!(d.starts_with('M') && d.ends_with('z'), "{iso}: {d}");
        }
        let bytes = asset().len();
        assert!(bytes < 40_000, "base layer too heavy: {bytes} bytes");
    }

    #[test]
    fn the_asset_is_well_formed_and_names_each_country_once() {
        let svg = asset();
        let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
        let ids: Vec<&str> = doc.descendants().filter_map(|n| n.attribute("id")).collect();
        assert!(ids.contains(&"sea") && ids.contains(&"land") && ids.contains(&"c-KZ"));
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "duplicate ids");
        // The referenced elements carry no colour of their own: a page's `<use>` gives it.
        for n in doc.descendants().filter(|n| n.attribute("id").is_some()) {
            assert!(n.attribute("fill").is_none() && n.attribute("stroke").is_none());
        }
    }

    #[test]
    fn paths_are_relative_whole_units() {
        let f = Frame::fit([60.0, 30.0, 90.0, 50.0]);
        let d = path(&f, &[(60.0, 30.0), (60.0, 30.0001), (70.0, 40.0), (60.0, 50.0)]);
        assert!(d.starts_with('M') && d.ends_with('z'));
        assert_eq!(d.matches('l').count(), 2, "the repeated point is dropped: {d}");
        assert!(!d.contains('.'), "{d}");
    }
}
