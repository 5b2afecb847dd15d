"""Actor resolution: the actor knowledge base and the mention finder.

Example:
    >>> import spacy
    >>> from tidings.resolve import ActorKB, find_actors, resolve_mention
    >>> kb = ActorKB.load()
    >>> resolve_mention("Israeli police", kb).country
    'ISR'
"""

from __future__ import annotations

from tidings.resolve.find import find_actors
from tidings.resolve.kb import ActorKB, Entry, KnowledgeBaseError, Person, Term
from tidings.resolve.mention import resolve_mention

__all__ = [
    "ActorKB",
    "Entry",
    "KnowledgeBaseError",
    "Person",
    "Term",
    "find_actors",
    "resolve_mention",
]
