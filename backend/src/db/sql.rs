//! Queries that run on either database. A query holds its SQL and its bound values until it is
//! run; then it is handed to the native sqlx driver of the connection it runs on (SQLite or
//! PostgreSQL), which decodes the rows into the same Rust types. SQL is written once: `$1`-style
//! placeholders (both drivers read them) and the SQL both databases understand; the few statements
//! that must differ ask [`Conn::dialect`] (see [`Dialect`]).
//!
//! This file is long because its unit tests (66 lines) and the two drivers' argument binding sit
//! beside the query type.

use std::borrow::Cow;
use std::marker::PhantomData;

use sqlx::postgres::{PgArguments, PgRow};
use sqlx::sqlite::{SqliteArguments, SqliteRow};
use sqlx::{Arguments, Encode, Postgres, Sqlite, Type};
use time::{Date, OffsetDateTime};

use super::{Conn, Db, Raw};

/// Which SQL a statement must be written in, where the two databases differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// `sqlite` on SQLite, `postgres` on PostgreSQL.
    pub fn pick<T>(self, sqlite: T, postgres: T) -> T {
        match self {
            Dialect::Sqlite => sqlite,
            Dialect::Postgres => postgres,
        }
    }

    /// `sql` with SQLite's JSON constructors (`json_object(`, `json_array(`) renamed to
    /// PostgreSQL's (`json_build_object(`, `json_build_array(`) on PostgreSQL. The aggregate
    /// `json_group_array` exists on both (the PostgreSQL schema defines it), and `json(text)` too (a
    /// cast on PostgreSQL).
    pub fn json<'a>(self, sql: &'a str) -> Cow<'a, str> {
        match self {
            Dialect::Sqlite => Cow::Borrowed(sql),
            Dialect::Postgres => Cow::Owned(
                sql.replace("json_object(", "json_build_object(").replace("json_array(", "json_build_array("),
            ),
        }
    }
}

/// A row type both drivers can decode: tuples of the portable types and `#[derive(sqlx::FromRow)]`
/// structs of them.
pub trait Record: for<'r> sqlx::FromRow<'r, SqliteRow> + for<'r> sqlx::FromRow<'r, PgRow> + Send + Unpin {}
impl<T> Record for T where T: for<'r> sqlx::FromRow<'r, SqliteRow> + for<'r> sqlx::FromRow<'r, PgRow> + Send + Unpin {}

