//! Each kind's own front matter: what a country, an organization (and its members), a person
//! (and their roles), a place and an event hold beside the name, aliases and review list every
//! kind has.

use serde::{Deserialize, Serialize};

use super::Names;
use crate::content::date::PartialDate;

/// A country.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    /// Short name per language.
    pub name: Names,
    /// Official name per language.
    #[serde(default)]
    pub official_name: Names,
    /// Other forms and abbreviations (РК, КНР), used by the importer.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// ISO 3166-1 alpha-2 code.
    #[serde(default)]
    pub iso: Option<String>,
    /// Place id of the capital.
    #[serde(default)]
    pub capital: Option<String>,
    /// Fields still to be checked.
    #[serde(default)]
    pub review: Vec<String>,
}

/// What sort of organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OrgType {
    /// An international organization.
    International,
    /// An organ of another organization (a council, a secretariat).
    Body,
    /// A bilateral or multilateral commission.
    Commission,
    /// A national government agency.
    National,
}

/// Status of a country in an organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MemberStatus {
    /// A full member.
    Member,
    /// An associate member.
    Associate,
    /// An observer state.
    Observer,
    /// A dialogue partner.
    DialoguePartner,
}

impl MemberStatus {
    /// The string key suffix (`status_member`).
    pub fn as_str(self) -> &'static str {
        match self {
            MemberStatus::Member => "member",
            MemberStatus::Associate => "associate",
            MemberStatus::Observer => "observer",
            MemberStatus::DialoguePartner => "dialogue_partner",
        }
    }
}

/// One period of a country's membership.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Membership {
    /// Country id.
    pub country: String,
    /// Status during the period.
    pub status: MemberStatus,
    /// Start, when known.
    #[serde(default)]
    pub from: Option<PartialDate>,
    /// End, when it ended.
    #[serde(default)]
    pub to: Option<PartialDate>,
}

/// An organization or one of its bodies.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    /// Full name per language.
    pub name: Names,
    /// Abbreviation per language (ШОС, ШЫҰ, SCO).
    #[serde(default)]
    pub short: Names,
    /// Other forms.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// What sort of organization.
    #[serde(default, rename = "type")]
    pub org_type: Option<OrgType>,
    /// The organization this body belongs to.
    #[serde(default)]
    pub parent: Option<String>,
    /// Foundation date.
    #[serde(default)]
    pub founded: Option<PartialDate>,
    /// Place id of the headquarters.
    #[serde(default)]
    pub headquarters: Option<String>,
    /// Official website.
    #[serde(default)]
    pub website: Option<String>,
    /// Membership periods.
    #[serde(default)]
    pub members: Vec<Membership>,
    /// Fields still to be checked.
    #[serde(default)]
    pub review: Vec<String>,
}

/// A position a person held.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// Title per language.
    pub title: Names,
    /// Country the role belongs to.
    #[serde(default)]
    pub country: Option<String>,
    /// Organization the role belongs to.
    #[serde(default)]
    pub organization: Option<String>,
    /// Start.
    #[serde(default)]
    pub from: Option<PartialDate>,
    /// End; absent while the role is held.
    #[serde(default)]
    pub to: Option<PartialDate>,
}

/// A person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Name per language.
    pub name: Names,
    /// Full name (with patronymic) per language.
    #[serde(default)]
    pub full_name: Names,
    /// Other forms (initials, inflected forms).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Positions held.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// Fields still to be checked.
    #[serde(default)]
    pub review: Vec<String>,
}

/// A city or region.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// Name per language.
    pub name: Names,
    /// Other forms.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Country id.
    #[serde(default)]
    pub country: Option<String>,
    /// `city`, `region` …
    #[serde(default)]
    pub kind: Option<String>,
    /// Where it is (WGS84), for the map.
    #[serde(default)]
    pub coordinates: Option<super::Coordinates>,
    /// Fields still to be checked.
    #[serde(default)]
    pub review: Vec<String>,
}

/// A meeting, summit or session.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Name per language.
    pub name: Names,
    /// Other forms.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// First day, as precise as known.
    #[serde(default)]
    pub date: Option<PartialDate>,
    /// Last day, for events of several days.
    #[serde(default)]
    pub end: Option<PartialDate>,
    /// Organization (body) that held it.
    #[serde(default)]
    pub body: Option<String>,
    /// Session number within the body's series.
    #[serde(default)]
    pub number: Option<u32>,
    /// Place id.
    #[serde(default)]
    pub place: Option<String>,
    /// Participating countries.
    #[serde(default)]
    pub countries: Vec<String>,
    /// Fields still to be checked.
    #[serde(default)]
    pub review: Vec<String>,
}
