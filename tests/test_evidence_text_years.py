"""``trousse evidence``'s text output with years of history (issue 15, a kit adopted with its past):
the timeline shows the last 18 months, and the evidence before it is added up per year below it,
said plainly, the oldest years folded into one column. Real git repository, the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import RECORD, clean_kit_files, cli, commit_all, git, write_files

AS_OF = "2026-11-30"


def _kit(tmp_path: Path, days: list[str]) -> Path:
    """The clean kit, then one incident record committed on each of ``days`` (dated that day)."""
    root = tmp_path / "kit"
    files = clean_kit_files("en")
    del files["records/inc/INC-2026-0001.yml"]
    write_files(root, files)
    git(tmp_path, "init", "-q", str(root))
    commit_all(root, "kit", date=f"{min(days)}T08:00:00+00:00")
    for n, day in enumerate(days, 1):
        rid = f"INC-{day[:4]}-{n:04d}"
        text = RECORD.replace("INC-2026-0001", rid).replace("2026-03-14", day)
        write_files(root, {f"records/inc/{rid}.yml": text})
        commit_all(root, rid, date=f"{day}T10:00:00+00:00")
    return root


def _lines(root: Path, *extra: str) -> list[str]:
    out = cli("evidence", str(root), "--as-of", AS_OF, *extra)
    assert out.returncode in (0, 1), out.stderr
    return out.stdout.splitlines()


def test_years_before_the_timeline_are_added_up_per_year(tmp_path: Path) -> None:
    days = ["2021-03-02", "2021-09-15", "2023-01-10", "2024-12-31", "2025-05-31", "2025-06-01", "2026-11-02"]
    root = _kit(tmp_path, days)
    lines = _lines(root)
    at = lines.index("Before 2025-06 (the timeline above shows the last 18 months), evidence per year:")
    assert lines[at + 1].split() == ["Process", "2021", "2022", "2023", "2024", "2025"]
    # 2025 counts January to May only: June 2025 is in the timeline
    assert lines[at + 2].split() == ["INC", "2", "·", "1", "1", "1"]
    data = json.loads(cli("evidence", str(root), "--as-of", AS_OF, "--format", "json").stdout)
    months = {p["id"]: p["months"] for p in data["processes"]}["INC"]
    assert sum(n for m, n in months.items() if m < "2025-06") == 5  # the JSON keeps every month
    fr = _lines(root, "--lang", "fr")
    assert "Avant 2025-06 (la frise ci-dessus montre les 18 derniers mois), preuves par année :" in fr


def test_the_oldest_years_are_folded_into_one_column(tmp_path: Path) -> None:
    root = _kit(tmp_path, ["2012-04-01", "2013-05-01", "2016-02-01", "2026-10-01"])
    lines = _lines(root)
    at = next(i for i, line in enumerate(lines) if line.startswith("Before 2025-06"))
    assert lines[at + 1].split() == ["Process", "≤", "2015", *map(str, range(2016, 2026))]
    assert lines[at + 2].split() == ["INC", "2", "1", *["·"] * 9]


def test_no_summary_when_the_timeline_holds_all_the_history(tmp_path: Path) -> None:
    root = _kit(tmp_path, ["2025-06-03", "2026-01-05", "2026-11-02"])
    lines = _lines(root)
    assert not any(line.startswith("Before ") for line in lines), lines
    assert any(line.startswith("INC ") for line in lines)
