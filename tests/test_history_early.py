"""A large kit's history is replayed while the loader's workers read its files
(trousse.evidence.compute.replay_early), with what the kit will ask guessed from trousse.yml: the
findings and the evidence are those of the usual replay after the load, whether the guess holds
(documents, an evidence source outside the Markdown files) or not (a ``formerly`` claim, known
only once the records are read). Real git history over several commits; no --as-of (which never
replays early)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import RECORD, clean_kit_files, cli, commit_all, git, no_cache, write_files

from trousse.loader import pool

RECORDS = pool.THRESHOLD + 40
SOURCE = "reports/status.yml"


def _record(n: int) -> str:
    return RECORD.replace("INC-2026-0001", f"INC-2026-{n:04d}").replace("2026-03-14", f"2026-03-{1 + n % 20:02d}")


def _kit(root: Path, claim: bool) -> Path:
    files = clean_kit_files("en")
    files["trousse.yml"] += f"evidence:\n  sources: [{{path: {SOURCE}, artefact: incident-record}}]\n"
    for n in range(2, RECORDS):
        files[f"records/inc/INC-2026-{n:04d}.yml"] = _record(n)
    files[SOURCE] = "status: green\n"
    write_files(root, files)
    commit_all(root, "kit", date="2026-03-28T10:00:00+01:00")
    # later work: records edited, a record moved and one deleted, the source and a document revised
    for n in range(2, 7):
        path = root / f"records/inc/INC-2026-{n:04d}.yml"
        path.write_text(path.read_text(encoding="utf-8") + "impact: low\n", encoding="utf-8")
    (root / SOURCE).write_text("status: amber\n", encoding="utf-8")
    policy = next((root / "documents").rglob("*.md"))
    policy.write_text(policy.read_text(encoding="utf-8") + "\nRevised.\n", encoding="utf-8")
    commit_all(root, "april", date="2026-04-10T10:00:00+02:00")
    git(root, "mv", "records/inc/INC-2026-0010.yml", "records/inc/INC-2026-0010-moved.yml")
    git(root, "rm", "-q", "records/inc/INC-2026-0011.yml")
    (root / SOURCE).write_text("status: green\nnote: restored\n", encoding="utf-8")
    if claim:  # a record that says it was a past file: known only once the records are read
        head = git(root, "rev-parse", "HEAD").strip()
        extra = _record(9000) + f"formerly: records/inc/INC-2026-0011.yml@{head[:10]}\n"
        (root / "records/inc/INC-2026-9000.yml").write_text(extra, encoding="utf-8")
    commit_all(root, "may", date="2026-05-10T10:00:00+02:00")
    return root


@pytest.mark.parametrize("claim", [False, True], ids=["guess-holds", "formerly-claim"])
def test_history_replayed_while_reading_gives_the_usual_findings_and_evidence(tmp_path: Path, claim: bool) -> None:
    kit = _kit(tmp_path / "kit", claim)
    outputs: dict[str, list[str]] = {"check": [], "evidence": []}
    for jobs in ("2", "1", "2"):
        for command in outputs:
            no_cache(kit)  # cold: no saved history, so --jobs 2 replays it while its workers read
            proc = cli(command, str(kit), "--format", "json", "--jobs", jobs, raw=True)
            assert proc.returncode in (0, 1), proc.stderr
            outputs[command].append(proc.stdout)
    for command, runs in outputs.items():
        assert runs[0] == runs[1] == runs[2], command
    evidence = json.loads(outputs["evidence"][0])
    assert evidence  # the evidence JSON is read back: the source's revisions were counted alike