/// A bound value. Every variant carries an `Option`, so a NULL keeps its type (PostgreSQL asks).
#[derive(Debug, Clone)]
pub enum Value<'q> {
    Int(Option<i64>),
    Float(Option<f64>),
    Bool(Option<bool>),
    Text(Option<Cow<'q, str>>),
    Bytes(Option<Cow<'q, [u8]>>),
    Time(Option<OffsetDateTime>),
    Date(Option<Date>),
}

macro_rules! value_from {
    ($variant:ident: $($ty:ty => $conv:expr),* $(,)?) => {$(
        impl<'q> From<$ty> for Value<'q> {
            fn from(v: $ty) -> Self {
                let conv: fn($ty) -> _ = $conv;
                Value::$variant(Some(conv(v)))
            }
        }
        impl<'q> From<Option<$ty>> for Value<'q> {
            fn from(v: Option<$ty>) -> Self {
                let conv: fn($ty) -> _ = $conv;
                Value::$variant(v.map(conv))
            }
        }
    )*};
}

value_from!(Int: i64 => |v| v, i32 => i64::from, u32 => i64::from, i16 => i64::from, u16 => i64::from, u8 => i64::from);
value_from!(Float: f64 => |v| v, f32 => f64::from);
value_from!(Bool: bool => |v| v);
// Moments are stored in UTC: SQLite compares them as text and its date functions take only modest
// offsets (a client's `-23:59` would make them NULL).
value_from!(Time: OffsetDateTime => |v| v.checked_to_offset(time::UtcOffset::UTC).unwrap_or(v));
value_from!(Date: Date => |v| v);

impl<'q> From<&'q str> for Value<'q> {
    fn from(v: &'q str) -> Self {
        Value::Text(Some(Cow::Borrowed(v)))
    }
}
impl<'q> From<Option<&'q str>> for Value<'q> {
    fn from(v: Option<&'q str>) -> Self {
        Value::Text(v.map(Cow::Borrowed))
    }
}
impl<'q> From<&'q String> for Value<'q> {
    fn from(v: &'q String) -> Self {
        Value::Text(Some(Cow::Borrowed(v.as_str())))
    }
}
impl<'q> From<&'q Option<String>> for Value<'q> {
    fn from(v: &'q Option<String>) -> Self {
        Value::Text(v.as_deref().map(Cow::Borrowed))
    }
}
impl<'q> From<Option<&'q String>> for Value<'q> {
    fn from(v: Option<&'q String>) -> Self {
        Value::Text(v.map(|s| Cow::Borrowed(s.as_str())))
    }
}
impl<'q> From<&&'q str> for Value<'q> {
    fn from(v: &&'q str) -> Self {
        Value::Text(Some(Cow::Borrowed(*v)))
    }
}
impl<'q> From<String> for Value<'q> {
    fn from(v: String) -> Self {
        Value::Text(Some(Cow::Owned(v)))
    }
}
impl<'q> From<Option<String>> for Value<'q> {
    fn from(v: Option<String>) -> Self {
        Value::Text(v.map(Cow::Owned))
    }
}
impl<'q> From<Cow<'q, str>> for Value<'q> {
    fn from(v: Cow<'q, str>) -> Self {
        Value::Text(Some(v))
    }
}
impl<'q> From<&'q [u8]> for Value<'q> {
    fn from(v: &'q [u8]) -> Self {
        Value::Bytes(Some(Cow::Borrowed(v)))
    }
}
impl<'q> From<Vec<u8>> for Value<'q> {
    fn from(v: Vec<u8>) -> Self {
        Value::Bytes(Some(Cow::Owned(v)))
    }
}
impl<'q> From<&'q Vec<u8>> for Value<'q> {
    fn from(v: &'q Vec<u8>) -> Self {
        Value::Bytes(Some(Cow::Borrowed(v.as_slice())))
    }
}
impl<'q, T> From<&T> for Value<'q>
where
    T: Copy + Into<Value<'q>> + Scalar,
{
    fn from(v: &T) -> Self {
        (*v).into()
    }
}

/// The copyable values a reference may be bound by.
pub trait Scalar {}
impl Scalar for i64 {}
impl Scalar for i32 {}
impl Scalar for u32 {}
impl Scalar for i16 {}
impl Scalar for u16 {}
impl Scalar for u8 {}
impl Scalar for f64 {}
impl Scalar for bool {}
impl Scalar for OffsetDateTime {}
impl Scalar for Date {}
impl<T: Scalar> Scalar for Option<T> {}

/// The driver's arguments of `values`, in order.
fn arguments<'q, A>(values: Vec<Value<'q>>) -> sqlx::Result<A>
where
    A: Arguments<'q>,
    Option<i64>: Encode<'q, A::Database> + Type<A::Database>,
    Option<f64>: Encode<'q, A::Database> + Type<A::Database>,
    Option<bool>: Encode<'q, A::Database> + Type<A::Database>,
    Option<Cow<'q, str>>: Encode<'q, A::Database> + Type<A::Database>,
    Option<Vec<u8>>: Encode<'q, A::Database> + Type<A::Database>,
    Option<OffsetDateTime>: Encode<'q, A::Database> + Type<A::Database>,
    Option<Date>: Encode<'q, A::Database> + Type<A::Database>,
{
    let mut args = A::default();
    for value in values {
        match value {
            Value::Int(v) => args.add(v),
            Value::Float(v) => args.add(v),
            Value::Bool(v) => args.add(v),
            Value::Text(v) => args.add(v),
            Value::Bytes(v) => args.add(v.map(Cow::into_owned)),
            Value::Time(v) => args.add(v),
            Value::Date(v) => args.add(v),
        }
        .map_err(sqlx::Error::Encode)?;
    }
    Ok(args)
}

