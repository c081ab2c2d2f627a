"""`coproduce bench --profile PAGE`: where one bench page spends its time, inside this
process with cProfile, signed in as the bench's coordinator (issue 23). Prints the
functions that take the most time themselves and the most time in all. With
`--loop SECONDS` it only fetches the page over and over, for py-spy to watch."""

from __future__ import annotations

import cProfile
import io
import pstats
import time

from django.test import Client

from coproduce.demo import httpbench


def _warmed(org_slug: str, name: str) -> tuple[Client, httpbench.Page, dict[str, str]]:
    """A client signed in as the bench's coordinator, with the page fetched three times
    (templates, caches and connections warmed)."""
    login = httpbench.bench_login(org_slug)
    pages = {page.name: page for page in httpbench.bench_pages(org_slug)}
    if name not in pages:
        raise KeyError(f"No bench page {name!r}; the pages are: {', '.join(pages)}")
    page = pages[name]
    headers = httpbench._headers(login, page)
    client = Client(HTTP_HOST=httpbench.HOST)
    if "Cookie" in headers:
        client.cookies.load(headers.pop("Cookie"))
    for _ in range(3):
        answer = httpbench.read_all(client.get(page.path, headers=headers))
    if answer.status_code != 200:
        raise RuntimeError(f"{page.path} answered {answer.status_code}")
    return client, page, headers


def fetch_in_a_loop(org_slug: str, name: str, seconds: float) -> str:
    """Fetch one bench page over and over for `seconds`, for a sampling profiler watching
    from outside, which counts every function at its true cost (cProfile makes small
    calls look dearer): `py-spy record -- coproduce bench --profile PAGE --loop 20`."""
    client, page, headers = _warmed(org_slug, name)
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        httpbench.read_all(client.get(page.path, headers=headers))
        done += 1
    each = (time.perf_counter() - started) / done * 1000
    return f"{name} ({page.path}): {done} requests, {each:.1f} ms each\n"


def profile_page(org_slug: str, name: str, rounds: int = 20, top: int = 15) -> str:
    """The page's time a request (with the profiler on) and its top functions."""
    client, page, headers = _warmed(org_slug, name)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in range(rounds):
        httpbench.read_all(client.get(page.path, headers=headers))
    profiler.disable()
    each = (time.perf_counter() - started) / rounds * 1000
    out = io.StringIO()
    out.write(f"{name} ({page.path}): {each:.1f} ms a request with the profiler on\n")
    for order, title in (("tottime", "own time"), ("cumulative", "time in all")):
        out.write(f"\nTop {top} by {title}:\n")
        stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order)
        stats.print_stats(top)
    # Django's middleware wraps everything, so "time in all" above starts with it; this
    # list keeps to our own code and the templates' tags, where the page's work shows.
    out.write(f"\nTop {top} of our code and template tags by time in all:\n")
    ours = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    ours.print_stats(
        r"/coproduce/(?!.*(middleware|observe|tenancy\.py:\d+\(inner))|templatetags", top
    )
    return out.getvalue()
