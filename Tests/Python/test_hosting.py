"""docs/hosting.md, run as written: its nginx, Apache and logrotate blocks against the built sample site.

Every fenced block after a `<!-- test: NAME -->` marker is taken from the document, its placeholders replaced
(`/srv/mika/site`, `/srv/www`, `/var/log/mika/access.log`, port 80) and run: nginx and Apache in the foreground
on a free loopback port, logrotate with `-d`. The servers are checked for what the document promises: pages 200,
a deep unknown URL 404 with the site's 404.html, the beacon GIF uncached and its POST answered with 204, the
caching headers, and access log lines in the combined format with the client address shortened.

The only thing the test adds to the configurations is, in its wrapper, taking the client address from
`X-Forwarded-For` (nginx realip, Apache mod_remoteip, as the document advises behind a proxy), so that the
shortening can be checked for addresses other than the loopback ones.
"""
import dataclasses
import http.client
import os
import pathlib
import re
import shutil
import socket
import subprocess
import tempfile
import time
import uuid

import pytest

from conftest import REPO, SUB_PATH

DOC = REPO / "docs" / "hosting.md"
SITE_ROOT = "/srv/mika/site"
WWW_ROOT = "/srv/www"
LOG_PATH = "/var/log/mika/access.log"
TIMEOUT = 10
NGINX = "/usr/sbin/nginx"
APACHE = "/usr/sbin/apache2"
APACHE_MODULES = pathlib.Path("/usr/lib/apache2/modules")
LOGROTATE = shutil.which("logrotate") or "/usr/sbin/logrotate"
MISSING_PATH = "kurse/gibt/es/nicht/"
ASSET = "assets/mika.css"
BEACON = "_mika/b.gif"
# Paths left as written: the nginx pid file in the logrotate postrotate script, which `logrotate -d` does not run.
KEPT_PATHS = {"/run/nginx.pid"}
USER_AGENT = "mika-hosting-test/1.0 (+https://example.org/bot)"

# What the documented caching headers are (the test checks the servers send exactly these).
PAGE_CACHE = "no-cache"
ASSET_CACHE = "public, max-age=86400"
BEACON_CACHE = "no-store"

# The combined log format: host ident user [time] "request" status bytes "referer" "user agent".
QUOTED = r'"((?:[^"\\]|\\.)*)"'
COMBINED = re.compile(
    r'^(?P<host>\S+) (?P<ident>\S+) (?P<user>\S+) '
    r'\[(?P<time>\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4})\] '
    + QUOTED.replace("(", "(?P<request>", 1) + r' (?P<status>\d{3}) (?P<bytes>\d+|-) '
    + QUOTED.replace("(", "(?P<referer>", 1) + " " + QUOTED.replace("(", "(?P<agent>", 1) + r'$')

# Client addresses given through X-Forwarded-For, and what the log must show for each.
FORWARDED = [
    ("203.0.113.77", "203.0.113.0"),
    ("198.51.100.255", "198.51.100.0"),
    ("2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3::"),
    ("2001:db8:85a3::1", "2001:db8:85a3::"),
    ("2001:db8::1", "2001:db8::"),
    ("2001:db8::", "2001:db8::"),
    ("2a00::5:6", "2a00::"),
    ("fe80::1", "fe80::"),
    ("::1", "::"),
    ("::ffff:192.0.2.1", "192.0.2.0"),
]


# --- The document ---------------------------------------------------------------------------------------------

def doc_blocks():
    """{marker name: code} for every fenced block right after a `<!-- test: NAME -->` marker."""
    text = DOC.read_text(encoding="utf-8")
    blocks = {}
    for match in re.finditer(r"<!--\s*test:\s*([\w-]+)\s*-->\s*\n```[\w-]*\n(.*?)\n```", text, re.S):
        assert match.group(1) not in blocks, f"two blocks marked {match.group(1)} in {DOC}"
        blocks[match.group(1)] = match.group(2) + "\n"
    return blocks


def replace_once(text, pattern, replacement, what):
    result, count = re.subn(pattern, lambda _: replacement, text)
    assert count == 1, f"{what}: expected exactly one {pattern!r} in the block, found {count}"
    return result


