"""`python -m generator COMMAND`: the only place that prints and sets the exit status."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.clock import BadEpoch
from generator.problems import say
from generator.schema import record_types


def _root(args) -> Path:
    return Path(args.root).resolve()


def cmd_check(args) -> int:
    from generator.checks import validate

    data, report = validate(_root(args))
    if getattr(args, "format", "text") == "gitlab":
        print(gitlab_report(report))
        return 0 if report.valid else 1
    print(say("build_time", time=data.now.strftime("%Y-%m-%d %H:%M:%S"), tz=data.now.tzinfo))
    for item in report.sorted():
        if getattr(args, "format", "text") == "github":
            print(github_annotation(item))
        print(item)
    print(summary(data))
    if report.valid:
        print(say("ok"))
        return 0
    print(say("failed", count=len(report.sorted())))
    return 1


def github_annotation(item) -> str:
    """A GitHub Actions workflow command: the problem shows at its file and line."""
    def escape(text: str, in_property: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if in_property else text

    return (f"::error file={escape(item.path, True)},line={max(item.line, 1)},"
            f"title={escape(item.code, True)}::{escape(item.message)}")


def gitlab_report(report) -> str:
    """GitLab Code Quality JSON: merge requests show each problem at its file and line."""
    import hashlib
    import json

    return json.dumps([{
        "description": f"{p.code}: {p.message}", "check_name": p.code, "severity": "major",
        "fingerprint": hashlib.sha256(str(p).encode()).hexdigest(),
        "location": {"path": p.path, "lines": {"begin": max(p.line, 1)}},
    } for p in report.sorted()], ensure_ascii=False, indent=1)


def summary(data) -> str:
    """Per record type: read = published + not published, and why each is not."""
    lines = [say("summary_head")]
    hidden = []
    for rtype in record_types().values():
        if rtype.shape == "single":
            continue
        records = data.collections.get(rtype.collection, [])
        shown = sum(1 for r in records if r.published)
        lines.append(say("summary_row", label=rtype.label, read=data.read_counts[rtype.name],
                         published=shown, hidden=len(records) - shown))
        aggregate = [r for r in records if r.state == "aggregate"]
        if aggregate:  # a register shown only as counts: one line, not one per record
            lines.append(say("aggregate_row", label=rtype.label, count=len(aggregate),
                             reason=aggregate[0].why))
        hidden += [(r, rtype) for r in records if not r.published and r.state != "aggregate"]
    if hidden:
        lines.append(say("hidden_head"))
        for rec, rtype in hidden:
            lines.append(say("hidden_row", where=rec.where, label=rtype.label,
                             title=rec.get("title", ""), reason=rec.why))
    return "\n".join(lines)


def cmd_docs(args) -> int:
    from generator.docs import data_spec

    target = _root(args) / "content" / "data-spec.md"
    target.write_text(data_spec(), encoding="utf-8")
    return 0


def cmd_synth(args) -> int:
    from generator.synth import write_county

    template = _root(args) if (_root(args) / "mkdocs.yml").is_file() else None
    counts = write_county(Path(args.out), args.scale, template)
    print(say("synth_done", dir=args.out, scale=args.scale,
              counts="，".join(f"{k} {v}" for k, v in counts.items())))
    return 0


def cmd_export(args) -> int:
    from generator.pipeline import ProblemsFound, export

    try:
        count = export(_root(args), Path(args.dir))
    except ProblemsFound as failed:
        for item in failed.report.sorted():
            print(item)
        print(say("build_failed"))
        return 1
    print(say("exported", count=count, dir=args.dir))
    return 0


def _valid_data(root: Path):
    """The dataset, or None after printing every problem (the caller stops)."""
    from generator.checks import validate

    data, report = validate(root)
    if report.valid:
        return data
    for item in report.sorted():
        print(item)
    print(say("build_failed"))
    return None


def cmd_audit(args) -> int:
    site = Path(args.site)
    if not _audited(_root(args), site, args.site.rstrip("/")):
        return 1
    print(say("audit_ok"))
    return 0


def cmd_bulletin(args) -> int:
    import re

    from generator.bulletin import draft

    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", args.month):
        print(say("bad_month", value=args.month), file=sys.stderr)
        return 2
    root = _root(args)
    data = _valid_data(root)
    if data is None:
        return 1
    target = root / "content" / "notices" / f"{args.month}-bulletin.md"
    if target.exists() and not args.force:
        print(say("bulletin_exists", path=target.relative_to(root)), file=sys.stderr)
        return 2
    target.write_text(draft(data, args.month), encoding="utf-8")
    print(say("bulletin_written", path=target.relative_to(root)))
    return 0


def _audited(root: Path, site: Path, shown_as: str) -> bool:
    """Run the audit of a built site against the project's data; print what it finds."""
    import yaml

    from generator.audit import audit, policy_for

    data = _valid_data(root)
    if data is None:
        return False
    engine = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8")) \
        if (root / "mkdocs.yml").is_file() else {}
    found = audit(site, policy_for(data, engine.get("extra_javascript") or []), shown_as)
    for item in found:
        print(item)
    if found:
        print(say("audit_failed", count=len(found)))
    return not found


