"""Output errors are one line each, with a non-zero exit, the old output intact and no temporary file left: ``-o``
naming a directory, a missing parent, a read-only directory, a full disk, a temporary file left by a writer killed
mid-write. Real CLI runs; a read-only directory and a full disk are made in a mount namespace of the test's own
(``unshare -rm``), and those tests are skipped with the reason where the machine does not allow one."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.faults.probes import (
    cli_line,
    document_ids,
    namespace_refusal,
    no_traceback,
    problems,
    run_cli,
    run_in_namespace,
)

GRAPH = Path(__file__).resolve().parents[1] / "golden" / "golden_article.ttl"  # a graph that build wrote
ARTICLE = "Iran continues to back the Houthi rebels in Yemen, officials in Sanaa said on Monday.\n"
OLD = b"old output, to be left as it was\n"


def one_error(result: subprocess.CompletedProcess[str], *needles: str) -> str:
    no_traceback(result)
    assert result.returncode == 1, result.stderr
    lines = problems(result.stderr)
    assert len(lines) == 1 and lines[0].startswith("stancegraph: error: "), result.stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def commands(source: Path, out: Path) -> dict[str, list[str | Path]]:
    """Every command that writes a file, writing ``out``."""
    return {
        "build": ["build", source, "-o", out.with_suffix(".ttl")],
        "build --append": ["build", source, "-o", out.with_suffix(".ttl"), "--append"],
        "extract": ["extract", source, "-o", out.with_suffix(".jsonl")],
        "view": ["view", GRAPH, "-o", out.with_suffix(".html")],
        "export": ["export", GRAPH, "-o", out.with_suffix(".nt")],
        "export network": ["export", GRAPH, "-o", out.with_suffix(".graphml")],
        "demo": ["demo", "-o", out / "demo"],
    }


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["build", "build --append", "extract", "view", "export", "export network"])
def test_output_naming_a_directory_is_one_line(tmp_path: Path, article: Path, command: str) -> None:
    argv = commands(article, tmp_path / "out")[command]
    target = Path(argv[argv.index("-o") + 1])
    target.mkdir()
    one_error(run_cli(*argv), str(target), "is a directory")
    assert list(target.iterdir()) == []


@pytest.mark.parametrize("command", ["build", "extract", "view", "export", "demo"])
def test_missing_parent_directory_is_one_line(tmp_path: Path, article: Path, command: str) -> None:
    argv = commands(article, tmp_path / "missing" / "deeper" / "out")[command]
    if command == "demo":
        argv = ["demo", "-o", tmp_path / "a-file" / "demo"]
        (tmp_path / "a-file").write_text("not a directory")
    line = one_error(run_cli(*argv))
    assert "does not exist" in line or "cannot make the demo's directory" in line
    assert not (tmp_path / "missing").exists()


@pytest.mark.skipif(namespace_refusal() is not None, reason=str(namespace_refusal()))
@pytest.mark.parametrize("command", ["build", "build --append", "extract", "view", "export", "export network",
                                     "demo"])
def test_read_only_directory_is_one_line_and_the_old_output_stays(tmp_path: Path, article: Path,
                                                                  command: str) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    argv = commands(article, folder / "out")[command]
    target = Path(argv[argv.index("-o") + 1])
    if command != "demo":
        target.write_bytes(OLD)
    script = (f"mount --bind {shlex.quote(str(folder))} {shlex.quote(str(folder))} && "
              f"mount -o remount,bind,ro {shlex.quote(str(folder))} && {cli_line(*argv)}")
    line = one_error(run_in_namespace(script), str(folder))
    assert "read-only" in line.lower() or "cannot make the demo's directory" in line
    if command != "demo":
        assert target.read_bytes() == OLD
    assert sorted(p.name for p in folder.iterdir()) == ([] if command == "demo" else [target.name])


@pytest.mark.skipif(namespace_refusal() is not None, reason=str(namespace_refusal()))
@pytest.mark.parametrize("command", [
    "view", "export", "export network",
    pytest.param("build", marks=pytest.mark.model), pytest.param("build --append", marks=pytest.mark.model),
    pytest.param("extract", marks=pytest.mark.model),
])
def test_full_disk_is_one_line_and_the_old_output_stays(tmp_path: Path, article: Path, command: str) -> None:
    disk, after = tmp_path / "disk", tmp_path / "after"
    disk.mkdir()
    after.mkdir()
    argv = commands(article, disk / "out")[command]
    target = Path(argv[argv.index("-o") + 1])
    if command == "build --append":
        shutil_copy = f"cp {shlex.quote(str(GRAPH))} {shlex.quote(str(target))}"
    else:
        shutil_copy = f"printf 'old output' > {shlex.quote(str(target))}"
    d, a = shlex.quote(str(disk)), shlex.quote(str(after))
    script = (f"mount -t tmpfs -o size=64k tmpfs {d} && {shutil_copy} && "
              f"(head -c 1000000 /dev/zero > {d}/.filler 2>/dev/null; true) && {cli_line(*argv)}; rc=$?; "
              f"rm {d}/.filler; cp -a {d}/. {a}/; exit $rc")
    one_error(run_in_namespace(script), str(target), "disk is full", "the old file is unchanged")
    assert [p.name for p in after.iterdir()] == [target.name]  # no temporary file left
    expected = GRAPH.read_bytes() if command == "build --append" else b"old output"
    assert (after / target.name).read_bytes() == expected


def test_a_temporary_file_left_by_a_killed_writer_is_removed_by_the_next_write(tmp_path: Path) -> None:
    out = tmp_path / "g.nt"
    out.write_bytes(OLD)
    # A writer killed with SIGKILL mid-write: its fsync is made to wait so that the kill lands while the temporary
    # file is half done, as a crash would leave it.
    writer = ("import os, sys, time; from pathlib import Path; from graph.store import files\n"
              "def stuck(fd): print('writing', flush=True); time.sleep(600)\n"
              "os.fsync = stuck\n"
              f"files.write_atomic(Path({str(out)!r}), b'half of a new graph')\n")
    with subprocess.Popen([sys.executable, "-c", writer], stdout=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"writing"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    left = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(left) == 1 and left[0].startswith(".g.nt.") and out.read_bytes() == OLD
    alive = tmp_path / f".g.nt.{os.getpid()}.abcd1234.tmp"  # another writer's, still running: not touched
    alive.write_bytes(b"in progress")
    result = run_cli("export", GRAPH, "-o", out)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, "g.nt"])
    assert out.read_bytes() != OLD and b"<https://w3id.org/stancegraph/" in out.read_bytes()


@pytest.mark.skipif(namespace_refusal() is not None, reason=str(namespace_refusal()))
def test_a_store_on_a_full_or_read_only_disk_is_one_line_and_stays_as_it_was(tmp_path: Path, article: Path) -> None:
    store = tmp_path / "news"
    assert run_cli("import", GRAPH, "-o", store).returncode == 0
    before = document_ids(store)
    disk, after = tmp_path / "disk", tmp_path / "after"
    disk.mkdir()
    after.mkdir()
    d, a = shlex.quote(str(disk)), shlex.quote(str(after))
    full = (f"mount -t tmpfs -o size=2m tmpfs {d} && cp -a {shlex.quote(str(store))} {d}/news && "
            f"(head -c 10000000 /dev/zero > {d}/.filler 2>/dev/null; true) && "
            f"{cli_line('build', article, '-o', disk / 'news', '--append')}; rc=$?; "
            f"{cli_line('build', article, '-o', disk / 'new-store')}; rc2=$?; rm {d}/.filler; "
            f"cp -a {d}/. {a}/; test $rc2 = 1 && exit $rc")
    result = run_in_namespace(full)  # two commands, one line each
    no_traceback(result)
    assert result.returncode == 1, result.stderr
    lines = problems(result.stderr)
    assert len(lines) == 2, result.stderr
    for line, name in zip(lines, ["news", "new-store"], strict=True):
        assert line.startswith(f"stancegraph: error: {disk / name}: ") and "No space left on device" in line
    assert sorted(p.name for p in after.iterdir()) == ["news"]  # the new store was not left half made
    assert document_ids(after / "news") == before
    folder = shlex.quote(str(tmp_path))
    read_only = (f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder} && "
                 f"{cli_line('build', article, '-o', store, '--append')}")
    one_error(run_in_namespace(read_only), str(store), "Read-only file system")
    assert document_ids(store) == before
