"""Guarded HTTP fetch of one web page, for links people send us.

A link is somebody else's instruction to make our server open a connection, so every address is vetted
before we connect: only http/https, no credentials in the link, and the host (however it is spelled:
"0x7f.1", "2130706433", "[::ffff:10.0.0.1]", a name that resolves to 169.254.169.254, …) must resolve
only to public addresses. Redirects are followed by hand so that every hop passes the same guard.

DNS rebinding: a name could resolve to a public address when checked and to a private one when the HTTP
client resolves it again. We close that window by connecting to the vetted address itself: the request
URL carries the IP and the real name travels in the Host header and, for https, in TLS SNI (so the
certificate is still checked against the name). Each request asks for `Connection: close`, so a
connection set up for one name is never reused for another name on the same address.

Budgets (see `FetchLimits`): one deadline for the whole fetch, redirects and DNS included (the fetch runs
in a helper thread that is abandoned, and stops itself, when the deadline passes); a body cap enforced
on the decompressed bytes while streaming (larger pages are refused, never truncated).

Whatever type a page declares, its body is sniffed (`binary_kind`) and PDFs, images, archives and other
binary are refused: servers send those as text/html often enough.

`allow_private` is a test switch: it lets loopback addresses through and nothing else, so even a test
setup can never reach link-local (cloud metadata), private or reserved networks.

Every error is a `FetchError` whose message is one sentence for the person who sent the link.
"""

from __future__ import annotations

import codecs
import ipaddress
import logging
import re
import socket
import threading
import time
import zlib
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx

from bot.config import FetchLimits
from bot.i18n import N_
from bot.pipeline.budget import UNLIMITED, Budget
from bot.pipeline.errors import (
    CrosscheckError,
    FetchTimeout,
    Phrase,
    RefusedURL,
    TooLarge,
    UnreachableURL,
    UnsupportedContent,
)
from bot.pipeline.types import Page

log = logging.getLogger(__name__)

USER_AGENT = "Crosscheck/0.1 (fact-checking bot; reads news pages to compare the figures they report)"
ALLOWED_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_DEFAULT_PORTS = {"http": 80, "https": 443}
_CHUNK = 64 * 1024

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Query parameters that only say how someone arrived at a page, never which page it is.
_TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "ocid",
        "cmpid",
        "ref_src",
        "ref_url",
        "__twitter_impression",
        "li_fat_id",
        "s_cid",
        "wt_mc",
    }
)
_TRACKING_PREFIXES = ("utm_", "at_", "pk_", "hsa_")

# Networks that `ipaddress` flags leave public in Python 3.11 (multicast and 100.64/10 count as global
# there) or that hide another address; listed so the decision does not depend on the Python version.
_SHARED_V4 = ipaddress.IPv4Network("100.64.0.0/10")
_EXTRA_BLOCKED: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = (
    ipaddress.IPv4Network("0.0.0.0/8"),
    ipaddress.IPv4Network("192.0.0.0/24"),
    ipaddress.IPv4Network("192.0.2.0/24"),
    ipaddress.IPv4Network("192.88.99.0/24"),  # 6to4 relay anycast
    ipaddress.IPv4Network("198.18.0.0/15"),
    ipaddress.IPv4Network("198.51.100.0/24"),
    ipaddress.IPv4Network("203.0.113.0/24"),
    ipaddress.IPv4Network("240.0.0.0/4"),
    ipaddress.IPv6Network("64:ff9b:1::/48"),  # local-use NAT64: whatever it maps to is site-specific
    ipaddress.IPv6Network("100::/64"),
    ipaddress.IPv6Network("2001:db8::/32"),
    ipaddress.IPv6Network("2001:10::/28"),
    ipaddress.IPv6Network("fc00::/7"),
    ipaddress.IPv6Network("fec0::/10"),
)
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_V4_COMPAT = ipaddress.IPv6Network("::/96")
_V4_TRANSLATED = ipaddress.IPv6Network("::ffff:0:0:0/96")


