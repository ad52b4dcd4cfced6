"""Outbound-request guard (SSRF): only http(s), and only to addresses the settings allow.

The host is resolved here and the request is sent to the checked IP address (with the original
Host header and TLS server name), so a DNS answer cannot change between check and connect
(DNS rebinding). Every redirect hop goes through the same check.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = ["BlockedRequest", "AddressPolicy", "pin_url"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class BlockedRequest(Exception):
    """Refused before connecting; `reason` is a quarantine reason."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


@dataclass(frozen=True)
class AddressPolicy:
    """Public addresses only, unless allow_private or an explicit network says otherwise."""

    allow_private: bool = False  # loopback, RFC 1918, link-local, ULA: all of them (tests, intranets)
    allowed_networks: tuple[str, ...] = ()  # narrower: e.g. ("127.0.0.0/8",)

    def allows(self, ip: IPAddress) -> bool:
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is loopback too
        if any(ip in ipaddress.ip_network(net, strict=False) for net in self.allowed_networks):
            return True
        if ip.is_multicast or ip.is_unspecified:
            return False  # never a web server, even with allow_private
        if ip.is_global:
            return True
        return self.allow_private and (ip.is_private or ip.is_loopback or ip.is_link_local)


def _resolve(host: str, port: int) -> list[IPAddress]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise BlockedRequest("dns_error", f"cannot resolve {host}: {exc}") from exc
    # Strip an IPv6 zone ("fe80::1%eth0"); order kept, duplicates dropped.
    found = dict.fromkeys(ipaddress.ip_address(info[4][0].split("%")[0]) for info in answers)
    return list(found)


def pin_url(url: str, policy: AddressPolicy) -> tuple[str, str, str]:
    """Return (url with the checked IP as host, Host header value, TLS server name).

    Every address in the DNS answer must be allowed: otherwise an attacker's name could list one
    public and one private address and win on the connection attempt order.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise BlockedRequest("blocked_scheme", f"only http and https are fetched, not {parts.scheme or 'none'}")
    host = parts.hostname
    if not host:
        raise BlockedRequest("bad_url", f"no host in {url}")
    if parts.username or parts.password:
        raise BlockedRequest("bad_url", "credentials in URLs are refused")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise BlockedRequest("bad_url", str(exc)) from exc
    addresses = _resolve(host, port)
    refused = [str(ip) for ip in addresses if not policy.allows(ip)]
    if refused or not addresses:
        raise BlockedRequest("blocked_address", f"{host} resolves to non-public address {', '.join(refused)}")
    ip = addresses[0]
    ip_host = f"[{ip}]" if ip.version == 6 else str(ip)
    default_port = (parts.scheme == "https" and port == 443) or (parts.scheme == "http" and port == 80)
    host_header = host if default_port else f"{host}:{port}"
    if ":" in host and not default_port:
        host_header = f"[{host}]:{port}"
    elif ":" in host:
        host_header = f"[{host}]"
    pinned = parts._replace(netloc=f"{ip_host}:{port}").geturl()
    return pinned, host_header, host