def substitute(block, name, port, ipv6, site, www, log):
    """The block with the document's placeholders replaced; fails when a placeholder is missing or another
    absolute path is left that the test would not control."""
    if name.startswith("nginx"):
        block = replace_once(block, r"listen\s+80\s*;", f"listen 127.0.0.1:{port};", name)
        block = replace_once(block, r"listen\s+\[::\]:80\s*;", f"listen [::1]:{port};" if ipv6 else "", name)
    if name == "apache":
        block = replace_once(block, r"<VirtualHost \*:80>", f"<VirtualHost *:{port}>", name)
    for placeholder, value in ((SITE_ROOT, site), (WWW_ROOT, www), (LOG_PATH, log)):
        block = block.replace(placeholder, str(value))
    leftover = [path for path in re.findall(r"(?<![\w.])/(?:srv|var|etc|run)/[^\s\"';)]*", block)
                if path not in KEPT_PATHS]
    assert leftover == [], f"{name}: paths the test does not replace: {leftover}"
    return block


# --- Helpers --------------------------------------------------------------------------------------------------

def ipv6_loopback():
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as probe:
            probe.bind(("::1", 0))
        return True
    except OSError:
        return False


def free_port(ipv6):
    """A port free on 127.0.0.1 (and on ::1 when IPv6 is used)."""
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if not ipv6:
            return port
        try:
            with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as probe:
                probe.bind(("::1", port))
            return port
        except OSError:
            continue
    raise RuntimeError("no port free on both 127.0.0.1 and ::1")


def request(port, path, method="GET", headers=None, host="127.0.0.1"):
    """(status, headers, body) of one request; `path` is absolute."""
    connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
    try:
        connection.request(method, path, body=b"" if method == "POST" else None,
                           headers={"User-Agent": USER_AGENT, **(headers or {})})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def beacon_query(session):
    return f"?v=1&k=0badc0de&s={session}&n=1&p=kurse/x/&e=view"


def new_session():
    return uuid.uuid4().hex[:12]


def log_lines(path, markers):
    """The log's lines, once every marker appears in one (servers write the line after the response)."""
    deadline = time.monotonic() + TIMEOUT
    while True:
        text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
        lines = text.splitlines()
        if all(any(marker in line for line in lines) for marker in markers) or time.monotonic() > deadline:
            return lines
        time.sleep(0.05)


def line_with(lines, marker):
    found = [line for line in lines if marker in line]
    assert len(found) == 1, f"expected one log line with {marker!r}, found {len(found)}:\n" + "\n".join(lines[-20:])
    match = COMBINED.match(found[0])
    assert match, f"not in the combined log format: {found[0]!r}"
    return match


def is_gif_1x1(data):
    return data[:6] in (b"GIF87a", b"GIF89a") and data[6:10] == b"\x01\x00\x01\x00"


@dataclasses.dataclass
class Server:
    name: str
    port: int
    prefix: str          # the site's path on the server: "/" or "/campus/"
    log: pathlib.Path
    ipv6: bool
    site: pathlib.Path   # the site folder served at `prefix`

    def get(self, relative, **kwargs):
        return request(self.port, self.prefix + relative, **kwargs)


