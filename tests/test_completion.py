"""Shell completion: the scripts for bash, zsh and fish, and the kit's values offered on Tab."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import cli

ROOT = Path(__file__).resolve().parents[1]


def _complete(cwd: Path, shell: str, words: str, cword: int | None = None) -> list[str]:
    """What trousse answers the shell's completion request for the command line ``words`` (Click's
    protocol: COMP_WORDS and COMP_CWORD; fish sends the line and the word being typed)."""
    env = {**os.environ, "_TROUSSE_COMPLETE": f"{shell}_complete", "COMP_WORDS": words}
    if shell == "fish":
        env["COMP_CWORD"] = words.split(" ")[-1]
    else:
        env["COMP_CWORD"] = str(len(words.split(" ")) - 1 if cword is None else cword)
    argv = [sys.executable, "-m", "trousse"]  # the real entry point, as the shell calls it
    proc = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    return proc.stdout.split("\n")


def _values(cwd: Path, words: str) -> list[str]:
    """The plain values bash is offered."""
    return [line.split(",", 1)[1] for line in _complete(cwd, "bash", words) if line.startswith("plain,")]


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("c") / "fr"
    shutil.copytree(ROOT / "examples" / "fr", target)
    return target


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_scripts(shell: str) -> None:
    proc = cli("completion", shell)
    assert proc.returncode == 0
    assert f"_TROUSSE_COMPLETE={shell}_complete" in proc.stdout
    assert "typer" not in proc.stdout.lower()  # trousse's own script, not typer's protocol


def test_no_private_typer_names_in_the_source() -> None:
    """Completion (and everything else) uses typer's public names only: no ``typer._...``."""
    private = re.compile(r"\btyper\._\w")
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / "src" / "trousse").rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if private.search(line)
    ]
    assert found == []


def test_unknown_shell_is_one_line() -> None:
    proc = cli("completion", "tcsh", "--lang", "en")
    assert proc.returncode == 2 and "bash, zsh or fish" in proc.stderr


def test_commands_and_options(kit: Path) -> None:
    assert {"check", "evidence", "report", "completion"} <= set(_values(kit, "trousse "))
    assert _values(kit, "trousse ev") == ["evidence"]
    assert _values(kit, "trousse evidence --pr") == ["--process"]
    assert "--help" in _values(kit, "trousse check --")
    assert _values(kit, "trousse import t") == ["tickets"]  # a subgroup


def test_audit_ids_from_the_kit(kit: Path) -> None:
    audits = sorted(p.stem for p in (kit / "audits").glob("*.yml"))
    assert _values(kit, "trousse report audit --audit ") == audits and audits
    # bash splits "--audit=AUD" at the "=" (COMP_WORDBREAKS)
    assert _values(kit, "trousse report audit --audit = AUD") == audits
    assert _values(kit, "trousse report audit --audit =") == audits


def test_report_kinds_and_rule_ids(kit: Path) -> None:
    assert _values(kit, "trousse report a") == ["audit", "action-plan"]
    rules = _values(kit, "trousse rules REF00")
    assert "REF001" in rules and all(r.startswith("REF00") for r in rules)


def test_process_ids_after_process(kit: Path, tmp_path: Path) -> None:
    processes = sorted(p.stem for p in (kit / "processes").glob("*.md"))
    assert _values(kit, "trousse evidence --process ") == processes and "INC" in processes
    assert _values(kit, "trousse evidence --process IN") == ["INC"]
    # the kit named on the command line, from outside it
    assert _values(tmp_path, f"trousse evidence {kit} --process IN") == ["INC"]
    # no kit: nothing to offer, and no file names either (an id is not a file)
    assert _complete(tmp_path, "bash", "trousse evidence --process ") == [""]


def test_files_where_a_path_is_expected(kit: Path) -> None:
    assert _complete(kit, "bash", "trousse check ") == ["file,", ""]
    assert _complete(kit, "bash", "trousse report audit --output ") == ["file,", ""]
    assert _complete(kit, "bash", "trousse check --as-of ") == [""]  # a date: nothing offered


