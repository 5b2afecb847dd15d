"""The demo corpus: short fictionalised news articles in mixed formats.

See ``corpus/README.md`` for the files and what each shows.
"""