fn sqlite_args(values: Vec<Value<'_>>) -> sqlx::Result<SqliteArguments<'_>> {
    arguments(values)
}

fn pg_args(values: Vec<Value<'_>>) -> sqlx::Result<PgArguments> {
    arguments(values)
}

/// SQL text: a literal, a `format!`ted string or a borrowed one.
pub trait Sql<'q> {
    fn into_sql(self) -> Cow<'q, str>;
}
impl<'q> Sql<'q> for &'q str {
    fn into_sql(self) -> Cow<'q, str> {
        Cow::Borrowed(self)
    }
}
impl<'q> Sql<'q> for &&'q str {
    fn into_sql(self) -> Cow<'q, str> {
        Cow::Borrowed(*self)
    }
}
impl<'q> Sql<'q> for &'q String {
    fn into_sql(self) -> Cow<'q, str> {
        Cow::Borrowed(self.as_str())
    }
}
impl<'q> Sql<'q> for String {
    fn into_sql(self) -> Cow<'q, str> {
        Cow::Owned(self)
    }
}

/// Where a query runs: a connection (or transaction) of ours, or any connection of the pool.
pub enum On<'c> {
    Conn(&'c mut Conn),
    Pool(&'c Db),
}

impl<'c> From<&'c mut Conn> for On<'c> {
    fn from(c: &'c mut Conn) -> Self {
        On::Conn(c)
    }
}
impl<'c> From<&'c Db> for On<'c> {
    fn from(db: &'c Db) -> Self {
        On::Pool(db)
    }
}

/// Runs `sqlx::query_as_with` of `$sql` and `$values` with `$method` on whichever database `$on`
/// is.
macro_rules! fetch {
    ($on:expr, $sql:expr, $values:expr, $method:ident) => {{
        let sql: &str = $sql;
        match $on.into() {
            On::Conn(conn) => match conn.raw() {
                Raw::Sqlite(c) => sqlx::query_as_with::<Sqlite, T, _>(sql, sqlite_args($values)?).$method(c).await,
                Raw::Postgres(c) => sqlx::query_as_with::<Postgres, T, _>(sql, pg_args($values)?).$method(c).await,
            },
            On::Pool(Db::Sqlite(pool)) => {
                sqlx::query_as_with::<Sqlite, T, _>(sql, sqlite_args($values)?).$method(pool).await
            }
            On::Pool(Db::Postgres(pool)) => {
                sqlx::query_as_with::<Postgres, T, _>(sql, pg_args($values)?).$method(pool).await
            }
        }
    }};
}

/// A statement whose rows are not read.
#[must_use = "a query does nothing until it is executed"]
pub struct Query<'q> {
    sql: Cow<'q, str>,
    values: Vec<Value<'q>>,
}

/// What a statement did.
#[derive(Debug, Clone, Copy)]
pub struct Done {
    rows_affected: u64,
}

impl Done {
    pub fn rows_affected(&self) -> u64 {
        self.rows_affected
    }
}

/// A `LIKE … ESCAPE '\'` pattern matching `text` anywhere, its wildcards taken literally.
pub fn like_pattern(text: &str) -> String {
    format!("%{}%", text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"))
}

pub fn query<'q>(sql: impl Sql<'q>) -> Query<'q> {
    Query { sql: sql.into_sql(), values: Vec::new() }
}

impl<'q> Query<'q> {
    pub fn bind(mut self, value: impl Into<Value<'q>>) -> Self {
        self.values.push(value.into());
        self
    }

    pub async fn execute(self, on: impl Into<On<'_>>) -> sqlx::Result<Done> {
        let started = std::time::Instant::now();
        let done = self.run(on).await;
        crate::http::trace::add_db_time(started.elapsed());
        done
    }

