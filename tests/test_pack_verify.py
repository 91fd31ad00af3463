"""The audit pack anyone can verify: a README, a ``SHA256SUMS`` that ``sha256sum -c`` reads as it
is, and ``trousse verify PACK.zip`` (0 intact, 1 altered or missing files named, 2 unreadable)."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import cli, commit_all, report_kit_files, write_files

AS_OF = "2026-11-23"


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("kit") / "kit"
    write_files(root, report_kit_files("fr"))
    commit_all(root, "kit", date="2026-03-15T10:00:00+00:00")
    run = cli("report", "pack", str(root), "--as-of", AS_OF)
    assert run.returncode == 0, run.stderr
    path = root / "reports" / f"pack-{AS_OF}.zip"  # named by the as-of date, not by today
    assert path.exists()
    return path


def rewrite(src: Path, dest: Path, change: dict[str, bytes | None]) -> Path:
    """A copy of the zip ``src`` with entries replaced (bytes) or removed (None)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for info in zin.infolist():
            if info.filename in change:
                if change[info.filename] is not None:
                    zout.writestr(info, change[info.filename])  # type: ignore[arg-type]
                continue
            zout.writestr(info, zin.read(info))
    return dest


def test_readme_and_sums_in_the_pack(pack: Path) -> None:
    with zipfile.ZipFile(pack) as zf:
        names = zf.namelist()
        readme = zf.read("README.md").decode()
        sums = zf.read("SHA256SUMS").decode()
    assert "README.md" in names and "SHA256SUMS" in names and "manifest.json" in names
    commit = subprocess.run(
        ["git", "-C", str(pack.parent.parent), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert commit in readme and AS_OF in readme and "sha256sum -c SHA256SUMS" in readme
    assert "trousse verify pack-2026-11-23.zip" in readme
    listed = {line.split("  ", 1)[1] for line in sums.splitlines()}
    assert listed == set(names) - {"SHA256SUMS"}


@pytest.mark.skipif(shutil.which("sha256sum") is None, reason="coreutils sha256sum is not installed")
def test_sha256sum_reads_the_manifest_as_it_is(pack: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(pack) as zf:
        zf.extractall(tmp_path)
    run = subprocess.run(["sha256sum", "--strict", "-c", "SHA256SUMS"], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    (tmp_path / "kit" / "trousse.yml").write_text("altered\n", encoding="utf-8")
    run = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 1 and "kit/trousse.yml: FAILED" in run.stdout


def test_verify_intact_pack(pack: Path) -> None:
    run = cli("verify", str(pack), "--lang", "en")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "intact" in run.stdout and "23 November 2026" in run.stdout


def test_verify_names_the_altered_file(pack: Path, tmp_path: Path) -> None:
    bad = rewrite(pack, tmp_path / "bad.zip", {"kit/trousse.yml": b"organisation: forged\n"})
    run = cli("verify", str(bad), "--lang", "en")
    assert run.returncode == 1
    assert run.stdout.splitlines() == ["altered: kit/trousse.yml"]
    assert "missing" not in run.stdout


def test_verify_names_the_missing_and_added_files(pack: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(pack) as zf:
        report = next(n for n in zf.namelist() if n.startswith("reports/audit-"))
    bad = rewrite(pack, tmp_path / "bad.zip", {report: None})
    with zipfile.ZipFile(bad, "a") as zf:
        zf.writestr("kit/extra.yml", "x: 1\n")
    run = cli("verify", str(bad), "--lang", "en")
    assert run.returncode == 1
    assert f"missing: {report}" in run.stdout and "added (not in the manifest): kit/extra.yml" in run.stdout


def test_verify_sees_a_forged_manifest(pack: Path, tmp_path: Path) -> None:
    # Changing a file and its line in manifest.json is not enough: SHA256SUMS covers manifest.json.
    with zipfile.ZipFile(pack) as zf:
        manifest = zf.read("manifest.json").decode().replace('"as_of": "2026-11-23"', '"as_of": "2026-11-24"')
    bad = rewrite(pack, tmp_path / "bad.zip", {"manifest.json": manifest.encode()})
    run = cli("verify", str(bad), "--lang", "en")
    assert run.returncode == 1 and "altered: manifest.json" in run.stdout


@pytest.mark.parametrize("content", [b"not a zip at all", None])
def test_verify_unreadable_is_exit_2_in_one_line(pack: Path, tmp_path: Path, content: bytes | None) -> None:
    if content is None:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr("hello.txt", "hi")
        content = buf.getvalue()
    path = tmp_path / "p.zip"
    path.write_bytes(content)
    run = cli("verify", str(path))
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1
    assert "Traceback" not in run.stderr
    run = cli("verify", str(tmp_path / "absent.zip"))
    assert run.returncode == 2 and "Traceback" not in run.stderr


def test_verify_speaks_the_pack_language_and_says_what_it_proves(pack: Path, tmp_path: Path) -> None:
    # LANG=C (the tests' locale) and no --lang: the French pack answers in French.
    run = cli("verify", str(pack), cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "intact" in run.stdout and "situation au 23 novembre 2026" in run.stdout
    assert "ne prouve ni qui a produit le zip" in run.stdout
    with zipfile.ZipFile(pack) as zf:
        readme = zf.read("README.md").decode()
    assert "Ce que la vérification prouve" in readme and "--kit" in readme


def test_verify_says_a_missing_pack_does_not_exist(tmp_path: Path) -> None:
    run = cli("verify", str(tmp_path / "absent.zip"), "--lang", "en")
    assert run.returncode == 2 and "no such file" in run.stderr and "not a zip" not in run.stderr


def test_verify_compares_the_packed_kit_with_its_commit(pack: Path, tmp_path: Path) -> None:
    kit = pack.parent.parent
    run = cli("verify", str(pack), "--lang", "en", "--kit", str(kit))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "the pack's kit files are those of commit" in run.stdout
    # a kit file changed in the zip, with its sums rewritten: intact as a zip, but not that commit's
    forged = b"organisation: forged\n"
    with zipfile.ZipFile(pack) as zf:
        manifest = zf.read("manifest.json").decode()
        old = next(e for e in __import__("json").loads(manifest)["files"] if e["path"] == "trousse.yml")["sha256"]
        sums = zf.read("SHA256SUMS").decode()
    digest = __import__("hashlib").sha256(forged).hexdigest()
    manifest = manifest.replace(old, digest)
    new_sums = []
    for line in sums.splitlines():
        name = line.split("  ", 1)[1]
        if name == "kit/trousse.yml":
            line = f"{digest}  {name}"
        elif name == "manifest.json":
            line = f"{__import__('hashlib').sha256(manifest.encode()).hexdigest()}  {name}"
        new_sums.append(line)
    bad = rewrite(
        pack,
        tmp_path / "forged.zip",
        {
            "kit/trousse.yml": forged,
            "manifest.json": manifest.encode(),
            "SHA256SUMS": ("\n".join(new_sums) + "\n").encode(),
        },
    )
    assert cli("verify", str(bad), "--lang", "en").returncode == 0  # the zip alone cannot tell
    run = cli("verify", str(bad), "--lang", "en", "--kit", str(kit))
    assert run.returncode == 1 and "differs from commit" in run.stdout and "kit/trousse.yml" in run.stdout
    other = tmp_path / "other"
    other.mkdir()
    subprocess.run(["git", "init", "-q", str(other)], check=True)
    run = cli("verify", str(pack), "--lang", "en", "--kit", str(other))
    assert run.returncode == 1 and "is not in the repository" in run.stdout


def test_verify_inside_the_kit_never_calls_an_altered_pack_the_commit(pack: Path, tmp_path: Path) -> None:
    # A kit file changed in the zip, its manifest left as it was: the manifest still matches the
    # commit, and the message says only that, before naming the altered file (exit 1).
    kit = pack.parent.parent
    bad = rewrite(pack, tmp_path / "bad.zip", {"kit/trousse.yml": b"organisation: forged\n"})
    run = cli("verify", str(bad), "--lang", "en", "--kit", str(kit))
    assert run.returncode == 1, run.stdout + run.stderr
    assert "kit files are those of commit" not in run.stdout
    lines = run.stdout.splitlines()
    manifest = next(i for i, line in enumerate(lines) if line.startswith("the pack's manifest matches commit"))
    assert "files of the zip no longer match the manifest" in lines[manifest]
    assert lines.index("altered: kit/trousse.yml") > manifest
    assert "was changed since it was produced" in run.stderr
