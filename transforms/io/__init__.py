"""The only place that touches disk, network, Parquet files and DuckDB."""
