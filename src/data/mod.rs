//! Tables, CSV import with type inference, column profiles and the transforms labs apply.

pub mod bulk;
pub mod csv_export;
pub mod csv_import;
pub mod profile;
pub mod supervised;
pub mod table;
pub mod table_pack;
pub mod table_parts;
pub mod transform;

pub use csv_import::{parse_csv, parse_csv_from, CsvError, CsvOptions};
pub use profile::{profile_column, ColumnProfile};
pub use table::{Column, ColumnKind, Table};
pub use table_parts::{join_columns, split_columns, ColumnBuffer};
