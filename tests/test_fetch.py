"""The guarded fetch against a real HTTP server on 127.0.0.1, and the address guard on its own.

No test may send a packet outside 127.0.0.0/8: the `_loopback_only` fixture makes any other connect fail
loudly, so a guard that let an address through would show up as a failing test, not as traffic.
"""

from __future__ import annotations

import gzip
import ipaddress
import logging
import random
import socket
import threading
import time
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from bot.config import FetchLimits, Settings
from bot.pipeline.errors import (
    FetchError,
    FetchTimeout,
    RefusedURL,
    TooLarge,
    UnreachableURL,
    UnsupportedContent,
)
from bot.pipeline.fetch import USER_AGENT, canonical_url, check_url, fetch_page, link_scheme

ARTICLE = (
    b"<!doctype html><html><head><title>Test page</title></head><body>"
    b"<p>Officials said 120 people were evacuated from the valley on Tuesday.</p></body></html>"
)

CAP = 10_000
NOISE = random.Random(13).randbytes(1_000_000)
# A PDF with nothing but ASCII in it: no NUL or control byte gives it away, only its signature.
TEXT_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n(120 people, 40 dead) Tj\n%%EOF\n"
LIMITS = FetchLimits(timeout_s=3.0, max_bytes=CAP, max_redirects=5, allow_private=True)
GUARDED = FetchLimits(timeout_s=3.0, max_bytes=CAP, max_redirects=5, allow_private=False)


# Location headers no URL parser can read, sent as raw bytes.
BAD_LOCATIONS = [
    b"http://[::1",
    b"http://exa mple.com/",
    b"http://a:b:c",
    b"http://xn--/",  # an IDNA label with nothing after the prefix
    b"http://%zz/",
    b"//[",
    b"http://" + b"a" * 300 + b".example/",
]

