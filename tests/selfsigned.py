"""A self-signed certificate for 127.0.0.1, for the tests' local https
servers (imports and avatars): trusted only where a test points
SSL_CERT_FILE at it, so nothing reaches the network."""

from __future__ import annotations

import ssl
import subprocess
from pathlib import Path


def certificate(folder: Path) -> Path:
    """folder/cert.pem and folder/key.pem, made with openssl; the folder."""
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem"),
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return folder


def server_context(folder: Path) -> ssl.SSLContext:
    """The context an https server presents that certificate with."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    return context
