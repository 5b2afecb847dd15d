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
            tree = ast.parse(path.read_text(encoding="utf-8"))
            imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
            imported |= {
                alias.name for n in ast.walk(tree) if isinstance(n, ast.Import) for alias in n.names
            }
            if "tidings.pipeline" in imported:
                offenders.append(f"{stage}/{path.name}")
    assert offenders == []