# Bodies whose declared type says text while the bytes say otherwise, and the kind the refusal names.
DISGUISED: dict[str, tuple[bytes, str]] = {
    "/noise": (NOISE, "text/html; charset=utf-8"),
    "/pdf-as-html": (TEXT_PDF, "text/html"),
    "/pdf-after-blank-lines": (b"\r\n\n" + TEXT_PDF, "text/html"),
    "/png-as-text": (b"\x89PNG\r\n\x1a\n" + bytes(64), "text/plain"),
    "/jpeg-as-html": (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(64), "text/html"),
    "/gif-as-html": (b"GIF89a\x01\x00\x01\x00" + bytes(16), "text/html"),
    "/docx-as-html": (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "text/html"),
    "/gzip-as-html": (gzip.compress(ARTICLE), "text/html"),  # compressed, but not said to be
    "/nul-in-text": (b"Officials said 120 people\x00 were evacuated.", "text/plain"),
    "/controls": (bytes(b for b in NOISE[:20_000] if b)[:CAP], "text/html"),
    "/undecodable-utf8": (bytes(b | 0x80 for b in NOISE[:CAP]), "text/html; charset=utf-8"),
}
# … and pages that look odd but are text, and must still be read.
READABLE: dict[str, tuple[bytes, str]] = {
    "/stray-controls": (ARTICLE.replace(b"120", b"\x01120\x02"), "text/html"),
    "/mis-encoded-quotes": (ARTICLE.replace(b"Officials", b"\x93Officials\x94"), "text/html; charset=utf-8"),
    "/utf16-bom": ("\ufeff".encode("utf-16-le") + ARTICLE.decode().encode("utf-16-le"), "text/html"),
    "/mz-prose": (b"MZ Wallace said 120 people were evacuated.", "text/plain"),
    "/legacy-unlabelled": ("Эвакуированы 120 человек из долины. ".encode("cp1251") * 50, "text/plain"),
}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def send(self, status: int, body: bytes, headers: dict[str, str] | None = None, length: bool = True):
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        else:
            self.send_header("Connection", "close")
        self.end_headers()
        try:
            self.wfile.write(body)
            self.wfile.flush()
        except OSError:
            pass
        if not length:
            self.close_connection = True

    def redirect(self, location: str, status: int = 302) -> None:
        self.send(status, b"", {"Location": location})

    def do_GET(self) -> None:
        path = self.path
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path == "/article":
            self.send(200, ARTICLE, html)
        elif path == "/ua":
            self.send(200, self.headers.get("User-Agent", "").encode(), {"Content-Type": "text/plain"})
        elif path == "/host":
            self.send(200, self.headers.get("Host", "").encode(), {"Content-Type": "text/plain"})
        elif path.startswith("/chain/"):
            left = int(path.rsplit("/", 1)[1])
            self.redirect(f"/chain/{left - 1}" if left > 1 else "/article")
        elif path == "/relative":
            self.redirect("article", 301)
        elif path.startswith("/loop/"):
            hop = int(path.rsplit("/", 1)[1])
            self.redirect(f"/loop/{hop + 1}", 307)
        elif path == "/missing":
            self.send(404, b"<h1>Not here</h1>", html)
        elif path == "/broken":
            self.send(500, b"oops", {"Content-Type": "text/plain"})
        elif path == "/image":
            self.send(200, b"\x89PNG\r\n\x1a\n" + bytes(64), {"Content-Type": "image/png"})
        elif path == "/pdf":
            self.send(200, b"%PDF-1.4", {"Content-Type": "application/pdf"})
        elif path == "/big":
            self.send(200, b"a" * (CAP * 3), {"Content-Type": "text/plain"})
        elif path == "/big-unannounced":
            self.send(200, b"a" * (CAP * 3), {"Content-Type": "text/plain"}, length=False)
        elif path == "/big-claimed":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(CAP * 100))
            self.end_headers()
            self.close_connection = True
        elif path == "/exact":
            self.send(200, b"b" * CAP, {"Content-Type": "text/plain"})
        elif path == "/gzip-bomb":
            self.send(
                200,
                gzip.compress(b"<p>" + b"x" * (CAP * 50)),
                {"Content-Type": "text/html", "Content-Encoding": "gzip"},
            )
        elif path == "/gzip":
            self.send(200, gzip.compress(ARTICLE), {"Content-Type": "text/html", "Content-Encoding": "gzip"})
        elif path == "/deflate":
            self.send(
                200, zlib.compress(ARTICLE), {"Content-Type": "text/html", "Content-Encoding": "deflate"}
            )
        elif path == "/brotli":
            self.send(200, b"xx", {"Content-Type": "text/html", "Content-Encoding": "br"})
        elif path == "/latin1":
            body = "<html><body><p>Le café a ouvert à 8 h.</p></body></html>".encode("latin-1")
            self.send(200, body, {"Content-Type": "text/html; charset=ISO-8859-1"})
        elif path == "/meta-charset":
            body = (
                '<html><head><meta charset="windows-1251"></head>'
                "<body><p>Погибли 40 человек</p></body></html>"
            ).encode("cp1251")
            self.send(200, body, {"Content-Type": "text/html"})
        elif path == "/meta-http-equiv":
            body = (
                '<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
                "</head><body><p>Раненых более 100</p></body></html>"
            ).encode("koi8_r")
            self.send(200, body, {"Content-Type": "text/html"})
        elif path == "/undeclared":
            self.send(200, "Über 3 500 Menschen".encode() + b"\xff", {"Content-Type": "text/plain"})
        elif path.startswith("/charset/"):
            self.send(200, ARTICLE, {"Content-Type": f"text/html; charset={path.rsplit('/', 1)[1]}"})
        elif path == "/untyped-html":
            self.send(200, ARTICLE)
        elif path == "/untyped-binary":
            self.send(200, b"\x00\x01\x02binary")
        elif path == "/xhtml":
            self.send(200, ARTICLE, {"Content-Type": "application/xhtml+xml"})
        elif path == "/slow":
            time.sleep(2.0)
            self.send(200, ARTICLE, html)
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
            self.close_connection = True
        elif path == "/to-metadata":
            self.redirect("http://169.254.169.254/latest/meta-data/")
        elif path == "/to-private":
            self.redirect("http://10.0.0.1/admin")
        elif path == "/to-mapped":
            self.redirect("http://[::ffff:10.0.0.1]/")
        elif path == "/to-ftp":
            self.redirect("ftp://files.example/report.txt")
        elif path == "/to-file":
            self.redirect("file:///etc/passwd")
        elif path == "/to-hex":
            self.redirect("http://0xa9.0xfe.0xa9.0xfe/")  # 169.254.169.254 spelled in hex
        elif path == "/to-octal":
            self.redirect("http://0251.0376.0251.0376/")  # … and in octal
        elif path in DISGUISED or path in READABLE:
            body, kind = DISGUISED.get(path) or READABLE[path]
            self.send(200, body, {"Content-Type": kind})
        elif path.startswith("/bad-location/"):
            location = BAD_LOCATIONS[int(path.rsplit("/", 1)[1])]
            self.wfile.write(
                b"HTTP/1.1 302 Found\r\nLocation: " + location + b"\r\nContent-Length: 0\r\n\r\n"
            )
            self.wfile.flush()
        elif path == "/no-location":
            self.send(302, b"")
        else:
            self.send(404, b"", html)


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connect outside 127.0.0.0/8 (or ::1) fails the test instead of leaving the machine."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> None:
        if isinstance(address, tuple):
            ip = ipaddress.ip_address(str(address[0]).split("%")[0])
            if not ip.is_loopback:
                raise AssertionError(f"test tried to connect to {ip}")
        real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- canonical_url --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://Example.COM/News/Story/", "http://example.com/News/Story"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("http://example.com:80", "http://example.com/"),
        ("http://example.com:8080/a/", "http://example.com:8080/a"),
        ("https://example.com/", "https://example.com/"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/a#comments", "https://example.com/a"),
        (
            "https://example.com/a?utm_source=tw&utm_medium=social&id=7&fbclid=X1&gclid=Y",
            "https://example.com/a?id=7",
        ),
        ("https://example.com/a?b=2&a=1&c=", "https://example.com/a?a=1&b=2&c="),
        ("https://example.com/a?UTM_Campaign=x", "https://example.com/a"),
        ("https://user:pw@example.com/a", "https://example.com/a"),
        ("http://[2001:DB8::1]:80/x/", "http://[2001:db8::1]/x"),
        ("  https://example.com/a  ", "https://example.com/a"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_canonical_url_is_idempotent() -> None:
    url = "HTTPS://Example.com:443/path/?z=1&utm_source=x&a=b%2Fc#top"
    once = canonical_url(url)
    assert canonical_url(once) == once


# -- check_url ------------------------------------------------------------------------------------------

REFUSED_ALWAYS = [
    "http://10.0.0.1/",
    "http://172.16.5.4/",
    "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://100.64.0.1/",  # shared (carrier-grade NAT)
    "http://0.0.0.0/",
    "http://0/",
    "http://224.0.0.1/",  # multicast
    "http://240.0.0.1/",  # reserved
    "http://255.255.255.255/",
    "http://192.0.2.10/",  # documentation
    "http://[fe80::1]/",
    "http://[fc00::1]/",
    "http://[fd12:3456::1]/",
    "http://[ff02::1]/",
    "http://[::]/",
    "http://[::ffff:10.0.0.1]/",  # IPv4-mapped
    "http://[::ffff:169.254.169.254]/",
    "http://[::a9fe:a9fe]/",  # IPv4-compatible 169.254.169.254
    "http://[2002:a00:1::]/",  # 6to4 around 10.0.0.1
    "http://[2002:a9fe:a9fe::1]/",  # 6to4 around 169.254.169.254
    "http://[64:ff9b::a00:1]/",  # NAT64 around 10.0.0.1
    "http://[64:ff9b::a9fe:a9fe]/",
    "http://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/",  # Teredo, client 10.0.0.1
    "http://0xa9.0xfe.0xa9.0xfe/",  # 169.254.169.254 in hex
    "http://0251.0376.0251.0376/",  # … in octal
    "http://2852039166/",  # … as one number
    "http://0xa9fea9fe/",
    "http://169.254.43518/",
    "http://10.1/",
]

LOOPBACK = [
    "http://127.0.0.1/",
    "http://127.1.2.3:8080/x",
    "http://localhost/",
    "http://LOCALHOST./",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://0x7f.1/",
    "http://0x7f000001/",
    "http://2130706433/",
    "http://017700000001/",
    "http://127.1/",
    "http://[2002:7f00:1::]/",  # 6to4 around 127.0.0.1
    "http://[64:ff9b::7f00:1]/",  # NAT64 around 127.0.0.1
]


@pytest.mark.parametrize("url", REFUSED_ALWAYS + LOOPBACK)
def test_check_url_refuses_non_public_addresses(url: str) -> None:
    with pytest.raises(RefusedURL) as caught:
        check_url(url)
    message = str(caught.value)
    assert message.endswith(".") and ("won't fetch" in message or "can't read" in message)


@pytest.mark.parametrize("url", REFUSED_ALWAYS)
def test_test_allowance_never_opens_anything_but_loopback(url: str) -> None:
    with pytest.raises(RefusedURL):
        check_url(url, allow_private=True)


@pytest.mark.parametrize("url", LOOPBACK)
def test_test_allowance_opens_loopback(url: str) -> None:
    check_url(url, allow_private=True)


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/file",
        "file:///etc/passwd",
        "gopher://127.0.0.1/",
        "javascript:alert(1)",
        "example.com",
    ],
)
def test_check_url_refuses_other_schemes(url: str) -> None:
    with pytest.raises(RefusedURL, match="http"):
        check_url(url, allow_private=True)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("FTP://example.com/file", "ftp://"),
        ("file:///etc/passwd", "file://"),
        ("mailto:desk@example.com", "mailto:"),
    ],
)
def test_a_refused_scheme_is_named_as_written(url: str, shown: str) -> None:
    with pytest.raises(RefusedURL) as caught:
        check_url(url)
    assert str(caught.value) == f"I only fetch http:// and https:// links, and that one points to {shown}."


