//! The map's projection: Albers equal-area conic, standard parallels 25° N and 50° N, centred on
//! 77° E (the usual choice for a mid-latitude region wider than tall, as national atlases of
//! Russia and China use conics), scaled into an SVG frame [`WIDTH`] units wide that holds the
//! region's longitude/latitude box.

/// Width of the SVG frame, in its own units.
pub(crate) const WIDTH: f64 = 1000.0;

const PHI1: f64 = 25.0;
const PHI2: f64 = 50.0;
const PHI0: f64 = 35.0;
const LAMBDA0: f64 = 77.0;

/// The projection fitted to a box `[west, south, east, north]`.
#[derive(Debug, Clone)]
pub(crate) struct Frame {
    n: f64,
    c: f64,
    rho0: f64,
    x0: f64,
    y_top: f64,
    scale: f64,
    /// Height of the frame in SVG units.
    pub(crate) height: f64,
    /// The box, degrees.
    pub(crate) bbox: [f64; 4],
}

impl Frame {
    /// The frame whose width holds `bbox` (west, south, east, north) exactly.
    pub(crate) fn fit(bbox: [f64; 4]) -> Frame {
        let (s1, s2) = (PHI1.to_radians().sin(), PHI2.to_radians().sin());
        let n = (s1 + s2) / 2.0;
        let c = PHI1.to_radians().cos().powi(2) + 2.0 * n * s1;
        let rho0 = (c - 2.0 * n * PHI0.to_radians().sin()).sqrt() / n;
        let mut f = Frame { n, c, rho0, x0: 0.0, y_top: 0.0, scale: 1.0, height: 0.0, bbox };
        let (mut xmin, mut xmax, mut ymin, mut ymax) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for (lon, lat) in outline(bbox) {
            let (x, y) = f.raw(lon, lat);
            (xmin, xmax, ymin, ymax) = (xmin.min(x), xmax.max(x), ymin.min(y), ymax.max(y));
        }
        f.scale = WIDTH / (xmax - xmin);
        f.x0 = xmin;
        f.y_top = ymax;
        f.height = (ymax - ymin) * f.scale;
        f
    }

    /// Projected plane coordinates (unscaled, y north).
    fn raw(&self, lon: f64, lat: f64) -> (f64, f64) {
        let rho = (self.c - 2.0 * self.n * lat.to_radians().sin()).sqrt() / self.n;
        let theta = self.n * (lon - LAMBDA0).to_radians();
        (rho * theta.sin(), self.rho0 - rho * theta.cos())
    }

    /// SVG coordinates of a point (x right, y down).
    pub(crate) fn project(&self, lon: f64, lat: f64) -> (f64, f64) {
        let (x, y) = self.raw(lon, lat);
        ((x - self.x0) * self.scale, (self.y_top - y) * self.scale)
    }

    /// Whether a point lies inside the box (and so on the map).
    pub(crate) fn contains(&self, lon: f64, lat: f64) -> bool {
        let [w, s, e, n] = self.bbox;
        (w..=e).contains(&lon) && (s..=n).contains(&lat)
    }
}

/// The box's edge, one point a degree, clockwise from the south-west corner: the sea's outline.
pub(crate) fn outline(bbox: [f64; 4]) -> Vec<(f64, f64)> {
    let [w, s, e, n] = bbox;
    let steps = |a: f64, b: f64| {
        let k = (b - a).abs().ceil().max(1.0) as usize;
        (0..k).map(move |i| a + (b - a) * i as f64 / k as f64)
    };
    let mut pts: Vec<(f64, f64)> = steps(s, n).map(|lat| (w, lat)).collect();
    pts.extend(steps(w, e).map(|lon| (lon, n)));
    pts.extend(steps(n, s).map(|lat| (e, lat)));
    pts.extend(steps(e, w).map(|lon| (lon, s)));
    pts
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOX: [f64; 4] = [22.0, -2.0, 132.0, 60.0];

    #[test]
    fn the_box_fills_the_frame_width() {
        let f = Frame::fit(BOX);
        let xs: Vec<f64> = outline(BOX).iter().map(|&(lon, lat)| f.project(lon, lat).0).collect();
        let min = xs.iter().cloned().fold(f64::MAX, f64::min);
        let max = xs.iter().cloned().fold(f64::MIN, f64::max);
        assert!(min.abs() < 1e-6 && (max - WIDTH).abs() < 1e-6, "{min} {max}");
        assert!(f.height > 400.0 && f.height < 900.0, "{}", f.height);
    }

    #[test]
    fn points_fall_where_geography_puts_them() {
        let f = Frame::fit(BOX);
        let (ax, ay) = f.project(76.89, 43.24); // Almaty
        let (mx, my) = f.project(37.62, 55.76); // Moscow
        let (bx, by) = f.project(116.41, 39.90); // Beijing
        let (_, dy) = f.project(77.21, 28.61); // New Delhi
        assert!(mx < ax && ax < bx, "west to east: {mx} {ax} {bx}");
        assert!(my < ay && ay < dy, "north to south: {my} {ay} {dy}");
        // On the central meridian north is straight up; elsewhere meridians converge northwards.
        let (north, south) = (f.project(77.0, 50.0), f.project(77.0, 20.0));
        assert!((north.0 - south.0).abs() < 1e-9, "{north:?} {south:?}");
        let (north, south) = (f.project(120.0, 50.0), f.project(120.0, 20.0));
        assert!(north.0 < south.0, "{north:?} {south:?}");
        assert!(by > 0.0 && by < f.height && bx < WIDTH);
        for (lon, lat) in outline(BOX) {
            let (x, y) = f.project(lon, lat);
            assert!((-1e-6..=WIDTH + 1e-6).contains(&x) && (-1e-6..=f.height + 1e-6).contains(&y));
        }
    }

    #[test]
    fn the_box_decides_what_is_on_the_map() {
        let f = Frame::fit(BOX);
        assert!(f.contains(69.24, 41.30)); // Tashkent
        assert!(!f.contains(-82.37, 23.11)); // Havana
        assert!(!f.contains(36.82, -2.5));
    }
}