    async fn run(self, on: impl Into<On<'_>>) -> sqlx::Result<Done> {
        let sql: &str = &self.sql;
        let rows_affected = match on.into() {
            On::Conn(conn) => match conn.raw() {
                Raw::Sqlite(c) => sqlx::query_with(sql, sqlite_args(self.values)?).execute(c).await?.rows_affected(),
                Raw::Postgres(c) => sqlx::query_with(sql, pg_args(self.values)?).execute(c).await?.rows_affected(),
            },
            On::Pool(Db::Sqlite(pool)) => {
                sqlx::query_with(sql, sqlite_args(self.values)?).execute(pool).await?.rows_affected()
            }
            On::Pool(Db::Postgres(pool)) => {
                sqlx::query_with(sql, pg_args(self.values)?).execute(pool).await?.rows_affected()
            }
        };
        Ok(Done { rows_affected })
    }
}

/// A query whose rows are read as `T`s.
#[must_use = "a query does nothing until it is fetched"]
pub struct QueryAs<'q, T> {
    sql: Cow<'q, str>,
    values: Vec<Value<'q>>,
    row: PhantomData<fn() -> T>,
}

pub fn query_as<'q, T: Record>(sql: impl Sql<'q>) -> QueryAs<'q, T> {
    QueryAs { sql: sql.into_sql(), values: Vec::new(), row: PhantomData }
}

impl<'q, T: Record> QueryAs<'q, T> {
    pub fn bind(mut self, value: impl Into<Value<'q>>) -> Self {
        self.values.push(value.into());
        self
    }

    pub async fn fetch_all(self, on: impl Into<On<'_>>) -> sqlx::Result<Vec<T>> {
        let started = std::time::Instant::now();
        let rows = fetch!(on, &self.sql, self.values, fetch_all);
        crate::http::trace::add_db_time(started.elapsed());
        rows
    }

    pub async fn fetch_one(self, on: impl Into<On<'_>>) -> sqlx::Result<T> {
        let started = std::time::Instant::now();
        let rows = fetch!(on, &self.sql, self.values, fetch_one);
        crate::http::trace::add_db_time(started.elapsed());
        rows
    }

    pub async fn fetch_optional(self, on: impl Into<On<'_>>) -> sqlx::Result<Option<T>> {
        let started = std::time::Instant::now();
        let rows = fetch!(on, &self.sql, self.values, fetch_optional);
        crate::http::trace::add_db_time(started.elapsed());
        rows
    }
}

/// Builds a statement piece by piece (filters, `IN` lists, multi-row inserts); each bound value
/// gets the next `$n` placeholder.
pub struct Builder<'q> {
    sql: String,
    values: Vec<Value<'q>>,
}

impl<'q> Builder<'q> {
    pub fn new(sql: impl AsRef<str>) -> Self {
        Builder { sql: sql.as_ref().to_owned(), values: Vec::new() }
    }

    pub fn push(&mut self, sql: impl AsRef<str>) -> &mut Self {
        self.sql.push_str(sql.as_ref());
        self
    }

    pub fn push_bind(&mut self, value: impl Into<Value<'q>>) -> &mut Self {
        self.values.push(value.into());
        self.sql.push('$');
        self.sql.push_str(&self.values.len().to_string());
        self
    }

