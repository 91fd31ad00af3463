"""`trousse demo`: the example kit as a dated git repository that passes `check`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import git

from trousse.cli.app import run
from trousse.demo import ANCHOR, Shift, run_demo, shift_text


def _check(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, dict]:
    capsys.readouterr()
    code = run(["check", str(root), "--format", "json", *extra])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_demo_then_check_exits_0(tmp_path: Path, lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    kit = tmp_path / "demo-kit"
    assert run(["demo", str(kit), "--lang", lang]) == 0
    assert "demo-kit" in capsys.readouterr().out
    code, report = _check(kit, capsys)
    assert code == 0, report["findings"][:5]
    assert report["findings"] == []
    assert report["summary"]["language"] == lang
    # A real history: a structure commit, then records committed over about five months, ending today.
    dates = git(kit, "log", "--format=%cs").split()
    assert len(dates) > 100
    first, last = dt.date.fromisoformat(dates[-1]), dt.date.fromisoformat(dates[0])
    # today where the demo organisation is (Paris, London): not the machine's day near midnight
    from zoneinfo import ZoneInfo

    from trousse.demo import ZONES

    assert last == dt.datetime.now(ZoneInfo(ZONES[lang])).date()
    assert (last - first).days > 150
    assert git(kit, "status", "--porcelain") == ""
    authors = set(git(kit, "log", "--format=%an").split("\n")) - {""}
    assert len(authors) >= 5


def test_demo_shifted_to_another_day_keeps_every_period(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Built for another day, the history still ends that day and leaves no empty period."""
    day = dt.date(2027, 3, 2)
    result = run_demo(tmp_path / "kit", "en", today=day)
    assert result.last == day
    code, report = _check(tmp_path / "kit", capsys, "--as-of", day.isoformat())
    assert code == 0, report["findings"][:5]
    assert [f for f in report["findings"] if f["rule"] in ("EVD002", "EVD003", "EVD005", "EVD006")] == []


def test_demo_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = tmp_path / "kit"
    kit.mkdir()
    (kit / "trousse.yml").write_text("mine\n", encoding="utf-8")
    assert run(["demo", str(kit), "--lang", "fr"]) == 2
    assert "trousse.yml" in capsys.readouterr().err
    assert (kit / "trousse.yml").read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in kit.iterdir()) == ["trousse.yml"]


def test_demo_bad_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["demo", str(tmp_path / "kit"), "--lang", "de"]) == 2
    assert not (tmp_path / "kit").exists()


@pytest.mark.parametrize("offset", range(0, 400, 7))
def test_shift_keeps_one_record_a_month_and_a_quarter(offset: int) -> None:
    today = ANCHOR + dt.timedelta(days=offset)
    shift = Shift.between(ANCHOR, today)
    assert shift(ANCHOR) == today
    monthly = [shift(dt.date(2026, m, 5)) for m in range(6, 12)]
    months = [d.year * 12 + d.month for d in monthly]
    assert months == list(range(months[0], months[0] + 6))
    quarterly = [shift(dt.date(2026, m, 15)) for m in (6, 9)]
    quarters = [d.year * 4 + (d.month - 1) // 3 for d in quarterly]
    assert quarters[1] == quarters[0] + 1


def test_shift_text_moves_dates_and_period_labels() -> None:
    shift = Shift(months=2, days=0)
    text = 'id: RAP-2026-0001\ndate: 2026-07-05\nperiod: "2026-06"\nother: 2026-07-30\n'
    assert shift_text(text, shift) == 'id: RAP-2026-0001\ndate: 2026-09-05\nperiod: "2026-08"\nother: 2026-09-30\n'
    quarter = "date: 2026-09-15\nperiod: 2026-Q3\n"
    assert shift_text(quarter, Shift(months=3, days=0)) == "date: 2026-12-15\nperiod: 2026-Q4\n"


def test_readme_quick_start_with_a_relative_folder(tmp_path: Path) -> None:
    """The README's first command, as typed: a relative folder, then check, from the shell."""
    from conftest import cli

    made = cli("demo", "demo-kit", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert not (tmp_path / "demo-kit" / "demo-kit").exists()
    checked = cli("check", "demo-kit", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout[-2000:]
    evidence = cli("evidence", "demo-kit", cwd=tmp_path)
    assert evidence.returncode == 0, evidence.stderr