def run_server(argv, port, work, error_log):
    # A session of its own: Apache in the foreground stops by signalling its whole process group.
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=work,
                               start_new_session=True)
    deadline = time.monotonic() + TIMEOUT
    while True:
        if process.poll() is not None:
            log = error_log.read_text(errors="replace") if error_log.exists() else ""
            pytest.fail(f"{argv[0]} exited with {process.returncode}: {process.stdout.read().decode()} {log}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"{argv[0]} did not start listening on {port}")
            time.sleep(0.05)


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# --- Fixtures -------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def blocks():
    found = doc_blocks()
    missing = {"nginx", "nginx-subpath", "apache", "logrotate"} - set(found)
    assert not missing, f"{DOC} has no block marked {sorted(missing)}"
    return found


@pytest.fixture(scope="module")
def www(site_root):
    """The folder holding the sample site as `campus/` (conftest's build), readable by a server's workers."""
    site_root.chmod(0o755)
    return site_root


@pytest.fixture(scope="module")
def nginx_servers(blocks, www):
    """One nginx with both documented servers: the site at the root and under /campus/."""
    work = pathlib.Path(tempfile.mkdtemp(prefix="mika-hosting-nginx-"))
    ipv6 = ipv6_loopback()
    port, sub_port = free_port(ipv6), free_port(ipv6)
    log = work / "access.log"
    site = www / SUB_PATH
    main = substitute(blocks["nginx"], "nginx", port, ipv6, site, www, log)
    sub = substitute(blocks["nginx-subpath"], "nginx-subpath", sub_port, ipv6, site, www, log)
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp_paths = "".join(f"    {name}_temp_path {work / name};\n"
                         for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    config = work / "nginx.conf"
    config.write_text(
        f"{user}daemon off;\npid {work / 'nginx.pid'};\nerror_log {work / 'error.log'};\nevents {{}}\n"
        f"http {{\n    include /etc/nginx/mime.types;\n    access_log {work / 'other.log'};\n{temp_paths}"
        "    # test only: the client address from X-Forwarded-For, to run the map over many addresses\n"
        "    set_real_ip_from 127.0.0.1;\n    real_ip_header X-Forwarded-For;\n"
        f"{main}\n{sub}}}\n", encoding="utf-8")
    process = run_server([NGINX, "-e", str(work / "error.log"), "-c", str(config), "-p", str(work)],
                         port, work, work / "error.log")
    try:
        yield {"root": Server("nginx", port, "/", log, ipv6, site),
               "subpath": Server("nginx-subpath", sub_port, f"/{SUB_PATH}/", log, ipv6, site)}
    finally:
        stop(process)
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="module")
def apache_server(blocks, www):
    if not os.path.exists(APACHE):
        pytest.fail(f"{APACHE} is missing: `scripts/bootstrap.sh test` installs apache2")
    work = pathlib.Path(tempfile.mkdtemp(prefix="mika-hosting-apache-"))
    ipv6 = ipv6_loopback()
    port = free_port(ipv6)
    log = work / "access.log"
    site = www / SUB_PATH
    vhost = substitute(blocks["apache"], "apache", port, ipv6, site, www, log)
    modules = {"mpm_prefork": "mpm_prefork", "authz_core": "authz_core", "mime": "mime", "dir": "dir",
               "setenvif": "setenvif", "headers": "headers", "rewrite": "rewrite", "remoteip": "remoteip"}
    load = "".join(f"LoadModule {name}_module {APACHE_MODULES / f'mod_{so}.so'}\n" for name, so in modules.items())
    # Apache will not serve as root; its children switch to www-data, which can read the site (0755).
    user = "User www-data\nGroup www-data\n" if os.geteuid() == 0 else ""
    listen = f"Listen 127.0.0.1:{port}\n" + (f"Listen [::1]:{port}\n" if ipv6 else "")
    config = work / "apache2.conf"
    config.write_text(
        f"ServerRoot {work}\nDefaultRuntimeDir {work}\nPidFile {work / 'apache2.pid'}\n"
        f"ErrorLog {work / 'error.log'}\nLogLevel warn\nServerName localhost\n{user}{load}{listen}"
        "TypesConfig /etc/mime.types\nStartServers 1\nMinSpareServers 1\nMaxSpareServers 2\n"
        "# test only: the client address from X-Forwarded-For, to run the rules over many addresses\n"
        "RemoteIPHeader X-Forwarded-For\nRemoteIPInternalProxy 127.0.0.1\n"
        f"{vhost}", encoding="utf-8")
    check = subprocess.run([APACHE, "-t", "-f", str(config)], capture_output=True, text=True)
    assert check.returncode == 0, f"apache2 -t: {check.stdout}{check.stderr}"
    process = run_server([APACHE, "-DFOREGROUND", "-f", str(config)], port, work, work / "error.log")
    try:
        yield Server("apache", port, "/", log, ipv6, site)
    finally:
        stop(process)
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="module", params=["nginx", "nginx-subpath", "apache"])
def server(request):
    if request.param == "apache":
        return request.getfixturevalue("apache_server")
    servers = request.getfixturevalue("nginx_servers")
    return servers["root" if request.param == "nginx" else "subpath"]


# --- The build's part -----------------------------------------------------------------------------------------

def test_the_build_writes_the_beacon_gif(www):
    gif = www / SUB_PATH / BEACON
    assert gif.is_file(), f"the build wrote no {BEACON} (docs/beacon-protocol.md)"
    assert is_gif_1x1(gif.read_bytes()), f"{BEACON} is not a 1×1 GIF"


