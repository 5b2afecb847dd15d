"""The DuckDB store and the row layout shared with Parquet partitions."""

from tidings.store.duck import (
    ALL_TABLES,
    EXPORT_FORMATS,
    EventFilter,
    HappeningFilter,
    Store,
    WriteStats,
)
from tidings.store.rows import DATA_TABLES, batch_rows, to_arrow
from tidings.store.schema import TABLES

__all__ = [
    "ALL_TABLES",
    "DATA_TABLES",
    "EXPORT_FORMATS",
    "TABLES",
    "EventFilter",
    "HappeningFilter",
    "Store",
    "WriteStats",
    "batch_rows",
    "to_arrow",
]
