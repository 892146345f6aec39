//! JC305: the six stages of the MSP spine are all present, once each.

use std::collections::HashMap;

use super::{Context, Rule};
use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::SpineStage;

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC305",
        name: "spine-stage-missing-or-repeated",
        severity: Severity::Error,
        phase: Phase::Rule,
        summary: "a stage of the six-stage MSP spine is missing or claimed by two stages",
        doc: r#"## What it checks
The journey has one stage for each of the six stages of the minimum viable
MSP spine, marked with `spine:` — `awareness`, `consideration`, `decision`,
`onboarding`, `delivery`, `renewal` — and no spine stage is claimed twice.
Extra stages without `spine:` are allowed.

## Why
The spine is what makes maps comparable across segments and what the CRM
pipeline and PSA templates are built on. A journey without onboarding, for
example, hides the most fragile moment of all: the handoff from Sales to
Service.

## Example
```yaml
stages:
  - id: pitch
    spine: decision
  - id: contract
    spine: decision      # decision is claimed twice
```

## How to fix
Add the missing stage with its `spine:` value, or remove `spine:` from the
extra stage that only refines one of the six.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let stages = &ctx.journey.stages;
    if stages.is_empty() {
        return;
    }
    let mut claimed: HashMap<SpineStage, &crate::model::Stage> = HashMap::new();
    for stage in stages {
        let Some(spine) = &stage.spine else { continue };
        match claimed.get(&spine.value) {
            Some(first) => out.push(
                Diagnostic::new(
                    &RULE.code,
                    format!("spine stage `{}` is claimed by two stages", spine.as_str()),
                    spine.span,
                    "second stage with this spine value",
                )
                .with_secondary(
                    first.spine.as_ref().map_or(first.id.span, |s| s.span),
                    "first stage with it",
                )
                .with_help("keep `spine:` on one of the two stages; the other is an extra stage"),
            ),
            None => {
                claimed.insert(spine.value, stage);
            }
        }
    }
    let missing: Vec<&str> = SpineStage::ALL
        .iter()
        .filter(|s| !claimed.contains_key(s))
        .map(|s| s.as_str())
        .collect();
    if !missing.is_empty() {
        out.push(
            Diagnostic::new(
                &RULE.code,
                format!(
                    "the journey spine is missing {}",
                    missing
                        .iter()
                        .map(|m| format!("`{m}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                ctx.header,
                "this journey",
            )
            .with_help("add a stage for each missing spine stage and mark it with `spine:`"),
        );
    }
}