# -- canonical form -------------------------------------------------------------------------------------


def canonical_url(url: str) -> str:
    """The form we store and compare links in: same page, same string.

    Lower-case scheme and host, no default port, no user info, no fragment, no tracking parameters,
    the remaining query sorted, and no trailing slash on the path (the root stays "/").
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # IPv6 literal: urlsplit strips the brackets
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{port}"
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = [
        (key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(key)
    ]
    query.sort()
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def _is_tracking(key: str) -> bool:
    low = key.lower()
    return low in _TRACKING_PARAMS or low.startswith(_TRACKING_PREFIXES)


# -- link or not ----------------------------------------------------------------------------------------

# A scheme starts a link; "example.com:8080/news" is a host and its port, not a scheme "example.com".
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):(?!\d+(?:[/?#]|$))", re.IGNORECASE)


def link_scheme(text: str) -> str | None:
    """The scheme `text` starts with, lower case ("HTTP://x" → "http", "file:/etc" → "file"), or None.

    None for "example.com/news" and "example.com:8080/news" (a host, with or without a port) and for a
    Windows drive ("C:\\news.txt"). Whoever calls this decides what a non-http(s) scheme means; the guard
    in `fetch_page` refuses it.
    """
    match = _SCHEME.match(text.strip())
    if match is None or len(match.group(1)) == 1:
        return None
    return match.group(1).lower()


# -- the address guard ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Target:
    """A vetted URL and the addresses it may be fetched from."""

    url: httpx.URL
    host: str  # ASCII (IDNA) host name or IP literal, as it goes into Host and SNI
    addresses: tuple[IPAddress, ...]


def check_url(url: str, *, allow_private: bool = False) -> None:
    """Raise `RefusedURL` unless `url` is an http(s) link whose host resolves only to public addresses.

    `allow_private` (tests only) lets loopback addresses through; link-local, private, reserved and the
    rest stay refused. A host that does not resolve raises `UnreachableURL`.
    """
    _vet(url, allow_private=allow_private)


def _vet(url: str | httpx.URL, *, allow_private: bool, redirect: bool = False) -> _Target:
    # Whole sentences for a link and for a redirect: they are translated as they are.
    unreadable = (
        N_("That link redirects to an address I can't read.")
        if redirect
        else N_("That link points to an address I can't read.")
    )
    try:
        parsed = url if isinstance(url, httpx.URL) else httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise RefusedURL(unreadable) from exc
    scheme = parsed.scheme.lower()
    if scheme not in ("http", "https"):
        # As written ("mailto:" is not "mailto://"); httpx would print "file:///x" as "file:/x".
        bare = isinstance(url, str) and not url.strip()[len(scheme) + 1 :].startswith("//")
        if not scheme:
            raise RefusedURL(N_("I only fetch http:// and https:// links, and that one has no scheme."))
        shown = f"{scheme}:" if bare else f"{scheme}://"
        if redirect:
            raise RefusedURL(
                N_("I only fetch http:// and https:// links, and that one redirects to {scheme}."),
                scheme=shown,
            )
        raise RefusedURL(
            N_("I only fetch http:// and https:// links, and that one points to {scheme}."), scheme=shown
        )
    if parsed.userinfo:
        raise RefusedURL(N_("That link carries a user name or password, so I won't fetch it."))
    host = parsed.raw_host.decode("ascii").lower().rstrip(".")
    if not host:
        raise RefusedURL(N_("That link has no host name, so I can't fetch it."))
    if not _readable_host(parsed, host):
        raise RefusedURL(unreadable)
    addresses = _resolve(host, parsed.port or _DEFAULT_PORTS[scheme])
    for address in addresses:
        reason = _refusal(address, allow_loopback=allow_private)
        if reason is not None:
            log.info("refused %s: %s resolves to %s (%s)", _loggable(parsed), host, address, reason)
            if redirect:
                raise RefusedURL(N_("That link redirects to {reason}, so I won't fetch it."), reason=reason)
            raise RefusedURL(N_("That link points to {reason}, so I won't fetch it."), reason=reason)
    return _Target(url=parsed, host=host, addresses=addresses)


# What a resolver can look up; httpx lets through percent-escapes ("exa%20mple.com") and the like.
_HOST_NAME = re.compile(r"[a-z0-9_-]{1,63}(?:\.[a-z0-9_-]{1,63})*")


def _readable_host(url: httpx.URL, host: str) -> bool:
    if ":" in host:  # an IPv6 literal, which httpx has parsed already
        return True
    try:
        _ = url.host  # decodes IDNA labels, and fails on a malformed one such as "xn--"
    except (UnicodeError, ValueError):
        return False
    return len(host) <= 253 and _HOST_NAME.fullmatch(host) is not None


def _loggable(url: httpx.URL) -> str:
    return str(url.copy_with(query=None, fragment=None))


def _resolve(host: str, port: int) -> tuple[IPAddress, ...]:
    """Every address `host` stands for; numeric hosts in any spelling are read without DNS."""
    literal = _ip_literal(host)
    if literal is not None:
        return (literal,)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise UnreachableURL(
            N_("I couldn't find the server {host}; please check the link."), host=host
        ) from exc
    found: list[IPAddress] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        try:
            address = ipaddress.ip_address(str(sockaddr[0]))
        except ValueError:
            continue
        if address not in found:
            found.append(address)
    if not found:
        raise UnreachableURL(N_("I couldn't find the server {host}; please check the link."), host=host)
    return tuple(found)


def _ip_literal(host: str) -> IPAddress | None:
    """`host` as an IP address if it is one in any form a resolver or browser accepts, else None.

    Besides dotted quads this reads what inet_aton and the WHATWG URL parser read: fewer than four
    parts ("127.1"), hex ("0x7f.1") and octal ("0177.0.0.1") parts, and one big number ("2130706433").
    """
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    parts = host.split(".")
    if parts and parts[-1] == "":
        parts = parts[:-1]
    if not parts or len(parts) > 4:
        return None
    numbers: list[int] = []
    for part in parts:
        number = _ipv4_number(part)
        if number is None:
            return None
        numbers.append(number)
    *head, last = numbers
    if any(n > 255 for n in head) or last >= 256 ** (5 - len(numbers)):
        raise RefusedURL(N_("That link points to a malformed numeric address, so I won't fetch it."))
    value = last
    for index, number in enumerate(head):
        value += number << (8 * (3 - index))
    return ipaddress.IPv4Address(value)


def _ipv4_number(part: str) -> int | None:
    low = part.lower()
    try:
        if low.startswith("0x"):
            return int(low[2:] or "0", 16)
        if len(low) > 1 and low.startswith("0"):
            return int(low[1:], 8)
        if low.isdigit():
            return int(low, 10)
    except ValueError:
        return None
    return None


def _embedded(address: IPAddress) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries (mapped, compatible, 6to4, Teredo, NAT64)."""
    if isinstance(address, ipaddress.IPv4Address):
        return []
    found: list[ipaddress.IPv4Address] = []
    if address.ipv4_mapped is not None:
        found.append(address.ipv4_mapped)
    if address.sixtofour is not None:
        found.append(address.sixtofour)
    if address.teredo is not None:
        found.extend(address.teredo)
    low32 = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address in _NAT64 or address in _V4_TRANSLATED:
        found.append(low32)
    if address in _V4_COMPAT and int(address) > 1:  # "::" and "::1" are themselves, not wrappers
        found.append(low32)
    return found


