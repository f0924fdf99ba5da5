#!/usr/bin/env python3
"""Browsers opening a portal page at a fixed rate, each then loading the data tiles that page left to it.

Shared by the benchmarks under src/bench/ (through bench_browsers in lib.sh: the home page's, the CMS page's) instead
of wrk, because what a browser asks after the page depends on the page: a warm data tile is in the page itself, a
cold one is a placeholder with data-tile-url that js/tile.js asks (GET /api/tiles/{id}), and a tile whose app's
circuit is open says "unavailable" in the page and is asked for nothing (its placeholder has
data-tile-state="unavailable": the script only wires its Retry button). A page without data tiles is a page view
alone.
wrk sends the same requests whatever the answers were; this follows each page view's own answer.

    browsers.py --base http://127.0.0.1:8680 --path /home.xhtml --cookie 'PORTICO_SESSION=…' \
                --mark 'data-widget="bench-tiles-3"' --rate 100 --duration 30s --label healthy

The load is open: page view i is due at start + i / rate whatever happened to the ones before it, and its latency is
counted from when it was due (a late start counts against the server, not the load generator: no coordinated
omission). A page view takes a free keep-alive connection, or opens one (at most --connections; beyond that it
waits, and the wait counts, so that a server falling behind, a cold one say, is not buried under ever more requests
at once). After the page has arrived completely, its tiles are asked at once, each on a connection
of its own, as a browser's deferred script does; a tile's latency counts from when its page arrived. Tiles have connections of their own (--tile-connections).

Prints, for the benchmark's run.sh (lib.sh's bench_browsers parses the first two lines):
    RESULT label=… requests=… duration_s=… rps=… p50_ms=… p90_ms=… p99_ms=… max_ms=… bad_responses=… socket_errors=…
    TILES label=… requests=… items=… unavailable=… bad=… errors=… p50_ms=… p99_ms=… max_ms=… pages_leaving_tiles=…
    PAGES label=… sent_late_p50_ms=… sent_late_p99_ms=… from_send_p50_ms=… from_send_p99_ms=…
(PAGES: how late the page views were sent, this process's own lag, and the pages' latency counted from the send as
wrk counts it; RESULT counts from when each view was due.)
and BAD / SOCKET lines with the first bad answer and the errors by kind when there were any. Sends nothing but
GET requests, and only to 127.0.0.1 or localhost. Python's standard library only.
"""

import argparse
import asyncio
import html
import math
import re
import sys
import time
from urllib.parse import urlsplit

# The start tag of a tile's placeholder. One that says data-tile-state="unavailable" (the app's circuit is open) is
# shown as it is: js/tile.js only wires its Retry button and asks nothing.
PLACEHOLDER = re.compile(rb'<[a-z]+\s[^>]*\bdata-tile-url="([^"]*)"[^>]*>')
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0 Safari/537.36"


def duration_seconds(text):
    match = re.fullmatch(r"([1-9][0-9]*)([smh])", text)
    if not match:
        raise argparse.ArgumentTypeError(f"a duration is a whole number and s, m or h (30s, 2m), got '{text}'")
    return int(match.group(1)) * {"s": 1, "m": 60, "h": 3600}[match.group(2)]


def positive(text):
    if not re.fullmatch(r"[1-9][0-9]*", text):
        raise argparse.ArgumentTypeError(f"a positive whole number, got '{text}'")
    return int(text)


class Failed(Exception):
    """A request without an answer: the connection failed, was closed, or the answer took too long."""

    def __init__(self, kind, detail):
        super().__init__(f"{kind}: {detail}")
        self.kind = kind


class Connections:
    """Keep-alive HTTP/1.1 connections to one server, opened as needed up to a limit.

    An idle connection is used again only while it is younger than IDLE_MAX_S: servers close idle ones (Undertow after
    60 s), and a browser does not count the request it then sends again on a new connection as an error. Without this,
    the connections opened in a burst lie idle at the bottom of the pile while the rate is low (the warm-up's climb)
    and fail when the rate needs them.
    """

    IDLE_MAX_S = 30

    def __init__(self, host, port, limit):
        self.host, self.port, self.limit = host, port, limit
        self.idle = []  # (connection, when it was given back), the most recent last
        self.open = 0
        self.freed = asyncio.Condition()

    async def take(self):
        async with self.freed:
            while True:
                while not self.idle and self.open >= self.limit:
                    await self.freed.wait()
                if not self.idle:
                    break
                connection, since = self.idle.pop()
                if asyncio.get_running_loop().time() - since < self.IDLE_MAX_S:
                    return connection
                connection[1].close()  # too long idle: the server may have closed it already
                self.open -= 1
            self.open += 1
        try:
            return await asyncio.open_connection(self.host, self.port)
        except OSError as error:
            await self.give_back(None)
            raise Failed("connect", error) from error

    async def give_back(self, connection):
        async with self.freed:
            if connection is None:
                self.open -= 1
            else:
                self.idle.append((connection, asyncio.get_running_loop().time()))
            self.freed.notify()

    async def close(self):
        for (_, writer), _ in self.idle:
            writer.close()
        self.idle.clear()


