"""spaCy pipelines: the full model for parsing, a light one for segmentation."""

from tidings.nlp.models import load_nlp, load_segmenter, resolve_model_name

__all__ = ["load_nlp", "load_segmenter", "resolve_model_name"]
