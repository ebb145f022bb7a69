"""`python -m generator COMMAND`: the only place that prints and sets the exit status."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.clock import BadEpoch
from generator.problems import Location, problem, say
from generator.records import LabelMissing, label_line
from generator.schema import record_types


def _root(args) -> Path:
    return Path(args.root).resolve()


def cmd_check(args) -> int:
    from generator.pipeline import check

    data, report = check(_root(args), cached=not getattr(args, "no_cache", False),
                         changed=getattr(args, "changed", False))
    if getattr(args, "format", "text") == "gitlab":
        print(gitlab_report(report))
        return 0 if report.valid else 1
    print(say("build_time", time=data.now.strftime("%Y-%m-%d %H:%M:%S"), tz=data.now.tzinfo))
    for item in report.sorted():
        if getattr(args, "format", "text") == "github":
            print(github_annotation(item))
        print(item)
    from generator.health import missing_marks

    for item in missing_marks(data):  # warnings only: the exit status stays as it is
        print(item)
    print(summary(data))
    if report.valid:
        print(say("ok"))
        return 0
    print(say("failed", count=len(report.errors)))
    return 1


def github_annotation(item) -> str:
    """A GitHub Actions workflow command: the problem shows at its file and line."""
    def escape(text: str, in_property: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if in_property else text

    kind = "error" if item.is_error else "notice"
    return (f"::{kind} file={escape(item.shown_path, True)},line={max(item.line, 1)},"
            f"title={escape(item.code, True)}::{escape(item.message)}")


def gitlab_report(report) -> str:
    """GitLab Code Quality JSON: merge requests show each problem at its file and line."""
    import hashlib
    import json

    return json.dumps([{
        "description": f"{p.code}: {p.message}", "check_name": p.code,
        "severity": "major" if p.is_error else "info",
        "fingerprint": hashlib.sha256(str(p).encode()).hexdigest(),
        "location": {"path": p.shown_path, "lines": {"begin": max(p.line, 1)}},
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


def cmd_health(args) -> int:
    """Stale and empty columns, the home page, broken links, missing official marks."""
    from generator import health
    from generator.pipeline import ProblemsFound, build

    try:
        site = build(_root(args), history=False)
    except ProblemsFound as failed:
        for item in failed.report.sorted():
            print(item)
        print(say("failed", count=len(failed.report.sorted())))
        return 1
    lines = health.report(site, _root(args))
    for line in lines:
        print(line)
    return 1 if len(lines) > 1 else 0


def cmd_due(args) -> int:
    """0 when an embargo lifted in the last `--within` minutes, so a build is due (or when
    the records cannot be read: the build that follows says why); 1 when none did. The
    hourly CI run builds and deploys only then, so a notice under embargo is published
    within the hour after its time, not at the next daily build. The next embargo to
    come is said either way."""
    import datetime as dt

    from generator.pipeline import validate_cached

    data, report = validate_cached(_root(args))
    if not report.valid:
        print(say("due_unreadable"))
        return 0
    now, types = data.now, record_types()
    since = now - dt.timedelta(minutes=args.within)

    def said(rec, key: str) -> str:
        return say(key, where=rec.at("embargo"), label=types[rec.rtype].label,
                   title=rec.get("title") or rec.get("id") or rec.get("slug") or "",
                   time=rec["embargo"].astimezone(now.tzinfo).strftime("%Y-%m-%d %H:%M"))

    timed = sorted((rec for records in data.collections.values() for rec in records
                    if isinstance(rec.get("embargo"), dt.datetime)),
                   key=lambda rec: (rec["embargo"], rec.where))
    lifted = [rec for rec in timed if since < rec["embargo"] <= now and rec.published]
    for rec in lifted:
        print(said(rec, "due_lifted"))
    if not lifted:
        print(say("due_none", minutes=args.within))
    coming = next((rec for rec in timed if rec["embargo"] > now and rec.state == "embargoed"),
                  None)
    print(said(coming, "due_next") if coming is not None else say("due_no_next"))
    return 0 if lifted else 1


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


def _as_of(value: str | None, data):
    """--as-of as a date, or a message why it cannot be used (None when not given)."""
    import datetime as dt

    if value is None:
        return None, None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None, say("as_of_bad", value=value)
    if day > data.now.date():
        return None, say("as_of_future", value=value, now=data.now.date().isoformat())
    return day, None


def _write_draft(root: Path, target: Path, text: str, force: bool) -> bool:
    if target.exists() and not force:
        print(say("notice_exists", path=target.relative_to(root)), file=sys.stderr)
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return True


def cmd_bulletin(args) -> int:
    import re

    from generator.bulletin import draft, month_bounds

    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", args.month):
        print(say("bad_month", value=args.month), file=sys.stderr)
        return 2
    root = _root(args)
    data = _valid_data(root)
    if data is None:
        return 1
    as_of, why = _as_of(args.as_of, data)
    first, last = month_bounds(args.month)
    if why is None and as_of is not None and not first <= as_of <= last:
        why = say("as_of_outside", value=as_of.isoformat(), month=args.month)
    if why is None and as_of is None and last >= data.now.date():
        why = say("bulletin_unfinished", month=args.month,
                  now=data.now.strftime("%Y-%m-%d %H:%M"))
    if why:
        print(why, file=sys.stderr)
        return 2
    target = root / "content" / "notices" / f"{args.month}-bulletin.md"
    if target.exists() and not args.force:
        print(say("bulletin_exists", path=target.relative_to(root)), file=sys.stderr)
        return 2
    target.write_text(draft(data, args.month, as_of), encoding="utf-8")
    print(say("bulletin_written", path=target.relative_to(root)))
    return 0


def cmd_notice(args) -> int:
    """Draft a 通报 whose list of units is frozen into the notice file."""
    from generator import notices

    root = _root(args)
    data = _valid_data(root)
    if data is None:
        return 1
    as_of, why = _as_of(args.as_of, data)
    if why:
        print(why, file=sys.stderr)
        return 2
    folder = root / "content" / "notices"
    if args.subject == "commitments":
        found = {c["id"]: c for c in data.published("commitments")}
        commitment = found.get(args.id) or next(
            (c for c in found.values() if c["title"] == args.id), None)
        if commitment is None:
            print(say("notice_unknown_commitment", value=args.id, known="、".join(found)),
                  file=sys.stderr)
            return 2
        if as_of <= commitment["due"]:
            print(say("notice_before_due", title=commitment["title"],
                      due=commitment["due"].isoformat(), value=as_of.isoformat()),
                  file=sys.stderr)
            return 2
        text, count = notices.draft_commitments(data, commitment, as_of)
        target = folder / f"{as_of.isoformat()}-{commitment['id']}-commitments.md"
        written = {"code": "notice_written", "count": count, "what": commitment["title"]}
    else:
        text, count, units = notices.draft_ledger(data, as_of)
        target = folder / f"{as_of.isoformat()}-ledger-overdue.md"
        written = {"code": "notice_written_ledger", "count": count, "units": units,
                   "what": data.labels["notice_draft"]["ledger_subject"]}
    if count == 0:
        print(say("notice_none", value=as_of.isoformat()))
        return 0
    if not _write_draft(root, target, text, args.force):
        return 2
    print(say(written.pop("code"), path=target.relative_to(root), **written))
    return 0


def _official_given(root: Path, data, given_paths: list[str]) -> list | None:
    """The notices named on the command line (paths from here or from the project root),
    each an official document the site issues; None, once said why, when one is not."""
    from generator import document

    by_path = {(root / n.where.path).resolve(): n for n in data.collections.get("notices", [])}
    chosen = []
    for given in given_paths:
        notice = by_path.get(Path(given).resolve()) or by_path.get((root / given).resolve())
        if notice is None:
            print(say("document_not_found", path=given), file=sys.stderr)
            return None
        refused = document.refusal(notice, data)
        if refused:
            print(say(refused[0], path=given, **refused[1]), file=sys.stderr)
            return None
        chosen.append(notice)
    return chosen


def cmd_freeze(args) -> int:
    """Write into issued 通报 what they would otherwise print from live records and
    settings: the cited cases' text (case_texts), the issuing authority (issuer), the
    labels printed in their text (words) and their attachments' digests."""
    from generator import checks, document, notices, word

    root = _root(args)
    data = _valid_data(root)
    if data is None:
        return 1
    chosen = _official_given(root, data, args.notices)
    if chosen is None:
        return 2

    def missing(notice) -> tuple:  # (words, digests, style) it still takes from live settings
        # a word the generator came to print after the notice was frozen is added to it
        frozen = notice.get("words") or {}
        words = {key: value for key, value in notices.live_words(data.labels).items()
                 if frozen.get(key) in (None, "", [])} or None
        digests = None if notice.get("attachment_digests") else [
            (a["file"], notices.file_digest(path)) for a in notice.get("attachments") or []
            if a.get("file") and (path := checks.attachment_path(root, a["file"])).is_file()]
        style = None if notice.get("document_style") else word.current_style(root)
        return words, digests, style

    for notice in chosen:
        if notice.get("case_texts") and (
                notice.published and notice.get("issuer") and not any(missing(notice))
                or not notice.published and not args.force):
            print(say("notice_frozen_already" if notice.published
                      else "notice_frozen_draft", path=notice.where.path), file=sys.stderr)
            return 2
    if args.all:  # issued and scheduled notices that still print live records
        chosen += [n for n in data.collections.get("notices", []) if n.state in (
            "published", "embargoed") and (not n.get("case_texts") or not n.get("issuer")
                                           or any(missing(n)))
            and n not in chosen and not document.refusal(n, data)]
    frozen = 0
    for notice in chosen:
        # a text once frozen is written again only into a notice not yet public, on request
        entries = notices.case_texts(data, notice) if not notice.get("case_texts") or (
            args.force and not notice.published) else []
        issuer = None if notice.get("issuer") else data.site["authority"]
        # the 印发机关 is fixed with the issuer: from then on an empty `printer` means the
        # first issuer (notices.printer_of), so the site's setting is written in
        printer = data.site.get("printer") if issuer and not notice.get("printer") else None
        words, digests, style = missing(notice)
        if not entries and not issuer and not words and not digests and not style:
            if args.notices:
                print(say("notice_freeze_none", path=notice.where.path))
            continue
        path = root / notice.where.path
        try:
            # bytes in and out: the file's own line ends stay as they are
            text = path.read_bytes().decode("utf-8")
            if words and notice.get("words"):  # into the words it holds already
                text = notices.with_words(text, words)
            block = notices.frozen_yaml(entries, issuer, None if notice.get("words") else words,
                                        digests, style, printer)
            if block.strip():
                text = notices.with_frozen(text, block)
        except notices.NotFrozen as err:
            print(say(err.args[0], path=notice.where.path), file=sys.stderr)
            return 2
        path.write_bytes(text.encode("utf-8"))
        frozen += 1
        if issuer:
            print(say("notice_frozen_issuer", path=notice.where.path, issuer=issuer))
        if words:
            print(say("notice_frozen_words", path=notice.where.path))
        if digests:
            print(say("notice_frozen_digests", path=notice.where.path, count=len(digests),
                      files="、".join(name for name, _d in digests)))
        if style:
            print(say("notice_frozen_style", path=notice.where.path))
        if entries:
            print(say("notice_frozen", path=notice.where.path, count=len(entries),
                      cases="、".join(e["case"] for e in entries)))
    if not frozen and not args.notices:
        print(say("notice_freeze_nothing"))
    return 0


