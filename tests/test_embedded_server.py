"""The embedded server process: one owner per data folder, takeover of stale servers, start-up
failures explained, and crash safety of acknowledged writes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from gongjian.graph.backends.embedded import LOG_FILE, PID_FILE
from gongjian.graph.errors import DataFolderInUse, GraphUnavailable, ServerStartError
from gongjian.graph.facade import Graph
from gongjian.settings import Settings

from .conftest import embedded_only

pytestmark = [embedded_only, pytest.mark.slow]


def _owner(data_dir: Path, *, thread: bool = False) -> subprocess.Popen[str]:
    """Another process that opens the folder, writes one node, says READY and waits."""
    script = textwrap.dedent(
        f"""
        import sys, threading, time
        from gongjian.graph.facade import Graph
        holder = {{}}
        def open_graph():
            holder["g"] = Graph.open("embedded://{data_dir}")
            holder["g"].write("CREATE (:Area {{id: 'from-owner'}})")
        if {thread!r}:
            t = threading.Thread(target=open_graph); t.start(); t.join()
        else:
            open_graph()
        print("READY", flush=True)
        time.sleep(600)
        """
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.strip() == "READY", process.stderr.read() if process.stderr else line
    return process


def _server_pid(data_dir: Path) -> int:
    return int((data_dir / PID_FILE).read_text())


def _wait_gone(pid: int, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_a_folder_served_by_a_live_process_is_refused(tmp_path: Path, settings: Settings) -> None:
    owner = _owner(tmp_path)
    try:
        with pytest.raises(DataFolderInUse, match=rf"already served by process {owner.pid}"):
            Graph.open(f"embedded://{tmp_path}", settings)
    finally:
        owner.kill()
        owner.wait()


def test_the_server_stops_when_its_owner_is_killed_and_the_folder_is_taken_over(
    tmp_path: Path, settings: Settings
) -> None:
    owner = _owner(tmp_path)
    server = _server_pid(tmp_path)
    owner.send_signal(signal.SIGKILL)
    owner.wait()
    assert _wait_gone(server), "the server outlived its owner"
    with Graph.open(f"embedded://{tmp_path}", settings) as graph:
        assert graph.read("MATCH (a:Area) RETURN a.id AS id") == [{"id": "from-owner"}]


def test_an_orphaned_server_is_stopped_and_replaced(tmp_path: Path, settings: Settings) -> None:
    # Opened from a worker thread, the server is not tied to its owner's life and outlives it.
    owner = _owner(tmp_path, thread=True)
    orphan = _server_pid(tmp_path)
    owner.send_signal(signal.SIGKILL)
    owner.wait()
    os.kill(orphan, 0)  # still alive: a stale server holding the folder
    with Graph.open(f"embedded://{tmp_path}", settings) as graph:
        assert _wait_gone(orphan, 1), "the stale server was not stopped"
        assert _server_pid(tmp_path) != orphan
        assert graph.read("MATCH (a:Area) RETURN a.id AS id") == [{"id": "from-owner"}]


def test_a_failed_start_shows_the_tail_of_the_server_log(tmp_path: Path, settings: Settings) -> None:
    aof = tmp_path / "appendonlydir"
    aof.mkdir()
    (aof / "appendonly.aof.manifest").write_text("this is not a manifest\n")
    with pytest.raises(ServerStartError) as caught:
        Graph.open(f"embedded://{tmp_path}", settings)
    message = str(caught.value)
    assert str(tmp_path / LOG_FILE) in message
    assert "manifest" in message.lower()
    # The folder is free again: once the cause is removed the engine starts.
    (aof / "appendonly.aof.manifest").unlink()
    aof.rmdir()
    with Graph.open(f"embedded://{tmp_path}", settings) as graph:
        assert graph.ping()


def test_the_server_listens_on_a_private_unix_socket_only(tmp_path: Path, settings: Settings) -> None:
    with Graph.open(f"embedded://{tmp_path}", settings):
        pid = _server_pid(tmp_path)
        listening = Path("/proc/net/tcp").read_text() + Path("/proc/net/tcp6").read_text()
        inodes = {os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")}
        sockets = {link[len("socket:[") : -1] for link in inodes if link.startswith("socket:[")}
        tcp_inodes = {line.split()[9] for line in listening.splitlines()[1:] if len(line.split()) > 9}
        assert not sockets & tcp_inodes, "the embedded server opened a TCP socket"
        socket_file = next(tmp_path.glob("*.sock"))
        assert socket_file.stat().st_mode & 0o077 == 0


def test_sigkill_mid_import_keeps_every_acknowledged_batch_and_no_partial_one(
    tmp_path: Path, settings: Settings
) -> None:
    batch_size = 2_000
    acknowledged: list[int] = []
    failure: list[BaseException] = []
    graph = Graph.open(f"embedded://{tmp_path}", settings)
    graph.write("CREATE INDEX FOR (n:Unit) ON (n.batch)")

    def write_batches() -> None:
        try:
            for batch in range(10_000):
                rows = [{"id": f"b{batch}-{i}", "i": i} for i in range(batch_size)]
                graph.write(
                    "UNWIND $rows AS row CREATE (:Unit {id: row.id, batch: $batch, i: row.i})",
                    rows=rows,
                    batch=batch,
                )
                acknowledged.append(batch)
        except GraphUnavailable as exc:
            failure.append(exc)

    writer = threading.Thread(target=write_batches)
    writer.start()
    while len(acknowledged) < 15:
        time.sleep(0.01)
    os.kill(_server_pid(tmp_path), signal.SIGKILL)
    writer.join(timeout=30)
    assert failure, "the writer did not notice that the server died"
    graph.close()

    with Graph.open(f"embedded://{tmp_path}", settings) as reopened:
        rows = reopened.read("MATCH (u:Unit) RETURN u.batch AS batch, count(*) AS n ORDER BY batch")
    sizes = {row["batch"]: row["n"] for row in rows}
    assert set(acknowledged) <= set(sizes), "an acknowledged batch was lost"
    assert all(n == batch_size for n in sizes.values()), f"a partial batch survived: {sizes}"
    assert max(sizes) <= max(acknowledged) + 1


def test_appendfsync_always_is_selectable(tmp_path: Path) -> None:
    settings = Settings(appendfsync="always", _env_file=None)  # type: ignore[call-arg]
    with Graph.open(f"embedded://{tmp_path}", settings) as graph:
        connection = graph.backend._client.connection  # type: ignore[attr-defined]
        assert connection.config_get("appendfsync") == {"appendfsync": "always"}
        assert connection.config_get("appendonly") == {"appendonly": "yes"}


def test_the_default_uri_is_the_embedded_engine_in_the_data_dir(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "graph", _env_file=None)  # type: ignore[call-arg]
    with Graph.open(settings=settings) as graph:
        assert graph.kind == "embedded"
        assert str(tmp_path / "graph") in graph.description
        assert (tmp_path / "graph" / PID_FILE).exists()
    assert not (tmp_path / "graph" / PID_FILE).exists(), "close() did not stop the server"
