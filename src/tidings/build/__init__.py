"""Compilers that turn public dictionaries into the compact data files shipped in the package.

They run at build time (``python -m tidings.build.verbs ...``), never when tidings is imported.
"""
