#!/usr/bin/env python3
"""Writes a realistic nginx `combined` access log of a mika site for the analytics benchmark.

    scripts/generate-access-log.py --model site/_mika/model.json --lines 10000000 --out access.log
    scripts/generate-access-log.py --lines 200000 --seed 7 --gzip > access.log.gz

About 80 % of the lines are beacon hits (`/_mika/b.gif?…`) that follow docs/beacon-protocol.md exactly: learners
who come back on several days, one page session per page load with `view`, `active:15` heartbeats batched as
beacon.js batches them, `progress:*`, `complete`, `quiz:` on modules with quizzes, `tool-open`, `exit`; some opted
in (`l=XXXX-XXXX-XXXX-XXXX`, on up to two devices), a few inside an LMS package (`l=` 16 hex digits), many entering
with a cohort (`c=`); dropout, so that later modules see fewer learners. A few requests are replayed (the same line
twice) and a few learners' browsers send the beacon as `POST` that the static server answers with 405. The rest:
the HTML pages and assets those learners load, visitors with Do-Not-Track (pages, no beacon), crawlers and
monitors (some of which run the page's JavaScript and so hit the beacon), scripts, 404 probes, 5xx during a short
outage and a maintenance window, beacon hits of a staging site (another site key), a few hostile beacon queries
and a handful of malformed lines. IP addresses are truncated as the server writes them (IPv4 `/24`, IPv6 `/48`).
Timestamps are in order (server local time, Europe/Berlin by default; the 60 days from 28 Sep 2026 cross the
change to winter time, where the offset goes from +0200 to +0100).

The output is exactly `--lines` lines long and the same for the same options (`--seed`) and model. The model is
`site/_mika/model.json` (docs/model-json.md): course and module paths, durations, phases, quiz question ids and
points, tools; the site key is `--site-key` if given, else `analytics.key`, else the FNV-1a hash of `site.baseURL`
(else of the title) as docs/beacon-protocol.md defines it. When the model lies in a built site, the names and sizes
of its pages and assets come from that site. About 180,000 lines (70 MB) a second on one core; 10M lines use
about 0.9 GB of memory.
"""
import argparse
import bisect
import collections
import datetime as dt
import gzip
import hashlib
import itertools
import json
import math
import os
import random
import shutil
import subprocess
import sys
import time
import zlib
from urllib.parse import quote
from zoneinfo import ZoneInfo

