//! Salesforce artifacts: an sfdx project in source format, ready for
//! `sf project deploy start --source-dir force-app` from `salesforce/`.
//!
//! ```text
//! salesforce/sfdx-project.json
//! salesforce/force-app/main/default/objects/Opportunity/fields/<Name>__c.field-meta.xml
//! salesforce/force-app/main/default/objects/Contact/fields/<Name>__c.field-meta.xml
//! salesforce/force-app/main/default/standardValueSets/OpportunityStage.standardValueSet-meta.xml
//! ```
//!
//! The fields are the ones HubSpot gets (see [`super::names`]). Custom pick
//! lists store ids, like HubSpot and the event schema, so records can be
//! joined across systems. The opportunity stages are a standard pick list,
//! whose values Salesforce names by their labels, so they store the stage
//! names. Deploying a standard value set replaces the org's whole list, so
//! the file lists every stage, closing ones included.
//!
//! The XML is written by hand. Salesforce validates elements in the order of
//! its metadata schema (`fullName` first, then the rest alphabetically), so
//! each writer below emits them in exactly that order.

use serde::Serialize;

use super::Emit;
use super::names::{
    self, Field, Kind, Outcome, PipelineStage, Problems, Record, Sourced, UniqueLabels,
};

/// The source API version the metadata is written for.
const API_VERSION: &str = "62.0";
const DEFAULT_DIR: &str = "force-app/main/default";

/// Salesforce limits.
const MAX_FIELD_LABEL: usize = 40;
const MAX_DESCRIPTION: usize = 1_000;
const MAX_PICKLIST_LABEL: usize = 255;
/// Values of a restricted custom pick list, active and inactive together.
const MAX_PICKLIST_VALUES: usize = 1_000;
const MAX_OPPORTUNITY_STAGES: usize = 100;
const TEXT_LENGTH: u32 = 255;

