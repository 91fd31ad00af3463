"""trousse import tickets (issue 15, part 6, second review): the tool's service values are mapped to
the catalogue's services with --service VALUE=ID; a value the catalogue lacks is said once, plainly,
with what to do; a re-import with nothing new does not ask to commit. Real git kit, real CLI."""

from __future__ import annotations

from pathlib import Path

from conftest import check_json, clean_kit_files, cli, git, write_files

EXPORT = (
    "id,title,date,type,service,status\n"
    "1,Site down,2026-11-18,incident,dotcom,closed\n"
    "2,Login slow,2026-11-19,incident,dotcom,open\n"
    "3,Build broken,2026-11-19,incident,ce,open\n"
)


def _kit(tmp_path: Path) -> Path:
    root = tmp_path / "kit"
    files = clean_kit_files("en")
    files["trousse.yml"] = files["trousse.yml"].replace("[test-pack]", "[iso20000-1-2018]")
    write_files(root, files)
    git(tmp_path, "init", "-q", str(root))
    git(root, "add", "--all")
    git(root, "commit", "-q", "-m", "kit", date="2026-11-01T10:00:00+01:00")
    (tmp_path / "export.csv").write_text(EXPORT, encoding="utf-8")
    return root


def _ref011(root: Path) -> set[str]:
    git(root, "add", "--all")
    git(root, "commit", "-q", "-m", "import", date="2026-11-20T10:00:00+01:00")
    _, data = check_json(root, "--as-of", "2026-11-20")
    return {f["path"] for f in data["findings"] if f["rule"] == "REF011"}


def test_unmapped_service_values_are_said_once(tmp_path: Path) -> None:
    root = _kit(tmp_path)
    out = cli("import", "tickets", str(tmp_path / "export.csv"), "--kit", str(root))
    assert out.returncode == 0, out.stderr
    lines = [ln for ln in out.stdout.splitlines() if "services/catalogue.yml" in ln]
    assert len(lines) == 1, out.stdout  # once for the whole export, not once a ticket
    assert "these service values of the export are not in services/catalogue.yml: ce, dotcom" in lines[0]
    assert "--service ce=SVC-WEB" in lines[0]
    assert _ref011(root) == {f"records/tickets/CSV-{n}.yml" for n in (1, 2, 3)}


def test_service_values_mapped_to_the_catalogue(tmp_path: Path) -> None:
    root = _kit(tmp_path)
    out = cli(
        "import", "tickets", str(tmp_path / "export.csv"), "--kit", str(root),
        "--service", "dotcom=SVC-1", "--service", "ce=SVC-1",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "services/catalogue.yml" not in out.stdout, out.stdout
    assert "service: SVC-1\n" in (root / "records/tickets/CSV-3.yml").read_text(encoding="utf-8")
    assert _ref011(root) == set()
    again = cli(
        "import", "tickets", str(tmp_path / "export.csv"), "--kit", str(root),
        "--service", "dotcom=SVC-1", "--service", "ce=SVC-1",
    )  # fmt: skip
    assert "nothing new: the 3 tickets of the export are already in the kit" in again.stdout, again.stdout
    assert "commit records/tickets/" not in again.stdout


def test_a_bad_service_option_is_one_plain_line(tmp_path: Path) -> None:
    root = _kit(tmp_path)
    out = cli("import", "tickets", str(tmp_path / "export.csv"), "--kit", str(root), "--service", "dotcom")
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "write it as VALUE=ID" in out.stderr and len(out.stderr.strip().splitlines()) == 1, out.stderr
    assert not (root / "records/tickets").exists()