def _refusal(address: IPAddress, *, allow_loopback: bool) -> Phrase | None:
    """Why we won't connect to `address` (a phrase for the user), or None if it is public."""
    inner = _embedded(address)
    if inner:
        # The outer IPv6 address is only a wrapper: what counts is where it leads.
        for v4 in inner:
            reason = _refusal(v4, allow_loopback=allow_loopback)
            if reason is not None:
                return reason
        return None
    if address.is_loopback:
        return None if allow_loopback else Phrase(N_("this machine itself (a loopback address)"))
    if address.is_unspecified:
        return Phrase(N_("an unspecified address"))
    if address.is_link_local:
        return Phrase(N_("a link-local address"))
    if address.is_multicast:
        return Phrase(N_("a multicast address"))
    if isinstance(address, ipaddress.IPv4Address) and address in _SHARED_V4:
        return Phrase(N_("a shared carrier network address"))
    if isinstance(address, ipaddress.IPv6Address) and address.is_site_local:
        return Phrase(N_("a private network address"))
    if address.is_private:
        return Phrase(N_("a private network address"))
    if address.is_reserved or any(address in net for net in _EXTRA_BLOCKED if net.version == address.version):
        return Phrase(N_("a reserved address"))
    if not address.is_global:
        return Phrase(N_("a non-public address"))
    return None


