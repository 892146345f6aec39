//! The journey as a CRM sees it, and each vendor's naming rules.
//!
//! HubSpot and Salesforce carry the same journey fields on deals
//! (Salesforce opportunities) and contacts, and the same deal pipeline:
//! [`crm_fields`] and [`deal_pipeline`] define them once so the two targets
//! cannot drift apart. Field names are built from ids and never from labels:
//! neither vendor lets a field's name change once it exists, while labels are
//! reworded all the time. A name or label a vendor would refuse is a JC502
//! diagnostic at the journey value it came from, and a list longer than the
//! vendor allows a JC503, so that an import never fails halfway.

use super::View;
use crate::codes;
use crate::diagnostic::{Diagnostic, shorten};
use crate::model::{FieldType, Qualification, Signal, Stage, Text};
use crate::source::Span;

/// The CRM records the journey fields live on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Record {
    /// A HubSpot deal, a Salesforce opportunity.
    Deal,
    Contact,
}

const BOTH: &[Record] = &[Record::Deal, Record::Contact];
const CONTACT: &[Record] = &[Record::Contact];

/// The journey value a name, label or description was made from, and what
/// the journey calls it, for diagnostics.
#[derive(Clone, Copy, Debug)]
pub struct Source {
    pub span: Span,
    /// Such as "stage id" or "drop-off reason label".
    pub what: &'static str,
}

/// A piece of text with the journey value it came from; `None` for the
/// fixed text journeyc writes itself.
#[derive(Clone, Debug)]
pub struct Sourced {
    pub text: String,
    pub source: Option<Source>,
}

impl Sourced {
    pub fn fixed(text: impl Into<String>) -> Sourced {
        Sourced {
            text: text.into(),
            source: None,
        }
    }

    pub fn from(text: impl Into<String>, span: Span, what: &'static str) -> Sourced {
        Sourced {
            text: text.into(),
            source: Some(Source { span, what }),
        }
    }
}

/// A journey field in the CRM.
#[derive(Clone, Debug)]
pub struct Field<'a> {
    /// The words of the name as Salesforce spells them (`CFO`, `Qualified`);
    /// HubSpot lowercases them. Each vendor adds its prefix.
    pub words: Vec<String>,
    /// The id the variable part of the name came from, if any.
    pub name_source: Option<Source>,
    pub label: Sourced,
    pub description: Sourced,
    pub kind: Kind<'a>,
    pub records: &'static [Record],
}

impl Field<'_> {
    pub fn is_on(&self, record: Record) -> bool {
        self.records.contains(&record)
    }
}

/// What a field holds.
#[derive(Clone, Debug)]
pub enum Kind<'a> {
    /// One value from a list.
    Choice(Vec<Choice<'a>>),
    Date,
    /// Yes or no.
    Flag,
    /// A number with this many decimal places.
    Score {
        decimals: u8,
    },
    /// Free text of at most 255 characters.
    Text,
}

/// One value of a [`Kind::Choice`] field.
#[derive(Clone, Debug)]
pub struct Choice<'a> {
    /// The stored value: an id, or a value as the journey writes it. Events
    /// carry the same values, so records can be joined across systems.
    pub value: &'a str,
    /// What people see; its source is what a label problem points at.
    pub label: Sourced,
    /// Help text, where the journey has one.
    pub description: Option<&'a Text>,
}

/// The journey fields, in the order the CRM should show them.
pub fn crm_fields<'a>(view: &View<'a>) -> Vec<Field<'a>> {
    let journey = view.journey;
    let mut fields = vec![journey_stage(view)];
    fields.extend(view.stages.iter().map(|stage| entry_date(stage)));

    let reasons = journey.drop_off_reasons.iter().map(|r| Choice {
        value: r.id.as_str(),
        label: Sourced::from(r.label.as_str(), r.label.span, "drop-off reason label"),
        description: r.description.as_ref(),
    });
    fields.push(Field::fixed(
        &["Drop", "Off", "Reason"],
        "Drop-off / lost reason",
        "Why the account left the journey.",
        Kind::Choice(reasons.collect()),
    ));

    fields.push(trigger_event(view));

    let roles = journey.committee.iter().map(|r| Choice {
        value: r.id.as_str(),
        label: Sourced::from(r.name.as_str(), r.name.span, "committee role name"),
        description: None,
    });
    fields.push(Field {
        records: CONTACT,
        ..Field::fixed(
            &["Committee", "Role"],
            "Committee role",
            "The contact's role in the buying committee.",
            Kind::Choice(roles.collect()),
        )
    });

    fields.extend(qualification_fields(
        journey.qualification.as_ref().map(|q| &q.value),
    ));
    fields
}

