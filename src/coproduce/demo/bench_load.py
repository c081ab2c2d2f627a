"""The bench's clients: GETs sent to the server from several threads at once, each
timed to its first byte and to its last (`httpbench` runs them against each page)."""

from __future__ import annotations

import http.client
import threading
import time
from typing import Any

HOST = "127.0.0.1"


def fetch(port: int, path: str, headers: dict[str, str]) -> tuple[int, float, float]:
    """The status, the time to the whole answer and the time to its first byte."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        conn.request("GET", path, headers={"Host": HOST, **headers})
        response = conn.getresponse()
        response.read(1)
        first = time.perf_counter()
        response.read()
        done = time.perf_counter()
        return response.status, 1000 * (done - started), 1000 * (first - started)
    finally:
        conn.close()


def load(port: int, path: str, headers: dict[str, str], clients: int, requests: int) -> Any:
    """Send `requests` GETs from `clients` threads at once: the latencies, the times to
    the first byte, the failed statuses and the requests a second."""
    samples: list[float] = []
    firsts: list[float] = []
    errors: list[int] = []
    lock = threading.Lock()
    per_client = max(1, requests // clients)

    def client() -> None:
        for _ in range(per_client):
            status, ms, first = fetch(port, path, headers)
            with lock:
                samples.append(ms)
                firsts.append(first)
                if status != 200:
                    errors.append(status)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return samples, firsts, errors, len(samples) / wall


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]