    /// Binds each of `values`, separated by `separator` (an `IN (...)` list).
    pub fn push_list<V: Into<Value<'q>>>(&mut self, separator: &str, values: impl IntoIterator<Item = V>) -> &mut Self {
        for (i, value) in values.into_iter().enumerate() {
            if i > 0 {
                self.sql.push_str(separator);
            }
            self.push_bind(value);
        }
        self
    }

    /// `VALUES (...), (...)`: `row` binds one tuple's values through the [`Tuple`] it is given.
    pub fn push_values<I>(
        &mut self,
        rows: impl IntoIterator<Item = I>,
        mut row: impl FnMut(Tuple<'_, 'q>, I),
    ) -> &mut Self {
        self.sql.push_str("VALUES ");
        for (i, item) in rows.into_iter().enumerate() {
            if i > 0 {
                self.sql.push_str(", ");
            }
            self.sql.push('(');
            row(Tuple { builder: self, first: true }, item);
            self.sql.push(')');
        }
        self
    }

    pub fn build(self) -> Query<'q> {
        Query { sql: Cow::Owned(self.sql), values: self.values }
    }

    pub fn build_query_as<T: Record>(self) -> QueryAs<'q, T> {
        QueryAs { sql: Cow::Owned(self.sql), values: self.values, row: PhantomData }
    }

    /// The SQL so far (tests).
    pub fn sql(&self) -> &str {
        &self.sql
    }
}

/// One row of [`Builder::push_values`].
pub struct Tuple<'b, 'q> {
    builder: &'b mut Builder<'q>,
    first: bool,
}

impl<'q> Tuple<'_, 'q> {
    pub fn push_bind(&mut self, value: impl Into<Value<'q>>) -> &mut Self {
        if !self.first {
            self.builder.sql.push_str(", ");
        }
        self.first = false;
        self.builder.push_bind(value);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_numbers_placeholders_in_order_across_lists_and_rows() {
        let mut b = Builder::new("INSERT INTO t (a, b) ");
        b.push_values([(1_i64, "x"), (2, "y")], |mut row, (a, s)| {
            row.push_bind(a).push_bind(s);
        });
        b.push(" WHERE c IN (").push_list(", ", [7_i64, 8]).push(")");
        assert_eq!(b.sql(), "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4) WHERE c IN ($5, $6)");
        let q = b.build();
        assert_eq!(q.values.len(), 6);
        assert!(matches!(q.values[1], Value::Text(Some(Cow::Borrowed("x")))));
    }

    #[test]
    fn json_constructors_are_renamed_for_postgres_only() {
        let sql = "SELECT json_group_array(json_object('a', json_array(1, 2)))";
        assert_eq!(Dialect::Sqlite.json(sql), sql);
        assert_eq!(
            Dialect::Postgres.json(sql),
            "SELECT json_group_array(json_build_object('a', json_build_array(1, 2)))"
        );
    }

    #[test]
    fn a_missing_value_keeps_its_type() {
        assert!(matches!(Value::from(None::<i64>), Value::Int(None)));
        assert!(matches!(Value::from(None::<OffsetDateTime>), Value::Time(None)));
        assert!(matches!(Value::from(&Some(3_i64)), Value::Int(Some(3))));
    }
}

/// One section of a person's data export: its name and a query returning it as one JSON value
/// (`$1` the user's id, `$2` their email), written with SQLite's JSON functions
/// ([`Dialect::json`] renames them for PostgreSQL).
#[derive(Debug, Clone, Copy)]
pub struct Section {
    pub name: &'static str,
    pub sql: &'static str,
}

/// Runs a [`Section`]'s query for a person; `null` when it returns nothing readable.
pub async fn section(db: &mut Conn, section: &Section, user: i64, email: &str) -> sqlx::Result<serde_json::Value> {
    let query = format!("SELECT CAST(({}) AS TEXT)", db.dialect().json(section.sql));
    let (text,): (Option<String>,) = query_as(query).bind(user).bind(email).fetch_one(&mut *db).await?;
    Ok(text.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or(serde_json::Value::Null))
}

/// Runs statements about one person, binding `$1` their id, `$2` their email, `$3` a time and `$4`
/// a replacement address (a capability's erasure statements; see `facts::Erasing::erase`).
pub async fn erase(
    db: &mut Conn,
    statements: &[&str],
    user: i64,
    email: &str,
    at: OffsetDateTime,
    replacement: &str,
) -> sqlx::Result<()> {
    for sql in statements {
        query(*sql).bind(user).bind(email).bind(at).bind(replacement).execute(&mut *db).await?;
    }
    Ok(())
}
