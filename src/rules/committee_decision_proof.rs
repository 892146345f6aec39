//! JC413: every committee role has proof assets for the decision stage.

use super::{Context, Rule};
use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::SpineStage;

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC413",
        name: "committee-decision-proof-missing",
        severity: Severity::Error,
        phase: Phase::Rule,
        summary: "a committee role has no proof assets for the decision stage",
        doc: r#"## What it checks
Each committee role lists, under `proof:`, at least one proof asset for the
stage marked `spine: decision`.

## Why
At the decision stage every role needs its own evidence: the CFO an SLA with
financial penalties, Security a SOC 2 report, Operations an implementation
roadmap, the IT Manager a migration plan. A role without proof at decision
time is the one that stalls the signature.

## Example
```yaml
committee:
  - id: cfo
    name: CFO
    proof:
      - stage: consideration
        assets: [tco-model]
      # nothing for the decision stage
```

## How to fix
Add a `proof:` entry for the decision stage with the assets this role needs.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(decision) = ctx.journey.stages.iter().find(|s| {
        s.spine
            .as_ref()
            .is_some_and(|sp| sp.value == SpineStage::Decision)
    }) else {
        return; // spine-incomplete reports a journey without a decision stage.
    };
    for role in &ctx.journey.committee {
        let covered = role
            .proof
            .iter()
            .any(|p| p.stage.value == decision.id.value && !p.assets.is_empty());
        if !covered {
            out.push(
                Diagnostic::new(
                    &RULE.code,
                    format!(
                        "committee role `{}` has no proof for the decision stage",
                        role.id
                    ),
                    role.id.span,
                    format!("no proof assets for stage `{}`", decision.id),
                )
                .with_help(format!(
                    "add `proof: - stage: {}` with the assets this role needs to say yes",
                    decision.id
                )),
            );
        }
    }
}