def cmd_document(args) -> int:
    """NAME.docx and NAME.pdf for the given notices, or for every issued 公文."""
    from generator import document

    root = _root(args)
    data = _valid_data(root)
    if data is None:
        return 1
    notices = _official_given(root, data, args.notices)
    if notices is None:
        return 2
    if not args.notices:
        notices = document.issued(data)
    try:
        made = document.make(notices, data, root)
    except document.DocumentsFailed as failed:
        for item in failed.problems:
            print(item)
        return 1
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for notice in notices:
        name = Path(notice.where.path).stem
        for kind, content in made[notice["slug"]].items():
            (out / f"{name}.{kind}").write_bytes(content)
        print(say("document_written", docx=out / f"{name}.docx", pdf=out / f"{name}.pdf"))
        if not notice.published:
            print(say("document_marked", why=notice.why))
    print(say("documents_written", count=len(notices), dir=out))
    return 0


def _audited(root: Path, site: Path, shown_as: str) -> bool:
    """Run the audit of a built site against the project's data; print what it finds."""
    import yaml

    from generator.audit import audit, policy_for
    from generator.pipeline import name_sources, record_sources

    data = _valid_data(root)
    if data is None:
        return False
    engine = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8")) \
        if (root / "mkdocs.yml").is_file() else {}
    found = audit(site, policy_for(data, engine.get("extra_javascript") or []), shown_as)
    found = name_sources(found, record_sources(data), shown_as)
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