impl<'a> Field<'a> {
    /// A field on deals and contacts whose name, label and description
    /// journeyc writes itself.
    fn fixed(
        words: &[&str],
        label: &str,
        description: impl Into<String>,
        kind: Kind<'a>,
    ) -> Field<'a> {
        Field {
            words: words.iter().map(|w| (*w).to_owned()).collect(),
            name_source: None,
            label: Sourced::fixed(label),
            description: Sourced::fixed(description),
            kind,
            records: BOTH,
        }
    }
}

fn journey_stage<'a>(view: &View<'a>) -> Field<'a> {
    let stages = view.stages.iter().map(|s| Choice {
        value: s.id.as_str(),
        label: Sourced::from(s.name.as_str(), s.name.span, "stage name"),
        description: s.description.as_ref(),
    });
    Field::fixed(
        &["Journey", "Stage"],
        "Journey stage",
        "Where the account is in the customer journey.",
        Kind::Choice(stages.collect()),
    )
}

/// One date field per stage: when the account entered it.
fn entry_date<'a>(stage: &'a Stage) -> Field<'a> {
    let mut words: Vec<String> = stage
        .id
        .as_str()
        .split(['-', '_'])
        .map(capitalize)
        .collect();
    words.extend(["Entry".to_owned(), "Date".to_owned()]);
    Field {
        words,
        name_source: Some(Source {
            span: stage.id.span,
            what: "stage id",
        }),
        label: Sourced::from(
            format!("{} entry date", stage.name.as_str()),
            stage.name.span,
            "stage name",
        ),
        description: Sourced::from(
            format!(
                "When the account entered the journey stage \"{}\".",
                stage.name.as_str()
            ),
            stage.name.span,
            "stage name",
        ),
        kind: Kind::Date,
        records: BOTH,
    }
}

fn trigger_event<'a>(view: &View<'a>) -> Field<'a> {
    let triggers = trigger_values(view);
    // Without a list of trigger values in the event schema, the trigger can
    // only be recorded as text.
    let kind = if triggers.is_empty() {
        Kind::Text
    } else {
        Kind::Choice(
            triggers
                .into_iter()
                .map(|t| Choice {
                    value: t.as_str(),
                    label: Sourced::from(humanize(t), t.span, "trigger value"),
                    description: None,
                })
                .collect(),
        )
    };
    Field::fixed(
        &["Trigger", "Event"],
        "Trigger event",
        "What set the account in motion: a compliance deadline, a critical incident, a leadership change.",
        kind,
    )
}

/// The qualification signals and scores. Descriptions carry the journey's
/// own wording and numbers where it has them.
fn qualification_fields<'a>(qualification: Option<&'a Qualification>) -> Vec<Field<'a>> {
    let signal = |signal: Option<&'a Signal>, fallback: &str| match signal {
        Some(s) => Sourced::from(
            s.description.as_str(),
            s.description.span,
            "signal description",
        ),
        None => Sourced::fixed(fallback),
    };
    let cfo = qualification.and_then(|q| q.cfo_qualified.as_deref());
    let it = qualification.and_then(|q| q.it_qualified.as_deref());

    let fit = match qualification.and_then(|q| q.fit.as_deref()) {
        Some(fit) => format!(
            "Fit score: {} points when the firmographics match the segment's ideal customer profile.",
            fit.points.value
        ),
        None => "Fit score: points for matching the segment's ideal customer profile.".to_owned(),
    };
    let committee = match qualification.and_then(|q| q.committee.as_deref()) {
        Some(c) => format!(
            "Committee coverage multiplier: {} when the committee roles engage within {} days, otherwise 1.",
            c.multiplier.value, c.window_days.value
        ),
        None => "Committee coverage multiplier applied to the intent score.".to_owned(),
    };
    let qualified = match qualification.and_then(|q| q.threshold.as_ref()) {
        Some(t) => format!(
            "A managed-services qualified lead: fit, intent and committee coverage all met, with a score of at least {}.",
            t.value
        ),
        None => "A managed-services qualified lead: fit, intent and committee coverage all met."
            .to_owned(),
    };

    vec![
        Field {
            description: signal(cfo, "The CFO accepted the cost model."),
            ..Field::fixed(&["CFO", "Qualified"], "CFO-qualified", "", Kind::Flag)
        },
        Field {
            description: signal(it, "IT confirmed the technical fit."),
            ..Field::fixed(&["IT", "Qualified"], "IT-qualified", "", Kind::Flag)
        },
        Field::fixed(
            &["Fit", "Score"],
            "Fit score",
            fit,
            Kind::Score { decimals: 0 },
        ),
        Field::fixed(
            &["Intent", "Score"],
            "Intent score",
            "Intent score: the sum of the points of the behavioural signals seen, scored by stage.",
            Kind::Score { decimals: 0 },
        ),
        Field::fixed(
            &["Committee", "Score"],
            "Committee score",
            committee,
            Kind::Score { decimals: 2 },
        ),
        Field::fixed(
            &["Qualified"],
            "Managed-services qualified",
            qualified,
            Kind::Flag,
        ),
    ]
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The values an event's `trigger` field may take, across all events, in
/// the order they are first written.
fn trigger_values<'a>(view: &View<'a>) -> Vec<&'a Text> {
    let mut values: Vec<&Text> = Vec::new();
    let fields = view.journey.events.iter().flat_map(|e| &e.fields);
    for field in
        fields.filter(|f| f.id.as_str() == "trigger" && f.field_type.value == FieldType::Enum)
    {
        for value in &field.values {
            if !values.iter().any(|v| v.as_str() == value.as_str()) {
                values.push(value);
            }
        }
    }
    values
}