@pytest.mark.parametrize(
    ("text", "scheme"),
    [
        ("HTTP://example.test/x", "http"),
        ("Https://example.test/", "https"),
        ("file:///etc/passwd", "file"),
        ("FILE:/etc/passwd", "file"),
        ("ftp://files.example/a.txt", "ftp"),
        ("javascript:alert(1)", "javascript"),
        ("  tg://resolve?domain=x", "tg"),
        ("example.com/news", None),
        ("example.com:8080/news", None),  # a host and its port
        ("localhost:8080", None),
        ("C:\\news.txt", None),  # a Windows drive
        ("seeds/article.txt", None),
        ("-", None),
    ],
)
def test_link_scheme(text: str, scheme: str | None) -> None:
    assert link_scheme(text) == scheme


@pytest.mark.parametrize("url", ["http://user:secret@127.0.0.1/", "http://user@127.0.0.1/", "http:///path"])
def test_check_url_refuses_credentials_and_missing_hosts(url: str) -> None:
    with pytest.raises(RefusedURL):
        check_url(url, allow_private=True)


@pytest.mark.parametrize("url", ["http://0177.0.0.1/", "http://0251.0376.0251.0376/", "http://1.2.3.999/"])
def test_unreadable_numeric_hosts_are_refused_even_under_the_allowance(url: str) -> None:
    with pytest.raises(RefusedURL, match="can't read"):
        check_url(url, allow_private=True)