# -- fetching -------------------------------------------------------------------------------------------


_BUDGET_EVERY_S = 0.2  # how often a waiting fetch looks at its budget (a stop, the deadline)


def fetch_page(
    url: str, *, limits: FetchLimits, client: httpx.Client | None = None, budget: Budget = UNLIMITED
) -> Page:
    """Fetch one page under the address guard and the limits; the body decoded to text.

    Raises `RefusedURL`, `UnreachableURL`, `FetchTimeout`, `TooLarge` or `UnsupportedContent`, and what
    `budget.check()` raises (it is looked at every `_BUDGET_EVERY_S` while the fetch runs).
    `client` may be shared; it must not follow redirects by itself (we pass follow_redirects=False).
    """
    job = _FetchJob(url, limits, client)
    worker = threading.Thread(target=job.run, name="crosscheck-fetch", daemon=True)
    worker.start()
    try:
        while not job.done.wait(min(_BUDGET_EVERY_S, max(0.0, job.deadline - time.monotonic()))):
            budget.check()
            if time.monotonic() >= job.deadline:
                log.info("fetch of %s passed its %.1f s deadline", url, limits.timeout_s)
                raise _timed_out(job.host, limits)
    except BaseException:
        # The helper may be stuck in DNS or a read; it notices the flag (or its own timeouts) and ends.
        job.cancelled.set()
        raise
    if job.error is not None:
        raise job.error
    assert job.page is not None
    return job.page


def _timed_out(host: str | None, limits: FetchLimits) -> FetchTimeout:
    seconds = f"{limits.timeout_s:g}"
    if host is None:
        return FetchTimeout(
            N_("The server took longer than {seconds} seconds to answer, so I gave up."), seconds=seconds
        )
    return FetchTimeout(
        N_("{host} took longer than {seconds} seconds to answer, so I gave up."), host=host, seconds=seconds
    )


