//! The OpenAPI document as the contract requests are held to.
//!
//! The document the routes generate is put in its final form once ([`normalize`]: integer formats
//! as JSON Schema knows them, with the Rust type's range), served as `/api/openapi.json`, and used
//! to check every JSON body and query string before it is deserialized ([`Contract::check_body`],
//! [`Contract::check_query`]): a request with problems is answered once with every problem —
//! missing, wrong type, a value outside an enum (naming the allowed ones), out of range, a field
//! the request does not have — instead of serde's first one.
//!
//! Pure functions over `serde_json::Value` schemas; the extractors in `extract.rs` call them.
//!
//! This file is long because its unit tests (326 lines) sit beside the document normalisation they
//! check.

use std::sync::LazyLock;

use serde_json::{Map, Value};
use shared::error::FieldErrors;
use shared::validate::FieldError;

/// The normalized document of every route, built on first use.
pub static DOCUMENT: LazyLock<Value> = LazyLock::new(|| {
    let mut doc = serde_json::to_value(crate::app::openapi()).unwrap_or(Value::Null);
    normalize(&mut doc);
    for_generators(&mut doc);
    complete_responses(&mut doc);
    doc
});

/// The checks against the document's component schemas.
pub static CONTRACT: LazyLock<Contract> = LazyLock::new(|| Contract::of(&DOCUMENT));

/// Rewrites the non-standard integer formats utoipa gives Rust's integer types (`u-int8`, `u-int32`,
/// …) as the standard `int32`/`int64` with the type's range as `minimum`/`maximum`, everywhere in
/// `doc` (schemas, parameters, bodies). A range the field already narrows is kept.
pub fn normalize(doc: &mut Value) {
    match doc {
        Value::Object(map) => {
            if let Some(format) = map.get("format").and_then(Value::as_str) {
                let range: Option<(&str, i64, Option<i64>)> = match format {
                    "int8" => Some(("int32", i8::MIN as i64, Some(i8::MAX as i64))),
                    "int16" => Some(("int32", i16::MIN as i64, Some(i16::MAX as i64))),
                    "u-int8" | "uint8" => Some(("int32", 0, Some(u8::MAX as i64))),
                    "u-int16" | "uint16" => Some(("int32", 0, Some(u16::MAX as i64))),
                    "u-int32" | "uint32" => Some(("int64", 0, Some(u32::MAX as i64))),
                    "u-int64" | "uint64" => Some(("int64", 0, None)),
                    _ => None,
                };
                if let Some((standard, min, max)) = range {
                    map.insert("format".into(), standard.into());
                    let narrower_min = map.get("minimum").and_then(Value::as_f64).is_some_and(|m| m >= min as f64);
                    if !narrower_min {
                        map.insert("minimum".into(), min.into());
                    }
                    if let Some(max) = max {
                        let narrower_max = map.get("maximum").and_then(Value::as_f64).is_some_and(|m| m <= max as f64);
                        if !narrower_max {
                            map.insert("maximum".into(), max.into());
                        }
                    }
                }
            }
            map.values_mut().for_each(normalize);
        }
        Value::Array(items) => items.iter_mut().for_each(normalize),
        _ => {}
    }
}