def test_check_url_accepts_public_literals() -> None:
    check_url("http://93.184.215.14/")
    check_url("https://[2606:4700::1111]/")
    check_url("http://8.8.8.8:8080/path?q=1")


def test_malformed_numeric_host_is_refused() -> None:
    with pytest.raises(RefusedURL):
        check_url("http://1.0x100.1.1/")
    with pytest.raises(RefusedURL):
        check_url("http://1.2.3.999/")


def test_settings_read_the_test_allowance_from_the_environment() -> None:
    assert Settings.from_env({}).fetch.allow_private is False
    assert Settings.from_env({"CROSSCHECK_ALLOW_PRIVATE_URLS": "1"}).fetch.allow_private is True


# -- fetch_page -----------------------------------------------------------------------------------------


def test_fetches_an_article(server: str) -> None:
    page = fetch_page(f"{server}/article", limits=LIMITS)
    assert page.content_type == "text/html"
    assert "120 people were evacuated" in page.text
    assert page.url == f"{server}/article"


def test_sends_a_user_agent_naming_the_product(server: str) -> None:
    page = fetch_page(f"{server}/ua", limits=LIMITS)
    assert page.text == USER_AGENT
    assert "Crosscheck" in page.text


def test_host_header_keeps_the_name_while_the_connection_is_pinned(server: str) -> None:
    port = server.rsplit(":", 1)[1]
    page = fetch_page(f"http://localhost:{port}/host", limits=LIMITS)
    assert page.text == f"localhost:{port}"
    assert page.url == f"http://localhost:{port}/host"


def test_follows_a_redirect_chain(server: str) -> None:
    page = fetch_page(f"{server}/chain/5", limits=LIMITS)
    assert page.url == f"{server}/article"
    assert "120 people" in page.text


def test_follows_a_relative_redirect(server: str) -> None:
    page = fetch_page(f"{server}/relative", limits=LIMITS)
    assert page.url == f"{server}/article"