def test_fish_and_zsh_formats(kit: Path) -> None:
    fish = [g for g in _complete(kit, "fish", "trousse standards iso") if g]
    assert "plain,iso9001-2015" in [f.split("\t")[0] for f in fish]
    # fish keeps "--audit=AUD" as one word: the candidates carry the option, and their kind and date
    fish = [g for g in _complete(kit, "fish", "trousse report audit --audit=AUD") if g]
    assert fish and all(f.startswith("plain,--audit=AUD-") and "\tinternal " in f for f in fish)
    zsh = _complete(kit, "zsh", "trousse init x --standard nf")
    assert zsh[:3] == ["plain", "nf-en-15838", "_"]  # kind, value, help ("_": none)
    zsh = _complete(kit, "zsh", "trousse rules REF001")
    assert zsh[:2] == ["plain", "REF001"] and zsh[2] != "_"


def _shim(folder: Path) -> Path:
    """A ``trousse`` command on a PATH of its own that runs this checkout (what the script calls)."""
    folder.mkdir(exist_ok=True)
    shim = folder / "trousse"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m trousse "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    return folder


BASH = shutil.which("bash")


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
def test_bash_script_in_bash(kit: Path, tmp_path: Path) -> None:
    """The script in a real bash: it registers the function, which fills COMPREPLY from the kit."""
    script = tmp_path / "trousse.bash"
    script.write_text(cli("completion", "bash").stdout, encoding="utf-8")
    run = f"""
source {shlex.quote(str(script))}
complete -p trousse
COMP_WORDS=(trousse evidence --process I); COMP_CWORD=3; _trousse_completion trousse I --process
printf 'process:%s\\n' "${{COMPREPLY[@]}}"
COMP_WORDS=(trousse report audit --audit = AUD-); COMP_CWORD=5; _trousse_completion trousse AUD- =
printf 'audit:%s\\n' "${{COMPREPLY[@]}}"
COMP_WORDS=(trousse ""); COMP_CWORD=1; _trousse_completion trousse "" trousse
printf 'command:%s\\n' "${{COMPREPLY[@]}}"
"""
    env = {**os.environ, "PATH": f"{_shim(tmp_path / 'bin')}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.run([BASH, "--norc", "--noprofile", "-c", run], cwd=kit, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "complete -o nosort -F _trousse_completion trousse" or lines[0].startswith("complete -F")
    processes = sorted(p.stem for p in (kit / "processes").glob("*.md") if p.stem.startswith("I"))
    assert [x.split(":", 1)[1] for x in lines if x.startswith("process:")] == processes
    audits = sorted(p.stem for p in (kit / "audits").glob("*.yml"))
    assert [x.split(":", 1)[1] for x in lines if x.startswith("audit:")] == audits
    assert "command:evidence" in lines and "command:completion" in lines


def _interactive(shell: str, kit: Path, tmp_path: Path, setup: str, keys: str, expect: str) -> str:
    """Type ``keys`` (ending with a Tab) in an interactive ``shell`` on a pseudo-terminal, after
    ``setup``; what the terminal shows once ``expect`` appears (or after a minute)."""
    import pty
    import select
    import signal
    import time

    exe = shutil.which(shell)
    assert exe is not None
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "PATH": f"{_shim(tmp_path / 'bin')}{os.pathsep}{os.environ['PATH']}",
        "PS1": "$ ",
        "INPUTRC": os.devnull,
        "TERM": "dumb",
        "HOME": str(home),
    }
    argv = [exe, "--norc", "--noprofile", "-i"] if shell == "bash" else [exe, "-f", "-i"]
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child becomes the shell
        os.chdir(kit)
        os.execve(exe, argv, env)

    def read_until(text: str, seconds: float = 60) -> str:
        out, end = "", time.monotonic() + seconds
        while text not in out and time.monotonic() < end:
            if select.select([fd], [], [], 0.2)[0]:
                try:
                    out += os.read(fd, 4096).decode(errors="replace")
                except OSError:
                    break
        return out

    try:
        os.write(fd, f"{setup} && echo 'ready''-to-type'\n".encode())  # the echoed line does not match
        assert "ready-to-type\r\n" in read_until("ready-to-type\r\n")
        os.write(fd, keys.encode())
        return read_until(expect)
    finally:
        os.close(fd)  # the terminal hangs up: the shell exits
        for _ in range(50):
            if os.waitpid(pid, os.WNOHANG) != (0, 0):
                break
            time.sleep(0.1)
        else:  # pragma: no cover - a shell that ignores the hang-up
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


