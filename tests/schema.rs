//! The published schema and the Rust model must not drift apart.

mod support;

#[test]
fn published_schema_matches_the_model() {
    let generated = journeyc::schema::generate();
    support::assert_golden("schemas/journey.schema.json", &generated);
}

#[test]
fn published_schema_is_a_valid_draft_07_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(journeyc::schema::PUBLISHED).expect("schema is JSON");
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert!(
        jsonschema::draft7::meta::is_valid(&schema),
        "schema does not match the draft-07 meta-schema"
    );
}

#[test]
fn published_deal_schema_matches_the_deal_model() {
    let generated = journeyc::schema::generate_deal();
    support::assert_golden("schemas/deal.schema.json", &generated);
}

#[test]
fn published_deal_schema_is_a_valid_draft_07_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(journeyc::schema::DEAL_PUBLISHED).expect("schema is JSON");
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(schema["$id"], journeyc::schema::DEAL_SCHEMA_ID);
    assert!(
        jsonschema::draft7::meta::is_valid(&schema),
        "schema does not match the draft-07 meta-schema"
    );
}
