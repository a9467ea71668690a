"""The opt-in learned stance layer (``stance.learned.v1``): run-time features and model in ``features`` and
``model``; the training data readers (``examples``) and the training command (``training``) are imported only
when training."""

from extractors.learned.model import StanceModel, StanceModelError, learned_claims, load_stance_model

__all__ = ["StanceModel", "StanceModelError", "learned_claims", "load_stance_model"]
