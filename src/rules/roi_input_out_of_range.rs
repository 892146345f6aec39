//! JC417: ROI inputs are in range.

use super::{Context, Rule};
use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Spanned;

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC417",
        name: "roi-input-out-of-range",
        severity: Severity::Error,
        phase: Phase::Rule,
        summary: "an ROI input is out of range: a rate outside 0 to 1, a negative amount or no cost",
        doc: r#"## What it checks
In `roi`: `gross_margin`, `baseline_churn` and `target_churn` are fractions
between 0 and 1; revenue, deal counts, contract value, expansion revenue and
savings are not negative; `costs` lists at least one cost and every cost is
above zero.

## Why
ROI % = (net benefit − cost) / cost × 100. A churn rate of 12 instead of 0.12
multiplies the benefit by a hundred, and a journey project with no cost has
an infinite ROI. The figures go to the board; they must be honest.

## Example
```yaml
roi:
  gross_margin: 45        # a fraction is expected: 0.45
```

## How to fix
Write rates as fractions (12% is `0.12`), amounts as positive numbers, and
list the real costs: workshop time, interviews, RevOps hours, integrations.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(roi) = &ctx.journey.roi else { return };
    for (name, value) in [
        ("gross_margin", &roi.gross_margin),
        ("baseline_churn", &roi.baseline_churn),
        ("target_churn", &roi.target_churn),
    ] {
        if !(0.0..=1.0).contains(&value.value) {
            // Only a value that reads as a percentage can be converted for the user.
            let help = if value.value > 1.0 && value.value <= 100.0 {
                format!(
                    "write the rate as a fraction: {}% is `{}`",
                    value.value,
                    value.value / 100.0
                )
            } else {
                "write the rate as a fraction between 0 and 1: 12% is `0.12`".to_owned()
            };
            out.push(
                Diagnostic::new(
                    &RULE.code,
                    format!(
                        "`{name}` is {}, not a fraction between 0 and 1",
                        value.value
                    ),
                    value.span,
                    "a rate is a fraction",
                )
                .with_help(help),
            );
        }
    }
    let amounts: [(&str, Option<&Spanned<f64>>); 5] = [
        ("annual_revenue", Some(&roi.annual_revenue)),
        ("additional_deals", Some(&roi.additional_deals)),
        ("average_contract_value", Some(&roi.average_contract_value)),
        ("expansion_revenue", roi.expansion_revenue.as_ref()),
        (
            "onboarding_failure_savings",
            roi.onboarding_failure_savings.as_ref(),
        ),
    ];
    for (name, value) in amounts {
        let Some(value) = value else { continue };
        if value.value < 0.0 {
            out.push(
                Diagnostic::new(
                    &RULE.code,
                    format!("`{name}` is negative"),
                    value.span,
                    "cannot be below zero",
                )
                .with_help("use zero or a positive amount"),
            );
        }
    }
    if roi.costs.is_empty() {
        out.push(
            Diagnostic::new(&RULE.code, "the ROI model lists no costs", roi.span, "no `costs`")
                .with_help("list the costs of the journey work: workshop time, interviews, RevOps hours, integrations"),
        );
    }
    for cost in &roi.costs {
        if cost.amount.value <= 0.0 {
            out.push(
                Diagnostic::new(
                    &RULE.code,
                    format!("cost `{}` is not above zero", cost.item),
                    cost.amount.span,
                    "a cost must be positive",
                )
                .with_help("write the amount the item costs, or remove the item"),
            );
        }
    }
}