def test_the_document_names_its_placeholders(blocks):
    text = DOC.read_text(encoding="utf-8")
    for placeholder in (SITE_ROOT, WWW_ROOT, LOG_PATH, "`80`", "mika analytics " + LOG_PATH + "*"):
        assert placeholder in text, f"{DOC} does not mention {placeholder}"


# --- Pages, 404, caching --------------------------------------------------------------------------------------

def test_home_page_is_served_and_revalidated(server):
    status, headers, body = server.get("")
    assert status == 200, f"{server.name}: {server.prefix} answered {status}"
    assert body == (server.site / "index.html").read_bytes()
    assert headers.get_content_type() == "text/html"
    assert headers.get_all("Cache-Control") == [PAGE_CACHE], f"{server.name}: {headers.get_all('Cache-Control')}"
    etag = headers["ETag"]
    assert etag, f"{server.name}: no ETag, so no-cache would mean a full download every time"
    status, _, body = server.get("", headers={"If-None-Match": etag})
    assert (status, body) == (304, b""), f"{server.name}: revalidating an unchanged page answered {status}"


def test_module_page_is_served(server):
    page = next(path for path in sorted(server.site.glob("kurse/*/*/index.html")))
    relative = page.parent.relative_to(server.site).as_posix() + "/"
    status, _, body = server.get(relative)
    assert status == 200, f"{server.name}: {relative} answered {status}"
    assert body == page.read_bytes()


def test_deep_unknown_url_gets_the_404_page(server):
    status, headers, body = server.get(MISSING_PATH)
    assert status == 404, f"{server.name}: {server.prefix}{MISSING_PATH} answered {status}"
    assert headers.get_content_type() == "text/html"
    assert body == (server.site / "404.html").read_bytes(), f"{server.name}: not the site's 404.html"


def test_assets_carry_the_documented_cache_header(server):
    status, headers, body = server.get(ASSET)
    assert status == 200, f"{server.name}: {ASSET} answered {status}"
    assert body == (server.site / ASSET).read_bytes()
    assert headers.get_all("Cache-Control") == [ASSET_CACHE], f"{server.name}: {headers.get_all('Cache-Control')}"


# --- The beacon -----------------------------------------------------------------------------------------------

def test_beacon_get_serves_the_gif_uncached(server):
    status, headers, body = server.get(BEACON + beacon_query(new_session()))
    assert status == 200, f"{server.name}: GET {BEACON} answered {status} (does the build write it?)"
    assert headers.get_content_type() == "image/gif"
    assert body == (server.site / BEACON).read_bytes()
    assert headers.get_all("Cache-Control") == [BEACON_CACHE], f"{server.name}: {headers.get_all('Cache-Control')}"


def test_beacon_post_is_answered_with_204(server):
    status, headers, body = server.get(BEACON + beacon_query(new_session()), method="POST",
                                       headers={"Content-Type": "text/plain;charset=UTF-8"})
    assert status == 204, f"{server.name}: POST {BEACON} answered {status}"
    assert body == b""
    assert headers.get_all("Cache-Control") == [BEACON_CACHE], f"{server.name}: {headers.get_all('Cache-Control')}"


# --- The access log -------------------------------------------------------------------------------------------

def test_access_log_is_combined_with_the_address_shortened(server):
    get_session, post_session, missing = new_session(), new_session(), f"{MISSING_PATH}{new_session()}/"
    referer = f"http://127.0.0.1:{server.port}{server.prefix}kurse/x/?kohorte=2026-04"
    get_path = server.prefix + BEACON + beacon_query(get_session)
    post_path = server.prefix + BEACON + beacon_query(post_session)
    assert server.get(BEACON + beacon_query(get_session), headers={"Referer": referer})[0] == 200
    assert server.get(BEACON + beacon_query(post_session), method="POST")[0] == 204
    assert server.get(missing)[0] == 404
    lines = log_lines(server.log, [get_session, post_session, missing])

    expected = {get_session: (f"GET {get_path} HTTP/1.1", "200", referer),
                post_session: (f"POST {post_path} HTTP/1.1", "204", "-"),
                missing: (f"GET {server.prefix}{missing} HTTP/1.1", "404", "-")}
    for marker, (request_line, status, logged_referer) in expected.items():
        line = line_with(lines, marker)
        assert line["host"] == "127.0.0.0", f"{server.name}: client logged as {line['host']}, not 127.0.0.0"
        assert (line["ident"], line["user"]) == ("-", "-")
        assert line["request"] == request_line
        assert line["status"] == status
        assert line["referer"] == logged_referer
        assert line["agent"] == USER_AGENT
    assert not [line for line in lines if "127.0.0.1 " in line.split('"')[0]], (
        f"{server.name}: a full client address was written to the log")


