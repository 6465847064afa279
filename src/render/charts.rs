//! Charts drawn at build time as inline SVG: bars per year (documents and events) and a
//! membership chart (who belonged to an organization when, and in what status). No chart
//! library reaches the browser; each chart links its bars to the year pages and comes with its
//! data as a table for screen readers and print.

use std::fmt::Write;

use super::highlight::escape;

/// One bar group of a per-year chart.
pub(crate) struct YearBar {
    /// Year shown under the bar.
    pub(crate) year: u16,
    /// Link of the year (its page), if any.
    pub(crate) url: Option<String>,
    /// Values of each series.
    pub(crate) values: Vec<usize>,
}

/// Labels of a chart.
pub(crate) struct Labels<'a> {
    /// Accessible title.
    pub(crate) title: &'a str,
    /// Name of each series.
    pub(crate) series: &'a [&'a str],
    /// Header of the year column in the data table.
    pub(crate) year: &'a str,
}

const SERIES_CLASS: [&str; 3] = ["s0", "s1", "s2"];

/// A bar chart of values per year, years in order, with gaps for empty years.
pub(crate) fn years(bars: &[YearBar], labels: &Labels, id: &str) -> String {
    if bars.is_empty() {
        return String::new();
    }
    let series = labels.series.len().max(1);
    let max = bars.iter().flat_map(|b| b.values.iter()).copied().max().unwrap_or(0).max(1);
    let (group_w, bar_w, chart_h, top, bottom, left) =
        (30usize, 10usize, 140usize, 14usize, 26usize, 30usize);
    let width = left + bars.len() * group_w + 10;
    let height = top + chart_h + bottom;
    let mut s = String::new();
    // role="group", not "img": an image's content is hidden from assistive technology, and the
    // bars' links inside would be focusable yet nameless there (axe: nested-interactive).
    let _ = write!(
        s,
        "<figure class=\"chart\"><svg class=\"chart-years\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {width} {height}\" role=\"group\" aria-labelledby=\"{id}-t\" preserveAspectRatio=\"xMinYMin meet\"><title id=\"{id}-t\">{}</title>",
        width * 3 / 2,
        height * 3 / 2,
        escape(labels.title)
    );
    // Axis: zero line and the maximum.
    let base_y = top + chart_h;
    let _ = write!(
        s,
        "<line class=\"axis\" x1=\"{left}\" y1=\"{base_y}\" x2=\"{}\" y2=\"{base_y}\"/>",
        width - 10
    );
    let _ = write!(
        s,
        "<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{max}</text>",
        left - 4,
        top + 4
    );
    for (i, b) in bars.iter().enumerate() {
        let x0 = left + i * group_w + (group_w - series * bar_w) / 2;
        if let Some(url) = &b.url {
            let _ = write!(s, "<a href=\"{}\">", escape(url));
        }
        for (k, v) in b.values.iter().enumerate() {
            let h = v * chart_h / max;
            let _ = write!(
                s,
                "<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{bar_w}\" height=\"{h}\"><title>{} {}: {v}</title></rect>",
                SERIES_CLASS[k % 3],
                x0 + k * bar_w,
                base_y - h,
                b.year,
                escape(labels.series.get(k).copied().unwrap_or_default())
            );
        }
        let show_label = bars.len() <= 16 || i % 2 == 0 || i + 1 == bars.len();
        if show_label {
            let _ = write!(
                s,
                "<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                left + i * group_w + group_w / 2,
                base_y + 16,
                b.year
            );
        }
        if b.url.is_some() {
            s.push_str("</a>");
        }
    }
    s.push_str("</svg>");
    legend(&mut s, labels.series);
    data_table(&mut s, bars, labels);
    s.push_str("</figure>");
    s
}

fn legend(s: &mut String, series: &[&str]) {
    if series.len() < 2 {
        return;
    }
    s.push_str("<ul class=\"legend\">");
    for (k, name) in series.iter().enumerate() {
        let _ = write!(
            s,
            "<li><span class=\"swatch {}\" aria-hidden=\"true\"></span>{}</li>",
            SERIES_CLASS[k % 3],
            escape(name)
        );
    }
    s.push_str("</ul>");
}

