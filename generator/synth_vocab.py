"""The demo county's vocabulary, read from `synth_vocab.yml`."""
from importlib import resources

import yaml

_VOCAB = yaml.safe_load(
    resources.files("generator").joinpath("synth_vocab.yml").read_text("utf-8"))

UNITS = [tuple(row) for row in _VOCAB["units"]]
SURNAMES = _VOCAB["surnames"]
POSITIONS = _VOCAB["positions"]
MATTERS = _VOCAB["matters"]
BEHAVIOURS = _VOCAB["behaviours"]
CLARIFICATIONS = _VOCAB["clarifications"]
OUTCOMES = _VOCAB["outcomes"]
LEDGER_PROBLEMS = _VOCAB["ledger_problems"]
LEDGER_MEASURES = _VOCAB["ledger_measures"]
TARGETS = _VOCAB["targets"]
PROGRESS = _VOCAB["progress"]
BODIES = _VOCAB["bodies"]
FINDINGS = _VOCAB["findings"]
WARNING_REASONS = _VOCAB["warning_reasons"]
