"""spaCy pipelines: the full model for parsing, a light one for segmentation."""

from tidings.nlp.models import load_nlp, load_segmenter, resolve_model_name
from tidings.nlp.segment import sentence_spans

__all__ = ["load_nlp", "load_segmenter", "resolve_model_name", "sentence_spans"]
