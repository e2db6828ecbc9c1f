"""Every rule id the code raises has its page in docs/rules/, and every page's rule is raised
somewhere in the code (issue 8, §7). A rule id is a string constant such as ``"GOAL-001"`` in
``styr/`` (the code of a ``RuleViolation``, of ``NotAllowed`` or of the API's own answers); a
page is ``docs/rules/<ID>.md``. A page of a policy that refuses through another rule (PERM-002,
refused as PERM-001) says so in the README's table: its answer is "(policy; …)"."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "docs" / "rules"
RULE_ID = re.compile(r"[A-Z]+-\d{3}")


def ids_in_code() -> dict[str, list[str]]:
    """Each rule id used as a string constant in styr/, with the files that use it."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "styr").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and RULE_ID.fullmatch(node.value):
                found.setdefault(node.value, []).append(str(path.relative_to(ROOT)))
    return found


def pages() -> set[str]:
    return {p.stem for p in RULES.glob("*.md") if RULE_ID.fullmatch(p.stem)}


def readme_rows() -> dict[str, str]:
    """id -> answer column of the README's table."""
    rows = {}
    for line in (RULES / "README.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r"\| \[([A-Z]+-\d{3})\]\(\1\.md\) \|.*\| ([^|]+) \|$", line)
        if match:
            rows[match.group(1)] = match.group(2).strip()
    return rows


def test_the_code_raises_rules() -> None:
    # the scan itself works: a handful of ids known to be raised are found
    found = ids_in_code()
    assert {"GOAL-001", "PERM-001", "TREND-001", "AUTH-001"} <= set(found)


def test_every_rule_raised_in_the_code_has_its_page() -> None:
    missing = {rule: files for rule, files in ids_in_code().items() if rule not in pages()}
    assert not missing, f"rule ids raised without a page in docs/rules/: {missing}"


def test_every_page_names_a_rule_the_code_raises_or_a_policy() -> None:
    policies = {rule for rule, answer in readme_rows().items() if answer.startswith("(policy")}
    unraised = pages() - set(ids_in_code()) - policies
    assert not unraised, f"pages in docs/rules/ whose rule no code raises: {sorted(unraised)}"
    assert policies <= pages()


def test_every_page_is_in_the_readme_table_and_shows_its_own_id() -> None:
    rows = readme_rows()
    assert pages() == set(rows), f"README table and pages differ: {sorted(pages() ^ set(rows))}"
    for rule in pages():
        first = (RULES / f"{rule}.md").read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(f"# {rule} "), rule


def test_no_page_points_at_code_that_is_not_there() -> None:
    """Paths named in the pages exist (styr/demo.py moved to styr/demo/loader.py, commands
    moved out of core)."""
    missing = []
    for page in [*RULES.glob("*.md"), ROOT / "docs" / "architecture.md"]:
        for path in re.findall(r"`((?:styr|tests|docs|presets)/[\w/.-]+\.(?:py|md|yaml|html))`", page.read_text(encoding="utf-8")):
            if not (ROOT / path).exists():
                missing.append(f"{page.name}: {path}")
    assert not missing, missing


STALE = re.compile(r"No\s+web\s+page\s+or\s+API\s+endpoint\s+calls[\s\S]{0,80}?yet|no\s+service\s+or\s+page\s+calls\s+it")


def test_no_page_says_its_rule_is_unreachable_from_pages_and_the_api() -> None:
    stale = [p.name for p in RULES.glob("*.md") if STALE.search(p.read_text(encoding="utf-8"))]
    assert not stale, stale
