//! Google Analytics 4 naming rules for the events a GA4 system logs.
//!
//! GA4 has no tracking-plan import (vendor formats §5.5): an event is sent
//! with a name and parameters, and GA4 drops or refuses what breaks its
//! rules, so the build checks them first. The GA4 event name is the event id
//! in snake_case; each field is a parameter named after its id; an enum
//! value is sent as a string value. The limits and reserved names come from
//! Google's "Event naming rules" and "Collection limits" help pages.

use std::collections::BTreeSet;

use super::JOURNEY_FIELDS;
use crate::build::View;
use crate::codes;
use crate::diagnostic::{Diagnostic, shorten};
use crate::model::{Event, EventField, FieldType, Product};
use crate::source::Span;

const MAX_NAME: usize = 40;
const MAX_PARAMETERS: usize = 25;
const MAX_STRING_VALUE: usize = 100;

/// Event names GA4 reserves for web and app streams.
const RESERVED_EVENTS: &[&str] = &[
    "ad_activeview",
    "ad_click",
    "ad_exposure",
    "ad_impression",
    "ad_query",
    "ad_reward",
    "adunit_exposure",
    "app_background",
    "app_clear_data",
    "app_exception",
    "app_install",
    "app_remove",
    "app_store_refund",
    "app_store_subscription_cancel",
    "app_store_subscription_convert",
    "app_store_subscription_renew",
    "app_update",
    "app_upgrade",
    "click",
    "dynamic_link_app_open",
    "dynamic_link_app_update",
    "dynamic_link_first_open",
    "error",
    "file_download",
    "firebase_campaign",
    "firebase_in_app_message_action",
    "firebase_in_app_message_dismiss",
    "firebase_in_app_message_impression",
    "first_open",
    "first_visit",
    "form_start",
    "form_submit",
    "in_app_purchase",
    "notification_dismiss",
    "notification_foreground",
    "notification_open",
    "notification_receive",
    "os_update",
    "page_view",
    "screen_view",
    "scroll",
    "session_start",
    "user_engagement",
    "video_complete",
    "view_complete",
    "video_progress",
    "video_start",
    "view_search_results",
];

/// Prefixes no event or parameter name may start with.
const RESERVED_PREFIXES: &[&str] = &["_", "firebase_", "ga_", "google_", "gtag.", "query_id"];

/// Parameter names GA4 reserves, or refuses as custom dimensions.
const RESERVED_PARAMETERS: &[&str] = &[
    "cid",
    "currency",
    "customer_id",
    "customerid",
    "dclid",
    "engagement_time_msec",
    "gclid",
    "session_id",
    "session_number",
    "sessionid",
    "sfmc_id",
    "sid",
    "srsltid",
    "uid",
    "user_id",
    "userid",
];

/// The GA4 name of a journey id: ids are lowercase words joined by `-`
/// or `_`, and GA4 accepts only letters, digits and `_`.
fn snake_case(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}

/// Why GA4 would refuse a name, if it would; `reserved` lists the
/// whole names it reserves for this kind of name.
fn name_problem(name: &str, reserved: &[&str]) -> Option<String> {
    let length = name.chars().count();
    if length > MAX_NAME {
        return Some(format!(
            "is {length} characters long; GA4 allows at most {MAX_NAME}"
        ));
    }
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Some("must start with a letter in GA4".to_owned());
    }
    if reserved.contains(&name) {
        return Some("is reserved by GA4".to_owned());
    }
    if let Some(prefix) = RESERVED_PREFIXES.iter().find(|p| name.starts_with(**p)) {
        return Some(format!("starts with `{prefix}`, a prefix GA4 reserves"));
    }
    None
}

/// Problems GA4 would raise for the events logged in a GA4 system.
pub(super) fn problems(view: &View<'_>, events: &[&Event]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for event in events {
        let system = event.system.as_ref().and_then(|s| view.system(s.as_str()));
        if system.is_none_or(|s| s.product.value != Product::Ga4) {
            continue;
        }

        let name = snake_case(event.id.as_str());
        if let Some(why) = name_problem(&name, RESERVED_EVENTS) {
            problems.push(
                Diagnostic::new(
                    &codes::VENDOR_NAME,
                    format!("GA4 event name `{}` of event `{}` {why}", shorten(&name), event.id),
                    event.id.span,
                    format!("becomes the GA4 event `{}`", shorten(&name)),
                )
                .with_help(
                    "choose an id that starts with a letter, has at most 40 characters and is not a name GA4 collects itself",
                ),
            );
        }

        let mut seen = BTreeSet::new();
        let parameters: Vec<&EventField> = event
            .fields
            .iter()
            .filter(|f| seen.insert(f.id.as_str()))
            .collect();
        let forgotten = JOURNEY_FIELDS
            .iter()
            .filter(|(n, _)| !seen.contains(n))
            .count();
        let count = parameters.len() + forgotten;
        if count > MAX_PARAMETERS {
            let first_over = parameters.get(MAX_PARAMETERS.saturating_sub(forgotten));
            problems.push(
                Diagnostic::new(
                    &codes::VENDOR_LIMIT,
                    format!(
                        "event `{}` has {count} fields; GA4 takes at most {} parameters per event",
                        event.id,
                        MAX_PARAMETERS
                    ),
                    first_over.map_or(event.id.span, |f| f.id.span),
                    "first field over the limit",
                )
                .with_help("log fewer fields in GA4, or record the details in the CRM and keep a reference here"),
            );
        }

        for field in parameters {
            field_problems(event, field, &mut problems);
        }
    }
    problems
}

/// A field logged in GA4 is an event parameter: its name follows the naming
/// rules and an enum value is a string value with a length limit.
fn field_problems(event: &Event, field: &EventField, problems: &mut Vec<Diagnostic>) {
    let name = snake_case(field.id.as_str());
    if let Some(why) = name_problem(&name, RESERVED_PARAMETERS) {
        problems.push(
            Diagnostic::new(
                &codes::VENDOR_NAME,
                format!("GA4 parameter `{}` of event `{}` {why}", shorten(&name), event.id),
                field.id.span,
                format!("becomes the GA4 parameter `{}`", shorten(&name)),
            )
            .with_help("rename the field: a letter first, at most 40 characters, no name or prefix GA4 reserves"),
        );
    }
    if field.field_type.value != FieldType::Enum {
        return;
    }
    for value in &field.values {
        let length = value.chars().count();
        if length > MAX_STRING_VALUE {
            problems.push(too_long_value(event, field, value.span, length));
        }
    }
}

fn too_long_value(event: &Event, field: &EventField, span: Span, length: usize) -> Diagnostic {
    Diagnostic::new(
        &codes::VENDOR_LIMIT,
        format!(
            "a value of field `{}` of event `{}` is {length} characters long; GA4 keeps at most {}",
            field.id, event.id, MAX_STRING_VALUE
        ),
        span,
        "GA4 would cut this value short",
    )
    .with_help("shorten the value; it is sent as the parameter's text")
}