/// `compliance_deadline` → `Compliance deadline`.
fn humanize(value: &str) -> String {
    capitalize(&value.replace(['_', '-'], " "))
}

/// How a deal leaves the pipeline at a stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Open,
    Won,
    Lost,
}

/// A stage of the deal pipeline. `stage` is `None` for the closing stages
/// the journey does not declare; each vendor names those its own way.
#[derive(Clone, Copy, Debug)]
pub struct PipelineStage<'a> {
    pub stage: Option<&'a Stage>,
    pub outcome: Outcome,
    /// Probability in whole percent.
    pub percent: u32,
}

/// The deal pipeline: the journey's stages in journey order, then a way to
/// win if no stage has probability 1 and always a way to lose.
///
/// A stage with probability 1 is where the deal is won. A journey models
/// losing as exit paths rather than a stage, so "closed lost" is added. A
/// stage without a probability counts as 0: open, at the vendor's lowest
/// open probability.
pub fn deal_pipeline<'a>(view: &View<'a>) -> Vec<PipelineStage<'a>> {
    let mut stages: Vec<PipelineStage> = view
        .stages
        .iter()
        .map(|&stage| {
            // The schema keeps probabilities within 0..=1; clamp anyway so
            // that a model built in code cannot make a vendor value invalid.
            // FIXME: a stage without `probability` silently counts as 0; a
            // check rule should ask for one on every pipeline stage.
            let percent = stage
                .probability
                .as_ref()
                .map_or(0.0, |p| (p.value * 100.0).round());
            let percent = percent.clamp(0.0, 100.0) as u32;
            let outcome = if percent == 100 {
                Outcome::Won
            } else {
                Outcome::Open
            };
            PipelineStage {
                stage: Some(stage),
                outcome,
                percent,
            }
        })
        .collect();
    if !stages.iter().any(|s| s.outcome == Outcome::Won) {
        stages.push(PipelineStage {
            stage: None,
            outcome: Outcome::Won,
            percent: 100,
        });
    }
    stages.push(PipelineStage {
        stage: None,
        outcome: Outcome::Lost,
        percent: 0,
    });
    stages
}

/// The HubSpot internal name of a field: `msp_` and the words in lowercase.
pub fn hubspot_name(field: &Field) -> String {
    let words: Vec<String> = field.words.iter().map(|w| w.to_lowercase()).collect();
    format!("msp_{}", words.join("_"))
}

/// Why HubSpot would refuse an internal name: it must match
/// `^[a-z][a-z0-9_]{0,99}$`.
pub fn hubspot_name_problem(name: &str) -> Option<String> {
    let len = name.chars().count();
    if len > 100 {
        return Some(format!("{len} characters, at most 100 allowed"));
    }
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Some("must start with a lowercase letter".to_owned());
    }
    if name
        .chars()
        .any(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
    {
        return Some("only lowercase letters, digits and `_` are allowed".to_owned());
    }
    None
}

/// The Salesforce API name of a field: `MSP_`, the words joined by `_`,
/// and `__c`.
pub fn salesforce_name(field: &Field) -> String {
    format!("MSP_{}__c", field.words.join("_"))
}

/// Why Salesforce would refuse a custom field's API name: at most 40
/// characters before `__c`, starting with a letter, only letters, digits
/// and `_`, no `__` and no `_` at the end.
pub fn salesforce_name_problem(api_name: &str) -> Option<String> {
    let Some(stem) = api_name.strip_suffix("__c") else {
        return Some("a custom field's name must end in `__c`".to_owned());
    };
    let len = stem.chars().count();
    if len > 40 {
        return Some(format!("{len} characters before `__c`, at most 40 allowed"));
    }
    if !stem.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Some("must start with a letter".to_owned());
    }
    if stem
        .chars()
        .any(|c| !(c.is_ascii_alphanumeric() || c == '_'))
    {
        return Some("only letters, digits and `_` are allowed".to_owned());
    }
    if stem.contains("__") {
        return Some("must not contain `__`".to_owned());
    }
    if stem.ends_with('_') {
        return Some("must not end with `_`".to_owned());
    }
    None
}