def cmd_templates(args) -> int:
    from generator.workbook import write_templates

    data = _valid_data(_root(args))
    if data is None:
        return 1
    out = Path(args.out_dir)
    written = write_templates(_root(args), data, out, with_data=args.with_data)
    print(say("templates_written", count=len(written), dir=out))
    for path in written:
        print(say("templates_file", path=path.relative_to(out).as_posix()))
    return 0


def cmd_fmt(args) -> int:
    from generator.tableformat import format_tables

    outcomes = format_tables(_root(args), write=not args.check)
    for item in outcomes:
        if item.error:
            print(say("fmt_unreadable", path=item.path, reason=item.error))
        elif item.changed:
            print(say("fmt_needed" if args.check else "fmt_changed", path=item.path))
    changed = sum(1 for item in outcomes if item.changed)
    print(say("fmt_done", count=len(outcomes), changed=0 if args.check else changed))
    failed = any(item.error for item in outcomes) or (args.check and changed)
    return 1 if failed else 0


def cmd_new(args) -> int:
    from generator.checks import validate
    from generator.scaffold import ScaffoldError, new_record

    root = _root(args)
    data, _report = validate(root)
    try:
        path, record_id = new_record(root, args.kind, data, data.now.date(), args.title or "")
    except ScaffoldError as err:
        print(say(err.args[0], **err.args[1]), file=sys.stderr)
        return 2
    rel = path.relative_to(root).as_posix()
    if path.suffix == ".csv":
        print(say("new_appended", path=rel, id=record_id))
    else:
        print(say("new_written", path=rel))
    return 0