def test_ipv6_loopback_is_shortened(server):
    if not server.ipv6:
        pytest.skip("no IPv6 loopback (::1) on this machine; the forwarded-address test covers IPv6 rules")
    session = new_session()
    status, _, _ = request(server.port, server.prefix + BEACON + beacon_query(session), host="::1")
    assert status == 200
    line = line_with(log_lines(server.log, [session]), session)
    assert line["host"] == "::", f"{server.name}: ::1 logged as {line['host']}"


def test_every_address_form_is_shortened(server):
    sessions = {new_session(): (address, shortened) for address, shortened in FORWARDED}
    for session, (address, _) in sessions.items():
        status = server.get(BEACON + beacon_query(session), headers={"X-Forwarded-For": address})[0]
        assert status == 200
    lines = log_lines(server.log, list(sessions))
    wrong = [f"{address} logged as {line_with(lines, session)['host']}, expected {shortened}"
             for session, (address, shortened) in sessions.items()
             if line_with(lines, session)["host"] != shortened]
    assert wrong == [], f"{server.name}:\n" + "\n".join(wrong)


def test_a_malformed_request_is_logged_without_the_address(server):
    marker = f"GARBAGE-{new_session()}"
    with socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT) as connection:
        connection.sendall(marker.encode() + b"\r\n\r\n")
        assert connection.recv(64).startswith(b"HTTP/1.1 400"), f"{server.name}: no 400 for a malformed request"
    line = line_with(log_lines(server.log, [marker]), marker)
    # nginx shortens it like any other; Apache rejects the request before its rules run and writes "-".
    assert line["host"] in ("127.0.0.0", "-"), f"{server.name}: a malformed request logged as {line['host']}"


def test_every_log_line_is_combined(server):
    server.get("")
    lines = log_lines(server.log, [])
    assert lines, f"{server.name}: the access log is empty"
    bad = [line for line in lines if not COMBINED.match(line)]
    assert bad == [], f"{server.name}: lines not in the combined format:\n" + "\n".join(bad[:10])


# --- Rotation -------------------------------------------------------------------------------------------------

def test_logrotate_snippet_passes_a_debug_run(blocks, tmp_path):
    if not os.path.exists(LOGROTATE):
        pytest.fail(f"{LOGROTATE} is missing: `scripts/bootstrap.sh test` installs logrotate")
    logs = tmp_path / "logs"
    logs.mkdir(mode=0o750)
    log = logs / "access.log"
    log.write_text("127.0.0.0 - - [25/Nov/2026:10:00:00 +0100] \"GET / HTTP/1.1\" 200 5 \"-\" \"x\"\n")
    config = tmp_path / "mika.logrotate"
    config.write_text(substitute(blocks["logrotate"], "logrotate", None, False, None, None, log), encoding="utf-8")
    config.chmod(0o644)
    rotate = int(re.search(r"^\s*rotate\s+(\d+)", blocks["logrotate"], re.M).group(1))
    # The document promises at most seven days: the current file plus `rotate` daily files.
    assert rotate + 1 <= 7, f"rotate {rotate} keeps lines {rotate + 1} days, the document says seven"

    def debug_run(*options):
        # -d: nothing is renamed, removed or run (not even postrotate), the state file is not written.
        result = subprocess.run([LOGROTATE, "-d", *options, "-s", str(tmp_path / "state"), str(config)],
                                capture_output=True, text=True)
        output = result.stdout + result.stderr
        assert result.returncode == 0, output
        assert "error" not in output.lower(), output
        return output

    output = debug_run()
    assert f"rotating pattern: {log}  after 1 days ({rotate} rotations)" in output, output
    assert "empty log files are rotated, old logs are removed" in output, output
    output = debug_run("-f")  # what a rotation would do
    assert f"renaming {log} to {log}.1" in output, output
    assert f"renaming {log}.1.gz to {log}.2.gz" in output, output  # delaycompress: .1 plain, older ones .gz
    assert f"creating new {log} mode = 0640" in output, output
    assert "running postrotate script" in output, output
    assert log.read_text().startswith("127.0.0.0 "), "logrotate -d changed the log"