/// Documents every operation's failures in the error shape: the statuses every request can meet
/// (422 for a request with parameters or a body; 413 and 415 for a body) and a `default` for the
/// rest (401, 403, 429, 503… as they apply), and a JSON body's size limit.
pub fn complete_responses(doc: &mut Value) {
    let error = |description: &str| {
        serde_json::json!({"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}}})
    };
    let limit = format!("JSON, at most {} MiB.", crate::app::BODY_LIMIT / (1024 * 1024));
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else { return };
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for item in paths.values().filter_map(Value::as_object) {
        for op in item.values() {
            if let Some(id) = op.get("operationId").and_then(Value::as_str) {
                *seen.entry(id.to_owned()).or_default() += 1;
            }
        }
    }
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else { continue };
        for (method, op) in item.iter_mut() {
            if !["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                continue;
            }
            let Some(op) = op.as_object_mut() else { continue };
            // The handler's name is the operation's id where it is unique; a name several
            // handlers share (`verify`, `list`) becomes the method and path's words.
            let id = op.get("operationId").and_then(Value::as_str).unwrap_or_default().to_owned();
            if id.is_empty() || seen.get(&id).copied().unwrap_or(0) > 1 {
                op.insert("operationId".into(), operation_id(method, path).into());
            }
            let has_params = op.get("parameters").and_then(Value::as_array).is_some_and(|p| !p.is_empty());
            let body = op.get_mut("requestBody").and_then(Value::as_object_mut);
            let has_body = body.is_some();
            if let Some(body) = body {
                let json = body.get("content").and_then(|c| c.get("application/json")).is_some();
                if json && !body.contains_key("description") {
                    body.insert("description".into(), limit.clone().into());
                }
            }
            let responses = op.entry("responses").or_insert_with(|| Value::Object(Map::new()));
            let Some(responses) = responses.as_object_mut() else { continue };
            if has_params || has_body {
                responses.entry("422").or_insert_with(|| {
                    error("Problems with the request's parameters or body, every one named in `error.fields`")
                });
            }
            if has_body {
                responses.entry("413").or_insert_with(|| error("The body is over the route's size limit"));
                responses.entry("415").or_insert_with(|| error("The body is not of the type the route takes"));
            }
            responses.entry("default").or_insert_with(|| error("Any other failure, in the error shape"));
        }
    }
}

/// Spells for client generators what they cannot read otherwise, keeping the meaning:
/// - a tagged union flattened into an object (`allOf` holding a `oneOf` whose alternatives are
///   told apart by a tag property, as serde's `flatten` of a tagged enum gives) becomes a `oneOf`
///   of one named object per tag value (`NewPostingDemand`…) with a `discriminator`;
/// - a tuple's `items: false` beside its `prefixItems` is dropped (the tuple's length is its
///   `prefixItems`').
pub fn for_generators(doc: &mut Value) {
    drop_tuple_items(doc);
    while let Some((name, index, alternatives)) = flattened_union(doc) {
        let Some(schemas) = doc.pointer_mut("/components/schemas").and_then(Value::as_object_mut) else { return };
        let Some(schema) = schemas.get(&name).cloned() else { return };
        let parts = schema.get("allOf").and_then(Value::as_array).cloned().unwrap_or_default();
        let rest: Vec<Value> = parts.iter().enumerate().filter(|(i, _)| *i != index).map(|(_, p)| p.clone()).collect();
        let (mut refs, mut mapping, mut tag) = (Vec::new(), Map::new(), String::new());
        for (alternative, (property, value)) in alternatives {
            let named = format!("{name}{}", camel(&value));
            let mut all = vec![alternative];
            all.extend(rest.iter().cloned());
            schemas.insert(named.clone(), serde_json::json!({ "allOf": all }));
            let reference = format!("#/components/schemas/{named}");
            refs.push(serde_json::json!({ "$ref": reference }));
            mapping.insert(value, reference.into());
            tag = property;
        }
        let mut union = serde_json::json!({"oneOf": refs, "discriminator": {"propertyName": tag, "mapping": mapping}});
        if let Some(description) = schema.get("description") {
            union["description"] = description.clone();
        }
        schemas.insert(name, union);
    }
}

fn drop_tuple_items(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if map.get("items") == Some(&Value::Bool(false)) && map.contains_key("prefixItems") {
                map.remove("items");
            }
            map.values_mut().for_each(drop_tuple_items);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_tuple_items),
        _ => {}
    }
}

/// `joint_rnd` → `JointRnd`.
fn camel(code: &str) -> String {
    code.split(['_', '-'])
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
        })
        .collect()
}

/// An alternative of a tagged union with its (tag property, value).
type Tagged = (Value, (String, String));

/// The first component that is an `allOf` holding a tagged `oneOf`: its name, the part's index
/// and each alternative with its (tag property, value).
fn flattened_union(doc: &Value) -> Option<(String, usize, Vec<Tagged>)> {
    let contract = Contract::of(doc);
    for (name, schema) in &contract.schemas {
        for (index, part) in schema.get("allOf").and_then(Value::as_array).into_iter().flatten().enumerate() {
            let Some(alternatives) = contract.resolve(part).get("oneOf").and_then(Value::as_array) else { continue };
            let tagged: Option<Vec<_>> = alternatives
                .iter()
                .map(|a| contract.tag_of(a).map(|(p, v)| (a.clone(), (p.to_owned(), enum_text(v)))))
                .collect();
            if let Some(tagged) = tagged.filter(|t| !t.is_empty()) {
                return Some((name.clone(), index, tagged));
            }
        }
    }
    None
}

/// `post /api/v1/admin/orgs/{id}/verify` → `post_admin_orgs_id_verify`.
fn operation_id(method: &str, path: &str) -> String {
    let words = path
        .split('/')
        .filter(|w| !w.is_empty() && *w != "api" && *w != "v1")
        .map(|w| w.trim_matches(['{', '}']).replace(|c: char| !c.is_ascii_alphanumeric(), "_"));
    std::iter::once(method.to_owned()).chain(words).collect::<Vec<_>>().join("_")
}

