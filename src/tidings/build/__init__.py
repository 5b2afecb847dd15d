"""Builders that compile outside reference data into the files shipped with tidings."""
