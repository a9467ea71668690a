"""The learned layer, the default decision step: candidate actor pairs (``candidates``) classified by a
fine-tuned MiniLM pair classifier run with onnxruntime (``encoder``, the shipped model in ``model/``), the rules'
verdicts among its inputs, negation and hedging read from the parse (``modality``); ``extractor`` is the
registered ``pairs.v5``. Training (``examples``, ``training``, ``metrics``, ``card``) imports torch only when
called; the annotations it trains on are in ``annotations/``."""

from extractors.learned.encoder import ModelFileError, PairClassifier, load_classifier
from extractors.learned.extractor import NAME, extract_pairs

__all__ = ["NAME", "ModelFileError", "PairClassifier", "extract_pairs", "load_classifier"]
