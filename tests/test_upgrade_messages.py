"""What `trousse upgrade` says: a missing base, the second run's list, the same version with other
templates, and where the README explains it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import cli, git, init_kit, plain

from trousse import __version__

README = Path(__file__).resolve().parents[1] / "README.md"


def _kit(tmp_path: Path, lang: str) -> Path:
    return init_kit(tmp_path / "kit", "--standard", "iso9001-2015", "--lang", lang, "--org", "Acme")


def test_a_missing_base_is_said_with_what_to_do_and_nothing_is_written(tmp_path: Path) -> None:
    kit = _kit(tmp_path, "fr")
    shutil.rmtree(kit / ".trousse/base")
    git(kit, "commit", "-q", "-am", "base lost")
    proc = cli("upgrade", str(kit), "--lang", "fr")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    line = plain(proc.stderr.strip())
    assert len(line.splitlines()) == 1, line
    assert ".trousse/base/ est absent" in line and "git checkout HEAD -- .trousse/base" in line, line
    assert f"trousse {__version__}" in line and "CONFLIT" not in proc.stdout
    assert git(kit, "status", "--porcelain").strip() == ""  # nothing written


def test_the_same_version_with_other_templates_names_the_change(tmp_path: Path) -> None:
    kit = _kit(tmp_path, "en")
    gitignore = kit / ".trousse/base/.gitignore"  # as an earlier build of the same version rendered it
    gitignore.write_text(gitignore.read_text(encoding="utf-8") + "old-output/\n", encoding="utf-8")
    git(kit, "commit", "-q", "-am", "older templates")
    proc = cli("upgrade", str(kit), "--lang", "en")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    first = plain(proc.stdout.splitlines()[0])
    assert f"{__version__} → {__version__}" not in first
    assert re.search(
        rf"trousse {re.escape(__version__)}, same version number but changed templates "
        r"\(templates' stamp [0-9a-f]{10} → [0-9a-f]{10}\)",
        first,
    ), first
    git(kit, "add", "-A")
    git(kit, "commit", "-q", "-m", "upgraded")
    again = plain(cli("upgrade", str(kit), "--lang", "en").stdout.splitlines()[0])
    assert re.search(r"templates unchanged \(stamp [0-9a-f]{10}\)", again), again


def test_the_second_run_lists_only_what_the_owner_reviews(tmp_path: Path) -> None:
    kit = _kit(tmp_path, "fr")
    for root in (kit, kit / ".trousse/base"):  # an older version, which rendered AUD.md otherwise
        for name in (".trousse/answers.yml", "trousse.yml") if root == kit else ("trousse.yml",):
            path = root / name
            path.write_text(
                path.read_text(encoding="utf-8").replace(f"trousse_version: {__version__}", "trousse_version: 0.0.9"),
                encoding="utf-8",
            )
        aud = root / "processes/AUD.md"
        aud.write_text(aud.read_text(encoding="utf-8").replace("---\n", "---\n# old\n", 1), encoding="utf-8")
    git(kit, "commit", "-q", "-am", "older kit")
    aud = kit / "processes/AUD.md"
    aud.write_text(aud.read_text(encoding="utf-8").replace("# old\n", "# ours\n", 1), encoding="utf-8")
    git(kit, "commit", "-q", "-am", "owner's edit")
    assert cli("upgrade", str(kit), "--lang", "fr").returncode == 1  # a conflict in AUD.md
    lines = aud.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("<<<<<<< "))
    end = next(i for i, line in enumerate(lines) if line.startswith(">>>>>>> "))
    aud.write_text("".join([*lines[:start], *lines[end + 1 :]]), encoding="utf-8")
    proc = cli("upgrade", str(kit), "--lang", "fr")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = plain(proc.stdout)
    listed = [line for line in out.splitlines() if "à valider" in line]
    said = "  à valider (écrit par une exécution précédente de trousse upgrade) : "
    assert listed == [said + "processes/AUD.md", said + "trousse.yml"], out  # the version line moved on
    assert re.search(r"et \d+ fichiers de \.trousse/ \(copie des modèles, schémas, réponses\)", out), out
    assert ".trousse/base/" not in out and ".trousse/schemas/" not in out


def test_the_missing_answers_message_names_a_readme_section_that_exists(tmp_path: Path) -> None:
    headings = re.findall(r"\*\*([^*]+)\.\*\*", README.read_text(encoding="utf-8"))
    for lang in ("fr", "en"):
        kit = tmp_path / lang
        assert cli("init", str(kit), "--standard", "iso9001-2015", "--lang", lang, "--org", "Acme").returncode == 0
        (kit / ".trousse/answers.yml").unlink()
        proc = cli("upgrade", str(kit), "--lang", lang)
        assert proc.returncode == 2
        named = re.search(r"section (?:«\s*([^»]+?)\s*»|'([^']+)')", plain(proc.stderr))
        assert named is not None and (named.group(1) or named.group(2)) in headings, (proc.stderr, headings)
