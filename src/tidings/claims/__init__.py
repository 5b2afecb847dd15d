"""Event status, attribution chains and claims.

Public functions:

- :func:`assess` sets ``status`` and ``attribution`` of the events of one sentence and
  returns the sentence's claims;
- :func:`find_attributions` finds (source, cue, content) relations in any parsed text;
- :func:`predict_factuality` rates how certainly an event token happened on [-3, 3].

Attribution of an event stated in the article's own voice is ``[]`` (never ``author``).

Claims may point back at earlier sentences (:mod:`tidings.claims.refer`): "both denied the
allegations" gives denial claims about the events of the latest allegations, a noun event
named only by its speakers takes the sides (and date) of the earlier event it names again,
and "the visit took place" or "officials confirmed the trip" gives a ``confirmation``
claim about the earlier planned or reported event.
"""

from tidings.claims.assess import assess
from tidings.claims.attribution import AttributionRelation, find_attributions
from tidings.claims.factuality import predict_factuality
from tidings.claims.lexicon import CueLexicon, load_lexicon

__all__ = [
    "AttributionRelation",
    "CueLexicon",
    "assess",
    "find_attributions",
    "load_lexicon",
    "predict_factuality",
]