def test_redirect_loop_gives_up(server: str) -> None:
    with pytest.raises(UnreachableURL, match="redirects more than 5 times"):
        fetch_page(f"{server}/loop/0", limits=LIMITS)


def test_one_hop_too_many_gives_up(server: str) -> None:
    with pytest.raises(UnreachableURL):
        fetch_page(f"{server}/chain/6", limits=LIMITS)


def test_redirect_without_location(server: str) -> None:
    with pytest.raises(UnreachableURL):
        fetch_page(f"{server}/no-location", limits=LIMITS)


@pytest.mark.parametrize("path", ["/missing", "/broken"])
def test_error_status_is_unreachable_with_the_status(path: str, server: str) -> None:
    with pytest.raises(UnreachableURL) as caught:
        fetch_page(f"{server}{path}", limits=LIMITS)
    assert ("404" if path == "/missing" else "500") in str(caught.value)


@pytest.mark.parametrize(("path", "mime"), [("/image", "image/png"), ("/pdf", "application/pdf")])
def test_refuses_content_that_is_not_text(path: str, mime: str, server: str) -> None:
    with pytest.raises(UnsupportedContent, match=mime):
        fetch_page(f"{server}{path}", limits=LIMITS)


def test_refuses_untyped_binary(server: str) -> None:
    with pytest.raises(UnsupportedContent):
        fetch_page(f"{server}/untyped-binary", limits=LIMITS)


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/noise", "binary data"),
        ("/pdf-as-html", "a PDF"),
        ("/pdf-after-blank-lines", "a PDF"),
        ("/png-as-text", "a PNG image"),
        ("/jpeg-as-html", "a JPEG image"),
        ("/gif-as-html", "a GIF image"),
        ("/docx-as-html", "a ZIP archive"),
        ("/gzip-as-html", "gzip-compressed data"),
        ("/nul-in-text", "binary data"),
        ("/controls", "binary data"),
        ("/undecodable-utf8", "binary data"),
    ],
)
def test_binary_is_refused_whatever_type_it_declares(path: str, kind: str, server: str) -> None:
    limits = FetchLimits(timeout_s=5.0, max_bytes=2_000_000, allow_private=True)
    with pytest.raises(UnsupportedContent) as caught:
        fetch_page(f"{server}{path}", limits=limits)
    message = str(caught.value)
    assert f"looks like {kind}" in message and "not a web page" in message
    assert message.endswith(".") and "\n" not in message


@pytest.mark.parametrize("path", list(READABLE))
def test_odd_but_textual_pages_are_still_read(path: str, server: str) -> None:
    text = fetch_page(f"{server}{path}", limits=LIMITS).text
    assert "120" in text


@pytest.mark.parametrize("charset", ["base64", "rot13", "idna"])
def test_a_codec_that_is_no_text_encoding_is_ignored(charset: str, server: str) -> None:
    # Python has codecs by these names, but none of them turns a page's bytes into its text.
    assert "120 people" in fetch_page(f"{server}/charset/{charset}", limits=LIMITS).text


def test_untyped_html_is_sniffed(server: str) -> None:
    page = fetch_page(f"{server}/untyped-html", limits=LIMITS)
    assert page.content_type == "text/html"


def test_xhtml_is_accepted(server: str) -> None:
    assert fetch_page(f"{server}/xhtml", limits=LIMITS).content_type == "application/xhtml+xml"


@pytest.mark.parametrize("path", ["/big", "/big-unannounced", "/big-claimed", "/gzip-bomb"])
def test_refuses_bodies_over_the_cap(path: str, server: str) -> None:
    with pytest.raises(TooLarge, match="larger than"):
        fetch_page(f"{server}{path}", limits=LIMITS)


def test_a_body_exactly_at_the_cap_is_read_whole(server: str) -> None:
    page = fetch_page(f"{server}/exact", limits=LIMITS)
    assert page.text == "b" * CAP


@pytest.mark.parametrize("path", ["/gzip", "/deflate"])
def test_compressed_bodies_are_decoded(path: str, server: str) -> None:
    assert "120 people" in fetch_page(f"{server}{path}", limits=LIMITS).text


def test_unknown_compression_is_refused(server: str) -> None:
    with pytest.raises(UnsupportedContent):
        fetch_page(f"{server}/brotli", limits=LIMITS)