/// A field name the vendor would refuse, reported at the id it came from.
/// Names without a source are fixed by journeyc, and the test suite checks
/// them against the same rules, so they never get here.
pub fn name_diagnostic(
    vendor: &str,
    name: &str,
    problem: &str,
    field: &Field,
) -> Option<Diagnostic> {
    let source = field.name_source?;
    Some(
        Diagnostic::new(
            &codes::VENDOR_NAME,
            format!(
                "{} makes the {vendor} field name `{}` invalid",
                source.what,
                shorten(name)
            ),
            source.span,
            problem.to_owned(),
        )
        .with_help(format!(
            "shorten or simplify the {}; a {vendor} field name cannot change once the field exists",
            source.what
        )),
    )
}

/// A label or text longer than the vendor accepts, reported at the journey
/// value it came from.
pub fn too_long(vendor_thing: &str, text: &Sourced, limit: usize) -> Option<Diagnostic> {
    let len = text.text.chars().count();
    if len <= limit {
        return None;
    }
    let source = text.source?;
    Some(
        Diagnostic::new(
            &codes::VENDOR_NAME,
            format!(
                "{} makes the {vendor_thing} `{}` longer than {limit} characters",
                source.what,
                shorten(&text.text)
            ),
            source.span,
            format!("{len} characters"),
        )
        .with_help(format!(
            "shorten the {} by at least {} characters",
            source.what,
            len - limit
        )),
    )
}

/// Checks that labels are unique within one list (a pick list, a pipeline,
/// the fields of one record). Vendors compare labels without regard to
/// case, so journeyc does too.
pub struct UniqueLabels<'s> {
    /// Such as "HubSpot property `msp_journey_stage`".
    list: &'s str,
    seen: Vec<(String, Option<Source>)>,
}

impl<'s> UniqueLabels<'s> {
    pub fn new(list: &'s str) -> UniqueLabels<'s> {
        UniqueLabels {
            list,
            seen: Vec::new(),
        }
    }

    /// Record a label; a diagnostic if an earlier one reads the same.
    pub fn insert(&mut self, label: &Sourced) -> Option<Diagnostic> {
        let folded = label.text.trim().to_lowercase();
        let Some((_, first)) = self.seen.iter().find(|(seen, _)| *seen == folded) else {
            self.seen.push((folded, label.source));
            return None;
        };
        let first = *first;
        let text = shorten(&label.text);
        match (label.source, first) {
            (Some(second), first) => {
                let diagnostic = Diagnostic::new(
                    &codes::VENDOR_NAME,
                    format!("label `{text}` is used twice in the {}", self.list),
                    second.span,
                    "second use",
                )
                .with_help(format!("give each {} a different text", second.what));
                Some(match first {
                    Some(first) => diagnostic.with_secondary(first.span, "first use"),
                    None => diagnostic,
                })
            }
            // journeyc adds its own labels last (`Closed lost`), so a clash
            // with one is reported at the journey's value.
            (None, Some(first)) => Some(
                Diagnostic::new(
                    &codes::VENDOR_NAME,
                    format!("label `{text}` is reserved in the {}", self.list),
                    first.span,
                    "reserved label",
                )
                .with_help(format!("rename the {}", first.what)),
            ),
            (None, None) => None,
        }
    }
}

/// A list longer than the vendor accepts, reported at its first item over
/// the limit.
pub fn too_many(
    vendor_list: &str,
    count: usize,
    limit: usize,
    first_over: Span,
) -> Option<Diagnostic> {
    (count > limit).then(|| {
        Diagnostic::new(
            &codes::VENDOR_LIMIT,
            format!("the {vendor_list} has {count} values, more than the {limit} allowed"),
            first_over,
            format!("value {} of at most {limit}", limit + 1),
        )
        .with_help(format!(
            "remove at least {} values from the list",
            count - limit
        ))
    })
}

/// Diagnostics of one target, at most one per journey value and code. A
/// duplicate stage name would otherwise be reported for the stage pick list,
/// the pipeline and the entry-date field of each record; the first report,
/// which names the most direct cause, is kept.
#[derive(Default)]
pub struct Problems(Vec<Diagnostic>);

impl Problems {
    pub fn add(&mut self, diagnostic: Option<Diagnostic>) {
        let Some(diagnostic) = diagnostic else { return };
        let known = self.0.iter().any(|d| {
            d.primary.span == diagnostic.primary.span && d.code.code == diagnostic.code.code
        });
        if !known {
            self.0.push(diagnostic);
        }
    }

    pub fn report(self, out: &mut super::Output) {
        for diagnostic in self.0 {
            out.problem(diagnostic);
        }
    }
}
