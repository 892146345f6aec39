//! Salesforce: the sfdx project, validated with `xmllint` against the
//! Metadata XSD, against the `sfdx-project.json` schema and the metadata
//! registry, with the API-name rules, the opportunity stages and the limits.

use std::collections::{BTreeMap, BTreeSet};

use journeyc::build::Target;
use journeyc::model::Ident;
use serde_json::{Value, json};

use super::support::{TempDir, load_journey, require_tool, root};
use super::{
    EXAMPLE, assert_reported, assert_valid, build, example_files, hubspot_properties, json_file,
    problems, stage_like, str_of, text,
};

const XSD: &str = "tests/vendor/salesforce/salesforce-metadata-v53-sourceformat.xsd";
pub(crate) const FIELDS: &str = "salesforce/force-app/main/default/objects";
pub(crate) const STAGES_FILE: &str = "salesforce/force-app/main/default/standardValueSets/OpportunityStage.standardValueSet-meta.xml";

fn salesforce_files(files: &BTreeMap<String, Vec<u8>>) -> Vec<&String> {
    files.keys().filter(|p| p.ends_with("-meta.xml")).collect()
}

/// The contents of every `<tag>…</tag>` in a document, unescaped. Enough
/// for the flat elements the tests read.
fn elements(xml: &str, tag: &str) -> Vec<String> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    xml.split(&open)
        .skip(1)
        .filter_map(|rest| rest.split_once(&close).map(|(inner, _)| unescape(inner)))
        .collect()
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Write the files to a temporary directory and validate all metadata files
/// in one `xmllint` run.
pub(crate) fn xmllint(files: &BTreeMap<String, Vec<u8>>) -> (bool, String) {
    let dir = TempDir::new("crm-xsd");
    let paths: Vec<_> = salesforce_files(files)
        .into_iter()
        .map(|path| dir.write(path, &files[path]))
        .collect();
    let output = std::process::Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(root().join(XSD))
        .args(&paths)
        .output()
        .expect("run xmllint");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn salesforce_metadata_validates_against_the_metadata_xsd() {
    if !require_tool("xmllint") {
        return;
    }
    let mut files = example_files(Target::Salesforce);
    let (valid, report) = xmllint(&files);
    assert!(valid, "xmllint refused the metadata:\n{report}");
    assert_eq!(
        report.matches(" validates").count(),
        salesforce_files(&files).len()
    );

    // The schema checks child order: the same field with two children
    // swapped is refused, so a pass above means the order is right.
    let path = format!("{FIELDS}/Opportunity/fields/MSP_Fit_Score__c.field-meta.xml");
    let swapped = text(&files, &path).replace(
        "    <precision>18</precision>\n    <required>false</required>\n",
        "    <required>false</required>\n    <precision>18</precision>\n",
    );
    assert_ne!(swapped, text(&files, &path), "the fixture was changed");
    files.insert(path, swapped.into_bytes());
    let (valid, report) = xmllint(&files);
    assert!(
        !valid,
        "a field with children out of order must not validate"
    );
    assert!(report.contains("MSP_Fit_Score__c"), "{report}");
}

#[test]
fn sfdx_project_validates_against_its_schema() {
    let files = example_files(Target::Salesforce);
    let schema_text =
        std::fs::read_to_string(root().join("tests/vendor/salesforce/sfdx-project.schema.json"))
            .expect("read the sfdx-project schema");
    let schema: Value = serde_json::from_str(&schema_text).expect("the schema is JSON");
    let validator = jsonschema::draft7::new(&schema).expect("the schema compiles");
    let project = json_file(&files, "salesforce/sfdx-project.json");
    assert_valid(&validator, &project, "sfdx-project.json");
    assert!(
        !validator.is_valid(&json!({ "sourceApiVersion": "62.0" })),
        "packageDirectories is required"
    );
}

#[test]
fn salesforce_paths_follow_the_metadata_registry() {
    let files = example_files(Target::Salesforce);
    let registry_text = std::fs::read_to_string(
        root().join("tests/vendor/salesforce/salesforce-metadata-registry.json"),
    )
    .expect("read the metadata registry");
    let registry: Value = serde_json::from_str(&registry_text).expect("the registry is JSON");
    let types = &registry["types"];
    let objects = str_of(&types["customobject"], "directoryName");
    let field = &types["customobject"]["children"]["types"]["customfield"];
    let (fields, field_suffix) = (str_of(field, "directoryName"), str_of(field, "suffix"));
    let value_sets = &types["standardvalueset"];
    let (value_set_dir, value_set_suffix) = (
        str_of(value_sets, "directoryName"),
        str_of(value_sets, "suffix"),
    );

    let project = json_file(&files, "salesforce/sfdx-project.json");
    let package = str_of(&project["packageDirectories"][0], "path");
    let base = format!("salesforce/{package}/main/default");

    let mut seen = BTreeSet::new();
    for path in salesforce_files(&files) {
        let xml = text(&files, path);
        let full_name = elements(&xml, "fullName")
            .into_iter()
            .next()
            .expect("a fullName");
        let rest = path
            .strip_prefix(&format!("{base}/"))
            .expect("under the default package directory");
        let parts: Vec<&str> = rest.split('/').collect();
        match parts.as_slice() {
            [dir, object, dir2, file] if *dir == objects && *dir2 == fields => {
                assert!(["Opportunity", "Contact"].contains(object), "{path}");
                assert_eq!(
                    *file,
                    format!("{full_name}.{field_suffix}-meta.xml"),
                    "{path}"
                );
                assert!(
                    xml.contains("<CustomField xmlns=\"http://soap.sforce.com/2006/04/metadata\">")
                );
                seen.insert((*object).to_owned());
            }
            [dir, file] if *dir == value_set_dir => {
                assert_eq!(
                    *file,
                    format!("OpportunityStage.{value_set_suffix}-meta.xml"),
                    "{path}"
                );
                assert!(xml.contains(
                    "<StandardValueSet xmlns=\"http://soap.sforce.com/2006/04/metadata\">"
                ));
                seen.insert("OpportunityStage".to_owned());
            }
            _ => panic!("{path} is not where the registry puts metadata"),
        }
    }
    assert_eq!(
        seen,
        BTreeSet::from([
            "Contact".into(),
            "Opportunity".into(),
            "OpportunityStage".into()
        ])
    );
}

/// Salesforce's rules for a custom field's API name (vendor-formats §2.4).
fn is_salesforce_field_name(name: &str) -> bool {
    let Some(stem) = name.strip_suffix("__c") else {
        return false;
    };
    stem.len() <= 40
        && stem.starts_with(|c: char| c.is_ascii_alphabetic())
        && stem.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !stem.contains("__")
        && !stem.ends_with('_')
}

#[test]
fn salesforce_fields_follow_the_naming_rules_and_mirror_hubspot() {
    let (mut sources, journey) = load_journey(EXAMPLE);
    let files = build(&journey, &mut sources, Target::Salesforce);
    let hubspot = build(&journey, &mut sources, Target::Hubspot);

    for (object, hubspot_object) in [("Opportunity", "deals"), ("Contact", "contacts")] {
        let dir = format!("{FIELDS}/{object}/fields/");
        let mut names = BTreeSet::new();
        let mut labels = BTreeSet::new();
        for path in files.keys().filter(|p| p.starts_with(&dir)) {
            let xml = text(&files, path);
            let name = elements(&xml, "fullName")
                .into_iter()
                .next()
                .expect("a fullName");
            assert!(is_salesforce_field_name(&name), "API name `{name}`");
            let all_labels = elements(&xml, "label");
            let (label, values) = all_labels.split_first().expect("a label");
            assert!(label.chars().count() <= 40, "label `{label}` of {name}");
            assert!(
                labels.insert(label.to_lowercase()),
                "label `{label}` is unique on {object}"
            );
            assert!(
                values.len() <= 1_000,
                "{name} has at most 1,000 pick-list values"
            );
            for value in values {
                assert!(
                    value.chars().count() <= 255,
                    "pick-list value `{value}` of {name}"
                );
            }
            names.insert(name.to_lowercase().replace("__c", ""));
        }
        // The same fields as HubSpot, under each vendor's spelling.
        let hubspot_names: BTreeSet<String> = hubspot_properties(&hubspot, hubspot_object)
            .iter()
            .map(|p| str_of(p, "name").to_owned())
            .collect();
        assert_eq!(
            names, hubspot_names,
            "{object} mirrors HubSpot {hubspot_object}"
        );
    }

    let stage = text(
        &files,
        &format!("{FIELDS}/Contact/fields/MSP_Journey_Stage__c.field-meta.xml"),
    );
    assert_eq!(
        elements(&stage, "fullName")[1..],
        [
            "awareness",
            "consideration",
            "decision",
            "onboarding",
            "delivery",
            "renewal"
        ],
        "custom pick lists store ids, in journey order"
    );
    assert!(stage.contains("<restricted>true</restricted>"));
    let flag = text(
        &files,
        &format!("{FIELDS}/Opportunity/fields/MSP_CFO_Qualified__c.field-meta.xml"),
    );
    assert!(
        flag.contains("<defaultValue>false</defaultValue>")
            && flag.contains("<type>Checkbox</type>")
    );
}

/// Each opportunity stage as "label, probability, closed, won, forecast
/// category".
pub(crate) fn stage_rows(xml: &str) -> Vec<String> {
    xml.split("<standardValue>")
        .skip(1)
        .map(|value| {
            let one = |tag: &str| elements(value, tag).into_iter().next().unwrap_or_default();
            assert_eq!(
                one("fullName"),
                one("label"),
                "a standard value is named by its label"
            );
            ["label", "probability", "closed", "won", "forecastCategory"]
                .map(one)
                .join(", ")
        })
        .collect()
}

#[test]
fn opportunity_stages_list_the_whole_pipeline() {
    let files = example_files(Target::Salesforce);
    let xml = text(&files, STAGES_FILE);
    assert_eq!(
        stage_rows(&xml),
        [
            "Awareness, 2, false, false, Pipeline",
            "Consideration, 10, false, false, Pipeline",
            "Decision / Contract, 40, false, false, Pipeline",
            "Onboarding, 100, true, true, Closed",
            "Delivery, 100, true, true, Closed",
            "Renewal / Exit, 85, false, false, BestCase",
            "Closed Lost, 0, true, false, Omitted",
        ]
    );
    assert_eq!(
        elements(&xml, "default")
            .iter()
            .filter(|d| *d == "true")
            .count(),
        1,
        "one default stage"
    );
}

#[test]
fn a_stage_name_too_long_for_a_salesforce_label_is_reported_at_the_name() {
    let (mut sources, mut journey) = load_journey(EXAMPLE);
    journey.stages[2].name.value = "Decision, contract signature and countersignature".to_owned();
    let span = journey.stages[2].name.span;

    let problems = problems(&journey, &mut sources, Target::Salesforce);
    assert_reported(&problems, "JC502", span, "makes the Salesforce field label");
    assert_eq!(
        problems.len(),
        1,
        "reported once, not once per object: {problems:#?}"
    );
    assert!(
        problems[0]
            .help
            .as_deref()
            .is_some_and(|h| h.contains("by at least 20 characters"))
    );

    // HubSpot has no such limit: the same journey builds there.
    build(&journey, &mut sources, Target::Hubspot);
}

#[test]
fn a_stage_id_too_long_for_a_salesforce_api_name_is_reported_at_the_id() {
    let (mut sources, mut journey) = load_journey(EXAMPLE);
    journey.stages[1].id.value = Ident("consideration-of-managed-services".to_owned());
    let span = journey.stages[1].id.span;

    let problems = problems(&journey, &mut sources, Target::Salesforce);
    assert_reported(
        &problems,
        "JC502",
        span,
        "stage id makes the Salesforce field name `MSP_Consideration_Of_Managed_Services_Entry_Date__c` invalid",
    );
    assert!(
        problems[0].primary.text.contains("at most 40 allowed"),
        "{:?}",
        problems[0].primary
    );
    build(&journey, &mut sources, Target::Hubspot);
}

#[test]
fn more_stages_than_salesforce_allows_is_a_limit_problem() {
    let (mut sources, mut journey) = load_journey(EXAMPLE);
    let model = journey.stages[1].clone();
    for n in 0..100u32 {
        journey.stages.push(stage_like(
            &model,
            &format!("extra-{n}"),
            &format!("Extra {n}"),
            20_000 + 2 * n,
        ));
    }
    // 106 stages and Closed Lost: the 101st value is the 95th extra stage.
    let over = journey.stages[100].name.span;
    let problems = problems(&journey, &mut sources, Target::Salesforce);
    assert_reported(
        &problems,
        "JC503",
        over,
        "opportunity stage list has 107 values, more than the 100 allowed",
    );
}

#[test]
fn xml_text_is_escaped() {
    let (mut sources, mut journey) = load_journey(EXAMPLE);
    journey.stages[2].name.value = "Proposal & <MSA> \"redlines\"".to_owned();
    let files = build(&journey, &mut sources, Target::Salesforce);

    let stages = text(&files, STAGES_FILE);
    assert!(
        stages.contains("<label>Proposal &amp; &lt;MSA&gt; &quot;redlines&quot;</label>"),
        "{stages}"
    );
    assert!(elements(&stages, "label").contains(&"Proposal & <MSA> \"redlines\"".to_owned()));
    if require_tool("xmllint") {
        let (valid, report) = xmllint(&files);
        assert!(valid, "escaped text must still validate:\n{report}");
    }
}
