//! HubSpot artifacts: request bodies for the CRM v3 Properties and Pipelines
//! APIs, ready to send in this order.
//!
//! ```text
//! hubspot/deals.property-group.json     POST /crm/v3/properties/deals/groups
//! hubspot/contacts.property-group.json  POST /crm/v3/properties/contacts/groups
//! hubspot/deals.properties.json         POST /crm/v3/properties/deals/batch/create
//! hubspot/contacts.properties.json      POST /crm/v3/properties/contacts/batch/create
//! hubspot/deal-pipeline.json            POST /crm/v3/pipelines/deals
//! ```
//!
//! The bodies are valid for the v3 and the 2026-03 APIs alike: options
//! always carry a `displayOrder` (2026-03 requires it) and none of the
//! display hints that later versions dropped is written. The property group
//! goes first because a property names its group. Which fields exist, and
//! the pipeline's stages, come from [`super::names`], shared with Salesforce.

use serde::Serialize;

use super::Emit;
use super::names::{
    self, Choice, Field, Kind, Outcome, PipelineStage, Problems, Record, Sourced, UniqueLabels,
};
use crate::codes;
use crate::diagnostic::{Diagnostic, shorten};

/// The property group every journey property belongs to, on each record.
const GROUP_NAME: &str = "msp_journey";
const GROUP_LABEL: &str = "MSP customer journey";

/// HubSpot's limits on enumeration properties.
const MAX_OPTIONS: usize = 5_000;
/// An option's label, value and description together.
const MAX_OPTION_CHARS: usize = 3_000;

pub fn emit(emit: Emit<'_, '_>) {
    let fields = names::crm_fields(emit.view);
    let mut problems = Problems::default();

    for (record, object) in [(Record::Deal, "deals"), (Record::Contact, "contacts")] {
        let group = PropertyGroupCreate {
            name: GROUP_NAME,
            label: GROUP_LABEL,
            display_order: -1,
        };
        emit.out
            .json(format!("hubspot/{object}.property-group.json"), &group);

        let mut labels = UniqueLabels::new(match record {
            Record::Deal => "HubSpot deal properties",
            Record::Contact => "HubSpot contact properties",
        });
        let inputs: Vec<PropertyCreate> = fields
            .iter()
            .filter(|f| f.is_on(record))
            .enumerate()
            .map(|(order, field)| {
                problems.add(labels.insert(&field.label));
                property(field, order, &mut problems)
            })
            .collect();
        emit.out.json(
            format!("hubspot/{object}.properties.json"),
            &BatchInputPropertyCreate { inputs },
        );
    }

    let label = emit
        .view
        .journey
        .journey
        .as_ref()
        .map_or("Customer journey", |h| h.name.as_str());
    let pipeline = PipelineInput {
        label: label.to_owned(),
        display_order: 1,
        stages: pipeline_stages(&names::deal_pipeline(emit.view), &mut problems),
    };
    emit.out.json("hubspot/deal-pipeline.json", &pipeline);

    problems.report(emit.out);
}

/// The pairs of HubSpot `type` and `fieldType` journeyc writes. HubSpot
/// accepts only some combinations (an enumeration shown as a date field is
/// refused at import) and its schema does not say which; naming the pair
/// instead of writing two strings keeps an invalid one unwritable.
#[derive(Clone, Copy, Debug)]
enum Control {
    /// `enumeration` shown as a drop-down.
    Select,
    /// `bool` shown as a single checkbox.
    BooleanCheckbox,
    /// `date` shown as a date picker.
    Date,
    /// `number` shown as a number field.
    Number,
    /// `string` shown as a one-line text field.
    Text,
}

impl Control {
    fn of(kind: &Kind) -> Control {
        match kind {
            Kind::Choice(_) => Control::Select,
            Kind::Flag => Control::BooleanCheckbox,
            Kind::Date => Control::Date,
            Kind::Score { .. } => Control::Number,
            Kind::Text => Control::Text,
        }
    }

    /// `(type, fieldType)`.
    fn pair(self) -> (&'static str, &'static str) {
        match self {
            Control::Select => ("enumeration", "select"),
            Control::BooleanCheckbox => ("bool", "booleancheckbox"),
            Control::Date => ("date", "date"),
            Control::Number => ("number", "number"),
            Control::Text => ("string", "text"),
        }
    }
}

/// Body of `POST /crm/v3/properties/{objectType}/groups`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PropertyGroupCreate {
    name: &'static str,
    label: &'static str,
    /// -1: after HubSpot's own groups.
    display_order: i32,
}