/// Component schemas by name, for resolving `$ref`s.
pub struct Contract {
    schemas: Map<String, Value>,
}

/// The JSON types a schema names, as the error a value of another type gets.
fn expected(ty: &str) -> FieldError {
    match ty {
        "integer" => FieldError::ExpectedInteger,
        "number" => FieldError::ExpectedNumber,
        "string" => FieldError::ExpectedText,
        "boolean" => FieldError::ExpectedBoolean,
        "array" => FieldError::ExpectedList,
        "object" => FieldError::ExpectedObject,
        _ => FieldError::Invalid,
    }
}

fn is_type(v: &Value, ty: &str) -> bool {
    match ty {
        "null" => v.is_null(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        _ => true,
    }
}

fn types(s: &Value) -> Vec<&str> {
    match s.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn join(at: &str, name: &str) -> String {
    if at.is_empty() { name.to_owned() } else { format!("{at}.{name}") }
}

fn enum_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The properties, required names and openness of an object schema, merged over `allOf` and the
/// chosen `oneOf` alternative (serde's `flatten` and tagged enums compose objects this way).
#[derive(Default)]
struct ObjectView<'a> {
    properties: Vec<(&'a str, &'a Value)>,
    required: Vec<&'a str>,
    open: bool,
    /// A `oneOf` whose alternatives are told apart by a tag property none of them matched.
    bad_tag: Option<(&'a str, Vec<String>)>,
}

impl Contract {
    pub fn of(doc: &Value) -> Contract {
        let schemas = doc.pointer("/components/schemas").and_then(Value::as_object).cloned().unwrap_or_default();
        Contract { schemas }
    }

    /// The schema a `$ref` names (followed to the end), or `s` itself.
    fn resolve<'a>(&'a self, mut s: &'a Value) -> &'a Value {
        for _ in 0..16 {
            match s.get("$ref").and_then(Value::as_str) {
                Some(r) => match self.schemas.get(r.rsplit('/').next().unwrap_or_default()) {
                    Some(next) => s = next,
                    None => return &Value::Null,
                },
                None => return s,
            }
        }
        s
    }

    /// Every problem of `value` against `schema`, fields named from the body's top (`a.b`).
    pub fn check_body(&self, value: &Value, schema: &Value) -> FieldErrors {
        let mut errs = FieldErrors::new();
        self.check(value, schema, "", &mut errs);
        errs
    }

    /// Every problem of a query string's pairs against the operation's parameters (as in the
    /// document: `name`, `required`, `schema`): unknown names, missing required ones, values that
    /// do not read as the parameter's type or are outside its values or range.
    pub fn check_query(&self, pairs: &[(String, String)], params: &[Value]) -> FieldErrors {
        let mut errs = FieldErrors::new();
        for (i, (name, raw)) in pairs.iter().enumerate() {
            if pairs[..i].iter().any(|(n, _)| n == name) {
                if errs.get(name).is_none() {
                    errs.add(name.clone(), FieldError::Invalid);
                }
                continue;
            }
            let Some(param) = params.iter().find(|p| p.get("name").and_then(Value::as_str) == Some(name)) else {
                if errs.get(name).is_none() {
                    errs.add(name.clone(), FieldError::UnknownField);
                }
                continue;
            };
            let schema = param.get("schema").unwrap_or(&Value::Null);
            let value = self.query_value(raw, schema);
            self.check(&value, schema, name, &mut errs);
        }
        for p in params {
            let name = p.get("name").and_then(Value::as_str).unwrap_or_default();
            let required = p.get("required").and_then(Value::as_bool).unwrap_or(false);
            if required && !pairs.iter().any(|(n, _)| n == name) {
                errs.add(name, FieldError::Required);
            }
        }
        errs
    }

    /// A query value as the JSON value its schema's type would read it as (`"3"` → `3` for an
    /// integer); a value that does not read stays text, so the check names the expected type.
    fn query_value(&self, raw: &str, schema: &Value) -> Value {
        let schema = self.resolve(schema);
        let mut kinds = types(schema);
        for alt in schema.get("oneOf").and_then(Value::as_array).into_iter().flatten() {
            kinds.extend(types(self.resolve(alt)));
        }
        if kinds.contains(&"integer") {
            if let Ok(n) = raw.trim().parse::<i64>() {
                return n.into();
            }
            if let Ok(n) = raw.trim().parse::<u64>() {
                return n.into();
            }
        } else if kinds.contains(&"number") {
            if let Some(n) = raw.trim().parse::<f64>().ok().and_then(serde_json::Number::from_f64) {
                return Value::Number(n);
            }
        } else if kinds.contains(&"boolean") {
            match raw {
                "true" => return true.into(),
                "false" => return false.into(),
                _ => {}
            }
        }
        Value::String(raw.to_owned())
    }

    fn check(&self, v: &Value, s: &Value, at: &str, errs: &mut FieldErrors) {
        let s = self.resolve(s);
        if let Some(alts) = s.get("oneOf").or_else(|| s.get("anyOf")).and_then(Value::as_array) {
            return self.check_alternatives(v, s, alts, at, errs);
        }
        if s.get("allOf").is_some() {
            return self.check_object(v, s, at, errs);
        }
        let kinds = types(s);
        if !kinds.is_empty() && !kinds.iter().any(|t| is_type(v, t)) {
            let first = kinds.iter().find(|t| **t != "null").copied().unwrap_or("null");
            errs.add(at, expected(first));
            return;
        }
        if v.is_null() {
            return;
        }
        if let Some(values) = s.get("enum").and_then(Value::as_array)
            && !values.contains(v)
        {
            errs.not_one_of(at, values.iter().filter(|x| !x.is_null()).map(enum_text).collect());
            return;
        }
        match v {
            Value::Number(n) => {
                let x = n.as_f64().unwrap_or(0.0);
                let below = s.get("minimum").and_then(Value::as_f64).is_some_and(|m| x < m);
                let above = s.get("maximum").and_then(Value::as_f64).is_some_and(|m| x > m);
                if below || above {
                    errs.add(at, FieldError::OutOfRange);
                }
            }
            Value::String(text) => {
                let date = s.get("format").and_then(Value::as_str) == Some("date");
                if date && self::date(text).is_none() {
                    errs.add(at, FieldError::Invalid);
                } else if s.get("maxLength").and_then(Value::as_u64).is_some_and(|m| text.chars().count() as u64 > m) {
                    errs.add(at, FieldError::TooLong);
                }
            }
            Value::Array(items) => {
                if let Some(item) = s.get("items") {
                    let before = errs.len();
                    for x in items {
                        self.check(x, item, at, errs);
                        if errs.len() > before {
                            break;
                        }
                    }
                }
            }
            Value::Object(_) => self.check_object(v, s, at, errs),
            _ => {}
        }
    }

    /// A value against `oneOf`/`anyOf` (the schema `s`): fine when one alternative takes it;
    /// otherwise, for an object, the problems against the alternative its tag names (a tag none
    /// names is itself the problem) or that knows most of its fields; else those of the
    /// alternative it comes closest to.
    fn check_alternatives(&self, v: &Value, s: &Value, alts: &[Value], at: &str, errs: &mut FieldErrors) {
        let mut best: Option<FieldErrors> = None;
        for alt in alts {
            let mut trial = FieldErrors::new();
            self.check(v, alt, at, &mut trial);
            if trial.is_empty() {
                return;
            }
            if types(self.resolve(alt)) == ["null"] {
                continue;
            }
            if best.as_ref().is_none_or(|b| trial.len() < b.len()) {
                best = Some(trial);
            }
        }
        if v.is_object() {
            let mut view = ObjectView::default();
            self.view(v, s, &mut view);
            if view.bad_tag.is_some() || !view.properties.is_empty() {
                return self.check_object(v, s, at, errs);
            }
        }
        if let Some(b) = best {
            errs.extend(b);
        }
    }

    fn check_object(&self, v: &Value, s: &Value, at: &str, errs: &mut FieldErrors) {
        let Some(fields) = v.as_object() else {
            errs.add(at, FieldError::ExpectedObject);
            return;
        };
        let mut view = ObjectView::default();
        self.view(v, s, &mut view);
        if let Some((tag, values)) = view.bad_tag.take() {
            if fields.get(tag).is_none_or(Value::is_null) {
                errs.add(join(at, tag), FieldError::Required);
            } else {
                errs.not_one_of(join(at, tag), values);
            }
        }
        for name in &view.required {
            if !fields.contains_key(*name) {
                errs.add(join(at, name), FieldError::Required);
            }
        }
        for (name, value) in fields {
            match view.properties.iter().find(|(n, _)| n == name) {
                Some((_, schema)) => self.check(value, schema, &join(at, name), errs),
                None if !view.open => errs.add(join(at, name), FieldError::UnknownField),
                None => {}
            }
        }
    }

    /// Gathers the object view of `s` for the value `v` (which picks among tagged alternatives).
    fn view<'a>(&'a self, v: &Value, s: &'a Value, view: &mut ObjectView<'a>) {
        let s = self.resolve(s);
        if let Some(parts) = s.get("allOf").and_then(Value::as_array) {
            parts.iter().for_each(|p| self.view(v, p, view));
        }
        if let Some(alts) = s.get("oneOf").or_else(|| s.get("anyOf")).and_then(Value::as_array) {
            self.view_alternatives(v, alts, view);
        }
        if let Some(props) = s.get("properties").and_then(Value::as_object) {
            view.properties.extend(props.iter().map(|(k, x)| (k.as_str(), x)));
        }
        if let Some(req) = s.get("required").and_then(Value::as_array) {
            view.required.extend(req.iter().filter_map(Value::as_str));
        }
        match s.get("additionalProperties") {
            Some(Value::Bool(false)) | None => {}
            Some(_) => view.open = true,
        }
        if s.get("type").is_none()
            && s.get("properties").is_none()
            && s.get("allOf").is_none()
            && s.get("oneOf").is_none()
        {
            view.open = true;
        }
    }

    /// The tag of an alternative of a `oneOf`: a required property with one allowed value.
    fn tag_of<'a>(&'a self, alt: &'a Value) -> Option<(&'a str, &'a Value)> {
        let mut inner = ObjectView::default();
        self.view(&Value::Null, alt, &mut inner);
        inner.properties.iter().find_map(|(name, schema)| {
            let values = self.resolve(schema).get("enum").and_then(Value::as_array)?;
            (values.len() == 1 && inner.required.contains(name)).then(|| (*name, &values[0]))
        })
    }

    /// The alternative of a `oneOf` of objects that `v`'s tag names. Alternatives that are not
    /// objects (a `null` beside the object) are passed over.
    fn view_alternatives<'a>(&'a self, v: &Value, alts: &'a [Value], view: &mut ObjectView<'a>) {
        let objects: Vec<&Value> =
            alts.iter().filter(|a| self.resolve(a).get("type") != Some(&"null".into())).collect();
        if objects.len() == 1 {
            return self.view(v, objects[0], view);
        }
        let tags: Vec<Option<(&str, &Value)>> = objects.iter().map(|a| self.tag_of(a)).collect();
        if let Some(Some((tag, _))) = tags.first()
            && tags.iter().all(|t| t.is_some_and(|(n, _)| n == *tag))
        {
            match objects.iter().zip(&tags).find(|(_, t)| t.is_some_and(|(_, value)| v.get(tag) == Some(value))) {
                Some((alt, _)) => self.view(v, alt, view),
                None => {
                    view.bad_tag = Some((tag, tags.iter().flatten().map(|(_, x)| enum_text(x)).collect()));
                    // A field is unknown when no alternative has it.
                    for alt in &objects {
                        let mut inner = ObjectView::default();
                        self.view(v, alt, &mut inner);
                        view.properties.extend(inner.properties);
                    }
                }
            }
            return;
        }
        // No tag: the alternative with the most of `v`'s fields.
        let known = |alt: &'a Value| {
            let mut inner = ObjectView::default();
            self.view(v, alt, &mut inner);
            v.as_object().map_or(0, |o| o.keys().filter(|k| inner.properties.iter().any(|(n, _)| n == k)).count())
        };
        if let Some(alt) = objects.iter().max_by_key(|a| known(a)) {
            self.view(v, alt, view);
        }
    }
}