async def read_answer(reader):
    """Status, headers (lower-case names) and body of one HTTP/1.1 answer: Content-Length or chunked."""
    status_line = await reader.readline()
    if not status_line:
        raise Failed("read", "the server closed the connection")
    parts = status_line.split(b" ", 2)
    if len(parts) < 2 or not parts[0].startswith(b"HTTP/1."):
        raise Failed("read", f"not an HTTP answer: {status_line[:80]!r}")
    status = int(parts[1])
    headers = {}
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.partition(b":")
        headers[name.strip().lower()] = value.strip()
    if headers.get(b"transfer-encoding", b"").lower() == b"chunked":
        chunks = []
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            if size == 0:
                while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                    pass
                break
            chunks.append(await reader.readexactly(size))
            await reader.readexactly(2)
        body = b"".join(chunks)
    else:
        body = await reader.readexactly(int(headers.get(b"content-length", b"0")))
    return status, headers, body


class Browsers:
    def __init__(self, options):
        address = urlsplit(options.base)
        if address.scheme != "http" or address.hostname not in ("127.0.0.1", "localhost"):
            raise SystemExit(f"browsers.py: --base must be http://127.0.0.1:PORT or http://localhost:PORT, got '{options.base}'")
        self.options = options
        self.host_header = address.netloc
        self.prefix = address.path.rstrip("/")
        # A browser's page and its tiles' requests do not wait for each other's connections: two pools.
        self.connections = Connections(address.hostname, address.port or 80, options.connections)
        self.tile_connections = Connections(address.hostname, address.port or 80, options.tile_connections)
        self.pages, self.page_bad, self.page_errors = [], 0, {}
        self.lags, self.services = [], []  # the page view's start after its due time; its answer's time from the send
        self.tiles, self.tile_bad, self.tile_errors = [], 0, 0
        self.items = self.unavailable = self.pages_leaving_tiles = 0
        self.first_bad = None

    def request(self, path, accept):
        return (f"GET {path} HTTP/1.1\r\nHost: {self.host_header}\r\nCookie: {self.options.cookie}\r\n"
                f"Accept: {accept}\r\nUser-Agent: {USER_AGENT}\r\n\r\n").encode("ascii")

    async def get(self, path, accept, sent=None, pool=None):
        pool = pool or self.connections
        connection = await pool.take()
        reader, writer = connection
        if sent is not None:
            sent.append(asyncio.get_running_loop().time())
        try:
            writer.write(self.request(path, accept))
            status, headers, body = await asyncio.wait_for(read_answer(reader), self.options.timeout)
        except asyncio.TimeoutError as error:
            writer.close()
            await pool.give_back(None)
            raise Failed("timeout", f"no answer within {self.options.timeout} s") from error
        except Failed:
            writer.close()
            await pool.give_back(None)
            raise
        except (OSError, asyncio.IncompleteReadError, ValueError) as error:
            writer.close()
            await pool.give_back(None)
            raise Failed("read", error) from error
        if headers.get(b"connection", b"").lower() == b"close":
            writer.close()
            await pool.give_back(None)
        else:
            await pool.give_back(connection)
        return status, body

    def bad(self, sample):
        if self.first_bad is None:
            self.first_bad = sample[:300].decode("utf-8", "replace").replace("\r", " ").replace("\n", " ")

    async def page_view(self, due, loop):
        sent = []
        try:
            status, body = await self.get(self.options.path, "text/html,application/xhtml+xml", sent)
        except Failed as failure:
            self.page_errors[failure.kind] = self.page_errors.get(failure.kind, 0) + 1
            return
        arrived = loop.time()
        self.pages.append(arrived - due)
        self.lags.append(sent[0] - due)
        self.services.append(arrived - sent[0])
        if status != 200 or self.options.mark not in body:
            self.page_bad += 1
            self.bad(f"page {status}: ".encode() + body)
            return
        tiles = [html.unescape(tag.group(1).decode("utf-8")) for tag in PLACEHOLDER.finditer(body)
                 if b'data-tile-state="unavailable"' not in tag.group(0)]
        if tiles:
            self.pages_leaving_tiles += 1
            await asyncio.gather(*(self.tile(url, arrived, loop) for url in tiles))

    async def tile(self, url, asked, loop):
        path = url if url.startswith("/") else urlsplit(url).path
        try:
            status, body = await self.get(path, "application/json", pool=self.tile_connections)
        except Failed:
            self.tile_errors += 1
            return
        self.tiles.append(loop.time() - asked)
        if status == 200 and b'"state":"unavailable"' in body:
            self.unavailable += 1
        elif status == 200 and (b'"state":"items"' in body or b'"state":"empty"' in body):
            self.items += 1
        else:
            self.tile_bad += 1
            self.bad(f"tile {status}: ".encode() + body)

    async def run(self):
        loop = asyncio.get_running_loop()
        end = self.options.duration
        ramp = min(self.options.ramp, end)
        start = loop.time() + 0.05
        views = []
        offset = 0.0  # seconds after start at which the next page view is due
        while offset < end:
            due = start + offset
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            views.append(asyncio.create_task(self.page_view(due, loop)))
            # During the ramp the rate climbs from a tenth of --rate to all of it, so that a cold server is warmed up
            # and not buried; after it, one page view every 1 / rate seconds.
            share = 1.0 if offset >= ramp else 0.1 + 0.9 * offset / ramp
            offset += 1 / (self.options.rate * share)
        sent_for = loop.time() - start
        await asyncio.gather(*views)
        await self.connections.close()
        await self.tile_connections.close()
        return sent_for