/// Body of `POST /crm/v3/properties/{objectType}/batch/create`.
#[derive(Serialize)]
struct BatchInputPropertyCreate {
    inputs: Vec<PropertyCreate>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PropertyCreate {
    name: String,
    label: String,
    #[serde(rename = "type")]
    data_type: &'static str,
    field_type: &'static str,
    group_name: &'static str,
    description: String,
    display_order: i32,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    options: Vec<OptionInput>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OptionInput {
    label: String,
    value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    display_order: i32,
    hidden: bool,
}

fn property(field: &Field, order: usize, problems: &mut Problems) -> PropertyCreate {
    let name = names::hubspot_name(field);
    if let Some(problem) = names::hubspot_name_problem(&name) {
        problems.add(names::name_diagnostic("HubSpot", &name, &problem, field));
    }

    let (data_type, field_type) = Control::of(&field.kind).pair();
    let options = match &field.kind {
        Kind::Choice(choices) => options(&name, choices, problems),
        // HubSpot shows a single checkbox from these two options.
        Kind::Flag => vec![
            option("Yes".to_owned(), "true".to_owned(), None, 0),
            option("No".to_owned(), "false".to_owned(), None, 1),
        ],
        Kind::Date | Kind::Score { .. } | Kind::Text => Vec::new(),
    };
    PropertyCreate {
        label: field.label.text.clone(),
        data_type,
        field_type,
        group_name: GROUP_NAME,
        description: field.description.text.clone(),
        display_order: display_order(order),
        options,
        name,
    }
}

fn options(property: &str, choices: &[Choice], problems: &mut Problems) -> Vec<OptionInput> {
    if let Some(over) = choices.get(MAX_OPTIONS) {
        problems.add(names::too_many(
            &format!("HubSpot property `{property}`"),
            choices.len(),
            MAX_OPTIONS,
            over.label.source.map(|s| s.span).unwrap_or_default(),
        ));
    }

    let list = format!("HubSpot property `{property}`");
    let mut labels = UniqueLabels::new(&list);
    choices
        .iter()
        .enumerate()
        .map(|(order, choice)| {
            problems.add(labels.insert(&choice.label));
            problems.add(option_too_long(property, choice));
            option(
                choice.label.text.clone(),
                choice.value.to_owned(),
                choice.description.map(|d| d.value.clone()),
                order,
            )
        })
        .collect()
}

fn option(label: String, value: String, description: Option<String>, order: usize) -> OptionInput {
    OptionInput {
        label,
        value,
        description,
        display_order: display_order(order),
        hidden: false,
    }
}

/// HubSpot counts an option's label, value and description together; the
/// description is what usually runs long, so that is where it points.
fn option_too_long(property: &str, choice: &Choice) -> Option<Diagnostic> {
    let description = choice.description.map_or(0, |d| d.chars().count());
    let len = choice.label.text.chars().count() + choice.value.chars().count() + description;
    if len <= MAX_OPTION_CHARS {
        return None;
    }
    let (span, what) = match (choice.description, choice.label.source) {
        (Some(d), _) => (d.span, "description"),
        (None, Some(source)) => (source.span, source.what),
        (None, None) => return None,
    };
    Some(
        Diagnostic::new(
            &codes::VENDOR_NAME,
            format!(
                "option `{}` of the HubSpot property `{property}` is longer than {MAX_OPTION_CHARS} characters",
                shorten(choice.value)
            ),
            span,
            format!("{len} characters with label and value"),
        )
        .with_help(format!("shorten the {what} by at least {} characters", len - MAX_OPTION_CHARS)),
    )
}

/// Body of `POST /crm/v3/pipelines/deals`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PipelineInput {
    label: String,
    display_order: i32,
    stages: Vec<PipelineStageInput>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PipelineStageInput {
    label: String,
    display_order: i32,
    metadata: StageMetadata,
}

/// The schema types metadata values as strings, so numbers are written as
/// strings too (`"0.4"`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StageMetadata {
    /// 0.0 to 1.0 in steps of 0.1.
    probability: String,
    /// HubSpot reports it on every deal stage; sending it states the intent
    /// rather than leaving HubSpot to infer it from the probability.
    is_closed: String,
}

fn pipeline_stages(pipeline: &[PipelineStage], problems: &mut Problems) -> Vec<PipelineStageInput> {
    let mut labels = UniqueLabels::new("HubSpot deal pipeline");
    pipeline
        .iter()
        .enumerate()
        .map(|(order, stage)| {
            let label = match (stage.stage, stage.outcome) {
                (Some(s), _) => Sourced::from(s.name.as_str(), s.name.span, "stage name"),
                (None, Outcome::Lost) => Sourced::fixed("Closed lost"),
                (None, _) => Sourced::fixed("Closed won"),
            };
            problems.add(labels.insert(&label));
            PipelineStageInput {
                label: label.text,
                display_order: display_order(order),
                metadata: StageMetadata {
                    probability: tenths(stage),
                    is_closed: (stage.outcome != Outcome::Open).to_string(),
                },
            }
        })
        .collect()
}

/// HubSpot takes probabilities in steps of 0.1, and reads 0.0 as closed
/// lost and 1.0 as closed won, so an open stage is kept within 0.1..=0.9
/// (rounded half up: 85 % becomes 0.9, 2 % becomes 0.1).
fn tenths(stage: &PipelineStage) -> String {
    let tenths = match stage.outcome {
        Outcome::Won => 10,
        Outcome::Lost => 0,
        Outcome::Open => ((stage.percent + 5) / 10).clamp(1, 9),
    };
    format!("{}.{}", tenths / 10, tenths % 10)
}

fn display_order(index: usize) -> i32 {
    i32::try_from(index).unwrap_or(i32::MAX)
}