def cmd_init(args) -> int:
    from generator.clock import build_time
    from generator.scaffold import init_project

    target = Path(args.dir)
    if target.exists() and any(target.iterdir()):
        print(say("init_not_empty", dir=target), file=sys.stderr)
        return 2
    template = Path(__file__).resolve().parent.parent
    init_project(template, target, args.county, args.authority, args.url, build_time().date())
    print(say("init_done", dir=target, county=args.county))
    return 0


def cmd_cms(args) -> int:
    from generator import cms

    root = _root(args)
    if args.serve:
        print(say("cms_serving", port=args.port, root=root), flush=True)
        cms.serve_local_backend(root, args.port)
        return 0
    data = _valid_data(root)
    if data is None:
        return 1
    text = cms.config_yaml(data)
    if not args.out:
        print(text, end="")
        return 0
    target = Path(args.out)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(say("cms_written", path=target))
    return 0


def _staff_tools(sub) -> None:
    """Templates, fmt, new, init and the web editor: the staff's way in."""
    from generator.scaffold import KINDS

    templates = sub.add_parser("templates", help=_h("templates"), description=_h("templates"))
    templates.add_argument("out_dir", help=_h("templates_out"))
    templates.add_argument("--with-data", action="store_true", help=_h("templates_with_data"))
    templates.set_defaults(run=cmd_templates)
    fmt = sub.add_parser("fmt", help=_h("fmt"), description=_h("fmt"))
    fmt.add_argument("--check", action="store_true", help=_h("fmt_check"))
    fmt.set_defaults(run=cmd_fmt)
    new = sub.add_parser("new", help=_h("new"), description=_h("new"))
    new.add_argument("kind", choices=list(KINDS), help=_h("new_kind"))
    new.add_argument("--title", help=_h("new_title"))
    new.set_defaults(run=cmd_new)
    init = sub.add_parser("init", help=_h("init"), description=_h("init"))
    init.add_argument("dir", help=_h("init_dir"))
    init.add_argument("--county", required=True, help=_h("init_county"))
    init.add_argument("--authority", required=True, help=_h("init_authority"))
    init.add_argument("--url", default="https://example.gov.cn/", help=_h("init_url"))
    init.set_defaults(run=cmd_init)
    cms = sub.add_parser("cms", help=_h("cms"), description=_h("cms"))
    cms.add_argument("--out", help=_h("cms_out"))
    cms.add_argument("--serve", action="store_true", help=_h("cms_serve"))
    cms.add_argument("--port", type=int, default=8081, help=_h("cms_port"))
    cms.set_defaults(run=cmd_cms)


