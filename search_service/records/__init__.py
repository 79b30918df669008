"""Training records: a SENCO assigns the handbook's training modules to named staff, records completions
and sees what is due. Staff data only, on a real database (SQLite by default, PostgreSQL for several
replicas). See docs/records.md."""