pub fn emit(emit: Emit<'_, '_>) {
    let fields = names::crm_fields(emit.view);
    let mut problems = Problems::default();

    let project = SfdxProject {
        name: emit.view.journey.journey.as_ref().map(|h| h.id.to_string()),
        package_directories: vec![PackageDirectory {
            path: "force-app",
            default: true,
        }],
        source_api_version: API_VERSION,
    };
    emit.out.json("salesforce/sfdx-project.json", &project);

    for (record, object) in [(Record::Deal, "Opportunity"), (Record::Contact, "Contact")] {
        let list = format!("Salesforce {object} fields");
        let mut labels = UniqueLabels::new(&list);
        for field in fields.iter().filter(|f| f.is_on(record)) {
            problems.add(labels.insert(&field.label));
            let name = names::salesforce_name(field);
            let path =
                format!("salesforce/{DEFAULT_DIR}/objects/{object}/fields/{name}.field-meta.xml");
            emit.out
                .file(path, custom_field(&name, field, &mut problems));
        }
    }

    let stages = names::deal_pipeline(emit.view);
    emit.out.file(
        format!(
            "salesforce/{DEFAULT_DIR}/standardValueSets/OpportunityStage.standardValueSet-meta.xml"
        ),
        opportunity_stages(&stages, &mut problems),
    );

    problems.report(emit.out);
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SfdxProject {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    package_directories: Vec<PackageDirectory>,
    source_api_version: &'static str,
}

#[derive(Serialize)]
struct PackageDirectory {
    path: &'static str,
    default: bool,
}

/// A `CustomField` document, children in schema order.
fn custom_field(name: &str, field: &Field, problems: &mut Problems) -> String {
    if let Some(problem) = names::salesforce_name_problem(name) {
        problems.add(names::name_diagnostic("Salesforce", name, &problem, field));
    }
    problems.add(names::too_long(
        "Salesforce field label",
        &field.label,
        MAX_FIELD_LABEL,
    ));
    problems.add(names::too_long(
        "Salesforce field description",
        &field.description,
        MAX_DESCRIPTION,
    ));

    let mut xml = Xml::document("CustomField");
    xml.leaf("fullName", name);
    if let Kind::Flag = field.kind {
        xml.leaf("defaultValue", "false");
    }
    xml.leaf("description", &field.description.text);
    xml.leaf("externalId", "false");
    xml.leaf("label", &field.label.text);
    match &field.kind {
        Kind::Choice(choices) => {
            xml.leaf("required", "false");
            xml.leaf("type", "Picklist");
            xml.open("valueSet");
            xml.leaf("restricted", "true");
            xml.open("valueSetDefinition");
            xml.leaf("sorted", "false");
            let list = format!("Salesforce pick list `{name}`");
            if let Some(over) = choices.get(MAX_PICKLIST_VALUES) {
                let span = over.label.source.map(|s| s.span).unwrap_or_default();
                problems.add(names::too_many(
                    &list,
                    choices.len(),
                    MAX_PICKLIST_VALUES,
                    span,
                ));
            }
            let mut labels = UniqueLabels::new(&list);
            for choice in choices {
                problems.add(labels.insert(&choice.label));
                problems.add(names::too_long(
                    "Salesforce pick-list value",
                    &choice.label,
                    MAX_PICKLIST_LABEL,
                ));
                xml.open("value");
                xml.leaf("fullName", choice.value);
                xml.leaf("default", "false");
                xml.leaf("label", &choice.label.text);
                xml.close("value");
            }
            xml.close("valueSetDefinition");
            xml.close("valueSet");
        }
        Kind::Date => {
            xml.leaf("required", "false");
            xml.leaf("type", "Date");
        }
        Kind::Flag => xml.leaf("type", "Checkbox"),
        Kind::Score { decimals } => {
            xml.leaf("precision", "18");
            xml.leaf("required", "false");
            xml.leaf("scale", &decimals.to_string());
            xml.leaf("type", "Number");
            xml.leaf("unique", "false");
        }
        Kind::Text => {
            xml.leaf("length", &TEXT_LENGTH.to_string());
            xml.leaf("required", "false");
            xml.leaf("type", "Text");
            xml.leaf("unique", "false");
        }
    }
    xml.finish("CustomField")
}

/// The `OpportunityStage` standard value set: every stage of the deal
/// pipeline with its probability, whether it closes the deal, and its
/// forecast category.
fn opportunity_stages(stages: &[PipelineStage], problems: &mut Problems) -> String {
    if let Some(over) = stages.get(MAX_OPPORTUNITY_STAGES) {
        let span = over.stage.map(|s| s.name.span).unwrap_or_default();
        problems.add(names::too_many(
            "Salesforce opportunity stage list",
            stages.len(),
            MAX_OPPORTUNITY_STAGES,
            span,
        ));
    }

    let mut labels = UniqueLabels::new("Salesforce opportunity stages");
    let mut xml = Xml::document("StandardValueSet");
    xml.leaf("sorted", "false");
    for (index, stage) in stages.iter().enumerate() {
        let label = match (stage.stage, stage.outcome) {
            (Some(s), _) => Sourced::from(s.name.as_str(), s.name.span, "stage name"),
            (None, Outcome::Lost) => Sourced::fixed("Closed Lost"),
            (None, _) => Sourced::fixed("Closed Won"),
        };
        problems.add(labels.insert(&label));
        problems.add(names::too_long(
            "Salesforce opportunity stage",
            &label,
            MAX_PICKLIST_LABEL,
        ));

        xml.open("standardValue");
        xml.leaf("fullName", &label.text);
        // New opportunities start in the journey's first stage.
        xml.leaf("default", if index == 0 { "true" } else { "false" });
        xml.leaf("label", &label.text);
        xml.leaf(
            "closed",
            if stage.outcome == Outcome::Open {
                "false"
            } else {
                "true"
            },
        );
        xml.leaf("forecastCategory", forecast_category(stage));
        xml.leaf("probability", &stage.percent.to_string());
        xml.leaf(
            "won",
            if stage.outcome == Outcome::Won {
                "true"
            } else {
                "false"
            },
        );
        xml.close("standardValue");
    }
    xml.finish("StandardValueSet")
}

/// Salesforce's forecast categories by outcome and probability. `Forecast`
/// is the category the UI calls Commit.
fn forecast_category(stage: &PipelineStage) -> &'static str {
    match stage.outcome {
        Outcome::Won => "Closed",
        Outcome::Lost => "Omitted",
        Outcome::Open if stage.percent >= 90 => "Forecast",
        Outcome::Open if stage.percent >= 50 => "BestCase",
        Outcome::Open => "Pipeline",
    }
}

/// A metadata document being written, indented by four spaces like the
/// files Salesforce itself retrieves.
struct Xml {
    text: String,
    depth: usize,
}

impl Xml {
    fn document(root: &str) -> Xml {
        let mut text = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        text.push_str(&format!(
            "<{root} xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n"
        ));
        Xml { text, depth: 1 }
    }

    fn indent(&mut self) {
        self.text.push_str(&"    ".repeat(self.depth));
    }

    fn open(&mut self, tag: &str) {
        self.indent();
        self.text.push_str(&format!("<{tag}>\n"));
        self.depth += 1;
    }

    fn close(&mut self, tag: &str) {
        self.depth -= 1;
        self.indent();
        self.text.push_str(&format!("</{tag}>\n"));
    }

    fn leaf(&mut self, tag: &str, value: &str) {
        self.indent();
        self.text
            .push_str(&format!("<{tag}>{}</{tag}>\n", escape(value)));
    }

    fn finish(mut self, root: &str) -> String {
        self.text.push_str(&format!("</{root}>\n"));
        self.text
    }
}

/// Text content escaped for XML. Control characters below U+0020 other than
/// tab and line breaks, and the non-characters U+FFFE and U+FFFF, cannot
/// appear in an XML 1.0 document at all, even escaped, so they become
/// U+FFFD rather than making the file unreadable.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\t' | '\n' | '\r' => escaped.push(c),
            '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => escaped.push('\u{FFFD}'),
            c => escaped.push(c),
        }
    }
    escaped
}