class _FetchJob:
    """One fetch, run in a helper thread so the caller's deadline holds even while DNS or a read hangs."""

    def __init__(self, url: str, limits: FetchLimits, client: httpx.Client | None) -> None:
        self.url = url
        self.limits = limits
        self.client = client
        self.deadline = time.monotonic() + limits.timeout_s
        self.done = threading.Event()
        self.cancelled = threading.Event()
        self.page: Page | None = None
        self.error: BaseException | None = None
        self.host: str | None = None

    def run(self) -> None:
        try:
            self.page = self._fetch()
        except CrosscheckError as exc:
            self.error = exc
        except Exception as exc:  # anything foreign must still reach the caller as one of ours
            log.exception("unexpected error fetching %s", self.url)
            self.error = UnreachableURL("Something went wrong while fetching that link.")
            self.error.__cause__ = exc
        finally:
            self.done.set()

    def _remaining(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0 or self.cancelled.is_set():
            raise _timed_out(self.host, self.limits)
        return left

    def _fetch(self) -> Page:
        own = self.client is None
        client = self.client or httpx.Client(
            follow_redirects=False,
            trust_env=False,  # a proxy from the environment would resolve names behind the guard's back
            headers={"User-Agent": USER_AGENT},
        )
        try:
            target = _vet(self.url, allow_private=self.limits.allow_private)
            hops = 0
            while True:
                self.host = target.host
                response = self._open(client, target)
                try:
                    if response.status_code in _REDIRECTS:
                        hops += 1
                        if hops > self.limits.max_redirects:
                            raise UnreachableURL(
                                N_("That link redirects more than {count} times, so I stopped following it."),
                                count=self.limits.max_redirects,
                            )
                        target = self._next_hop(target, response)
                        continue
                    return self._read(target, response)
                finally:
                    response.close()
        finally:
            if own:
                client.close()

    def _next_hop(self, target: _Target, response: httpx.Response) -> _Target:
        location = response.headers.get("location", "").strip()
        if not location:
            raise UnreachableURL(
                N_("{host} sent a redirect without saying where to, so I stopped."), host=target.host
            )
        try:
            next_url = target.url.join(location).copy_with(fragment=None)
        except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
            raise RefusedURL(N_("That link redirects to an address I can't read.")) from exc
        log.debug("redirect %s → %s", _loggable(target.url), _loggable(next_url))
        return _vet(next_url, allow_private=self.limits.allow_private, redirect=True)

    def _open(self, client: httpx.Client, target: _Target) -> httpx.Response:
        """Send the GET to each vetted address in turn until one connects."""
        host_header = target.url.netloc.decode("ascii").rpartition("@")[2]
        extensions = {"sni_hostname": target.host} if target.url.scheme == "https" else {}
        last: Exception | None = None
        for address in target.addresses:
            pinned = target.url.copy_with(host=str(address), fragment=None)
            request = client.build_request(
                "GET",
                pinned,
                headers={
                    "Host": host_header,
                    "User-Agent": USER_AGENT,
                    "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
                    "Accept-Encoding": "gzip, deflate",
                    "Connection": "close",
                },
                extensions=extensions,
                timeout=httpx.Timeout(self._remaining()),
            )
            try:
                return client.send(request, stream=True, follow_redirects=False)
            except httpx.TimeoutException as exc:
                raise _timed_out(target.host, self.limits) from exc
            except httpx.ConnectError as exc:
                last = exc
                log.debug("connect to %s (%s) failed: %s", target.host, address, exc)
                continue
            except httpx.RemoteProtocolError as exc:
                # httpx parses Location even with redirects off and fails on one it cannot read.
                if "location header" in str(exc).lower():
                    raise RefusedURL(N_("That link redirects to an address I can't read.")) from exc
                raise UnreachableURL(
                    N_("The connection to {host} failed, so I couldn't read the page."), host=target.host
                ) from exc
            except httpx.HTTPError as exc:
                raise UnreachableURL(
                    N_("The connection to {host} failed, so I couldn't read the page."), host=target.host
                ) from exc
            except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
                # The request was built and vetted before sending, so only httpx's reading of a
                # redirect's Location raises these (an IDNA error for "http://xn--/", say).
                raise RefusedURL(N_("That link redirects to an address I can't read.")) from exc
        raise UnreachableURL(N_("I couldn't connect to {host}."), host=target.host) from last

    def _read(self, target: _Target, response: httpx.Response) -> Page:
        status = response.status_code
        if status >= 400:
            phrase = f" ({response.reason_phrase})" if response.reason_phrase else ""
            raise UnreachableURL(
                N_("{host} answered with HTTP {status}, so I couldn't read the page."),
                host=target.host,
                status=f"{status}{phrase}",
            )
        if not 200 <= status < 300:
            raise UnreachableURL(
                N_("{host} answered with HTTP {status} instead of a page."), host=target.host, status=status
            )
        mime, charset = _content_type(response.headers.get("content-type", ""))
        if mime and mime not in ALLOWED_TYPES:
            raise UnsupportedContent(
                N_("That link leads to {mime} content, not a web page or text, so I can't read it."),
                mime=mime,
            )
        cap = self.limits.max_bytes
        declared = response.headers.get("content-length", "").strip()
        if declared.isdigit() and int(declared) > cap:
            raise TooLarge(N_("That page is larger than {size}, so I won't read it."), size=_size(cap))
        body = self._body(target, response, cap)
        mime = mime or _sniff(body)
        codec, labelled = _encoding(body, charset, html=mime in _HTML_TYPES)
        # Servers label PDFs, images and downloads text/html too, so the body decides, not the header.
        kind = binary_kind(body, encoding=codec if labelled else None)
        if kind is not None:
            log.info("refused %s: declared %s, looks like %s", _loggable(target.url), mime, kind)
            raise UnsupportedContent(
                N_("That link leads to what looks like {kind}, not a web page, so I can't read it."),
                kind=kind,
            )
        text = body.decode(codec, errors="replace")
        log.info("fetched %s: %s, %d bytes", _loggable(target.url), mime, len(body))
        return Page(url=str(target.url), content_type=mime, text=text)

    def _body(self, target: _Target, response: httpx.Response, cap: int) -> bytes:
        decoder = _Decoder(response.headers.get("content-encoding", ""), cap)
        try:
            for chunk in response.iter_raw(_CHUNK):
                self._remaining()
                decoder.feed(chunk)
            self._remaining()
            return decoder.finish()
        except httpx.TimeoutException as exc:
            raise _timed_out(target.host, self.limits) from exc
        except httpx.HTTPError as exc:
            raise UnreachableURL(
                N_("The connection to {host} broke off before the page arrived."), host=target.host
            ) from exc


def _content_type(header: str) -> tuple[str, str | None]:
    """The media type (lower case) and the charset parameter of a Content-Type header."""
    mime, _, rest = header.partition(";")
    charset = None
    for param in rest.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return mime.strip().lower(), charset


def _sniff(body: bytes) -> str:
    """A media type for a text body sent without one."""
    lowered = body[:2048].lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in lowered:
        return "text/html"
    return "text/plain"


# -- binary sniffing ------------------------------------------------------------------------------------

_SNIFF_BYTES = 8192
# Signatures no text begins with, named the way the refusal names them.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word or Excel file)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"\x7fELF", "a program"),
)
# C0 controls that no text in an ASCII-based encoding uses; ESC stays out because ISO-2022 text uses it.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\v\x1b") + b"\x7f"
_CONTROL_CHARS = _CONTROL_BYTES.decode("ascii")
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def binary_kind(data: bytes, *, encoding: str | None = None) -> str | None:
    """What `data` looks like if it is not text ("a PDF", "a PNG image", "binary data"), else None.

    Fetched pages and files given to us both pass here, whatever type they claim. Judged on the first
    8 kB: a known signature, a NUL byte (outside UTF-16/32), or too many control characters. `encoding`
    is the codec the caller will decode with when a BOM, header or meta tag named one; then bytes it
    cannot decode count too. Without a label they do not, since an unlabelled legacy-encoded page would
    look like binary to any one guess.
    """
    head = data[:_SNIFF_BYTES]
    start = head.lstrip(b" \t\r\n\f")
    for magic, kind in _MAGIC:
        if start.startswith(magic):
            return kind
    wide = next((codec for bom, codec in _WIDE_BOMS if head.startswith(bom)), None)
    if wide is not None:
        text = codecs.getincrementaldecoder(wide)(errors="replace").decode(head)
        size = len(text)
        controls = sum(1 for c in text if c in _CONTROL_CHARS)
        undecodable = text.count("\ufffd")
    else:
        if b"\x00" in head:
            return "binary data"
        size = len(head)
        controls = size - len(head.translate(None, _CONTROL_BYTES))
        undecodable = 0
        if encoding is not None:
            # Incremental, so a character cut off at the 8 kB mark is not counted as undecodable.
            undecodable = (
                codecs.getincrementaldecoder(encoding)(errors="replace").decode(head).count("\ufffd")
            )
    # Real pages carry a stray control character or a few mis-encoded quotes; binary is full of both.
    if controls > max(8, size // 100) or undecodable > max(8, size // 10):
        return "binary data"
    return None


_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.+-]+)""", re.IGNORECASE)
# WHATWG: browsers read these labels as windows-1252, and pages rely on it.
_LATIN1_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii"})


def _encoding(body: bytes, declared: str | None, *, html: bool) -> tuple[str, bool]:
    """The codec for `body` and whether anything named it: a BOM, else the declared charset, else a meta
    charset (HTML); else UTF-8, unnamed."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), *_WIDE_BOMS):
        if body.startswith(bom):
            return codec, True
    candidates = [declared]
    if html:
        match = _META_CHARSET.search(body[:4096])
        if match:
            candidates.append(match.group(1).decode("ascii", errors="ignore"))
    for label in candidates:
        name = _codec(label)
        if name is not None:
            return name, True
    return "utf-8", False


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    low = label.strip().lower()
    if low in _LATIN1_LABELS:
        return "cp1252"
    try:
        name = codecs.lookup(low).name
        # "base64", "rot13", "idna" and the like are codecs too, but no page can be decoded with them.
        b"a".decode(name, errors="replace")
    except (LookupError, UnicodeError):
        return None
    # A byte-oriented page cannot really be UTF-16 if it was readable enough to find the label in.
    return "utf-8" if name.startswith("utf-16") else name


