//! The OpenAPI schemas of the API's bodies, derived (utoipa's `ToSchema`, OpenAPI 3.1)
//! from the structs the handlers take and return, so the document cannot drift from the
//! code. The domain stays free of web types: a domain code list becomes a string enum
//! here, from the domain's own list of codes.

use eenplan_domain::CodeList;
use serde_json::{Map, Value};
use utoipa::openapi::schema::{Array, Object, ObjectBuilder, SchemaType, Type};

/// The document's named schemas, as each flow contributes them.
#[derive(Debug, Default)]
pub struct Schemas(Map<String, Value>);

impl Schemas {
    /// Adds `T` under its name, with every schema it refers to.
    pub fn add<T: utoipa::ToSchema>(&mut self) {
        let mut all = vec![(T::name().into_owned(), T::schema())];
        T::schemas(&mut all);
        for (name, schema) in all {
            let value = serde_json::to_value(schema).unwrap_or(Value::Null);
            self.insert(name, value);
        }
    }

    /// Adds schemas written out by hand (a JSON object of name → schema).
    pub fn raw(&mut self, schemas: Value) {
        if let Value::Object(all) = schemas {
            for (name, schema) in all {
                self.insert(name, schema);
            }
        }
    }

    /// Two flows may both name a shared body (the kit's), never two different bodies
    /// under one name: the second would silently replace the first in the document.
    fn insert(&mut self, name: String, schema: Value) {
        if let Some(earlier) = self.0.get(&name) {
            assert_eq!(
                earlier, &schema,
                "two different OpenAPI schemas are both named {name}"
            );
        }
        self.0.insert(name, schema);
    }

    pub fn into_map(self) -> Map<String, Value> {
        self.0
    }
}

/// A string holding one of a domain list's codes (for `#[schema(schema_with = …)]`).
pub fn codes<T: CodeList>() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(T::ALL.iter().map(|c| c.code())))
        .build()
}

/// One of a domain list's codes, or null where there is none (yet).
pub fn nullable_codes<T: CodeList>() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .enum_values(Some(
            T::ALL
                .iter()
                .map(|c| Value::from(c.code()))
                .chain([Value::Null]),
        ))
        .build()
}

/// A list of a domain list's codes.
pub fn code_array<T: CodeList>() -> Array {
    Array::new(codes::<T>())
}