GENERATOR_VERSION = 1  # bump when the output for the same options changes

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
HMS = ["%02d:%02d:%02d" % (s // 3600, s // 60 % 60, s % 60) for s in range(86400)]
NSTR = [str(i) for i in range(200)]


def encode_uri_component(text, keep_slash=False):
    """JavaScript's encodeURIComponent; with keep_slash, '/' stays (the beacon's `p`)."""
    return quote(text, safe="!'()*" + ("/" if keep_slash else ""))


def fnv1a32(text):
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return "%08x" % h


# ---------------------------------------------------------------------------------------------------------------
# User agents and addresses

CHROME = list(range(149, 157))
FIREFOX = list(range(146, 151))


def browser_agents(rng):
    """(weight, user agent, device kind) of real browsers in late 2026, with their version spread."""
    out = []
    for v in CHROME:
        w = 1.0 + (v - 149) * 0.6
        out += [
            (9 * w, f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Safari/537.36", "desktop"),
            (2 * w, f"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Safari/537.36", "desktop"),
            (0.8 * w, f"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Safari/537.36", "desktop"),
            (0.7 * w, f"Mozilla/5.0 (X11; CrOS x86_64 16463.{rng.randrange(10, 90)}.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Safari/537.36", "desktop"),
            (4 * w, f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Safari/537.36 Edg/{v}.0.{3100 + v * 7}.{rng.randrange(20, 99)}", "desktop"),
            (7 * w, f"Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Mobile Safari/537.36", "mobile"),
            (0.8 * w, f"Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Safari/537.36", "tablet"),
        ]
    for v in FIREFOX:
        out += [
            (1.6, f"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:{v}.0) Gecko/20100101 Firefox/{v}.0", "desktop"),
            (0.7, f"Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:{v}.0) Gecko/20100101 Firefox/{v}.0", "desktop"),
            (0.4, f"Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:{v}.0) Gecko/20100101 Firefox/{v}.0", "desktop"),
            (0.4, f"Mozilla/5.0 (Android 15; Mobile; rv:{v}.0) Gecko/{v}.0 Firefox/{v}.0", "mobile"),
        ]
    out += [
        (1.2, "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0", "desktop"),
        (4.0, "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Safari/605.1.15", "desktop"),
        (1.5, "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0.1 Safari/605.1.15", "desktop"),
        (9.0, "Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Mobile/15E148 Safari/604.1", "mobile"),
        (4.0, "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Mobile/15E148 Safari/604.1", "mobile"),
        (2.0, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_7_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.7.2 Mobile/15E148 Safari/604.1", "mobile"),
        (1.5, "Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/155.0.7421.52 Mobile/15E148 Safari/604.1", "mobile"),
        (2.5, "Mozilla/5.0 (iPad; CPU OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Mobile/15E148 Safari/604.1", "tablet"),
        (3.0, "Mozilla/5.0 (Linux; Android 15; SAMSUNG SM-A556B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/29.0 Chrome/136.0.0.0 Mobile Safari/537.36", "mobile"),
        (1.5, "Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-A346B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/28.0 Chrome/130.0.0.0 Mobile Safari/537.36", "mobile"),
        (0.8, "Mozilla/5.0 (Linux; Android 15; SAMSUNG SM-X210) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/29.0 Chrome/136.0.0.0 Safari/537.36", "tablet"),
    ]
    return out


# Browsers without fetch keepalive: beacon.js falls back to navigator.sendBeacon, a POST (Firefox before 133, old iOS).
POST_AGENTS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) Gecko/20100101 Firefox/115.0",
    "Mozilla/5.0 (Windows NT 6.1; Win64; x64; rv:115.0) Gecko/20100101 Firefox/115.0",
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 12_5_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1.2 Mobile/15E148 Safari/604.1",
]

GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
GOOGLEBOT_SMARTPHONE = ("Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) "
                        "Chrome/141.0.7390.122 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")
# (weight, user agent, truncated addresses, runs JavaScript so hits the beacon)
CRAWLERS = [
    (14, GOOGLEBOT_SMARTPHONE, ["66.249.66.0", "66.249.64.0", "66.249.68.0", "66.249.72.0"], True),
    (5, GOOGLEBOT, ["66.249.66.0", "66.249.70.0", "66.249.79.0"], False),
    (9, "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36",
     ["157.55.39.0", "40.77.167.0", "207.46.13.0", "52.167.144.0"], True),
    (12, "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", ["54.36.148.0", "54.36.149.0", "51.222.253.0", "5.39.1.0"], False),
    (8, "Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)", ["185.191.171.0", "85.208.96.0"], False),
    (4, "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)", ["5.255.231.0", "213.180.203.0", "95.108.213.0"], False),
    (3, "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)",
     ["17.241.219.0", "17.241.227.0", "17.22.237.0"], True),
    (6, "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; GPTBot/1.2; +https://openai.com/gptbot", ["20.171.207.0", "52.230.152.0"], False),
    (4, "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)", ["216.73.216.0"], False),
    (4, "Mozilla/5.0 (Linux; Android 7.0;) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; PetalBot;+https://webmaster.petalsearch.com/site/petalbot)",
     ["114.119.132.0", "114.119.147.0"], False),
    (2, "DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)", ["20.191.45.0", "40.88.21.0"], False),
    (2, "Mozilla/5.0 (compatible; SeznamBot/4.0; +https://o-seznam.cz/napoveda/vyhledavani/en/seznambot-crawler/)", ["77.75.78.0"], False),
    (2, "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", ["173.252.107.0", "69.171.249.0"], False),
    (2, "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/150.0.0.0 Safari/537.36",
     ["34.141.12.0", "35.246.200.0"], True),
    (1, "Mozilla/5.0 (compatible; Qwantbot/1.0_4193332; +https://help.qwant.com/bot/)", ["91.242.162.0"], False),
]
SCRIPT_AGENTS = ["curl/8.14.1", "curl/7.88.1", "Wget/1.25.0", "python-requests/2.32.5", "Go-http-client/1.1",
                 "Python-urllib/3.11", "okhttp/4.12.0", "Java/21.0.8", "axios/1.12.2", "node"]
SCANNER_AGENTS = ["Mozilla/5.0 zgrab/0.x", "-", "python-requests/2.31.0", "Go-http-client/1.1",
                  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
                  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/107.0.0.0 Safari/537.36",
                  "Mozilla/5.0 (compatible; CensysInspect/1.1; +https://about.censys.io/)", "Mozlila/5.0 (Linux; Android 7.0; SM-G892A Bulid/NRD90M; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/60.0.3112.107 Moblie Safari/537.36"]
MONITOR_AGENT = "Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)"
PROBE_PATHS = ["/wp-login.php", "/.env", "/wp-admin/", "/xmlrpc.php", "/.git/config", "/wp-includes/wlwmanifest.xml",
               "/phpmyadmin/index.php", "/admin.php", "/config.json", "/.aws/credentials", "/backup.zip", "/.DS_Store",
               "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php", "/cgi-bin/luci/;stok=/locale", "/actuator/health",
               "/server-status", "/.env.production", "/wp-content/plugins/wp-file-manager/readme.txt", "/owa/auth/logon.aspx",
               "/solr/admin/info/system?wt=json", "/api/.env", "/.well-known/security.txt", "/HNAP1/", "/boaform/admin/formLogin",
               "/index.php?s=/Index/\\think\\app/invokefunction&function=call_user_func_array&vars[0]=md5&vars[1][]=HelloThinkPHP21",
               "/.vscode/sftp.json", "/info.php", "/telescope/requests", "/debug/default/view?panel=config", "/_ignition/execute-solution"]
SEARCH_REFERERS = ["https://www.google.com/", "https://www.google.de/", "https://www.bing.com/", "https://duckduckgo.com/",
                   "https://www.ecosia.org/", "https://www.qwant.com/"]
LMS_HOSTS = ["https://moodle.bk-nord.example/", "https://lernen.bbs-am-ring.example/", "https://ilias.osz-technik.example/",
             "https://moodle.bsz-mitte.example/"]
# Internet providers' address blocks (first two octets) for home connections; schools get fixed addresses.
ISP_V4 = [(84, 128), (84, 150), (91, 0), (91, 64), (93, 192), (79, 192), (87, 122), (95, 90), (178, 0), (188, 192),
          (217, 80), (46, 114), (31, 16), (37, 4), (2, 200), (80, 187), (109, 40), (62, 226), (77, 10), (92, 211)]
ISP_V6 = ["2a02:8108", "2a02:8109", "2003:e6", "2003:c0", "2a01:c22", "2a01:599", "2a00:20", "2001:16b8", "2a02:908", "2a04:4540"]


def home_address(rng):
    if rng.random() < 0.22:
        return "%s:%x::" % (rng.choice(ISP_V6), rng.randrange(0x1000, 0xFFFF))
    a, b = rng.choice(ISP_V4)
    return "%d.%d.%d.0" % (a, (b + rng.randrange(0, 64)) & 255, rng.randrange(0, 256))


def random_address(rng):
    return "%d.%d.%d.0" % (rng.choice([5, 23, 45, 43, 47, 64, 103, 104, 139, 141, 159, 162, 167, 172, 185, 193, 194, 212]),
                           rng.randrange(256), rng.randrange(256))


# ---------------------------------------------------------------------------------------------------------------
# The site: pages, assets, sizes, key

class Site:
    def __init__(self, model, model_path, site_key):
        self.model = model
        base_url = (model.get("site") or {}).get("baseURL") or ""
        self.base_url = base_url.rstrip("/") + "/" if base_url else "https://campus.example.org/"
        rest = self.base_url.split("://", 1)[-1]
        self.base_path = "/" + rest.split("/", 1)[1] if "/" in rest else "/"
        model_key = (model.get("analytics") or {}).get("key")
        if site_key:
            if model_key and model_key != site_key:
                warn(f"--site-key {site_key} differs from analytics.key {model_key} in the model")
            self.key = site_key
        elif model_key:
            self.key = model_key
        else:
            source = base_url or (model.get("site") or {}).get("title", "")
            self.key = fnv1a32(source)
            warn(f"the model has no analytics.key: using FNV-1a of {source!r} = {self.key} (docs/beacon-protocol.md); "
                 "give --site-key if the site uses another")
        self.staging_key = fnv1a32("https://staging." + rest)

        self.courses = []
        for course in model.get("courses", []):
            modules = []
            tools = {t.get("name"): t.get("url") for t in model.get("tools", [])}
            for module in course.get("modules", []):
                questions = [(q["id"], float(q.get("points", 1)), q.get("type", "single"))
                             for quiz in module.get("quizzes", []) for q in quiz.get("questions", [])]
                modules.append({
                    "path": module["path"], "minutes": float(module.get("durationMinutes") or 30),
                    "phase": module.get("phase"), "questions": questions,
                    "tool": tools.get(module.get("tool")) if module.get("tool") else None,
                })
            if modules:
                self.courses.append({"path": course["path"], "modules": modules})
        if not self.courses:
            sys.exit("generate-access-log: the model has no course with modules")

        root = os.path.dirname(os.path.dirname(os.path.abspath(model_path)))
        self.root = root if os.path.isfile(os.path.join(root, "index.html")) else None
        self.sizes = {}
        extra_pages, self.assets, self.files, self.downloads = [], [], [], []
        if self.root:
            for dirpath, dirnames, filenames in os.walk(self.root):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(filenames):
                    if name.startswith("."):
                        continue
                    full = os.path.join(dirpath, name)
                    rel = os.path.relpath(full, self.root).replace(os.sep, "/")
                    if rel.startswith("_mika/"):
                        continue
                    size = os.path.getsize(full)
                    if name.endswith((".html", ".css", ".js", ".svg", ".xml", ".json", ".txt")) and size < 4_000_000:
                        with open(full, "rb") as f:
                            size = len(zlib.compress(f.read(), 6)) + 18  # nginx gzip on
                    if name == "index.html":
                        page = rel[: -len("index.html")]
                        self.sizes[page] = size
                        extra_pages.append(page)
                    elif rel.startswith("assets/") and name.endswith((".css", ".js")):
                        self.assets.append(rel)
                        self.sizes[rel] = size
                    else:
                        self.files.append(rel)
                        self.sizes[rel] = size
                        if rel.startswith("pakete/") or name.endswith((".pdf", ".zip", ".docx", ".odt", ".pptx", ".imscc")):
                            self.downloads.append(rel)
        if not self.assets:
            self.assets = ["assets/mika.css", "assets/print.css", "assets/outline.js", "assets/quiz.js", "assets/embed.js"]
        if "assets/beacon.js" not in self.assets:
            self.assets.append("assets/beacon.js")
            self.sizes["assets/beacon.js"] = 1890
        self.assets = [a for a in self.assets if a != "assets/scorm.js"] or self.assets
        if not self.files:
            self.files = ["robots.txt", "sitemap.xml", "feed.xml"]
        model_pages = [""] + [c["path"] for c in self.courses] + [m["path"] for c in self.courses for m in c["modules"]]
        self.pages = list(dict.fromkeys(model_pages + extra_pages))
        for page in self.pages:
            self.sizes.setdefault(page, 9000 + zlib.crc32(page.encode()) % 14000)
        for name in self.assets + self.files:
            self.sizes.setdefault(name, 2000 + zlib.crc32(name.encode()) % 30000)

    def url(self, rel):
        return self.base_path + rel


def warn(message):
    print("generate-access-log: " + message, file=sys.stderr)


# ---------------------------------------------------------------------------------------------------------------
# Time

class Clock:
    """Local days of the log and the nginx $time_local of a UTC second."""

    def __init__(self, start, days, zone):
        tz = ZoneInfo(zone)
        self.day_start = [int(dt.datetime.combine(start + dt.timedelta(days=d), dt.time(0), tz).timestamp())
                          for d in range(days + 2)]
        self.days = days
        self.start = start

        def offset(t):
            return int(dt.datetime.fromtimestamp(t, tz).utcoffset().total_seconds())

        # the offset changes (daylight saving time), to the second
        self.changes, self.offsets = [], []
        prev_t = prev_off = None
        for t in range(self.day_start[0] - 86400, self.day_start[-1] + 2 * 86400, 3600):
            off = offset(t)
            if prev_off is None:
                self.changes.append(-(1 << 62))
                self.offsets.append(off)
            elif off != prev_off:
                lo, hi = prev_t, t
                while hi - lo > 1:
                    mid = (lo + hi) // 2
                    if offset(mid) == prev_off:
                        lo = mid
                    else:
                        hi = mid
                self.changes.append(hi)
                self.offsets.append(off)
            prev_t, prev_off = t, off
        self.suffix = [" %s%02d%02d" % ("+" if o >= 0 else "-", abs(o) // 3600, abs(o) // 60 % 60) for o in self.offsets]
        self.prefix = {}
        first = (self.day_start[0] + min(self.offsets)) // 86400 - 2
        for day in range(first, first + days + 8):
            date = dt.date(1970, 1, 1) + dt.timedelta(days=day)
            self.prefix[day] = "%02d/%s/%d:" % (date.day, MONTHS[date.month - 1], date.year)
        self.cache = {}

    def fmt(self, ts):
        s = self.cache.get(ts)
        if s is None:
            i = bisect.bisect_right(self.changes, ts) - 1
            day, sec = divmod(ts + self.offsets[i], 86400)
            s = self.cache[ts] = self.prefix[day] + HMS[sec] + self.suffix[i]
        return s


# ---------------------------------------------------------------------------------------------------------------
# One page session as beacon.js reports it

_interned = {}


def intern(s):
    return _interned.setdefault(s, s)


def points_text(p):
    return str(int(p)) if p == int(p) else ("%.2f" % p).rstrip("0")


A15 = "active:15"
A15_PAIR = [A15, A15]
A15_PAIR_TEXT = "active:15;active:15"
PAIRS = [A15_PAIR_TEXT] * 60
THIRTIES = [30] * 60


def page_session(rng, active, segments, quarters, complete, quiz_submits, extra, has_exit):
    """The requests of one page session: (delta seconds from the previous request, events) each, in order.

    active: active seconds, in `segments` visible stretches (the page hidden in between); quarters: the progress
    percents reached, in order; quiz_submits: lists of quiz events (one per question); extra: a tool-open or
    download event. Batching as beacon.js does it: an `active:15` every 15 s of active time; events wait up to
    15 s; view, complete, quiz and exit go at once; hiding the page sends what waits (with the active seconds
    since the last `active`); at most 60 requests of at most 20 events."""
    if segments > 1:
        cuts = sorted(rng.random() for _ in range(segments - 1))
        lengths = [max(1, int(active * (b - a))) for a, b in zip([0.0] + cuts, cuts + [1.0])]
    else:
        lengths = [max(1, active)]
    total = sum(lengths)
    marks = []  # (active second, event or events, sent at once)
    nq = len(quarters)
    for i, q in enumerate(quarters):
        marks.append((int(total * (0.1 + 0.8 * (i + 1) / (nq + 0.25))), "progress:" + q, False))
    if complete:
        marks.append((int(total * 0.93), "complete", True))
    for j, submit in enumerate(quiz_submits):
        marks.append((int(total * (0.955 + 0.02 * j)), submit, True))
    if extra:
        marks.append((int(total * rng.uniform(0.3, 0.8)), extra, False))
    marks.sort(key=lambda m: m[0])
    marks.append((1 << 60, None, None))  # sentinel

    deltas, events = [0], ["view"]
    last_t = 0
    pending, since = [], 0

    def send(t, evs):
        nonlocal last_t
        for i in range(0, len(evs), 20):
            if len(deltas) >= 60:
                return
            deltas.append(t - last_t)
            part = evs[i:i + 20] if len(evs) > 20 else evs
            events.append(A15_PAIR_TEXT if part == A15_PAIR else intern(";".join(part)))
            last_t = t

    wall = done = mi = 0
    next_mark = marks[0][0]
    last_seg = len(lengths) - 1
    for si, length in enumerate(lengths):
        end = done + length
        k = 15
        while True:
            # steady reading: a pair of heartbeats every 30 s, sent together (the same as the steps below, at once)
            if (k + 15 <= length and since == wall + k - 15 and next_mark >= done + k + 15 and len(pending) == 1
                    and pending[0] is A15):
                c = min((length - k - 15) // 30, (next_mark - done - k - 15) // 30) + 1
                c = min(c, 60 - len(deltas))
                if c > 0:
                    deltas.append(wall + k - last_t)
                    deltas.extend(THIRTIES[: c - 1])
                    events.extend(PAIRS[:c])
                    last_t = wall + k + 30 * (c - 1)
                    k += 30 * c
                    since = wall + k - 15
                    continue
            # the next thing in this stretch: a mark (progress, complete, quiz, tool) or the next heartbeat
            if next_mark < done + k and (next_mark < end or si == last_seg):
                at, ev, now = marks[mi]
                t = wall + min(at, end) - done
                mi += 1
                next_mark = marks[mi][0]
            elif k <= length:
                t, ev, now = wall + k, A15, False
                k += 15
            else:
                break
            if pending and t > since + 15:
                send(since + 15, pending)
                pending = []
            if now:
                send(t, pending + (ev if isinstance(ev, list) else [ev]))
                pending = []
            else:
                if not pending:
                    since = t
                pending.append(ev)
        # the page is hidden, left, or the tab dies (then nothing more is sent)
        t = wall + length
        if pending and t > since + 15:
            send(since + 15, pending)
            pending = []
        rest = length % 15
        if rest:
            pending.append("active:%d" % rest)
        if si < last_seg:
            if pending:
                send(t, pending)
        elif has_exit:
            pending.append("exit:%d" % total)
            send(t, pending)
        pending = []
        done = end
        wall = t + (int(rng.lognormvariate(4.2, 1.1)) + 5 if si < last_seg else 0)
    return deltas, events


# ---------------------------------------------------------------------------------------------------------------
# Learners

COHORT_NAMES = ["bk-nord.2026_a", "bk-nord.2026_b", "gruppe.b_2026", "osz-technik-it24", "bbs-ring_kfz-3", "ada-kurs-14",
                "ihk-ada.2026-10", "bsz-mitte.ebk"]


class Planner:
    """Plans every learner's visits and page sessions; sessions land in per-day lists."""

    def __init__(self, site, clock, rng, agents):
        self.site, self.clock, self.rng = site, clock, rng
        self.weights = [a[0] for a in agents]
        self.agents = agents
        self.cum_agents = list(itertools.accumulate(self.weights))
        self.school_ips = [home_address(rng) if rng.random() < 0.3 else "%d.%d.%d.0" % rng.choice(
            [(141, 30 + rng.randrange(60), rng.randrange(256)), (193, 175, rng.randrange(256)), (194, 94, rng.randrange(256)),
             (212, 18, rng.randrange(256)), (80, 146, rng.randrange(256))]) for _ in range(60)]
        # day weights: weekdays, fewer at weekends
        self.day_weight = []
        start_weekday = clock.start.weekday()
        for d in range(clock.days):
            wd = (start_weekday + d) % 7
            self.day_weight.append(0.35 if wd >= 5 else (0.85 if wd == 4 else 1.0))
        self.cum_days = list(itertools.accumulate(self.day_weight))

    def device(self, ip=None, post=None):
        rng = self.rng
        if post is None:
            post = rng.random() < 0.004
        if post:
            ua = rng.choice(POST_AGENTS)
        else:
            ua = rng.choices(self.agents, cum_weights=self.cum_agents)[0][1]
        if "Firefox/1" in ua and not post and int(ua.rsplit("/", 1)[1].split(".")[0]) < 133:
            post = True  # a Firefox without fetch keepalive uses sendBeacon
        proto = "HTTP/2.0" if rng.random() < 0.86 else ("HTTP/1.1" if rng.random() < 0.8 else "HTTP/3.0")
        return (ip or home_address(rng), ua, proto, post)

    def visit_time(self, day, evening_bias):
        rng = self.rng
        r = rng.random()
        if r < 0.62 - evening_bias:
            sec = int(rng.triangular(7.75, 16.0, 10.0) * 3600)
        elif r < 0.95:
            sec = int(rng.triangular(16.5, 23.0, 19.5) * 3600)
        else:
            sec = int(rng.uniform(5.5, 24.0) * 3600) % 86400
        return self.clock.day_start[day] + sec

    def learner(self, number, seed, intensity, out, counts):
        """Plans learner `number`: its own random stream, so that a pilot on the first learners sees what the plan
        will hold for them."""
        rng = self.rng = random.Random(seed * 1_000_003 + number)
        site = self.site
        course = site.courses[0] if len(site.courses) == 1 or rng.random() < 0.5 else rng.choice(site.courses)
        mods = course["modules"]
        speed = min(1.6, max(0.2, rng.lognormvariate(math.log(0.65), 0.35)))  # active time / durationMinutes
        lms = rng.random() < 0.04
        cohort = None
        if not lms and rng.random() < 0.65:
            start_hint = rng.choices(range(self.clock.days), cum_weights=self.cum_days)[0]
            month = self.clock.start + dt.timedelta(days=start_hint)
            cohort = "%d-%02d" % (month.year, month.month) if rng.random() < 0.6 else rng.choice(COHORT_NAMES)
        school = rng.choice(self.school_ips) if cohort and rng.random() < 0.5 else None
        primary = self.device()
        second = None
        if school:
            second = self.device(ip=school, post=primary[3])
            primary, second = second, primary  # at school mostly, at home sometimes
        optin_visit = None
        pseudonym = ""
        if lms:
            pseudonym = "%016x" % rng.getrandbits(64)
            optin_visit = 0
        elif rng.random() < 0.3:
            pseudonym = "-".join("".join(rng.choice("0123456789ABCDEFGHJKMNPQRSTVWXYZ") for _ in range(4)) for _ in range(4))
            optin_visit = 0 if rng.random() < 0.6 else 1
            if second is None and rng.random() < 0.3:
                second = self.device()  # the pseudonym entered on another device
        bounce = rng.random() < 0.12
        mean_visits = 1 if bounce else 10.0 * intensity ** 0.5
        n_visits = 1 if bounce else max(1, int(rng.expovariate(1 / mean_visits) + 1))
        day = rng.choices(range(self.clock.days), cum_weights=self.cum_days)[0]
        evening = rng.uniform(-0.15, 0.3)
        fracs = [0.0] * len(mods)
        cur = 0
        dropped = False
        lms_ref = rng.choice(LMS_HOSTS) if lms else None
        for v in range(n_visits):
            if day >= self.clock.days:
                break
            dev = second if second and rng.random() < 0.3 else primary
            optin = optin_visit is not None and v >= optin_visit
            lpart = "&l=" + pseudonym if optin else ""
            t = self.visit_time(day, evening)
            budget = 60 * (4 if bounce else intensity ** 0.5 * rng.lognormvariate(math.log(40), 0.55))
            # the entry page
            entry_c = cohort if cohort and rng.random() < 0.55 else None
            first_page = True
            if lms:
                ref = lms_ref
            elif entry_c:
                ref = rng.choice(LMS_HOSTS) + "course/view.php?id=%d" % (100 + len(cohort))
            else:
                ref = rng.choice(SEARCH_REFERERS) if rng.random() < 0.25 else "-"
            pages = []
            if not lms and (entry_c or rng.random() < 0.35 or cur >= len(mods)):
                pages.append((course["path"] if rng.random() < 0.85 else "", None, 0, 0, 0))
            while budget > 0 and not dropped:
                if cur >= len(mods):
                    if rng.random() < 0.5:
                        break
                    m = rng.randrange(len(mods))  # a review after the end of the course
                elif cur > 0 and rng.random() < 0.07:
                    m = rng.randrange(cur)  # a look back
                else:
                    m = cur
                before, after, spend = self.module_progress(mods[m], speed, fracs[m], budget)
                fracs[m] = after
                pages.append((mods[m]["path"], m, before, after, spend))
                budget -= spend
                if m == cur and after >= 1.0:
                    cur += 1
                    # dropout: more after the first module and where the phase changes
                    hazard = 0.05 + (0.06 if cur == 1 else 0) + (
                        0.06 if cur < len(mods) and mods[cur]["phase"] != mods[cur - 1]["phase"] else 0)
                    if cur < len(mods) and rng.random() < hazard:
                        dropped = True
            prev_url = None
            for path, m, before, after, spend in pages:
                wall = self.emit_page(out, counts, t, dev, path, mods[m] if m is not None else None, before, after, spend,
                                      lpart, entry_c if first_page else None, ref if first_page else prev_url,
                                      first_page, v == 0, lms_ref)
                prev_url = site.base_url + path
                first_page = False
                t += wall + rng.randrange(2, 25)
            if dropped and rng.random() < 0.7:
                break
            day += 1 + int(rng.expovariate(1 / 3.5))

    def module_progress(self, mod, speed, frac, budget):
        """How far the learner reads in a module now: (fraction before, fraction after, active seconds)."""
        rng = self.rng
        need = mod["minutes"] * 60 * speed
        if frac >= 1.0:
            return 1.0, 1.0, int(max(10, min(budget, need * rng.uniform(0.05, 0.3))))  # a review
        spend = min(need * (1.0 - frac), max(20.0, budget), 1500 * rng.uniform(0.6, 1.4))
        after = frac + spend / need
        return frac, (1.0 if after > 0.985 else after), int(max(5, spend))

    def emit_page(self, out, counts, t, dev, path, mod, before, after, active, lpart, cohort, ref, first_page,
                  first_visit, lms_ref):
        """Plans one page session into out[day]; returns its length in seconds."""
        rng, site = self.rng, self.site
        quiz, extra, quarters, complete, segments = [], None, [], False, 1
        if mod is None:  # the home or a course page
            active = int(rng.lognormvariate(math.log(25), 0.7)) + 2
            if site.downloads and rng.random() < 0.03:
                extra = "download:" + encode_uri_component(rng.choice(site.downloads))
        else:
            if before >= 1.0:
                quarters = ["25", "50", "75", "100"][: rng.randrange(1, 5)]
                complete = quarters[-1] == "100" and rng.random() < 0.7
            else:
                quarters = [q for q, f in (("25", 0.25), ("50", 0.5), ("75", 0.75), ("100", 1.0)) if before < f <= after]
                complete = after >= 1.0
            if mod["questions"] and complete and rng.random() < (0.85 if before < 1.0 else 0.2):
                for _ in range(1 if rng.random() < 0.75 else 2):
                    submit = []
                    for qid, pts, kind in mod["questions"]:
                        good = rng.random() < 0.72
                        got = pts if good else (rng.choice((0, 0, 0.5)) * pts if pts > 1 else 0)
                        submit.append("quiz:%s:%d:%s" % (encode_uri_component(qid), 1 if good else 0, points_text(got)))
                    quiz.append(submit)
            if mod["tool"] and rng.random() < 0.35:
                extra = "tool-open:" + encode_uri_component(mod["tool"])
            if active > 240:
                segments = rng.choice((1, 1, 2, 2, 3))
        deltas, events = page_session(rng, active, segments, quarters, complete, quiz, extra, rng.random() < 0.93)
        if rng.random() < 0.04:  # a replay: the same request logged twice
            i = rng.randrange(len(events))
            deltas.insert(i + 1, 0)
            events.insert(i + 1, None)
        deltas[0] = rng.choice((0, 1, 1, 1, 2, 3))  # the view goes out when the page is shown
        sid = "".join(rng.choices("0123456789abcdefghijklmnopqrstuvwxyz", k=rng.choice((10, 11, 11, 12, 12, 12))))
        day = bisect.bisect_right(self.clock.day_start, t) - 1
        params = encode_uri_component(path, keep_slash=True) + lpart + (
            "&c=" + encode_uri_component(cohort) if cohort else "")
        query = "?kohorte=" + encode_uri_component(cohort) if cohort else ""
        bref = lms_ref if lms_ref else site.base_url + path
        served = lms_ref is None  # a page inside an LMS package comes from the LMS, only its beacon reaches us
        out[min(day, len(out) - 1)].append((t, dev, sid, params, bref, deltas, events, path, query, ref,
                                            first_page if served else None, first_visit))
        counts["beacon"] += len(events)
        if served:
            counts["tied"] += 1 + ((len(site.assets) + (1 if first_visit else 0)) if first_page else 0)
        return sum(deltas)


# ---------------------------------------------------------------------------------------------------------------
# Writing

class Writer:
    def __init__(self, site, clock, rng, out_stream):
        self.site, self.clock, self.rng, self.out = site, clock, rng, out_stream
        self.written = 0
        self.bytes = 0

    def session_lines(self, sess, add):
        (t, dev, sid, pmid, bref, deltas, events, path, query, ref, first_page, first_visit) = sess
        site, fmt = self.site, self.clock.fmt
        ip, ua, proto, post = dev
        pre = ip + " - - ["
        # the page and, on the first page of a visit, its assets (first_page None: served by an LMS, not here)
        page_url = site.url(path)
        if first_page is not None:
            add(t, '%s%s] "GET %s%s %s" 200 %d "%s" "%s"\n' % (pre, fmt(t), page_url, query, proto, site.sizes.get(path, 12000),
                                                           ref or "-", ua))
        if first_page:
            aref = site.base_url + path
            for a in site.assets:
                status, size = (200, site.sizes[a]) if first_visit or a == "assets/beacon.js" and self.rng.random() < 0.3 else (304, 0)
                add(t, '%s%s] "GET %s %s" %d %d "%s" "%s"\n' % (pre, fmt(t), site.url(a), proto, status, size, aref, ua))
            if first_visit:
                add(t + 1, '%s%s] "GET %sfavicon.ico %s" 404 %d "%s" "%s"\n' % (pre, fmt(t + 1), site.base_path, proto,
                                                                              site.sizes.get("404.html", 1800), aref, ua))
        if post:
            mid = '] "POST %s_mika/b.gif?v=1&k=%s&s=%s&n=' % (site.base_path, site.key, sid)
            suf = ' %s" 405 157 "%s" "%s"\n' % (proto, bref, ua)
        else:
            mid = '] "GET %s_mika/b.gif?v=1&k=%s&s=%s&n=' % (site.base_path, site.key, sid)
            suf = ' %s" 200 43 "%s" "%s"\n' % (proto, bref, ua)
        pmid = "&p=" + pmid + "&e="
        n = 0
        line = None
        for d, ev in zip(deltas, events):
            t += d
            if ev is None:  # replay of the previous line
                add(t, line)
                continue
            n += 1
            line = pre + fmt(t) + mid + NSTR[n] + pmid + ev + suf
            add(t, line)

    def write_day(self, text):
        data = text.encode("utf-8", "surrogateescape")
        self.out.write(data)
        self.bytes += len(data)


class Background:
    """Everything that is not a learner's beacon: crawlers, monitors, scripts, probes, no-beacon visitors, foreign
    and hostile beacon hits, malformed lines. Each item makes one or more lines."""

    def __init__(self, site, clock, rng, agents, planner):
        self.site, self.clock, self.rng, self.planner = site, clock, rng, planner
        self.crawlers = CRAWLERS
        self.cum_crawlers = list(itertools.accumulate(c[0] for c in CRAWLERS))
        self.kinds = [("visitor", 40), ("crawler", 34), ("script", 5), ("probe", 12), ("foreign", 1.2),
                      ("hostile", 0.05), ("tls", 0.6), ("monitor", 7)]
        self.cum_kinds = list(itertools.accumulate(k[1] for k in self.kinds))
        self.html_pages = [p for p in site.pages]
        self.crawl_targets = site.pages * 3 + [f for f in site.files if not f.startswith("pakete/")] + ["robots.txt", "sitemap.xml"]

    def item(self, t, add):
        rng, site, fmt = self.rng, self.site, self.clock.fmt
        kind = rng.choices(self.kinds, cum_weights=self.cum_kinds)[0][0]
        if kind == "visitor":  # Do-Not-Track / GPC or no JavaScript: pages and assets, no beacon
            dev = self.planner.device(post=False)
            ip, ua, proto, _ = dev
            ref = rng.choice(SEARCH_REFERERS) if rng.random() < 0.4 else "-"
            for i in range(rng.choice((1, 1, 1, 2, 3, 4))):
                page = rng.choice(self.html_pages)
                add(t, '%s - - [%s] "GET %s %s" 200 %d "%s" "%s"\n' % (ip, fmt(t), site.url(page), proto, site.sizes[page], ref, ua))
                if i == 0:
                    for a in site.assets:
                        add(t, '%s - - [%s] "GET %s %s" 200 %d "%s" "%s"\n' % (ip, fmt(t), site.url(a), proto, site.sizes[a],
                                                                              site.base_url + page, ua))
                ref = site.base_url + page
                t += rng.randrange(5, 240)
        elif kind == "crawler":
            _, ua, ips, js = rng.choices(self.crawlers, cum_weights=self.cum_crawlers)[0]
            ip = rng.choice(ips)
            for _ in range(rng.choice((1, 1, 2, 3, 5))):
                target = rng.choice(self.crawl_targets)
                size = site.sizes.get(target, 9000)
                status = 200 if rng.random() < 0.97 else 304
                add(t, '%s - - [%s] "GET %s HTTP/1.1" %d %d "-" "%s"\n' % (ip, fmt(t), site.url(target), status,
                                                                          size if status == 200 else 0, ua))
                if js and target in site.pages and rng.random() < 0.5:  # the renderer runs beacon.js
                    sid = "".join(rng.choices("0123456789abcdefghijklmnopqrstuvwxyz", k=11))
                    penc = encode_uri_component(target, keep_slash=True)
                    add(t + 2, '%s - - [%s] "GET %s_mika/b.gif?v=1&k=%s&s=%s&n=1&p=%s&e=view HTTP/1.1" 200 43 "%s" "%s"\n' % (
                        ip, fmt(t + 2), site.base_path, site.key, sid, penc, site.base_url + target, ua))
                    if rng.random() < 0.5:
                        add(t + 5, '%s - - [%s] "GET %s_mika/b.gif?v=1&k=%s&s=%s&n=2&p=%s&e=active:3;exit:3 HTTP/1.1" 200 43 "%s" "%s"\n' % (
                            ip, fmt(t + 5), site.base_path, site.key, sid, penc, site.base_url + target, ua))
                t += rng.randrange(1, 30)
        elif kind == "monitor":
            add(t, '%s - - [%s] "HEAD %s HTTP/1.1" 200 0 "https://uptimerobot.com/" "%s"\n' % (
                rng.choice(["216.144.250.0", "69.162.124.0", "63.143.42.0"]), fmt(t), site.base_path, MONITOR_AGENT))
        elif kind == "script":
            ip = random_address(rng)
            target = rng.choice(["", "", "sitemap.xml", "feed.xml", "robots.txt"] + site.pages[:3])
            add(t, '%s - - [%s] "GET %s HTTP/1.1" 200 %d "-" "%s"\n' % (ip, fmt(t), site.url(target),
                                                                       site.sizes.get(target, 9000), rng.choice(SCRIPT_AGENTS)))
        elif kind == "probe":  # a scanner: a burst of 404s
            ip = random_address(rng)
            ua = rng.choice(SCANNER_AGENTS)
            proto = "HTTP/1.1" if rng.random() < 0.8 else "HTTP/1.0"
            for path in rng.sample(PROBE_PATHS, rng.randrange(1, 12)):
                method = "GET" if rng.random() < 0.9 else "POST"
                add(t, '%s - - [%s] "%s %s %s" 404 %d "-" "%s"\n' % (ip, fmt(t), method, path, proto,
                                                                    site.sizes.get("404.html", 1800), ua))
                t += rng.choice((0, 0, 1, 1, 2))
        elif kind == "foreign":  # the staging site on the same server: another site key
            ip, ua, proto, _ = self.planner.device(post=False)
            sid = "".join(rng.choices("0123456789abcdefghijklmnopqrstuvwxyz", k=12))
            course = rng.choice(site.courses)
            path = rng.choice(course["modules"])["path"]
            ref = "https://staging." + site.base_url.split("://", 1)[-1] + path
            for n, ev in enumerate(("view", "active:15;active:15", "active:15;progress:25;active:15", "active:9;exit:69"), 1):
                add(t, '%s - - [%s] "GET %s_mika/b.gif?v=1&k=%s&s=%s&n=%d&p=%s&e=%s %s" 200 43 "%s" "%s"\n' % (
                    ip, fmt(t), site.base_path, site.staging_key, sid, n, encode_uri_component(path, keep_slash=True), ev,
                    proto, ref, ua))
                t += 30 if n > 1 else 1
        elif kind == "hostile":  # beacon queries that break the protocol
            ip = random_address(rng)
            q = rng.choice([
                "v=1&k=%s&s=x&n=1&p=../../../../etc/passwd&e=view" % site.key,
                "v=1&k=%s&s=aaaaaaaaaa&n=1&p=%%ZZ&e=view" % site.key,
                "v=1&k=%s&s=aaaaaaaaaa&n=-1&p=&e=view" % site.key,
                "v=1&k=%s&s=aaaaaaaaaa&n=1&p=&l=%%3Cscript%%3Ealert(1)%%3C/script%%3E&e=view" % site.key,
                "v=1&k=%s&s=aaaaaaaaaa&n=99999999999999999999&p=&e=active:999999" % site.key,
                "v=2&k=%s&s=aaaaaaaaaa&n=1&p=&e=view" % site.key,
                "v=1&k=%s&s=bbbbbbbbbb&n=1&p=&e=" % site.key + ";".join(["view"] * 40),
                "v=1&k=%s&s=cccccccccc&n=1&p=%s&e=teleport;active:15;progress:33;quiz:x:2:1" % (site.key, site.courses[0]["path"]),
            ])
            add(t, '%s - - [%s] "GET %s_mika/b.gif?%s HTTP/1.1" 200 43 "-" "%s"\n' % (ip, fmt(t), site.base_path, q,
                                                                                    rng.choice(SCANNER_AGENTS)))
        elif kind == "tls":  # TLS or garbage on the plain port: valid log lines with odd requests
            ip = random_address(rng)
            req = rng.choice(["\\x16\\x03\\x01\\x02\\x00\\x01\\x00\\x01\\xFC\\x03\\x03\\x8B\\x9A", "",
                              "\\x16\\x03\\x01\\x00\\xEE\\x01\\x00\\x00\\xEA\\x03\\x03", "SSH-2.0-Go", "GET /"])
            status = 400 if req else rng.choice((400, 408))
            add(t, '%s - - [%s] "%s" %d %d "-" "-"\n' % (ip, fmt(t), req, status, 157 if status == 400 else 0))

    def malformed(self, ts):
        """A line that is not in the combined format: cut short, NUL bytes after a crash, an error log line, binary."""
        stamp = self.clock.fmt(ts)
        site = self.site
        return self.rng.choice([
            '203.0.113.0 - - [%s] "GET %s HTTP/2.0" 200 14211 "-" "Mozilla/5.0 (Windows NT 10.0; Win6' % (stamp, site.url(site.pages[-1])),
            "\x00" * 37 + '7.0 - - [%s] "GET %s_mika/b.gif?v=1&k=%s&s=' % (stamp, site.base_path, site.key),
            '198.51.100.0 - - [%s] GET %s HTTP/1.1 200 43 - -' % (stamp, site.url("robots.txt")),
            '%s [error] 2741#2741: *918 open() "/srv/www/wp-login.php" failed (2: No such file or directory)' % stamp,
            '192.0.2.0 - - [%s "GET / HTTP/1.1" 200' % stamp,
            '\udcff\udcfe\x01\x02\udc8b\x1f%s\udce4' % stamp,
            '',
        ]) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=10_000_000, help="lines to write (default 10,000,000)")
    parser.add_argument("--learners", type=int, help="learners (default: one per 500 lines, 20,000 for 10M lines)")
    parser.add_argument("--days", type=int, default=60, help="days the log spans (default 60)")
    parser.add_argument("--start", default="2026-09-28", help="first day, YYYY-MM-DD (default 2026-09-28)")
    parser.add_argument("--timezone", default="Europe/Berlin", help="the server's time zone (default Europe/Berlin)")
    parser.add_argument("--model", default="site/_mika/model.json", help="model.json of the site (default site/_mika/model.json)")
    parser.add_argument("--site-key", help="the site key (default: analytics.key of the model)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--gzip", action="store_true", help="write gzip")
    parser.add_argument("--out", "-o", default="-", help="output file (default: standard output)")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress and summary on standard error")
    parser.add_argument("--fingerprint", action="store_true",
                        help="print a hash of what decides the output (options, generator version, the model's courses, "
                             "quizzes, tools, base URL and key) and exit: a log with the same fingerprint can be reused")
    args = parser.parse_args()
    if args.lines < 1 or args.days < 1:
        parser.error("--lines and --days must be positive")
    learners = args.learners if args.learners is not None else max(1, round(args.lines / 500))
    started = time.monotonic()

    try:
        with open(args.model, encoding="utf-8") as f:
            model = json.load(f)
    except OSError as error:
        sys.exit(f"generate-access-log: cannot read the model {args.model}: {error.strerror} (build the site first: make site)")
    if model.get("version") != 1:
        sys.exit(f"generate-access-log: {args.model}: unknown model version {model.get('version')!r}")
    if args.fingerprint:
        relevant = {
            "generator": GENERATOR_VERSION, "lines": args.lines, "learners": learners, "days": args.days,
            "start": args.start, "timezone": args.timezone, "seed": args.seed, "gzip": args.gzip,
            "site": {k: (model.get("site") or {}).get(k) for k in ("baseURL", "title")},
            "key": args.site_key or (model.get("analytics") or {}).get("key") or fnv1a32(
                (model.get("site") or {}).get("baseURL") or (model.get("site") or {}).get("title", "")),
            "courses": [{"path": c.get("path"), "modules": [
                {k: m.get(k) for k in ("path", "durationMinutes", "phase", "tool", "quizzes")} for m in c.get("modules", [])]}
                for c in model.get("courses", [])],
            "tools": [{k: t.get(k) for k in ("name", "url")} for t in model.get("tools", [])],
        }
        print(hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()[:16])
        return
    site = Site(model, args.model, args.site_key)
    clock = Clock(dt.date.fromisoformat(args.start), args.days, args.timezone)
    agents = browser_agents(random.Random(args.seed + 1))

    # Calibrate: learners' beacon lines should be about 79.5 % of the log. A pilot on a sample of learners finds
    # how intense their learning must be for that; the full plan is redone only if it misses by far.
    target_b = 0.795 * args.lines
    wanted = target_b / learners
    intensity = 1.6  # about right for the bundled sample course
    debug = not args.quiet and os.environ.get("GAL_DEBUG")
    pilot_n = min(learners, 1500)
    tried = []  # (intensity, beacon lines a learner)

    def next_intensity(intensity, got):
        """Secant step in log-log space (the lines grow more slowly than the intensity once learners finish)."""
        exponent = 1.0
        if len(tried) >= 2:
            (i1, b1), (i2, b2) = tried[-2:]
            if i1 != i2 and b1 > 0 and b2 > 0 and b1 != b2:
                exponent = min(3.0, max(0.2, math.log(b2 / b1) / math.log(i2 / i1)))
        return min(1000.0, max(0.001, intensity * (wanted / max(got, 1e-9)) ** (1 / exponent)))

    for _ in range(5):
        planner = Planner(site, clock, random.Random(args.seed * 7919 + 13), agents)
        counts = {"beacon": 0, "tied": 0}
        sink = [[] for _ in range(args.days)]
        for i in range(pilot_n):
            planner.learner(i, args.seed, intensity, sink, counts)
        per_learner = counts["beacon"] / pilot_n
        tried.append((intensity, per_learner))
        if debug:
            warn("pilot: intensity %.3f gives %.0f beacon lines a learner, %.0f wanted" % (intensity, per_learner, wanted))
        if abs(per_learner / wanted - 1) < 0.025:
            break
        intensity = next_intensity(intensity, per_learner)
    tried = tried[-1:]
    for attempt in range(3):
        planner = Planner(site, clock, random.Random(args.seed), agents)
        counts = {"beacon": 0, "tied": 0}
        days = [[] for _ in range(args.days)]
        for i in range(learners):
            planner.learner(i, args.seed, intensity, days, counts)
        rest = args.lines - counts["beacon"] - counts["tied"]
        share = counts["beacon"] / args.lines
        if debug:
            warn("plan: intensity %.3f gives %.1f %% beacon lines" % (intensity, 100 * share))
        if (0.75 <= share <= 0.84 and rest >= 0.03 * args.lines) or attempt == 2:
            break
        tried.append((intensity, counts["beacon"] / learners))
        intensity = next_intensity(intensity, counts["beacon"] / learners)
    rest = max(0, rest)
    planned = time.monotonic()
    if not args.quiet:
        warn("planned %d learners, %d page sessions, %d beacon lines (%.1f %%), %d page/asset lines, %d other (%.1f s)" % (
            learners, sum(len(d) for d in days), counts["beacon"], 100 * counts["beacon"] / args.lines, counts["tied"],
            rest, planned - started))

    # Other traffic: spread over the days, more on weekdays, in the daytime
    brng = random.Random(args.seed + 2)
    weights = [0.6 + 0.4 * w for w in planner.day_weight]
    total_w = sum(weights)
    quotas = [int(rest * w / total_w) for w in weights]
    for i in range(rest - sum(quotas)):
        quotas[i % args.days] += 1
    malformed_total = min(rest, 3 + args.lines // 1_000_000)
    malformed_days = sorted(brng.randrange(args.days) for _ in range(malformed_total))
    outages = [(brng.randrange(args.days), brng.randrange(9 * 3600, 20 * 3600), 400, 502),   # upstream proxy down
               (brng.randrange(args.days), 5 * 3600 + 1800, 1200, 503)]                        # maintenance window

    if args.out == "-":
        raw = sys.stdout.buffer
    else:
        raw = open(args.out, "wb")
    proc = None
    if args.gzip:
        gz = shutil.which("gzip")
        if gz:
            proc = subprocess.Popen([gz, "-6", "-n", "-c"], stdin=subprocess.PIPE, stdout=raw)
            stream = proc.stdin
        else:
            stream = gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0)
    else:
        stream = raw

    writer = Writer(site, clock, random.Random(args.seed + 3), stream)
    background = Background(site, clock, brng, agents, Planner(site, clock, brng, agents))
    carry = []
    remaining = args.lines
    for d in range(args.days):
        base = clock.day_start[d]
        daylen = clock.day_start[d + 1] - base
        buckets = collections.defaultdict(list)  # second of the day -> lines
        later = []

        def add(ts, line, buckets=buckets, base=base, daylen=daylen, later=later):
            off = ts - base
            if off < daylen:
                buckets[off if off > 0 else 0].append(line)
            else:
                later.append((ts, line))

        for ts, line in carry:
            add(ts, line)
        for sess in days[d]:
            writer.session_lines(sess, add)
        # background items until the day's quota is reached (the last item may be cut short)
        quota = quotas[d]
        for x in malformed_days:
            if x == d and quota > 0:
                quota -= 1
                ts = base + brng.randrange(daylen)
                add(ts, background.malformed(ts))
        bg = []
        bg_add = lambda ts, line: bg.append((ts, line))
        while len(bg) < quota:
            r = brng.random()
            sec = int((brng.triangular(0, 1, 0.45) if r < 0.7 else brng.random()) * daylen)
            background.item(base + sec, bg_add)
        del bg[quota:]
        for ts, line in bg:
            add(ts, line)
        # outages: most requests in the window fail
        for od, start, length, status in outages:
            if od == d:
                orng = random.Random(args.seed + 5 + d)
                for off in range(start, min(daylen, start + length)):
                    bucket = buckets.get(off, ())
                    for i, line in enumerate(bucket):
                        if orng.random() < 0.85:
                            head, sep, tail = line.partition('" ')
                            parts = tail.split(" ", 2)
                            if sep and len(parts) == 3 and parts[0].isdigit():
                                bucket[i] = head + sep + "%d %d %s" % (status, 157 if status == 502 else 206, parts[2])
        lines = list(itertools.chain.from_iterable(buckets[k] for k in sorted(buckets)))
        if d == args.days - 1:
            later.sort(key=lambda x: x[0])
            lines += [line for _, line in later]
            later = []
        if len(lines) > remaining:
            lines = lines[:remaining]
        remaining -= len(lines)
        writer.write_day("".join(lines))
        writer.written += len(lines)
        carry = later
        days[d] = None
        clock.cache.clear()
        if not args.quiet and (d % 10 == 9 or d == args.days - 1):
            elapsed = time.monotonic() - started
            warn("day %d/%d: %d lines, %.0f MB, %.0f s" % (d + 1, args.days, writer.written, writer.bytes / 1e6, elapsed))
    # pad with background if anything fell short (only with tiny or odd parameters)
    while remaining > 0:
        pad = []
        background.item(clock.day_start[args.days] - 1, lambda ts, line: pad.append(line))
        pad = pad[:remaining]
        writer.write_day("".join(pad))
        writer.written += len(pad)
        remaining -= len(pad)
    if proc:
        proc.stdin.close()
        proc.wait()
    elif args.gzip:
        stream.close()
    if raw is not sys.stdout.buffer:
        raw.close()
    else:
        raw.flush()
    elapsed = time.monotonic() - started
    if not args.quiet:
        warn("wrote %d lines, %.1f MB uncompressed (%.0f bytes a line) in %.1f s: %.0f lines/s, %.1f MB/s" % (
            writer.written, writer.bytes / 1e6, writer.bytes / max(1, writer.written), elapsed,
            writer.written / elapsed, writer.bytes / 1e6 / elapsed))


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:  # the reader stopped early (| head)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
