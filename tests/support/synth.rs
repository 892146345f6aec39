//! Synthetic journeys for benchmarks and size tests.
//!
//! `generate(n)` writes one valid journey file with `n` touchpoints spread
//! over the six spine stages, with owners, events and moments of truth that
//! grow with it, so every phase (schema, model, references, graph, rules)
//! does work proportional to the size. About 250 bytes per touchpoint:
//! 100,000 touchpoints make roughly 25 MB.

use std::fmt::Write;

const STAGES: [&str; 6] = [
    "awareness",
    "consideration",
    "decision",
    "onboarding",
    "delivery",
    "renewal",
];
const ROLES: [&str; 4] = ["cfo", "security", "operations", "it-manager"];

pub fn generate(touchpoints: usize) -> String {
    let owners = (touchpoints / 50).max(4);
    let events = (touchpoints / 20).max(6);
    let mut y = String::with_capacity(touchpoints * 260 + 8_192);

    y.push_str("journey:\n  id: synthetic\n  name: Synthetic journey\n  owner: owner-0\n");
    y.push_str("segment:\n  id: synthetic-segment\n  name: Synthetic segment\n  icp:\n    employees: { min: 20, max: 150 }\n    verticals: [finance]\n");
    y.push_str("teams:\n  - { id: sales, name: Sales, function: sales }\n  - { id: service, name: Service, function: service }\n");
    y.push_str("owners:\n");
    for i in 0..owners {
        let team = if i % 2 == 0 { "sales" } else { "service" };
        let _ = writeln!(
            y,
            "  - {{ id: owner-{i}, name: Owner {i}, team: {team}, email: owner{i}@example.com }}"
        );
    }
    y.push_str("systems:\n  - { id: crm, name: HubSpot, kind: crm, product: hubspot }\n  - { id: psa, name: ConnectWise, kind: psa, product: connectwise }\n  - { id: web, name: GA4, kind: web_analytics, product: ga4 }\n");
    y.push_str("drop_off_reasons:\n  - { id: no-budget, label: No budget }\n  - { id: lost-to-competitor, label: Lost to competitor }\n");

    y.push_str("stages:\n");
    for (i, stage) in STAGES.iter().enumerate() {
        let _ = writeln!(
            y,
            "  - id: {stage}\n    name: Stage {stage}\n    spine: {stage}"
        );
        if i == 0 {
            y.push_str("    start: true\n");
        }
        if i == 5 {
            y.push_str("    end: true\n");
        }
        let _ = writeln!(
            y,
            "    entry_criteria:\n      - criterion: Entered {stage}\n        event: event-{i}"
        );
        let _ = writeln!(y, "    exit_criteria:\n      - criterion: Left {stage}");
        let next = if i == 5 { "delivery" } else { STAGES[i + 1] };
        let _ = writeln!(y, "    transitions:\n      - to: {next}");
        y.push_str("    exit_paths:\n      - reason: no-budget\n        return_to: awareness\n");
    }

    y.push_str("committee:\n");
    for role in ROLES {
        let _ = writeln!(
            y,
            "  - id: {role}\n    name: Role {role}\n    fear: Risk\n    proof:\n      - stage: decision\n        assets: [proof-{role}]"
        );
    }
    y.push_str("proof_assets:\n");
    for role in ROLES {
        let _ = writeln!(
            y,
            "  - {{ id: proof-{role}, name: Proof for {role}, owner: owner-0, review_by: 2027-06-30 }}"
        );
    }

    y.push_str("events:\n");
    for i in 0..events {
        let system = ["crm", "psa", "web"][i % 3];
        let stage = STAGES[i % 6];
        let _ = writeln!(
            y,
            "  - id: event-{i}\n    name: Event {i}\n    system: {system}\n    stage: {stage}\n    fields:\n      - {{ id: stage, type: string }}\n      - {{ id: primary_role, type: string }}\n      - {{ id: trigger, type: string }}\n      - {{ id: amount_{i}, type: number, required: false }}"
        );
    }

    y.push_str("touchpoints:\n");
    for i in 0..touchpoints {
        let stage = STAGES[i % 6];
        let role = ROLES[i % 4];
        let _ = writeln!(
            y,
            "  - id: touchpoint-{i}\n    name: Touchpoint number {i}\n    stage: {stage}\n    function: service\n    artifact: Report {i}\n    owner: owner-{}\n    system: psa\n    event: event-{}\n    primary_role: {role}\n    heat: {{ pain: {}, delight: {}, moment_of_truth: {} }}",
            i % owners,
            i % events,
            i % 6,
            (i / 6) % 6,
            (i / 36) % 6
        );
    }

    let moments = (touchpoints / 100).max(1);
    y.push_str("moments_of_truth:\n");
    for i in 0..moments {
        let top = if i < 5 {
            "\n    top_priority: true"
        } else {
            ""
        };
        let _ = writeln!(
            y,
            "  - id: moment-{i}\n    touchpoint: touchpoint-{}\n    owner: owner-{}\n    kpi: KPI {i}\n    next_action: Action {i}{top}",
            i * 100 % touchpoints.max(1),
            i % owners
        );
    }
    y.push_str(
        "backlog:\n  - { id: fix-0, title: First fix, kind: quick, priority: 1, owner: owner-0 }\n",
    );

    y.push_str(
        "qualification:
  fit: { points: 30 }
  intent:
    - { id: whitepaper, name: Whitepaper, stage: awareness, points: 5 }
    - { id: pricing, name: Pricing page, stage: decision, points: 30, triggers_handoff: true }
  committee: { multiplier: 1.5, window_days: 30, roles: [cfo, it-manager] }
  threshold: 60
  cfo_qualified: { description: Cost model accepted }
  it_qualified: { description: Technical fit confirmed }
onboarding:
  pillars:
    - { pillar: sales_promise, deliverable: Handoff memo, owner: owner-0 }
    - { pillar: delivery_execution, deliverable: Implementation roadmap, owner: owner-1 }
    - { pillar: client_requirements, deliverable: Access checklist, owner: owner-1 }
  plan:
    - { id: memo, name: Handoff memo, pillar: sales_promise, owner: owner-0, due_day: 1 }
    - { id: discovery, name: Discovery, pillar: delivery_execution, owner: owner-1, due_day: 5, depends_on: [memo] }
    - { id: access, name: Access checklist, pillar: client_requirements, owner: owner-1, due_day: 10, depends_on: [discovery] }
roi:
  annual_revenue: 4000000
  gross_margin: 0.45
  baseline_churn: 0.12
  target_churn: 0.08
  additional_deals: 6
  average_contract_value: 60000
  costs:
    - { item: Workshops, amount: 12000 }
governance:
  board_kpi: { name: MQL to SQL rate, cadence: monthly }
  experiments:
    - { id: exp-a, name: A, kind: acquisition, owner: owner-0, kpi: MQL to SQL }
    - { id: exp-o, name: O, kind: onboarding, owner: owner-1, kpi: Time to value }
    - { id: exp-r, name: R, kind: retention, owner: owner-1, kpi: Churn }
baseline:
  - { id: mql-sql, name: MQL to SQL, value: 0.18 }
",
    );
    y
}