def _h(key: str) -> str:
    """A line of `--help`, from the `help` section of messages.yml."""
    from generator.problems import messages

    return messages()["help"][key]


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups,
                          prefix=_h("usage") if prefix is None else prefix)

    def format_help(self) -> str:
        """argparse ends a heading with an ASCII colon; Chinese text takes the full-width one."""
        text = super().format_help()
        for key in ("positionals", "options", "commands"):
            text = text.replace(f"\n{_h(key)}:\n", f"\n{_h(key)}：\n")
        return text


class _Parser(argparse.ArgumentParser):
    """argparse speaking Chinese: headings, the help option and its error messages."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = _h("positionals")
        self._optionals.title = _h("options")
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help=_h("help"))

    def error(self, message: str):
        import re

        from generator.problems import messages

        for pattern, template in messages()["argparse_errors"]:
            match = re.fullmatch(pattern, message)
            if match:
                message = template.format(*match.groups())
                break
        self.print_usage(sys.stderr)
        self.exit(2, messages()["cli"]["usage_error"].format(prog=self.prog, message=message)
                  + "\n")


def parser() -> argparse.ArgumentParser:
    top = _Parser(prog="python -m generator", description=_h("description"))
    top.add_argument("--root", default=".", help=_h("root"))
    sub = top.add_subparsers(dest="command", required=True, title=_h("commands"))
    check = sub.add_parser("check", help=_h("check"), description=_h("check"))
    check.add_argument("--format", choices=["text", "github", "gitlab"], default="text",
                       help=_h("check_format"))
    check.add_argument("--changed", action="store_true", help=_h("check_changed"))
    check.add_argument("--no-cache", action="store_true", help=_h("check_no_cache"))
    check.set_defaults(run=cmd_check)
    due = sub.add_parser("due", help=_h("due"), description=_h("due"))
    due.add_argument("--within", type=int, default=120, metavar="MINUTES", help=_h("due_within"))
    due.set_defaults(run=cmd_due)
    health = sub.add_parser("health", help=_h("health"), description=_h("health"))
    health.set_defaults(run=cmd_health)
    sub.add_parser("docs", help=_h("docs"), description=_h("docs")).set_defaults(run=cmd_docs)
    synth = sub.add_parser("synth", help=_h("synth"), description=_h("synth"))
    synth.add_argument("--scale", type=int, default=1, help=_h("synth_scale"))
    synth.add_argument("--out", required=True, help=_h("synth_out"))
    synth.set_defaults(run=cmd_synth)
    export = sub.add_parser("export", help=_h("export"), description=_h("export"))
    export.add_argument("dir", help=_h("export_dir"))
    export.set_defaults(run=cmd_export)
    bulletin = sub.add_parser("bulletin", help=_h("bulletin"), description=_h("bulletin"))
    bulletin.add_argument("month", help=_h("bulletin_month"))
    bulletin.add_argument("--force", action="store_true", help=_h("bulletin_force"))
    bulletin.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD", help=_h("bulletin_as_of"))
    bulletin.set_defaults(run=cmd_bulletin)
    notice = sub.add_parser("notice", help=_h("notice"), description=_h("notice"))
    kinds = notice.add_subparsers(dest="subject", required=True, title=_h("commands"))
    late = kinds.add_parser("commitments", help=_h("notice_commitments"),
                            description=_h("notice_commitments"))
    late.add_argument("id", help=_h("notice_commitment_id"))
    overdue = kinds.add_parser("ledger", help=_h("notice_ledger"),
                               description=_h("notice_ledger"))
    for p in (late, overdue):
        p.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD", required=True,
                       help=_h("notice_as_of"))
        p.add_argument("--force", action="store_true", help=_h("bulletin_force"))
        p.set_defaults(run=cmd_notice)
    freeze = kinds.add_parser("freeze", help=_h("notice_freeze"),
                              description=_h("notice_freeze"))
    freeze.add_argument("notices", nargs="*", metavar="NOTICE", help=_h("notice_freeze_files"))
    freeze.add_argument("--all", action="store_true", help=_h("notice_freeze_all"))
    freeze.add_argument("--force", action="store_true", help=_h("notice_freeze_force"))
    freeze.set_defaults(run=cmd_freeze)
    doc = sub.add_parser("document", help=_h("document"), description=_h("document"))
    doc.add_argument("notices", nargs="*", metavar="NOTICE", help=_h("document_notices"))
    doc.add_argument("--out", default="build/documents", help=_h("document_out"))
    doc.set_defaults(run=cmd_document)
    deploy = sub.add_parser("deploy", help=_h("deploy"), description=_h("deploy"))
    deploy.add_argument("site", nargs="?", default="site", help=_h("deploy_site"))
    deploy.add_argument("--to", required=True, help=_h("deploy_to"))
    deploy.add_argument("--keep", type=int, default=5, help=_h("deploy_keep"))
    deploy.add_argument("--rollback", action="store_true", help=_h("deploy_rollback"))
    deploy.set_defaults(run=cmd_deploy)
    publish = sub.add_parser("publish", help=_h("publish"), description=_h("publish"))
    publish.add_argument("--to", required=True, help=_h("deploy_to"))
    publish.add_argument("--site", default="site", help=_h("publish_site"))
    publish.add_argument("--keep", type=int, default=5, help=_h("deploy_keep"))
    publish.set_defaults(run=cmd_publish)
    audit = sub.add_parser("audit", help=_h("audit"), description=_h("audit"))
    audit.add_argument("site", help=_h("audit_site"))
    audit.set_defaults(run=cmd_audit)
    _staff_tools(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    root = _root(args)
    if args.command not in ("synth", "init") and not (root / "site_config").is_dir():
        print(say("no_project", root=root), file=sys.stderr)
        return 2
    try:
        return args.run(args)
    except BadEpoch as err:
        print(say("bad_epoch", value=err.args[0]), file=sys.stderr)
        return 2
    except LabelMissing as err:  # any command (bulletin, new …) that prints a label
        key = str(err.args[0])
        print(problem("missing-label", Location("site_config/labels.yml",
                                                label_line(root, key)), field=key),
              file=sys.stderr)
        return 1
