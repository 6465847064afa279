//! A place's position on the Earth: WGS84 latitude and longitude in decimal degrees, as a place
//! file writes them (`coordinates: {lat: 41.3111, lon: 69.2797}`: north and east positive). A
//! value outside the globe is an error naming the file, line and field when the file is read.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer};

/// A point in WGS84, degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coordinates {
    /// Latitude, −90 (south) … 90 (north).
    pub lat: f64,
    /// Longitude, −180 (west) … 180 (east).
    pub lon: f64,
}

// Coordinates are compared as whole places are (tests, reloads); no NaN gets past `new`.
impl Eq for Coordinates {}

impl Coordinates {
    /// The point, or why it is not on the globe.
    pub fn new(lat: f64, lon: f64) -> Result<Coordinates, String> {
        if !(-90.0..=90.0).contains(&lat) {
            return Err(format!("lat {lat} is outside −90…90 (degrees north; south is negative)"));
        }
        if !(-180.0..=180.0).contains(&lon) {
            return Err(format!("lon {lon} is outside −180…180 (degrees east; west is negative)"));
        }
        Ok(Coordinates { lat, lon })
    }
}

impl fmt::Display for Coordinates {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}, {}", self.lat, self.lon)
    }
}

impl<'de> Deserialize<'de> for Coordinates {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        /// What the file writes; each number is checked as it is read, so the YAML reader puts
        /// the file line and the field (`coordinates.lat`) on the error.
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Written {
            #[serde(deserialize_with = "latitude")]
            lat: f64,
            #[serde(deserialize_with = "longitude")]
            lon: f64,
        }
        let w = Written::deserialize(d)?;
        Ok(Coordinates { lat: w.lat, lon: w.lon })
    }
}

fn latitude<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    d.deserialize_f64(Degrees { lat: true })
}

fn longitude<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    d.deserialize_f64(Degrees { lat: false })
}

/// Reads a latitude or a longitude, refusing one off the globe.
struct Degrees {
    lat: bool,
}

impl Visitor<'_> for Degrees {
    type Value = f64;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("degrees as a decimal number")
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
        let checked = if self.lat { Coordinates::new(v, 0.0) } else { Coordinates::new(0.0, v) };
        checked.map(|_| v).map_err(E::custom)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
        self.visit_f64(v as f64)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
        self.visit_f64(v as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_checked() {
        assert!(Coordinates::new(41.3, 69.3).is_ok());
        assert!(Coordinates::new(-90.0, -180.0).is_ok());
        assert!(Coordinates::new(91.0, 0.0).unwrap_err().contains("lat 91"));
        assert!(Coordinates::new(0.0, 181.5).unwrap_err().contains("lon 181.5"));
        assert!(Coordinates::new(f64::NAN, 0.0).is_err());
    }

    #[test]
    fn read_from_yaml_flow_mapping() {
        let c: Coordinates = serde_yaml::from_str("{lat: 43.2389, lon: 76.8897}").unwrap();
        assert_eq!(c, Coordinates { lat: 43.2389, lon: 76.8897 });
        assert!(serde_yaml::from_str::<Coordinates>("{lat: 43, lng: 76}").is_err());
        assert!(serde_yaml::from_str::<Coordinates>("{lat: 143, lon: 76}").is_err());
    }
}
