"""HTTPS through the address guard: the client connects to the checked IP, yet TLS still verifies the
host name (SNI + certificate check), against a real TLS server on 127.0.0.1."""

from __future__ import annotations

import datetime
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.transforms.conftest import TITAN_HTML
from transforms.io.http import FetchOptions, HttpClient
from transforms.io.netguard import AddressPolicy


def _certificate(tmp_path, name: str):
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = tmp_path / f"{name}.pem", tmp_path / f"{name}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class _Page(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        body = TITAN_HTML if self.path.startswith("/article") else b"User-agent: *\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8" if self.path.startswith("/article") else "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def tls_server(tmp_path):
    def start(cert_name: str):
        cert, key = _certificate(tmp_path, cert_name)
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server.server_address[1], cert

    servers = []
    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _client(cert, robots: bool = True) -> HttpClient:
    return HttpClient(FetchOptions(ca_bundle=str(cert), retries=0, respect_robots=robots,
                                   policy=AddressPolicy(allow_private=True)))


def test_https_fetch_verifies_the_host_name_while_pinned_to_the_ip(tls_server):
    port, cert = tls_server("localhost")
    with _client(cert) as client:
        result = client.fetch(f"https://localhost:{port}/article/titan")
    assert result.error is None and result.status == 200 and result.content == TITAN_HTML


def test_https_certificate_for_another_name_is_refused(tls_server):
    port, cert = tls_server("news.example")
    with _client(cert, robots=False) as client:
        result = client.fetch(f"https://localhost:{port}/article/titan")
    assert result.content is None and result.error == "connection_error"
    assert "CERTIFICATE_VERIFY_FAILED" in result.detail or "certificate" in result.detail.lower()
