//! Acts: the `act:` block of a decision's, an agreement's or a statement's front matter — its
//! number, the body that adopted it, where, who signed it, its status over time, each state's
//! participation, and its typed relations to other documents.
//!
//! This module knows one file at a time: whether the ids it names exist, whether its relations
//! contradict another act's, and whether a signatory's country belonged to the body are
//! questions for `graph::acts`. Reverse relations («amended by») are never written: they are
//! derived from the forward ones.

use serde::{Deserialize, Serialize};

use super::date::PartialDate;
use super::document::Kind;

/// The `act:` block of a document's front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Act {
    /// The act's form, finer than the document's kind (a protocol is an agreement, a
    /// communiqué a statement); absent, the kind itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<Form>,
    /// Its number as the act writes it, without «№» (`158`, `1/2019`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Id of the organization or body that adopted it (`sco-heads-of-government`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Id of the place where it was adopted or signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Who signed it, in the order of the signature block.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signatories: Vec<Signatory>,
    /// Its status over time, earliest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status: Vec<StatusEntry>,
    /// Each state's participation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participation: Vec<Participation>,
    /// Slugs of the documents this act amends.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amends: Vec<String>,
    /// Slugs of the documents this act implements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub implements: Vec<String>,
    /// Slugs of the documents this act replaces.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supersedes: Vec<String>,
    /// Slugs of the documents (a report, a programme) this act approves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub approves: Vec<String>,
    /// Slug of the act this document is an annex of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annex_of: Option<String>,
}

/// The form of an act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    /// A decision of a body.
    Decision,
    /// An agreement.
    Agreement,
    /// A treaty.
    Treaty,
    /// A protocol (to an agreement, or of a meeting).
    Protocol,
    /// A statement.
    Statement,
    /// A joint communiqué.
    Communique,
    /// A declaration.
    Declaration,
}

impl Form {
    /// The lowercase name written in front matter and used in UI string keys (`form_treaty`).
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Decision => "decision",
            Form::Agreement => "agreement",
            Form::Treaty => "treaty",
            Form::Protocol => "protocol",
            Form::Statement => "statement",
            Form::Communique => "communique",
            Form::Declaration => "declaration",
        }
    }

    /// The document kind an act of this form is filed under.
    pub fn kind(self) -> Kind {
        match self {
            Form::Decision => Kind::Decision,
            Form::Agreement | Form::Treaty | Form::Protocol => Kind::Agreement,
            Form::Statement | Form::Communique | Form::Declaration => Kind::Statement,
        }
    }

    /// The form a document of `kind` has when its act names none; `None` for kinds that are
    /// not acts (news, reports, interviews).
    pub fn of_kind(kind: Kind) -> Option<Form> {
        match kind {
            Kind::Decision => Some(Form::Decision),
            Kind::Agreement => Some(Form::Agreement),
            Kind::Statement => Some(Form::Statement),
            Kind::News | Kind::Report | Kind::Interview | Kind::Other => None,
        }
    }
}

/// One signatory, as the signature block names them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Signatory {
    /// Id of the person, when the text names them and the archive has their file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    /// Id of the country they signed for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Their position exactly as the signature block writes it («Премьер-министр Республики
    /// Казахстан»).
    pub position: String,
}

/// A status of an act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Signed.
    Signed,
    /// Adopted without signing.
    Adopted,
    /// In force.
    InForce,
    /// No longer in force (expired, terminated).
    Expired,
    /// Replaced by another act.
    Superseded,
}

impl Status {
    /// The snake-case name written in front matter and used in UI string keys.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Signed => "signed",
            Status::Adopted => "adopted",
            Status::InForce => "in_force",
            Status::Expired => "expired",
            Status::Superseded => "superseded",
        }
    }

    /// Whether the status ends the act's life: nothing but another ending may follow it.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Expired | Status::Superseded)
    }
}

