"""The shared sentence record sits below the stages that read it."""

from __future__ import annotations

import ast
from pathlib import Path

import tidings
import tidings.context
import tidings.pipeline

STAGES = ("claims", "coding", "resolve", "temporal")


def test_pipeline_re_exports_the_sentence_context() -> None:
    assert tidings.pipeline.SentenceContext is tidings.context.SentenceContext


def test_no_stage_imports_the_pipeline() -> None:
    root = Path(tidings.__file__).parent
    offenders = []
    for stage in STAGES:
        for path in sorted((root / stage).glob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module == "tidings.pipeline":
                    offenders.append(path.name)
                elif isinstance(node, ast.Import) and any(
                    alias.name == "tidings.pipeline" for alias in node.names
                ):
                    offenders.append(path.name)
    assert offenders == []