def cmd_deploy(args) -> int:
    from generator import deploy

    target = Path(args.to)
    try:
        if args.rollback:
            release = deploy.rollback(target)
        else:
            site = Path(args.site)
            if not _audited(_root(args), site, str(site)):
                print(say("deploy_refused", target=target))
                return 1
            release = deploy.deploy(site, target, keep=args.keep)
    except deploy.DeployError as err:
        print(say("deploy_error", reason=err.args[0], target=target))
        return 1
    print(say("deployed", release=release, target=target))
    return 0


def cmd_publish(args) -> int:
    """check -> strict build (audit included) -> deploy; any failure leaves `current`."""
    import os
    import subprocess

    root = _root(args)
    if cmd_check(args) != 0:
        print(say("deploy_refused", target=args.to))
        return 1
    site = Path(args.site).resolve()
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
                            str(root / "mkdocs.yml"), "-d", str(site)], env=dict(os.environ))
    if built.returncode != 0:
        print(say("deploy_refused", target=args.to))
        return 1
    args.site, args.rollback = str(site), False
    return cmd_deploy(args)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m generator")
    top.add_argument("--root", default=".", help="project folder (data/, site_config/, content/)")
    sub = top.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate every record")
    check.add_argument("--format", choices=["text", "github", "gitlab"], default="text",
                       help="github: also print workflow annotations; gitlab: Code Quality JSON")
    check.set_defaults(run=cmd_check)
    sub.add_parser("docs", help="rewrite content/data-spec.md from the schema").set_defaults(
        run=cmd_docs)
    synth = sub.add_parser("synth", help="write a synthetic county N times the demo size")
    synth.add_argument("--scale", type=int, default=1)
    synth.add_argument("--out", required=True)
    synth.set_defaults(run=cmd_synth)
    export = sub.add_parser("export", help="write every page as a plain Markdown tree")
    export.add_argument("dir")
    export.set_defaults(run=cmd_export)
    bulletin = sub.add_parser("bulletin", help="draft the monthly bulletin for YYYY-MM")
    bulletin.add_argument("month")
    bulletin.add_argument("--force", action="store_true", help="overwrite an existing draft")
    bulletin.set_defaults(run=cmd_bulletin)
    deploy = sub.add_parser("deploy", help="copy an audited site to TARGET and switch to it")
    deploy.add_argument("site", nargs="?", default="site")
    deploy.add_argument("--to", required=True, help="the folder the web server serves from")
    deploy.add_argument("--keep", type=int, default=5, help="how many releases to keep")
    deploy.add_argument("--rollback", action="store_true", help="switch back one release")
    deploy.set_defaults(run=cmd_deploy)
    publish = sub.add_parser("publish", help="check, build, audit and deploy in one go")
    publish.add_argument("--to", required=True)
    publish.add_argument("--site", default="site")
    publish.add_argument("--keep", type=int, default=5)
    publish.set_defaults(run=cmd_publish)
    audit = sub.add_parser("audit", help="scan a built site before it is published")
    audit.add_argument("site")
    audit.set_defaults(run=cmd_audit)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    root = _root(args)
    if args.command != "synth" and not (root / "site_config").is_dir():
        print(say("no_project", root=root), file=sys.stderr)
        return 2
    try:
        return args.run(args)
    except BadEpoch as err:
        print(say("bad_epoch", value=err.args[0]), file=sys.stderr)
        return 2