fn data_table(s: &mut String, bars: &[YearBar], labels: &Labels) {
    let _ = write!(
        s,
        "<details class=\"chart-data\"><summary>{}</summary><div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">{}</th>",
        escape(labels.title),
        escape(labels.year)
    );
    for name in labels.series {
        let _ = write!(s, "<th scope=\"col\">{}</th>", escape(name));
    }
    s.push_str("</tr></thead><tbody>");
    for b in bars.iter().filter(|b| b.values.iter().any(|v| *v > 0)) {
        let year = match &b.url {
            Some(u) => format!("<a href=\"{}\">{}</a>", escape(u), b.year),
            None => b.year.to_string(),
        };
        let _ = write!(s, "<tr><th scope=\"row\">{year}</th>");
        for v in &b.values {
            let _ = write!(s, "<td>{v}</td>");
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table></div></details>");
}

/// One country's periods in an organization.
pub(crate) struct MemberRow {
    /// Country name.
    pub(crate) name: String,
    /// Link to the country.
    pub(crate) url: String,
    /// Periods: (from, to as fractional years, status class, status label, period text).
    pub(crate) periods: Vec<(f64, f64, &'static str, String, String)>,
}

/// A membership chart: a row per country, a bar per period from its start to its end (or the
/// chart's end), coloured by status.
pub(crate) fn membership(
    rows: &[MemberRow],
    start: u16,
    end: u16,
    title: &str,
    id: &str,
    statuses: &[(&'static str, String)],
) -> String {
    if rows.is_empty() || end <= start {
        return String::new();
    }
    // The label column fits the longest country name at 11 px: about 7.2 px a character in
    // the widest sans face a reader's system falls back to (DejaVu Sans, Debian's default; PT
    // Sans is narrower), so «Объединённые Арабские Эмираты» does not spill out of the picture.
    let longest = rows.iter().map(|r| r.name.chars().count()).max().unwrap_or(0);
    let label_w = (12.0 + longest as f64 * 7.2).max(150.0);
    let (row_h, top, right) = (18.0, 20.0, 24.0);
    let span = f64::from(end - start);
    let plot_w = 520.0;
    let width = label_w + plot_w + right;
    let height = top + row_h * rows.len() as f64 + 8.0;
    let x = |year: f64| label_w + (year - f64::from(start)) / span * plot_w;
    let mut s = String::new();
    // role="group", not "img", so the countries' links inside stay reachable (see `years`).
    let _ = write!(
        s,
        "<figure class=\"chart\"><figcaption>{}</figcaption><svg class=\"chart-members\" width=\"{:.0}\" height=\"{:.0}\" viewBox=\"0 0 {width} {height}\" role=\"group\" aria-labelledby=\"{id}-t\"><title id=\"{id}-t\">{}</title>",
        escape(title),
        width * 1.4,
        height * 1.4,
        escape(title)
    );
    let step = if span > 30.0 { 10 } else { 5 };
    let mut y = start.div_ceil(step) * step;
    while y <= end {
        let xx = x(f64::from(y));
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{xx:.1}\" y1=\"{}\" x2=\"{xx:.1}\" y2=\"{height:.1}\"/><text class=\"tick\" x=\"{xx:.1}\" y=\"12\" text-anchor=\"middle\">{y}</text>",
            top - 4.0
        );
        y += step;
    }
    for (i, r) in rows.iter().enumerate() {
        let yy = top + row_h * i as f64;
        let _ = write!(
            s,
            "<a href=\"{}\"><text class=\"label\" x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text></a>",
            escape(&r.url),
            label_w - 6.0,
            yy + 12.0,
            escape(&r.name)
        );
        for (from, to, class, status, period) in &r.periods {
            let (x0, x1) = (x(*from), x(to.min(f64::from(end))));
            let _ = write!(
                s,
                "<rect class=\"{class}\" x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"><title>{}: {}, {}</title></rect>",
                yy + 3.0,
                (x1 - x0).max(2.0),
                row_h - 6.0,
                escape(&r.name),
                escape(status),
                escape(period)
            );
        }
    }
    s.push_str("</svg><ul class=\"legend\">");
    for (class, label) in statuses {
        let _ = write!(
            s,
            "<li><span class=\"swatch {class}\" aria-hidden=\"true\"></span>{}</li>",
            escape(label)
        );
    }
    s.push_str("</ul></figure>");
    s
}

/// A date as a fractional year (2001-06-15 → 2001.45), for drawing.
pub(crate) fn year_fraction(d: &crate::content::PartialDate) -> f64 {
    let m = f64::from(d.month.unwrap_or(1)) - 1.0;
    let day = f64::from(d.day.unwrap_or(1)) - 1.0;
    f64::from(d.year) + (m + day / 31.0) / 12.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_bars_link_years_and_carry_their_data() {
        let bars = [
            YearBar { year: 2019, url: Some("/ru/years/2019/".into()), values: vec![3, 1] },
            YearBar { year: 2020, url: None, values: vec![0, 0] },
        ];
        let svg = years(
            &bars,
            &Labels {
                title: "Документы <и> события",
                series: &["Документы", "События"],
                year: "Год",
            },
            "c1",
        );
        assert!(svg.contains("<a href=\"/ru/years/2019/\">"));
        assert!(svg.contains("Документы &lt;и&gt; события"), "titles are escaped");
        assert!(svg.contains("<td>3</td><td>1</td>"));
        assert!(
            !svg.contains("<th scope=\"row\">2020</th>"),
            "empty years are left out of the table"
        );
    }
}
