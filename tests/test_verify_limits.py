"""``trousse verify`` on hostile zips: entries are hashed as streams (never read whole), and a pack
of too many entries or too many bytes once uncompressed is refused with one plain line (exit 2)."""

from __future__ import annotations

import os
import resource
import struct
import subprocess
import sys
import zlib
from pathlib import Path

from conftest import plain

MIB = 1024 * 1024


def _deflated_zeros(size: int) -> tuple[bytes, int]:
    """A raw deflate stream of ``size`` zero bytes (a multiple of 16 MiB) and its CRC, built from
    one compressed block repeated (a full flush resets the compressor), so that a zip bomb of
    hundreds of MiB takes a fraction of a second to make."""
    chunk = bytes(16 * MIB)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    end = zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    crc = 0
    for _ in range(size // len(chunk)):
        crc = zlib.crc32(chunk, crc)
    return block * (size // len(chunk)) + end, crc


def write_zip(path: Path, entries: list[tuple[str, int | bytes]]) -> Path:
    """A zip of ``entries``: (name, bytes) or (name, a number of zero bytes), deflated."""
    out = bytearray()
    central = bytearray()
    for name, content in entries:
        if isinstance(content, int):
            data, crc = _deflated_zeros(content)
            size = content
        else:
            comp = zlib.compressobj(9, zlib.DEFLATED, -15)
            data, crc, size = comp.compress(content) + comp.flush(), zlib.crc32(content), len(content)
        raw = name.encode()
        offset = len(out)
        out += struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, 0, 8, 0, 0x21, crc, len(data), size, len(raw), 0)
        out += raw + data
        central += struct.pack(
            "<4s4B4HL2L5H2L",
            b"PK\x01\x02",
            20,
            3,
            20,
            0,
            0,
            8,
            0,
            0x21,
            crc,
            len(data),
            size,
            len(raw),
            0,
            0,
            0,
            0,
            0o644 << 16,
            offset,
        )
        central += raw
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), len(out), 0)
    path.write_bytes(bytes(out + central + end))
    return path


def verify(pack: Path, memory: int | None = None) -> subprocess.CompletedProcess[str]:
    """``trousse verify`` in a subprocess, its address space capped at ``memory`` bytes."""

    def cap() -> None:
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    proc = subprocess.run(
        [sys.executable, "-m", "trousse", "verify", str(pack), "--lang", "en"],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        preexec_fn=cap,  # noqa: PLW1509 - only setrlimit, before exec
        timeout=120,
    )
    proc.stdout, proc.stderr = plain(proc.stdout), plain(proc.stderr)
    return proc


def test_a_zip_bomb_is_refused_naming_the_pack(tmp_path: Path) -> None:
    # 3 entries of 500 MiB of zeros: 1.5 GiB once uncompressed, a few MB on disk
    bomb = write_zip(
        tmp_path / "bomb.zip",
        [("manifest.json", b"{}"), ("SHA256SUMS", b""), *((f"zeros{n}.bin", 500 * MIB) for n in range(3))],
    )
    assert bomb.stat().st_size < 5 * MIB
    run = verify(bomb, memory=600 * MIB)
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "bomb.zip" in lines[0] and "1024 MB once uncompressed" in lines[0]


def test_entries_are_hashed_as_streams(tmp_path: Path) -> None:
    # 2 entries of 400 MiB (under every cap): read whole, they would need 800 MiB; streamed, the
    # run fits in 500 MiB of address space and reports them as added files (exit 1, not 3)
    pack = write_zip(
        tmp_path / "big.zip",
        [("manifest.json", b'{"files": []}'), ("SHA256SUMS", b"0" * 64 + b"  manifest.json\n")]
        + [(f"zeros{n}.bin", 400 * MIB) for n in range(2)],
    )
    run = verify(pack, memory=500 * MIB)
    assert run.returncode == 1, run.stderr
    assert "added (not in the manifest): zeros0.bin" in run.stdout
    assert "added (not in the manifest): zeros1.bin" in run.stdout
    assert "altered: manifest.json" in run.stdout


def test_too_many_entries_are_refused(tmp_path: Path) -> None:
    entries: list[tuple[str, int | bytes]] = [("manifest.json", b"{}"), ("SHA256SUMS", b"")]
    entries += [(f"f{n}.txt", b"x") for n in range(20_001)]
    run = verify(write_zip(tmp_path / "many.zip", entries))
    assert run.returncode == 2, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "many.zip" in lines[0] and "more than 20000 files" in lines[0]


def test_a_damaged_entry_is_altered_not_a_crash(tmp_path: Path) -> None:
    import hashlib

    body, manifest = b"hello\n", b'{"files": []}'
    sums = "".join(f"{hashlib.sha256(d).hexdigest()}  {n}\n" for n, d in (("a.txt", body), ("manifest.json", manifest)))
    pack = write_zip(tmp_path / "ok.zip", [("manifest.json", manifest), ("SHA256SUMS", sums.encode()), ("a.txt", body)])
    assert verify(pack).returncode == 0
    data = bytearray(pack.read_bytes())
    at = data.index(b"a.txt", data.index(b"a.txt") + 1) - 46 + 16  # the central CRC of a.txt
    data[at : at + 4] = b"\0\0\0\0"
    (tmp_path / "bad.zip").write_bytes(bytes(data))
    run = verify(tmp_path / "bad.zip")
    assert run.returncode == 1, run.stderr
    assert "altered: a.txt" in run.stdout
