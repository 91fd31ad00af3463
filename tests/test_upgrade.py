"""`trousse upgrade`: a kit made by an older template set, then edited by its owner, is brought
forward with its edits kept, one conflict marked and listed, new files added and files removed
upstream reported, not deleted; nothing is committed without --commit.

Older trousse versions cannot be installed here, so the older template set is made from the
current one: its rendered copy (.trousse/base/) and the kit's files are changed as an earlier
version would have rendered them, and committed as init would have."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import cli, git, init_kit

from trousse import __version__

OLD = "0.0.9"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _old_kit(tmp_path: Path, lang: str = "en") -> Path:
    kit = init_kit(tmp_path / "kit", "--standard", "iso9001-2015", "--lang", lang, "--org", "Acme", "--people", "4")
    base = kit / ".trousse" / "base"
    # What the older templates rendered differently, in the base copy and in the kit alike:
    for root in (kit, base):
        _replace(root / "trousse.yml", f"trousse_version: {__version__}", f"trousse_version: {OLD}")
        _replace(root / ".gitignore", "reports/", "reports/\nold-output/")  # a line upstream dropped
        _replace(root / "processes/AUD.md", "---\n", "---\n# old heading line\n")  # upstream changed it
        (root / "old-notes.md").write_text("Notes the old templates made.\n", encoding="utf-8")  # gone upstream
        (root / ".vscode/extensions.json").unlink()  # new upstream
    _replace(kit / ".trousse/answers.yml", f"trousse_version: {__version__}", f"trousse_version: {OLD}")
    git(kit, "add", "-A")
    git(kit, "commit", "-q", "-m", "kit as the older trousse made it")
    # The owner's edits: one where upstream did not change (kept), one where it did (a conflict).
    ignore = kit / ".gitignore"
    ignore.write_text("# ours: exports\nexports/\n" + ignore.read_text(encoding="utf-8"), encoding="utf-8")
    _replace(kit / "processes/AUD.md", "# old heading line\n", "# our own heading line\n")
    git(kit, "commit", "-q", "-am", "owner's edits")
    return kit


def test_upgrade_keeps_edits_reports_one_conflict_and_commits_nothing(tmp_path: Path) -> None:
    kit = _old_kit(tmp_path)
    head = git(kit, "rev-parse", "HEAD").strip()
    proc = cli("upgrade", str(kit), "--lang", "en")
    assert proc.returncode == 1, proc.stdout + proc.stderr  # a conflict is left
    out = proc.stdout
    assert f"trousse {OLD} → {__version__}" in out
    assert "CONFLICT: processes/AUD.md (1 conflict)" in out
    assert out.count("CONFLICT") == 1, out
    assert "added (new template): .vscode/extensions.json" in out
    assert "removed from the templates, kept in the kit" in out and "old-notes.md" in out
    # The owner's edit where upstream did not change is kept; upstream's own change is taken.
    ignore = (kit / ".gitignore").read_text(encoding="utf-8")
    assert "exports/" in ignore and "old-output/" not in ignore
    # trousse.yml: the owner never touched the version line, so it follows upstream.
    assert f"trousse_version: {__version__}" in (kit / "trousse.yml").read_text(encoding="utf-8")
    # The conflict is marked as git marks it, with both sides.
    aud = (kit / "processes/AUD.md").read_text(encoding="utf-8")
    assert "<<<<<<< the kit" in aud and "# our own heading line" in aud and ">>>>>>> trousse " in aud
    # Removed upstream: still there. New upstream: written. The record of versions moved on.
    assert (kit / "old-notes.md").is_file()
    assert (kit / ".vscode/extensions.json").is_file()
    assert not (kit / ".trousse/base/old-notes.md").exists()
    assert f"trousse_version: {__version__}" in (kit / ".trousse/answers.yml").read_text(encoding="utf-8")
    # Nothing committed.
    assert git(kit, "rev-parse", "HEAD").strip() == head


def test_upgrade_commit_when_clean(tmp_path: Path) -> None:
    kit = _old_kit(tmp_path)
    # Without the conflicting edit, everything merges.
    git(kit, "checkout", "-q", "HEAD~1", "--", "processes/AUD.md")
    git(kit, "commit", "-q", "-am", "drop the conflicting edit")
    proc = cli("upgrade", str(kit), "--commit", "--lang", "en")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Commit:" in proc.stdout
    assert git(kit, "status", "--porcelain").strip() == ""
    assert "exports/" in (kit / ".gitignore").read_text(encoding="utf-8")
    # A second run finds nothing to do.
    second = cli("upgrade", str(kit), "--lang", "en")
    assert second.returncode == 0 and "Already up to date" in second.stdout


def test_unresolved_markers_are_still_conflicts_on_the_next_run(tmp_path: Path) -> None:
    kit = _old_kit(tmp_path)
    assert cli("upgrade", str(kit), "--lang", "en").returncode == 1
    head = git(kit, "rev-parse", "HEAD").strip()
    again = cli("upgrade", str(kit), "--lang", "en")  # the markers are still in AUD.md
    assert again.returncode == 1 and "CONFLICT: processes/AUD.md (1 conflict)" in again.stdout, again.stdout
    refused = cli("upgrade", str(kit), "--commit", "--lang", "en")
    assert refused.returncode == 2 and "nothing was committed" in refused.stderr
    assert git(kit, "rev-parse", "HEAD").strip() == head


def test_commit_after_the_conflicts_are_resolved_by_hand(tmp_path: Path) -> None:
    """The first run moved .trousse/answers.yml on and left a conflict; once the owner removed the
    markers, --commit commits the whole upgrade (not "already up to date" with nothing committed)."""
    kit = _old_kit(tmp_path, "fr")
    head = git(kit, "rev-parse", "HEAD").strip()
    first = cli("upgrade", str(kit), "--lang", "fr")
    assert first.returncode == 1 and "CONFLIT : processes/AUD.md (1 conflit)" in first.stdout, first.stdout
    refused = cli("upgrade", str(kit), "--commit", "--lang", "fr")
    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert "1 conflit reste dans les fichiers : rien n'a été validé" in refused.stderr, refused.stderr
    aud = kit / "processes/AUD.md"
    lines = aud.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("<<<<<<< "))
    end = next(i for i, line in enumerate(lines) if line.startswith(">>>>>>> "))
    aud.write_text("".join([*lines[:start], *lines[end + 1 :]]), encoding="utf-8")  # upstream's side: no line
    waiting = sorted(line[3:] for line in git(kit, "status", "--porcelain", "-uall").splitlines())
    assert len(waiting) > 5 and "processes/AUD.md" in waiting and ".trousse/answers.yml" in waiting
    proc = cli("upgrade", str(kit), "--commit", "--lang", "fr")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Déjà à jour" not in proc.stdout
    assert f"{OLD} → {__version__}" in proc.stdout
    assert f"({len(waiting)} fichiers validés)" in proc.stdout, proc.stdout
    assert "à valider (écrit par une exécution précédente de trousse upgrade) : processes/AUD.md" in proc.stdout
    assert git(kit, "status", "--porcelain", "-uall").strip() == ""
    assert git(kit, "rev-parse", "HEAD~1").strip() == head
    assert f"trousse {OLD} vers {__version__}" in git(kit, "log", "-1", "--format=%s")
    assert sorted(git(kit, "show", "--name-only", "--format=", "HEAD").split()) == waiting
    again = cli("upgrade", str(kit), "--commit", "--lang", "fr")
    assert again.returncode == 0 and "Déjà à jour" in again.stdout, again.stdout


def test_upgrade_refuses_commit_with_conflicts(tmp_path: Path) -> None:
    kit = _old_kit(tmp_path)
    head = git(kit, "rev-parse", "HEAD").strip()
    proc = cli("upgrade", str(kit), "--commit", "--lang", "en")
    assert proc.returncode == 2
    assert "nothing was committed" in proc.stderr and "Traceback" not in proc.stderr
    assert git(kit, "rev-parse", "HEAD").strip() == head


@pytest.mark.parametrize("broken", ["missing", "garbage"])
def test_upgrade_without_answers_is_one_plain_line(tmp_path: Path, broken: str) -> None:
    kit = init_kit(tmp_path / "kit", "--standard", "iso9001-2015", "--lang", "en", "--org", "Acme")
    answers = kit / ".trousse/answers.yml"
    if broken == "missing":
        answers.unlink()
    else:
        answers.write_text("- [unclosed\n", encoding="utf-8")
    proc = cli("upgrade", str(kit), "--lang", "en")
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "answers.yml" in proc.stderr


def test_upgrade_never_writes_through_a_linked_folder(tmp_path: Path) -> None:
    kit = _old_kit(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.rmtree(kit / ".vscode")
    (kit / ".vscode").symlink_to(outside, target_is_directory=True)
    proc = cli("upgrade", str(kit), "--lang", "en")
    assert proc.returncode == 2 and "symbolic link" in proc.stderr
    assert list(outside.iterdir()) == []
    assert "exports/" in (kit / ".gitignore").read_text(encoding="utf-8")  # nothing merged either
    assert "old-output/" in (kit / ".gitignore").read_text(encoding="utf-8")


def test_a_french_kit_made_with_english_ci_comments_gets_them_in_french(tmp_path: Path) -> None:
    """Kits made before the CI files spoke the kit's language: upgrade brings their comments into
    French and keeps what the owner added to them."""
    import datetime as dt

    from trousse.scaffold import InitOptions, plan_kit

    kit = tmp_path / "kit"
    proc = cli("init", str(kit), "--standard", "iso9001-2015", "--lang", "fr", "--org", "Acme", "--pre-commit")
    assert proc.returncode == 0, proc.stderr
    english = plan_kit(
        InitOptions(Path("k"), ["iso9001-2015"], "en", "Acme", None, pre_commit=True, today=dt.date.today())
    )
    ci = (".github/workflows/trousse.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml", ".gitignore")
    for root in (kit, kit / ".trousse" / "base"):  # what the older templates rendered, in English
        for path in ci:
            (root / path).write_text(english[path], encoding="utf-8")
        _replace(root / "trousse.yml", f"trousse_version: {__version__}", f"trousse_version: {OLD}")
    _replace(kit / ".trousse/answers.yml", f"trousse_version: {__version__}", f"trousse_version: {OLD}")
    git(kit, "add", "-A")
    git(kit, "commit", "-q", "-m", "kit as the older trousse made it")
    gitlab = kit / ".gitlab-ci.yml"
    gitlab.write_text(gitlab.read_text(encoding="utf-8") + "  tags: [docker]\n", encoding="utf-8")  # the owner's
    git(kit, "commit", "-q", "-am", "owner's runner tag")
    proc = cli("upgrade", str(kit), "--lang", "fr")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "CONFLICT" not in proc.stdout and "CONFLIT" not in proc.stdout
    text = gitlab.read_text(encoding="utf-8")
    assert "# Vérifie le kit avec trousse" in text and "Checks the kit" not in text
    assert text.endswith("  tags: [docker]\n")
    flow = (kit / ".github/workflows/trousse.yml").read_text(encoding="utf-8")
    assert "name: Vérifier" in flow and "Install trousse" not in flow
    assert "# Les rapports produits" in (kit / ".gitignore").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "said", "not_said"),
    [("fr", "# Écrit par trousse init", "Written"), ("en", "# Written by trousse init", "Écrit")],
)
def test_the_answers_record_speaks_the_kits_language(tmp_path: Path, lang: str, said: str, not_said: str) -> None:
    kit = tmp_path / "kit"
    assert cli("init", str(kit), "--standard", "iso9001-2015", "--lang", lang, "--org", "Acme").returncode == 0
    text = (kit / ".trousse/answers.yml").read_text(encoding="utf-8")
    assert text.startswith(said) and not_said not in text, text
    assert text.splitlines()[1].startswith("# ")  # the comment's second line is a comment too