/// A `YYYY-MM-DD` date.
pub fn date(text: &str) -> Option<time::Date> {
    time::Date::parse(text, time::macros::format_description!("[year]-[month]-[day]")).ok()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn contract() -> Contract {
        Contract::of(&json!({"components": {"schemas": {
            "Kind": {"type": "string", "enum": ["tech_problem", "joint_rnd"]},
            "Spec": {"oneOf": [
                {"allOf": [{"$ref": "#/components/schemas/A"}, {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string", "enum": ["a"]}}}]},
                {"allOf": [{"$ref": "#/components/schemas/B"}, {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string", "enum": ["b"]}}}]}
            ]},
            "A": {"type": "object", "required": ["trl"], "properties": {"trl": {"type": "integer", "minimum": 1, "maximum": 9}, "t": {"$ref": "#/components/schemas/Kind"}}},
            "B": {"type": "object", "required": ["site"], "properties": {"site": {"type": "string"}}},
            "Body": {"allOf": [{"$ref": "#/components/schemas/Spec"}, {"type": "object", "required": ["title"], "properties": {
                "title": {"type": "string"}, "note": {"type": ["string", "null"]}, "tags": {"type": "array", "items": {"type": "string"}},
                "day": {"type": ["string", "null"], "format": "date"},
                "call": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/B"}]}
            }}]}
        }}}))
    }

    fn body() -> Value {
        json!({"$ref": "#/components/schemas/Body"})
    }

    fn fields(errs: &FieldErrors) -> Vec<(String, FieldError)> {
        errs.iter().map(|(f, e)| (f.to_owned(), e)).collect()
    }

    #[test]
    fn a_valid_body_has_no_problems() {
        let v = json!({"kind": "a", "trl": 5, "title": "x", "note": null, "tags": ["a"], "day": "2027-01-31", "call": {"site": "s"}});
        assert!(contract().check_body(&v, &body()).is_empty());
    }

    #[test]
    fn every_problem_of_a_body_is_named_at_once() {
        let v = json!({"kind": "a", "trl": "five", "t": "joint_rd", "tags": "x", "price": 3, "day": "31/01/2027"});
        let errs = contract().check_body(&v, &body());
        let mut got = fields(&errs);
        got.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            got,
            vec![
                ("day".into(), FieldError::Invalid),
                ("price".into(), FieldError::UnknownField),
                ("t".into(), FieldError::NotOneOf),
                ("tags".into(), FieldError::ExpectedList),
                ("title".into(), FieldError::Required),
                ("trl".into(), FieldError::ExpectedInteger),
            ]
        );
        let zh = errs.localized(shared::Locale::ZhCn);
        assert!(zh["t"].contains("tech_problem、joint_rnd"), "{}", zh["t"]);
        let en = errs.localized(shared::Locale::En);
        assert!(en["t"].contains("tech_problem, joint_rnd"), "{}", en["t"]);
    }

    #[test]
    fn the_tag_picks_the_alternative_whose_fields_are_required() {
        let errs = contract().check_body(&json!({"kind": "b", "title": "x", "trl": 3}), &body());
        assert_eq!(
            fields(&errs),
            vec![("site".into(), FieldError::Required), ("trl".into(), FieldError::UnknownField)]
        );
    }

    #[test]
    fn an_unknown_or_missing_tag_names_the_tag_and_its_values() {
        let c = contract();
        let errs = c.check_body(&json!({"kind": "capabilities", "title": "x"}), &body());
        assert_eq!(errs.get("kind"), Some(FieldError::NotOneOf));
        assert!(errs.localized(shared::Locale::En)["kind"].ends_with("a, b"));
        let errs = c.check_body(&json!({"title": "x"}), &body());
        assert_eq!(errs.get("kind"), Some(FieldError::Required));
    }

    #[test]
    fn nested_objects_are_named_with_a_dot_and_out_of_range_numbers_are_refused() {
        let errs = contract().check_body(&json!({"kind": "a", "trl": 12, "title": "x", "call": {"site": 4}}), &body());
        assert_eq!(errs.get("trl"), Some(FieldError::OutOfRange));
        assert_eq!(errs.get("call.site"), Some(FieldError::ExpectedText));
        assert_eq!(errs.len(), 2);
    }

    #[test]
    fn a_query_string_is_checked_with_the_same_rules() {
        let params = vec![
            json!({"name": "q", "required": true, "schema": {"type": "string"}}),
            json!({"name": "kind", "required": false, "schema": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Kind"}]}}),
            json!({"name": "page", "required": false, "schema": {"type": ["integer", "null"], "minimum": 0, "maximum": 4294967295u64}}),
        ];
        let pairs =
            |list: &[(&str, &str)]| list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect::<Vec<_>>();
        let c = contract();
        assert!(c.check_query(&pairs(&[("q", "电池"), ("kind", "joint_rnd"), ("page", "2")]), &params).is_empty());
        let errs = c.check_query(&pairs(&[("kind", "capabilities"), ("page", "two"), ("sort", "x")]), &params);
        let mut got = fields(&errs);
        got.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            got,
            vec![
                ("kind".into(), FieldError::NotOneOf),
                ("page".into(), FieldError::ExpectedInteger),
                ("q".into(), FieldError::Required),
                ("sort".into(), FieldError::UnknownField),
            ]
        );
        assert_eq!(
            c.check_query(&pairs(&[("q", "x"), ("page", "-1")]), &params).get("page"),
            Some(FieldError::OutOfRange)
        );
    }

    #[test]
    fn a_flattened_tagged_union_becomes_one_named_object_per_tag_that_bodies_are_still_checked_against() {
        let mut doc = json!({"components": {"schemas": {}}});
        doc["components"]["schemas"] = contract().schemas.into_iter().collect();
        doc["components"]["schemas"]["Pair"] =
            json!({"type": "array", "prefixItems": [{"type": "integer"}], "items": false});
        for_generators(&mut doc);
        let schemas = &doc["components"]["schemas"];
        assert_eq!(schemas["Body"]["discriminator"]["mapping"]["a"], "#/components/schemas/BodyA");
        assert_eq!(schemas["Body"]["oneOf"].as_array().unwrap().len(), 2);
        assert!(schemas["BodyB"]["allOf"].is_array());
        assert!(schemas["Pair"].get("items").is_none());
        let c = Contract::of(&doc);
        assert!(c.check_body(&json!({"kind": "b", "site": "s", "title": "x"}), &body()).is_empty());
        let errs = c.check_body(&json!({"kind": "b", "title": "x", "trl": 3}), &body());
        assert_eq!(
            fields(&errs),
            vec![("site".into(), FieldError::Required), ("trl".into(), FieldError::UnknownField)]
        );
        assert_eq!(c.check_body(&json!({"kind": "c", "title": "x"}), &body()).get("kind"), Some(FieldError::NotOneOf));
    }

    #[test]
    fn rust_integer_formats_become_standard_ones_with_their_range() {
        let mut doc = json!({"a": {"type": "integer", "format": "uint32", "minimum": 0},
            "b": [{"type": "integer", "format": "uint8", "minimum": 1, "maximum": 9}], "c": {"format": "int64"}});
        normalize(&mut doc);
        assert_eq!(doc["a"], json!({"type": "integer", "format": "int64", "minimum": 0, "maximum": 4294967295u64}));
        assert_eq!(doc["b"][0], json!({"type": "integer", "format": "int32", "minimum": 1, "maximum": 9}));
        assert_eq!(doc["c"], json!({"format": "int64"}));
    }
}

/// What `new` breaks of `old` for a client written against it: an operation, a parameter, a
/// schema or a field gone, a type or format changed, an enum value dropped, a parameter made
/// required. Additions break nothing. One line per break.
pub fn breaking_changes(old: &Value, new: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let empty = Map::new();
    let ops = |doc: &Value| -> Vec<(String, String, Value)> {
        let paths = doc.get("paths").and_then(Value::as_object).unwrap_or(&empty).clone();
        paths
            .into_iter()
            .flat_map(|(path, item)| {
                item.as_object()
                    .cloned()
                    .unwrap_or_default()
                    .into_iter()
                    .map(move |(method, op)| (path.clone(), method, op))
            })
            .collect()
    };
    let shape = |s: &Value| -> Value {
        let keep = ["type", "format", "$ref"];
        let mut m = Map::new();
        for k in keep {
            if let Some(v) = s.get(k) {
                m.insert(k.into(), v.clone());
            }
        }
        if let Some(items) = s.get("items") {
            m.insert(
                "items".into(),
                Value::Object(keep.iter().filter_map(|k| Some((k.to_string(), items.get(*k)?.clone()))).collect()),
            );
        }
        Value::Object(m)
    };
    let new_ops = ops(new);
    for (path, method, op) in ops(old) {
        let Some((_, _, now)) = new_ops.iter().find(|(p, m, _)| *p == path && *m == method) else {
            out.push(format!("{} {path}: the operation is gone", method.to_uppercase()));
            continue;
        };
        let params = |o: &Value| o.get("parameters").and_then(Value::as_array).cloned().unwrap_or_default();
        let key = |p: &Value| (p.get("name").cloned(), p.get("in").cloned());
        let (was, is) = (params(&op), params(now));
        for p in &was {
            let name = p.get("name").and_then(Value::as_str).unwrap_or_default();
            match is.iter().find(|q| key(q) == key(p)) {
                None => out.push(format!("{} {path}: parameter `{name}` is gone", method.to_uppercase())),
                Some(q) => {
                    let (a, b) = (
                        shape(p.get("schema").unwrap_or(&Value::Null)),
                        shape(q.get("schema").unwrap_or(&Value::Null)),
                    );
                    if a != b {
                        out.push(format!(
                            "{} {path}: parameter `{name}` changed type: {a} → {b}",
                            method.to_uppercase()
                        ));
                    }
                }
            }
        }
        for q in &is {
            let required = q.get("required").and_then(Value::as_bool).unwrap_or(false);
            let was_required =
                was.iter().find(|p| key(p) == key(q)).is_some_and(|p| p.get("required") == Some(&Value::Bool(true)));
            if required && !was_required {
                let name = q.get("name").and_then(Value::as_str).unwrap_or_default();
                out.push(format!("{} {path}: parameter `{name}` is now required", method.to_uppercase()));
            }
        }
    }
    let schemas =
        |doc: &Value| doc.pointer("/components/schemas").and_then(Value::as_object).cloned().unwrap_or_default();
    let now = schemas(new);
    for (name, was) in schemas(old) {
        let Some(is) = now.get(&name) else {
            out.push(format!("schema `{name}` is gone"));
            continue;
        };
        if shape(&was) != shape(is) {
            out.push(format!("schema `{name}` changed type: {} → {}", shape(&was), shape(is)));
        }
        if let Some(values) = was.get("enum").and_then(Value::as_array) {
            let kept = is.get("enum").and_then(Value::as_array).cloned().unwrap_or_default();
            for v in values.iter().filter(|v| !kept.contains(v)) {
                out.push(format!("schema `{name}`: enum value {v} is gone"));
            }
        }
        // The fields of a schema, through its composition and the schemas it names.
        let props = |s: &Value, doc: &Value| {
            let (mut all, mut stack, mut steps) = (Map::new(), vec![s.clone()], 0);
            while let Some(s) = stack.pop() {
                steps += 1;
                if steps > 256 {
                    break;
                }
                if let Some(name) = s.get("$ref").and_then(Value::as_str).and_then(|r| r.rsplit('/').next()) {
                    stack.extend(doc.pointer(&format!("/components/schemas/{name}")).cloned());
                }
                if let Some(p) = s.get("properties").and_then(Value::as_object) {
                    all.extend(p.clone());
                }
                for k in ["allOf", "oneOf", "anyOf"] {
                    stack.extend(s.get(k).and_then(Value::as_array).cloned().unwrap_or_default());
                }
            }
            all
        };
        let is_props = props(is, new);
        for (field, schema) in props(&was, old) {
            match is_props.get(&field) {
                None => out.push(format!("schema `{name}`: field `{field}` is gone")),
                Some(now) if shape(now) != shape(&schema) => out.push(format!(
                    "schema `{name}`: field `{field}` changed type: {} → {}",
                    shape(&schema),
                    shape(now)
                )),
                Some(_) => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod compatibility {
    use serde_json::json;

    use super::breaking_changes;

    fn doc(params: serde_json::Value, fields: serde_json::Value, kinds: serde_json::Value) -> serde_json::Value {
        json!({"paths": {"/api/demands": {"get": {"parameters": params}}},
            "components": {"schemas": {"Posting": {"type": "object", "properties": fields}, "Kind": {"type": "string", "enum": kinds}}}})
    }

    #[test]
    fn additions_break_nothing() {
        let old = doc(
            json!([{"name": "q", "in": "query", "schema": {"type": "string"}}]),
            json!({"id": {"type": "integer"}}),
            json!(["a"]),
        );
        let new = doc(
            json!([{"name": "q", "in": "query", "schema": {"type": "string"}}, {"name": "page", "in": "query", "schema": {"type": "integer"}}]),
            json!({"id": {"type": "integer"}, "title": {"type": "string"}}),
            json!(["a", "b"]),
        );
        assert_eq!(breaking_changes(&old, &new), Vec::<String>::new());
    }

    #[test]
    fn a_field_parameter_or_value_gone_or_retyped_is_named() {
        let old = doc(
            json!([{"name": "q", "in": "query", "schema": {"type": "string"}}, {"name": "page", "in": "query", "schema": {"type": "integer"}}]),
            json!({"id": {"type": "integer", "format": "int64"}, "title": {"type": "string"}}),
            json!(["a", "b"]),
        );
        let new = doc(
            json!([{"name": "page", "in": "query", "schema": {"type": "string"}}, {"name": "must", "in": "query", "required": true, "schema": {"type": "string"}}]),
            json!({"id": {"type": "integer", "format": "int32"}}),
            json!(["a"]),
        );
        let got = breaking_changes(&old, &new);
        for expected in [
            "parameter `q` is gone",
            "parameter `page` changed type",
            "parameter `must` is now required",
            "field `id` changed type",
            "field `title` is gone",
            "enum value \"b\" is gone",
        ] {
            assert!(got.iter().any(|l| l.contains(expected)), "{expected} in {got:#?}");
        }
        assert_eq!(got.len(), 6, "{got:#?}");
    }
}