def test_slow_server_times_out(server: str) -> None:
    limits = FetchLimits(timeout_s=0.5, max_bytes=CAP, allow_private=True)
    started = time.monotonic()
    with pytest.raises(FetchTimeout, match=r"0\.5 seconds"):
        fetch_page(f"{server}/slow", limits=limits)
    assert time.monotonic() - started < 1.5


def test_deadline_covers_a_body_that_keeps_dripping(server: str) -> None:
    # Every read gets a byte in time, so only a whole-fetch deadline stops this.
    limits = FetchLimits(timeout_s=0.8, max_bytes=CAP, allow_private=True)
    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        fetch_page(f"{server}/drip", limits=limits)
    assert time.monotonic() - started < 1.5


def test_connection_refused_is_unreachable(closed_port: int) -> None:
    with pytest.raises(UnreachableURL, match="connect"):
        fetch_page(f"http://127.0.0.1:{closed_port}/", limits=LIMITS)


def test_declared_charset_is_used(server: str) -> None:
    assert "Le café a ouvert à 8 h." in fetch_page(f"{server}/latin1", limits=LIMITS).text


def test_meta_charset_is_used_when_the_header_has_none(server: str) -> None:
    assert "Погибли 40 человек" in fetch_page(f"{server}/meta-charset", limits=LIMITS).text
    assert "Раненых более 100" in fetch_page(f"{server}/meta-http-equiv", limits=LIMITS).text


def test_undeclared_charset_falls_back_to_utf8_with_replacement(server: str) -> None:
    assert fetch_page(f"{server}/undeclared", limits=LIMITS).text == "Über 3 500 Menschen\ufffd"


def test_plain_text_is_fetched(server: str) -> None:
    page = fetch_page(f"{server}/ua", limits=LIMITS)
    assert page.content_type == "text/plain"


def test_a_shared_client_works_too(server: str) -> None:
    with httpx.Client() as client:
        page = fetch_page(f"{server}/chain/2", limits=LIMITS, client=client)
    assert page.url == f"{server}/article"


# -- the guard inside fetch_page ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/article", "/chain/2", "/to-metadata"])
def test_loopback_is_refused_without_the_test_allowance(path: str, server: str) -> None:
    with pytest.raises(RefusedURL, match="loopback"):
        fetch_page(f"{server}{path}", limits=GUARDED)


def test_loopback_spellings_are_refused_without_the_allowance(server: str) -> None:
    port = server.rsplit(":", 1)[1]
    for host in ("localhost", "0x7f.1", "2130706433", "017700000001", "[::ffff:127.0.0.1]", "127.1"):
        with pytest.raises(RefusedURL):
            fetch_page(f"http://{host}:{port}/article", limits=GUARDED)


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/to-metadata", "link-local"),  # cloud metadata: refused even under the test allowance
        ("/to-hex", "link-local"),
        ("/to-octal", "redirects to"),
        ("/to-private", "private"),
        ("/to-mapped", "private"),
        ("/to-ftp", "ftp://"),
        ("/to-file", "file://"),
    ],
)
def test_every_redirect_hop_is_checked(path: str, words: str, server: str) -> None:
    with pytest.raises(RefusedURL) as caught:
        fetch_page(f"{server}{path}", limits=LIMITS)
    assert words in str(caught.value)
    assert "redirects to" in str(caught.value)


@pytest.mark.parametrize("index", range(len(BAD_LOCATIONS)))
def test_an_unreadable_redirect_is_one_refusal(
    index: int, server: str, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(RefusedURL) as caught:
        fetch_page(f"{server}/bad-location/{index}", limits=LIMITS)
    assert str(caught.value) == "That link redirects to an address I can't read."
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


@pytest.mark.parametrize("url", ["http://exa mple.com/", "http://xn--/", "http://%41.example/"])
def test_a_link_with_an_unreadable_host_is_refused(url: str) -> None:
    with pytest.raises(RefusedURL, match="an address I can't read"):
        check_url(url, allow_private=True)


def test_refusals_are_fetch_errors_with_one_sentence(server: str) -> None:
    for url in ("ftp://x.example/", "http://10.0.0.1/", f"{server}/to-metadata"):
        with pytest.raises(FetchError) as caught:
            fetch_page(url, limits=LIMITS)
        message = str(caught.value)
        assert message[0].isupper() and message.endswith(".") and "\n" not in message
