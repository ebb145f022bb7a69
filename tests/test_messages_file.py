"""messages.yml and labels.yml are plain YAML that loads: a broken one would crash every run."""
import yaml

from conftest import ROOT


def test_messages_file_loads_with_every_section():
    data = yaml.safe_load((ROOT / "generator" / "messages.yml").read_text("utf-8"))
    assert {"problems", "collections", "states", "cli", "types"} <= set(data)
    assert all({"message", "help"} <= set(v) for v in data["problems"].values())


def test_labels_file_loads():
    assert yaml.safe_load((ROOT / "site_config" / "labels.yml").read_text("utf-8"))["nav"]


def test_no_problem_code_is_written_twice():
    import re

    from generator.problems import resources

    text = resources.files("generator").joinpath("messages.yml").read_text("utf-8")
    codes = re.findall(r"^  ([a-z0-9-]+):$", text.split("\nproblems:\n", 1)[1].split("\n\n# ")[0],
                       re.M)
    assert len(codes) == len(set(codes)) > 50


def test_no_text_is_cut_short_by_a_yaml_comment():
    """An unquoted value with " #" in it ends there (the rest is a YAML comment): every
    text of both files must load whole."""
    import re

    for rel in ("generator/messages.yml", "site_config/labels.yml"):
        for number, line in enumerate((ROOT / rel).read_text("utf-8").split("\n"), 1):
            value = re.match(r"\s*[^\s:#][^:]*:\s+(.*)$", line)
            if value and value.group(1)[:1] not in ("'", '"', "|", ">", "#"):
                assert " #" not in value.group(1), f"{rel}:{number}: quote the value"
