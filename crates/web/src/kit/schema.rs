//! The OpenAPI schemas of the API's bodies, derived (utoipa's `ToSchema`) from the
//! structs the handlers take and return, so the document cannot drift from the code.
//! The domain stays free of web types: a domain code list becomes a string enum here,
//! from the domain's own list of codes.

use eenplan_domain::CodeList;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{Object, ObjectBuilder, Schema, Type};

/// Named schemas, as a flow contributes them to the document's components.
pub type Schemas = Vec<(String, RefOr<Schema>)>;

/// Adds `T` under its name, with every schema it refers to.
pub fn add<T: utoipa::ToSchema>(all: &mut Schemas) {
    all.push((T::name().into_owned(), T::schema()));
    T::schemas(all);
}

/// A string holding one of a domain list's codes (for `#[schema(schema_with = …)]`).
pub fn codes<T: CodeList>() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(T::ALL.iter().map(|c| c.code())))
        .build()
}