/// One step of an act's status.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StatusEntry {
    /// The status.
    pub status: Status,
    /// Since when, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// What says so: a clause of the act, a depositary's notice, a later act's slug …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
}

/// One state's participation in an act, each step dated when known.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Participation {
    /// Id of the country.
    pub country: String,
    /// When it signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<PartialDate>,
    /// When it ratified, approved or notified completion of its internal procedures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ratified: Option<PartialDate>,
    /// When the act entered into force for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_force: Option<PartialDate>,
    /// Its reservations, as stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reservations: Option<String>,
    /// When it withdrew.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<PartialDate>,
}

impl Participation {
    /// The dated steps in the order they must happen, with their field names.
    pub fn steps(&self) -> [(&'static str, Option<PartialDate>); 4] {
        [
            ("signed", self.signed),
            ("ratified", self.ratified),
            ("in_force", self.in_force),
            ("withdrawn", self.withdrawn),
        ]
    }
}

/// A typed relation between two acts (or an act and a document it approves).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Relation {
    /// The act changes the target.
    Amends,
    /// The act carries out the target.
    Implements,
    /// The act replaces the target.
    Supersedes,
    /// The act approves the target (a decision approving a report).
    Approves,
    /// The document is an annex of the target.
    AnnexOf,
}

impl Relation {
    /// Every relation, in display order.
    pub const ALL: [Relation; 5] = [
        Relation::Amends,
        Relation::Implements,
        Relation::Supersedes,
        Relation::Approves,
        Relation::AnnexOf,
    ];

    /// The field name in the `act:` block.
    pub fn field(self) -> &'static str {
        match self {
            Relation::Amends => "amends",
            Relation::Implements => "implements",
            Relation::Supersedes => "supersedes",
            Relation::Approves => "approves",
            Relation::AnnexOf => "annex_of",
        }
    }
}

impl Act {
    /// The form: as written, else the one `kind` implies.
    pub fn form_for(&self, kind: Kind) -> Option<Form> {
        self.form.or_else(|| Form::of_kind(kind))
    }

    /// The slugs this act names under `rel`, in written order.
    pub fn targets(&self, rel: Relation) -> &[String] {
        match rel {
            Relation::Amends => &self.amends,
            Relation::Implements => &self.implements,
            Relation::Supersedes => &self.supersedes,
            Relation::Approves => &self.approves,
            Relation::AnnexOf => self.annex_of.as_slice(),
        }
    }

    /// The act's persistent identifier, the same for all its language versions and stable when
    /// a title changes: `{body}/{form}/{date}/{number}` (`sco-heads-of-government/decision/
    /// 2024-10-16/158`), in the spirit of the European Legislation Identifier and of Adilet's
    /// one code per act. The number keeps letters and digits, lower-cased, every other run of
    /// characters becoming `-` (`1/2019` → `1-2019`). None unless body, date and number are known.
    pub fn identifier(&self, kind: Kind, date: Option<PartialDate>) -> Option<String> {
        let form = self.form_for(kind)?;
        let (body, date, number) = (self.body.as_deref()?, date?, self.number.as_deref()?);
        let mut n = String::new();
        for c in number.chars().flat_map(char::to_lowercase) {
            if c.is_alphanumeric() {
                n.push(c);
            } else if !n.is_empty() && !n.ends_with('-') {
                n.push('-');
            }
        }
        let n = n.trim_end_matches('-');
        (!n.is_empty()).then(|| format!("{body}/{}/{date}/{n}", form.as_str()))
    }

    /// The status in force last (the final entry), when any is recorded.
    pub fn current_status(&self) -> Option<Status> {
        self.status.last().map(|s| s.status)
    }

    /// Every relation the act states, as (relation, target slug).
    pub fn relations(&self) -> impl Iterator<Item = (Relation, &String)> {
        Relation::ALL.into_iter().flat_map(move |r| self.targets(r).iter().map(move |t| (r, t)))
    }
}

