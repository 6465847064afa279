//! Draws the map: the base layer with some countries shaded, points that link to their pages,
//! a legend, and the same points as a table for screen readers and print. Pure: it knows
//! nothing of the archive, only what [`super`] hands it.

use std::fmt::Write;

use super::base::Base;
use crate::render::highlight::escape;

/// A point to draw.
pub(crate) struct Point {
    /// Longitude, latitude.
    pub(crate) at: Option<(f64, f64)>,
    /// Name shown in the table and read out on the link.
    pub(crate) name: String,
    /// Its page.
    pub(crate) url: String,
    /// Its country's name, for the table.
    pub(crate) country: String,
    /// How many events it stands for.
    pub(crate) events: usize,
    /// The page's own place: drawn larger.
    pub(crate) focus: bool,
}

/// Words of the map in the UI language.
pub(crate) struct Words<'a> {
    /// Accessible title and caption.
    pub(crate) title: &'a str,
    /// Column headers of the table: place, country, events.
    pub(crate) columns: [&'a str; 3],
    /// Marks a table row whose place lies off the map or has no coordinates.
    pub(crate) off_map: &'a str,
    /// Legend: shading class and label.
    pub(crate) legend: Vec<(&'static str, String)>,
}

/// The map's SVG and table; `shade` gives a class (`m`, `o`, `p`, `h`) per ISO code, and
/// `asset` is the URL of the base layer's file (`base::asset`), which `<use>` elements draw.
pub(crate) fn draw(
    base: &Base,
    asset: &str,
    shade: &[(String, &'static str)],
    points: &[Point],
    w: &Words,
    id: &str,
) -> String {
    let f = &base.frame;
    let asset = escape(asset);
    let mut s = String::with_capacity(4096);
    let _ = write!(
        s,
        "<figure class=\"map\"><figcaption id=\"{id}-t\">{}</figcaption><svg class=\"map-svg\" viewBox=\"0 0 {} {:.0}\" role=\"group\" aria-labelledby=\"{id}-t\"><use href=\"{asset}#sea\" class=\"sea\"/><use href=\"{asset}#land\" class=\"land\"/>",
        escape(w.title),
        super::projection::WIDTH,
        f.height,
    );
    for (iso, class) in shade {
        if base.countries.iter().any(|(i, _)| i == iso) {
            let _ = write!(s, "<use href=\"{asset}#c-{}\" class=\"land {class}\"/>", escape(iso));
        }
    }
    // Larger points first, so a small one is never hidden under a large one; the focus on top.
    let mut order: Vec<&Point> = points.iter().collect();
    order.sort_by_key(|p| (p.focus, std::cmp::Reverse(p.events)));
    for p in order {
        let Some((lon, lat)) = p.at.filter(|&(lon, lat)| f.contains(lon, lat)) else { continue };
        let (x, y) = f.project(lon, lat);
        let r = if p.focus { 11.0 } else { (5.0 + 2.0 * (p.events as f64).sqrt()).min(13.0) };
        let _ = write!(
            s,
            "<a href=\"{}\" aria-label=\"{}\"><circle class=\"pt{}\" cx=\"{x:.0}\" cy=\"{y:.0}\" r=\"{r:.0}\"/><title>{}</title></a>",
            escape(&p.url),
            escape(&label(p, w)),
            if p.focus { " focus" } else { "" },
            escape(&label(p, w)),
        );
    }
    s.push_str("</svg>");
    if !w.legend.is_empty() {
        s.push_str("<ul class=\"legend\">");
        for (class, text) in &w.legend {
            let _ = write!(s, "<li><span class=\"swatch {class}\"></span>{}</li>", escape(text));
        }
        s.push_str("</ul>");
    }
    table(&mut s, points, w, f);
    s.push_str("</figure>");
    s
}

fn label(p: &Point, w: &Words) -> String {
    if p.events > 0 {
        format!("{} ({}: {})", p.name, w.columns[2], p.events)
    } else {
        p.name.clone()
    }
}

fn table(s: &mut String, points: &[Point], w: &Words, f: &super::projection::Frame) {
    let [place, country, events] = w.columns.map(escape);
    let _ = write!(
        s,
        "<details class=\"chart-data\"><summary>{}</summary><div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">{place}</th><th scope=\"col\">{country}</th><th scope=\"col\">{events}</th></tr></thead><tbody>",
        escape(w.title)
    );
    for p in points {
        let off = p.at.is_none_or(|(lon, lat)| !f.contains(lon, lat));
        let note =
            if off { format!(" <small>({})</small>", escape(w.off_map)) } else { String::new() };
        let _ = write!(
            s,
            "<tr><th scope=\"row\"><a href=\"{}\">{}</a>{note}</th><td>{}</td><td>{}</td></tr>",
            escape(&p.url),
            escape(&p.name),
            escape(&p.country),
            p.events
        );
    }
    s.push_str("</tbody></table></div></details>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(name: &str, at: Option<(f64, f64)>, events: usize) -> Point {
        Point {
            at,
            name: name.into(),
            url: format!("/ru/places/{}/", name.to_lowercase()),
            country: "Страна".into(),
            events,
            focus: false,
        }
    }

    fn words() -> Words<'static> {
        Words {
            title: "Карта & места",
            columns: ["Место", "Страна", "Событий"],
            off_map: "вне карты",
            legend: vec![("m", "член".into())],
        }
    }

    #[test]
    fn points_are_links_inside_the_frame_and_every_point_is_in_the_table() {
        let base = super::super::base::base();
        let points = [
            point("Ташкент", Some((69.24, 41.30)), 3),
            point("Гавана", Some((-82.37, 23.11)), 1),
            point("Нигде", None, 0),
        ];
        let shade = [("KZ".to_string(), "m"), ("XX".to_string(), "o")];
        let html = draw(base, "/assets/map.svg", &shade, &points, &words(), "map-t");
        let doc = roxmltree::Document::parse(&html).expect("well-formed");
        let svg = doc.descendants().find(|n| n.has_tag_name("svg")).unwrap();
        let links: Vec<_> = svg.descendants().filter(|n| n.has_tag_name("a")).collect();
        assert_eq!(links.len(), 1, "only the place on the map is drawn");
        assert_eq!(links[0].attribute("href"), Some("/ru/places/ташкент/"));
        assert_eq!(links[0].attribute("aria-label"), Some("Ташкент (Событий: 3)"));
        let c = links[0].children().find(|n| n.has_tag_name("circle")).unwrap();
        let (x, y): (f64, f64) = (
            c.attribute("cx").unwrap().parse().unwrap(),
            c.attribute("cy").unwrap().parse().unwrap(),
        );
        let (px, py) = base.frame.project(69.24, 41.30);
        assert!((x - px).abs() <= 0.5 && (y - py).abs() <= 0.5, "{x},{y} vs {px},{py}");
        // Shading only for a country the outlines know.
        let uses: Vec<_> = svg.descendants().filter_map(|n| n.attribute("href")).collect();
        assert!(
            uses.contains(&"/assets/map.svg#c-KZ") && !uses.iter().any(|u| u.ends_with("#c-XX"))
        );
        let rows: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("tr")).collect();
        assert_eq!(rows.len(), 4, "a header and one row per point");
        assert!(html.contains("Гавана</a> <small>(вне карты)</small>"), "{html}");
        assert!(html.contains("Нигде</a> <small>(вне карты)</small>"));
        assert!(html.contains("Карта &amp; места"));
    }

    #[test]
    fn larger_points_are_drawn_first_and_the_focus_last() {
        let base = super::super::base::base();
        let mut focus = point("Алматы", Some((76.89, 43.24)), 0);
        focus.focus = true;
        let points = [
            point("Астана", Some((71.45, 51.17)), 1),
            focus,
            point("Бишкек", Some((74.57, 42.87)), 9),
        ];
        let html = draw(base, "/m.svg", &[], &points, &words(), "m");
        let order: Vec<usize> = ["Бишкек", "Астана", "Алматы"]
            .iter()
            .map(|n| html.find(&format!("<title>{n}")).unwrap())
            .collect();
        assert!(order.is_sorted(), "{order:?}");
        assert!(html.contains("class=\"pt focus\""));
    }
}
