//! A small corpus of entity files for the unit tests of this folder: two countries, two
//! organizations, two people, two places and three events, named as the real files name them.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::content::{
    Corpus, Country, Entities, Entity, EntityData, Event, Names, Organization, PartialDate, Person,
    Place,
};

fn names(ru: &str, kk: &str) -> Names {
    Names(BTreeMap::from([("ru".to_string(), ru.to_string()), ("kk".to_string(), kk.to_string())]))
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn entity(id: &str, data: impl Into<EntityData>) -> Entity {
    Entity {
        id: id.to_string(),
        path: PathBuf::from(format!("{id}.md")),
        data: data.into(),
        descriptions: BTreeMap::new(),
        field_lines: Default::default(),
    }
}

fn date(s: &str) -> Option<PartialDate> {
    Some(PartialDate::parse(s).unwrap())
}

fn event(
    id: &str,
    alias: &str,
    dates: (&str, Option<&str>),
    body: &str,
    number: u32,
    place: &str,
) -> Entity {
    let data = Event {
        aliases: strings(&[alias]),
        date: date(dates.0),
        end: dates.1.and_then(date),
        body: Some(body.to_string()),
        number: Some(number),
        place: Some(place.to_string()),
        ..Default::default()
    };
    entity(id, data)
}

/// The corpus the tests match against.
pub(super) fn corpus() -> Corpus {
    let country = |ru, kk, official: Names, aliases: &[&str]| Country {
        name: names(ru, kk),
        official_name: official,
        aliases: strings(aliases),
        ..Default::default()
    };
    let kz_official = names("Республика Казахстан", "Қазақстан Республикасы");
    let cn_official = names("Китайская Народная Республика", "Қытай Халық Республикасы");
    let sco = Organization {
        name: names("Шанхайская организация сотрудничества", "Шанхай ынтымақтастық ұйымы"),
        short: names("ШОС", "ШЫҰ"),
        ..Default::default()
    };
    let heads = Organization {
        name: names(
            "Совет глав правительств государств — членов ШОС",
            "ШЫҰ Үкімет басшылары кеңесі",
        ),
        aliases: strings(&["СГП ШОС"]),
        parent: Some("sco".to_string()),
        ..Default::default()
    };
    let bektenov = Person {
        name: names("Олжас Бектенов", "Олжас Бектенов"),
        full_name: names("Олжас Абаевич Бектенов", "Олжас Абайұлы Бектенов"),
        aliases: strings(&["О.Бектенов"]),
        ..Default::default()
    };
    let aripov = Person {
        name: names("Абдулла Арипов", "Абдулла Арипов"),
        aliases: strings(&["А.Арипов"]),
        ..Default::default()
    };
    let place = |ru, kk| Place { name: names(ru, kk), ..Default::default() };
    let all = [
        entity(
            "kazakhstan",
            country("Казахстан", "Қазақстан", kz_official, &["РК", "казахстанский"]),
        ),
        entity("china", country("Китай", "Қытай", cn_official, &["КНР", "китайский"])),
        entity("sco", sco),
        entity("sco-heads-of-government", heads),
        entity("bektenov", bektenov),
        entity("aripov", aripov),
        entity("tashkent", place("Ташкент", "Ташкент")),
        entity("astana", place("Астана", "Астана")),
        event(
            "sgp-2019",
            "18-е заседание СГП ШОС",
            ("2019-11-02", None),
            "sco-heads-of-government",
            18,
            "tashkent",
        ),
        event(
            "sgp-2024",
            "23-е заседание СГП ШОС",
            ("2024-10-16", Some("2024-10-17")),
            "sco-heads-of-government",
            23,
            "islamabad",
        ),
        event(
            "summit-2024",
            "саммит ШОС в Астане",
            ("2024-07-03", Some("2024-07-04")),
            "sco",
            24,
            "astana",
        ),
    ];
    let mut entities = Entities::default();
    all.into_iter().for_each(|e| entities.insert(e));
    Corpus { entities, ..Default::default() }
}