def percentile(sorted_values, p):
    if not sorted_values:
        return 0.0
    rank = math.ceil(p / 100 * len(sorted_values))  # the nearest-rank percentile
    return sorted_values[max(rank, 1) - 1] * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="Portico, http://127.0.0.1:PORT")
    parser.add_argument("--path", default="/home.xhtml", help="the page (default /home.xhtml)")
    parser.add_argument("--cookie", required=True, help="the Cookie header: the user's session")
    parser.add_argument("--mark", required=True, help="text every good page holds")
    parser.add_argument("--rate", type=positive, required=True, help="page views per second")
    parser.add_argument("--duration", type=duration_seconds, required=True, help="30s, 2m, …")
    parser.add_argument("--connections", type=positive, default=32,
                        help="at most this many open for the pages (default 32; more page views wait for one, and the"
                             " wait counts: a server that falls behind is not buried under ever more requests)")
    parser.add_argument("--tile-connections", type=positive, default=256,
                        help="at most this many open for the tiles (default 256)")
    parser.add_argument("--timeout", type=positive, default=10, help="seconds an answer may take (default 10)")
    parser.add_argument("--ramp", type=duration_seconds, default=None,
                        help="climb from a tenth of --rate to all of it over this long first: for a warm-up (default none)")
    parser.add_argument("--label", default="portico", help="name in the result lines")
    options = parser.parse_args()
    options.mark = options.mark.encode("utf-8")
    options.ramp = options.ramp or 0

    browsers = Browsers(options)
    sent_for = asyncio.run(browsers.run())
    pages, tiles = sorted(browsers.pages), sorted(browsers.tiles)
    socket_errors = sum(browsers.page_errors.values())
    seconds = max(sent_for, 1e-9)
    print(f"RESULT label={options.label} requests={len(pages)} duration_s={seconds:.2f} rps={len(pages) / seconds:.1f} "
          f"p50_ms={percentile(pages, 50):.2f} p90_ms={percentile(pages, 90):.2f} p99_ms={percentile(pages, 99):.2f} "
          f"max_ms={(pages[-1] * 1000 if pages else 0):.2f} bad_responses={browsers.page_bad} socket_errors={socket_errors}")
    print(f"TILES label={options.label} requests={len(tiles)} items={browsers.items} unavailable={browsers.unavailable} "
          f"bad={browsers.tile_bad} errors={browsers.tile_errors} p50_ms={percentile(tiles, 50):.2f} "
          f"p99_ms={percentile(tiles, 99):.2f} max_ms={(tiles[-1] * 1000 if tiles else 0):.2f} "
          f"pages_leaving_tiles={browsers.pages_leaving_tiles}")
    lags, services = sorted(browsers.lags), sorted(browsers.services)
    print(f"PAGES label={options.label} sent_late_p50_ms={percentile(lags, 50):.2f} sent_late_p99_ms={percentile(lags, 99):.2f} "
          f"from_send_p50_ms={percentile(services, 50):.2f} from_send_p99_ms={percentile(services, 99):.2f}")
    if browsers.first_bad is not None:
        print(f"BAD first={browsers.first_bad}")
    if socket_errors or browsers.tile_errors:
        kinds = " ".join(f"{kind}={count}" for kind, count in sorted(browsers.page_errors.items()))
        print(f"SOCKET pages: {kinds or 'none'}; tiles: {browsers.tile_errors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
