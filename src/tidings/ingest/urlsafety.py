"""Which addresses tidings may fetch from: the URL policy against server-side request forgery.

A URL given to tidings (or a redirect it meets) could point at the machine itself, the
local network or a cloud metadata service (``http://169.254.169.254/``). By default every
host name is resolved once, *every* address it resolves to must be public, and the
connection is then made to that vetted address (see :mod:`tidings.ingest.fetch`), so a DNS
answer cannot change between the check and the connect. The check runs on resolved
addresses, so every spelling of an address is caught: ``127.1``, ``2130706433``,
``0x7f000001``, ``0.0.0.0``, ``[::1]``, ``[::ffff:127.0.0.1]``, ``localhost``.

``allow_private_urls`` (``--allow-private-urls``, ``TIDINGS_ALLOW_PRIVATE_URLS=1``) lifts the
address check, e.g. to read an intranet news server.
"""

from __future__ import annotations

import ipaddress
import re
import socket

from tidings.errors import RejectedInput

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: How to opt in, named in every refusal.
OPT_IN = "--allow-private-urls (or allow_private_urls = true, TIDINGS_ALLOW_PRIVATE_URLS=1)"

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_SIXTOFOUR = ipaddress.ip_network("2002::/16")


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, NAT64, 6to4), if any."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address in _SIXTOFOUR:
        return address.sixtofour
    return None


def address_problem(address: IPAddress) -> str | None:
    """Say why ``address`` must not be fetched by default, or ``None`` when it is public.

    Example:
        >>> address_problem(ipaddress.ip_address("127.0.0.1"))
        'a loopback address'
        >>> address_problem(ipaddress.ip_address("::ffff:10.0.0.1"))
        'a private address'
        >>> address_problem(ipaddress.ip_address("93.184.215.14")) is None
        True
    """
    if isinstance(address, ipaddress.IPv6Address):
        inner = _embedded_ipv4(address)
        if inner is not None:
            return address_problem(inner)
    checks = (
        (address.is_loopback, "a loopback address"),
        (address.is_unspecified, "the unspecified address"),
        (address.is_link_local, "a link-local address (cloud metadata lives there)"),
        (address.is_multicast, "a multicast address"),
        (address.is_private, "a private address"),
        (address.is_reserved, "a reserved address"),
        (not address.is_global, "not a public address"),
    )
    for failed, what in checks:
        if failed:
            return what
    return None


def ascii_host(host: str) -> str:
    """The host name in ASCII (IDNA) form, checked for length and characters.

    IP literals are returned as they are (brackets removed).

    Raises:
        RejectedInput: ``bad-url`` for an empty host, a label over 63 characters, a name
            over 253 characters, characters a host name cannot hold, or bad IDNA.

    Example:
        >>> ascii_host("Bücher.example")
        'xn--bcher-kva.example'
        >>> try:
        ...     ascii_host("a" * 70 + ".example")
        ... except RejectedInput as exc:
        ...     print(exc.reason, exc.detail.split(" (", 1)[1])
        bad-url a label longer than 63 characters); check the URL
    """
    name = host.strip().strip("[]").rstrip(".").lower()
    try:
        ipaddress.ip_address(name)
    except ValueError:
        pass
    else:
        return name
    shown = name if len(name) <= 40 else name[:40] + "…"

    def bad(why: str) -> RejectedInput:
        return RejectedInput(
            "bad-url", f"the host name {shown!r} is not valid ({why}); check the URL"
        )

    if not name:
        raise bad("it is empty")
    try:
        encoded = name.encode("idna").decode("ascii")
    except UnicodeError as exc:
        too_long = any(len(label) > 63 for label in name.split("."))
        raise bad("a label longer than 63 characters" if too_long else f"bad IDNA: {exc}") from exc
    if len(encoded) > 253:
        raise bad("longer than 253 characters")
    for label in encoded.split("."):
        if not _LABEL.match(label):
            raise bad(
                "a label longer than 63 characters"
                if len(label) > 63
                else f"the label {label!r} holds characters a host name cannot"
            )
    return encoded


def resolve(host: str, port: int) -> list[str]:
    """All addresses ``host`` resolves to for a TCP connection (tests replace this).

    Raises:
        RejectedInput: ``unreachable`` when the name does not resolve.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise RejectedInput(
            "unreachable", f"the host {host!r} cannot be resolved ({exc}); check the address"
        ) from exc
    seen: list[str] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = str(sockaddr[0]).split("%", 1)[0]  # drop an IPv6 zone index
        if address not in seen:
            seen.append(address)
    return seen


def vet_addresses(host: str, addresses: list[str], *, allow_private: bool) -> list[str]:
    """Check every resolved address of ``host``; return them when all may be fetched.

    One non-public address refuses the whole name: a name that resolves to both a public
    and an internal address is the usual shape of a rebinding attack.

    Raises:
        RejectedInput: ``private-address`` naming the address and how to opt in, or
            ``unreachable`` when there is no address.

    Example:
        >>> try:
        ...     vet_addresses("db.internal", ["10.1.2.3"], allow_private=False)
        ... except RejectedInput as exc:
        ...     print(exc.reason, exc.detail.split(";")[0])
        private-address db.internal resolves to 10.1.2.3, a private address
    """
    if not addresses:
        raise RejectedInput("unreachable", f"the host {host!r} has no address; check the URL")
    if allow_private:
        return addresses
    for text in addresses:
        try:
            address = ipaddress.ip_address(text)
        except ValueError:
            problem: str | None = "not an IP address"
        else:
            problem = address_problem(address)
        if problem:
            shown = f"{text} is" if host == text else f"{host} resolves to {text},"
            raise RejectedInput(
                "private-address",
                f"{shown} {problem}; tidings does not fetch internal addresses unless told "
                f"to: pass {OPT_IN}",
            )
    return addresses