@pytest.mark.skipif(BASH is None or not hasattr(os, "fork"), reason="needs bash and a terminal")
def test_tab_in_an_interactive_bash(kit: Path, tmp_path: Path) -> None:
    """A real Tab press in an interactive bash (readline on a pseudo-terminal) completes a process id."""
    script = tmp_path / "trousse.bash"
    script.write_text(cli("completion", "bash").stdout, encoding="utf-8")
    shown = _interactive(
        "bash", kit, tmp_path, f"source {shlex.quote(str(script))}", "trousse evidence --process IN\t", "INC "
    )
    assert "trousse evidence --process INC " in shown


@pytest.mark.skipif(shutil.which("zsh") is None or not hasattr(os, "fork"), reason="needs zsh and a terminal")
def test_tab_in_an_interactive_zsh(kit: Path, tmp_path: Path) -> None:
    """zsh's completion system (compinit) with the script: a process id completed, rule ids listed
    with their titles."""
    script = tmp_path / "trousse.zsh"
    script.write_text(cli("completion", "zsh").stdout, encoding="utf-8")
    setup = f"autoload -Uz compinit && compinit -u -D && source {shlex.quote(str(script))}"
    shown = _interactive("zsh", kit, tmp_path, setup, "trousse evidence --process IN\t", "INC ")
    assert "trousse evidence --process INC " in shown
    shown = _interactive("zsh", kit, tmp_path, setup, "trousse rules REF00\t", "REF003")
    assert re.search(r"REF003\s+--\s+\S", shown), shown


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_completes_with_the_script(kit: Path, tmp_path: Path) -> None:
    """fish's own ``complete -C`` (what a Tab press runs) with the script loaded."""
    fish = shutil.which("fish")
    assert fish is not None
    script = tmp_path / "trousse.fish"
    script.write_text(cli("completion", "fish").stdout, encoding="utf-8")
    run = (
        f"source {shlex.quote(str(script))}; "
        'complete -C "trousse evidence --process IN"; echo ---; complete -C "trousse report audit --audit="'
    )
    env = {**os.environ, "PATH": f"{_shim(tmp_path / 'bin')}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.run([fish, "--no-config", "-c", run], cwd=kit, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    processes, audits = proc.stdout.split("---\n")
    assert processes.split() == ["INC"]
    expected = sorted(p.stem for p in (kit / "audits").glob("*.yml"))
    assert [line.split("\t")[0] for line in audits.splitlines()] == [f"--audit={a}" for a in expected]
    assert all("\tinternal " in line or "\t" in line for line in audits.splitlines())


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_script_parses_in_its_shell(shell: str, tmp_path: Path) -> None:
    """zsh and fish read their script without a syntax error (where they are installed)."""
    exe = shutil.which(shell)
    if exe is None:
        pytest.skip(f"{shell} is not installed")
    script = tmp_path / f"trousse.{shell}"
    script.write_text(cli("completion", shell).stdout, encoding="utf-8")
    check = [exe, "-n", str(script)] if shell == "zsh" else [exe, "--no-execute", str(script)]
    proc = subprocess.run(check, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
