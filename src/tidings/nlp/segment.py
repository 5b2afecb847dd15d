"""Sentence spans for the light pipeline, never crossing a paragraph break."""

from __future__ import annotations

from spacy.tokens import Doc, Span


def sentence_spans(doc: Doc) -> list[Span]:
    """Sentences of ``doc`` without surrounding whitespace, split at blank lines.

    spaCy's rule-based sentencizer only looks at punctuation, so a headline without a full
    stop would run into the next paragraph; paragraphs are separated by a blank line in
    :attr:`tidings.records.Article.text`, so a whitespace token holding one ends a sentence.

    Example:
        >>> import spacy
        >>> nlp = spacy.blank("en"); _ = nlp.add_pipe("sentencizer")
        >>> [s.text for s in sentence_spans(nlp("Title\\n\\nFirst one. Second one."))]
        ['Title', 'First one.', 'Second one.']
    """
    spans: list[Span] = []
    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if token.is_space and "\n\n" in token.text:
                _add(doc, start, token.i, spans)
                start = token.i + 1
        _add(doc, start, sent.end, spans)
    return spans


def _add(doc: Doc, start: int, end: int, spans: list[Span]) -> None:
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    if end > start:
        spans.append(doc[start:end])
