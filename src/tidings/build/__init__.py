"""Compilers that turn public dictionaries into the compact data files shipped in the package.

They run at build time (``tidings compile-dictionaries DIR``, or ``python -m
tidings.build.verbs`` and ``python -m tidings.build.actors`` one at a time), never when tidings
is imported or run.
"""