def _size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:g} MB"
    if n >= 1_000:
        return f"{n / 1_000:g} kB"
    return f"{n} bytes"


class _Decoder:
    """Undo Content-Encoding while counting decoded bytes, so a compressed bomb stops at the cap."""

    def __init__(self, header: str, cap: int) -> None:
        self.cap = cap
        self.parts: list[bytes] = []
        self.size = 0
        codings = [c.strip().lower() for c in header.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1:
            raise UnsupportedContent(N_("That page is compressed in a way I can't read."))
        self.coding = codings[0] if codings else None
        self.zlib: zlib._Decompress | None = None
        self.first = True
        if self.coding in ("gzip", "x-gzip"):
            self.zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif self.coding == "deflate":
            self.zlib = zlib.decompressobj()
        elif self.coding is not None:
            raise UnsupportedContent(
                N_("That page is compressed with {coding}, which I can't read."), coding=self.coding
            )

    def feed(self, data: bytes) -> None:
        if self.zlib is None:
            self._add(data)
            return
        if self.coding == "deflate" and self.first and data:
            self.first = False
            # Some servers send raw deflate without the zlib wrapper the standard asks for.
            if (data[0] & 0x0F) != 8:
                self.zlib = zlib.decompressobj(-zlib.MAX_WBITS)
        try:
            while data:
                room = self.cap - self.size + 1
                out = self.zlib.decompress(data, room)
                self._add(out)
                data = self.zlib.unconsumed_tail
        except zlib.error as exc:
            raise UnreachableURL(N_("That page arrived damaged, so I couldn't read it.")) from exc

    def finish(self) -> bytes:
        if self.zlib is not None:
            try:
                self._add(self.zlib.flush())
            except zlib.error as exc:
                raise UnreachableURL(N_("That page arrived damaged, so I couldn't read it.")) from exc
        return b"".join(self.parts)

    def _add(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.cap:
            raise TooLarge(N_("That page is larger than {size}, so I won't read it."), size=_size(self.cap))
        if data:
            self.parts.append(data)
