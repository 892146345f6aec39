//! Reading the generated files into *facts*: the names, types and values
//! a live CRM, PSA or Segment workspace keys on.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::build::Artifact;

/// What a fact is about; decides the checks that report its changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Kind {
    Property,
    /// The name of a deal pipeline (one per file).
    Pipeline,
    PipelineStage,
    /// The name of a PSA project template or checklist library (one per
    /// template or library).
    Template,
    Task,
    TrackedEvent,
}

/// One thing a live system depends on, read from a generated file.
#[derive(Clone, Debug)]
pub(super) struct Fact {
    pub(super) kind: Kind,
    /// The name the system keys on.
    pub(super) key: String,
    /// The type, for properties.
    pub(super) detail: String,
    /// The pick-list values, for properties.
    pub(super) values: Vec<String>,
    /// The generated file it was read from.
    pub(super) path: String,
}

/// The facts of one version, by group (a file, or a Salesforce object).
pub(super) type Facts = BTreeMap<String, Vec<Fact>>;

/// Read every fact from a build's files.
pub(super) fn facts(artifacts: &[Artifact]) -> Facts {
    let mut facts = Facts::new();
    for artifact in artifacts {
        let path = artifact.path.as_str();
        let text = String::from_utf8_lossy(&artifact.contents);
        if path.starts_with("salesforce/") && path.ends_with(".field-meta.xml") {
            let group = path.rsplit_once('/').map_or(path, |(dir, _)| dir);
            if let Some(fact) = salesforce_field(path, &text) {
                facts.entry(group.to_owned()).or_default().push(fact);
            }
            continue;
        }
        let found =
            if path.starts_with("salesforce/") && path.ends_with(".standardValueSet-meta.xml") {
                xml_texts(&text, "fullName")
                    .into_iter()
                    .map(|key| fact(Kind::PipelineStage, key, path))
                    .collect()
            } else if path.ends_with(".json") {
                match serde_json::from_str::<Value>(&text) {
                    Ok(json) => json_facts(path, &json),
                    Err(_) => Vec::new(),
                }
            } else {
                Vec::new()
            };
        if !found.is_empty() {
            facts.entry(path.to_owned()).or_default().extend(found);
        }
    }
    facts
}

fn fact(kind: Kind, key: String, path: &str) -> Fact {
    Fact {
        kind,
        key,
        detail: String::new(),
        values: Vec::new(),
        path: path.to_owned(),
    }
}

fn str_at<'v>(value: &'v Value, pointer: &str) -> Option<&'v str> {
    value.pointer(pointer).and_then(Value::as_str)
}

fn array<'v>(value: &'v Value, pointer: &str) -> &'v [Value] {
    value
        .pointer(pointer)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// The name of a PSA item: the text before its owner and due day, which
/// change often and are not what reports match on.
fn item_name(text: &str) -> String {
    text.split(". Owner: ")
        .next()
        .unwrap_or(text)
        .trim_end_matches('.')
        .to_owned()
}

fn json_facts(path: &str, json: &Value) -> Vec<Fact> {
    let mut out = Vec::new();
    if path.starts_with("hubspot/") && path.ends_with(".properties.json") {
        for p in array(json, "/inputs") {
            let Some(name) = str_at(p, "/name") else {
                continue;
            };
            let detail = format!(
                "{} ({})",
                str_at(p, "/type").unwrap_or("?"),
                str_at(p, "/fieldType").unwrap_or("?")
            );
            let values = array(p, "/options")
                .iter()
                .filter_map(|o| str_at(o, "/value").map(str::to_owned))
                .collect();
            out.push(Fact {
                detail,
                values,
                ..fact(Kind::Property, name.to_owned(), path)
            });
        }
    } else if path == "hubspot/deal-pipeline.json" {
        if let Some(label) = str_at(json, "/label") {
            out.push(fact(Kind::Pipeline, label.to_owned(), path));
        }
        for s in array(json, "/stages") {
            if let Some(label) = str_at(s, "/label") {
                out.push(fact(Kind::PipelineStage, label.to_owned(), path));
            }
        }
    } else if path == "connectwise/project-template.json" {
        if let Some(name) = str_at(json, "/template/name") {
            out.push(fact(Kind::Template, name.to_owned(), path));
        }
        for phase in array(json, "/phases") {
            if let Some(d) = str_at(phase, "/phase/description") {
                out.push(fact(Kind::Task, d.to_owned(), path));
            }
            for ticket in array(phase, "/tickets") {
                if let Some(d) = str_at(ticket, "/ticket/description") {
                    out.push(fact(Kind::Task, d.to_owned(), path));
                }
            }
        }
    } else if path.starts_with("connectwise/ticket-tasks/") {
        for task in json.as_array().map_or(&[][..], Vec::as_slice) {
            if let Some(notes) = str_at(task, "/notes") {
                out.push(fact(Kind::Task, item_name(notes), path));
            }
        }
    } else if path == "autotask/checklist-libraries.json" {
        for library in array(json, "/libraries") {
            if let Some(name) = str_at(library, "/library/name") {
                out.push(fact(Kind::Template, name.to_owned(), path));
            }
            for item in array(library, "/items") {
                if let Some(name) = str_at(item, "/itemName") {
                    out.push(fact(Kind::Task, item_name(name), path));
                }
            }
        }
    } else if path == "events/tracking-plan.json" {
        for rule in array(json, "/rules") {
            if let Some(key) = str_at(rule, "/key") {
                out.push(fact(Kind::TrackedEvent, key.to_owned(), path));
            }
        }
    }
    out
}

/// A Salesforce field: its API name (the first `fullName`), its type and
/// the `fullName` of each picklist value.
fn salesforce_field(path: &str, xml: &str) -> Option<Fact> {
    let mut names = xml_texts(xml, "fullName").into_iter();
    let key = names.next()?;
    let detail = xml_texts(xml, "type")
        .into_iter()
        .next()
        .unwrap_or_default();
    Some(Fact {
        detail,
        values: names.collect(),
        ..fact(Kind::Property, key, path)
    })
}

/// The text of every `<tag>…</tag>` element, unescaped. The files are
/// generated by journeyc with a fixed shape, so a full XML parser is not
/// needed.
fn xml_texts(xml: &str, tag: &str) -> Vec<String> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + open.len()..];
        let Some(end) = after.find(&close) else {
            break;
        };
        out.push(unescape(&after[..end]));
        rest = &after[end + close.len()..];
    }
    out
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_texts_reads_elements_in_order() {
        let xml = "<a><fullName>X&amp;Y</fullName><v><fullName>b</fullName></v></a>";
        assert_eq!(xml_texts(xml, "fullName"), vec!["X&Y", "b"]);
        assert!(xml_texts("<fullName>open", "fullName").is_empty());
    }

    #[test]
    fn item_names_drop_owner_and_due_day() {
        assert_eq!(
            item_name("Kickoff meeting held. Owner: Aisha. Due day 0."),
            "Kickoff meeting held"
        );
        assert_eq!(item_name("Plain"), "Plain");
    }
}
