"""A real `mkdocs serve` in a subprocess, on a free loopback port, with its log collected."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from conftest import child_env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """`mkdocs serve` for a project; use as a context manager."""

    def __init__(self, config: Path, *args: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.command = [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "-f",
            str(config),
            "-a",
            f"127.0.0.1:{self.port}",
            *args,
        ]
        self.lines: list[str] = []
        self._process: subprocess.Popen[str] | None = None

    def __enter__(self) -> Server:
        self._process = subprocess.Popen(
            self.command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=child_env(),
        )
        threading.Thread(target=self._collect, daemon=True).start()
        self.wait_for(lambda: "Serving on" in self.log, what="the server to start")
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._process is not None
        self._process.terminate()
        try:
            self._process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self._process.kill()

    def _collect(self) -> None:
        assert self._process is not None
        assert self._process.stdout is not None
        for line in self._process.stdout:
            self.lines.append(line)

    @property
    def log(self) -> str:
        return "".join(self.lines)

    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return str(response.read().decode("utf-8"))

    def wait_for(self, condition: Callable[[], bool], *, what: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if condition():
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if not self.alive:
                raise AssertionError(f"mkdocs serve exited while waiting for {what}:\n{self.log}")
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}; server log:\n{self.log}")

    def rebuilds(self) -> int:
        return self.log.count("Building documentation...")