/// Whether `later` is certainly before `earlier`, comparing the two dates at the precision they
/// share: `2019` is not before `2019-05-03` (it may be later in 2019), `2019-04` is.
pub fn certainly_before(later: PartialDate, earlier: PartialDate) -> bool {
    let month = later.month.zip(earlier.month);
    let day = later.day.zip(earlier.day);
    let key = |d: PartialDate| {
        (d.year, month.map(|_| d.month.unwrap_or(0)), day.map(|_| d.day.unwrap_or(0)))
    };
    key(later) < key(earlier)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap()
    }

    #[test]
    fn a_full_block_parses_and_lists_its_relations() {
        let act: Act = serde_yaml::from_str(
            "{form: protocol, number: '3', body: cis-heads-of-state, place: minsk,
              signatories: [{country: kazakhstan, position: Президент Республики Казахстан}],
              status: [{status: signed, date: 2019-10-11}, {status: in_force, date: 2020}],
              participation: [{country: kazakhstan, signed: 2019-10-11, ratified: 2020-03}],
              amends: [a, b], annex_of: c}",
        )
        .unwrap();
        assert_eq!(act.form_for(Kind::Agreement), Some(Form::Protocol));
        assert_eq!(act.status[1].status, Status::InForce);
        let rels: Vec<(Relation, &str)> = act.relations().map(|(r, t)| (r, t.as_str())).collect();
        assert_eq!(
            rels,
            [(Relation::Amends, "a"), (Relation::Amends, "b"), (Relation::AnnexOf, "c")]
        );
    }

    #[test]
    fn unknown_fields_and_statuses_are_refused() {
        assert!(serde_yaml::from_str::<Act>("{numbr: '1'}").is_err());
        assert!(serde_yaml::from_str::<Act>("{status: [{status: ratified}]}").is_err());
        assert!(serde_yaml::from_str::<Act>("{signatories: [{country: kazakhstan}]}").is_err());
    }

    #[test]
    fn forms_file_under_their_kind_and_kinds_imply_a_form() {
        assert_eq!(Form::Treaty.kind(), Kind::Agreement);
        assert_eq!(Form::Communique.kind(), Kind::Statement);
        assert_eq!(Form::of_kind(Kind::Decision), Some(Form::Decision));
        assert_eq!(Form::of_kind(Kind::News), None);
        assert_eq!(Act::default().form_for(Kind::Report), None);
    }

    #[test]
    fn the_identifier_needs_body_date_and_number_and_ignores_the_title() {
        let act: Act =
            serde_yaml::from_str("{body: sco-heads-of-government, number: '№ 1/2019 '}").unwrap();
        assert_eq!(
            act.identifier(Kind::Decision, Some(date("2019-11-02"))).as_deref(),
            Some("sco-heads-of-government/decision/2019-11-02/1-2019")
        );
        let treaty = Act { form: Some(Form::Treaty), ..act.clone() };
        assert_eq!(
            treaty.identifier(Kind::Agreement, Some(date("2019"))).as_deref(),
            Some("sco-heads-of-government/treaty/2019/1-2019")
        );
        assert_eq!(act.identifier(Kind::Decision, None), None);
        assert_eq!(act.identifier(Kind::News, Some(date("2019"))), None);
        let no_number = Act { number: Some("№".into()), ..act };
        assert_eq!(no_number.identifier(Kind::Decision, Some(date("2019"))), None);
    }

    #[test]
    fn before_compares_at_the_shared_precision() {
        assert!(certainly_before(date("2019-04"), date("2019-05-03")));
        assert!(certainly_before(date("2018"), date("2019-05-03")));
        assert!(!certainly_before(date("2019"), date("2019-05-03")));
        assert!(!certainly_before(date("2019-05"), date("2019-05-03")));
        assert!(!certainly_before(date("2019-05-03"), date("2019-05-03")));
        assert!(certainly_before(date("2019-05-02"), date("2019-05-03")));
    }
}
