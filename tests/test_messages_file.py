"""messages.yml and labels.yml are plain YAML that loads: a broken one would crash every run."""
import yaml

from conftest import ROOT


def test_messages_file_loads_with_every_section():
    data = yaml.safe_load((ROOT / "generator" / "messages.yml").read_text("utf-8"))
    assert {"problems", "collections", "states", "cli", "types"} <= set(data)
    assert all({"message", "help"} <= set(v) for v in data["problems"].values())


def test_labels_file_loads():
    assert yaml.safe_load((ROOT / "site_config" / "labels.yml").read_text("utf-8"))["nav"]
