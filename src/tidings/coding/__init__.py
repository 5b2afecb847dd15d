"""PLOVER event coding: ontology tables, trigger lexicon, sentence coder, quantities, places.

Typical use (the pipeline does this)::

    ontology = Ontology.load()
    if is_candidate(light_sentence, actors, ontology):
        events = code_sentence(ctx, ontology)
"""

from tidings.coding.coder import code_sentence
from tidings.coding.ontology import Ontology, quad_class_of
from tidings.coding.places import find_places
from tidings.coding.quantities import find_quantities
from tidings.coding.triggers import find_triggers, is_candidate

__all__ = [
    "Ontology",
    "code_sentence",
    "find_places",
    "find_quantities",
    "find_triggers",
    "is_candidate",
    "quad_class_of",
]
