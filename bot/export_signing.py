"""Public-key signatures on audit exports: an auditor outside the practice checks a file with the
practice's published public key and OpenSSL alone, without the audit key.

The Ed25519 private key is derived from a random seed in `secrets/audit-export.key` (0600, made on
first use, never in the database or an export); `modbot audit public-key` prints the public half as
PEM for the practice to hand to its auditors. An export file `F` gets a detached signature `F.sig`
over its exact bytes, which anyone checks with

    openssl pkeyutl -verify -pubin -inkey modbot-audit.pub -rawin -in F -sigfile F.sig
"""

from __future__ import annotations

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from bot.secrets import SecretStore

KEY_NAME = "audit-export"  # secrets/audit-export.key: the 32-byte Ed25519 seed


def _private_key(secrets: SecretStore) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(secrets.key(KEY_NAME))


def public_key_pem(secrets: SecretStore) -> str:
    return (
        _private_key(secrets)
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def sign(secrets: SecretStore, content: bytes) -> bytes:
    """The detached Ed25519 signature of `content` (64 bytes)."""
    return _private_key(secrets).sign(content)


def verify(public_pem: str, content: bytes, signature: bytes) -> bool:
    """What an auditor's OpenSSL check does, for tests and for `modbot audit check-export`."""
    key = serialization.load_pem_public_key(public_pem.encode())
    if not isinstance(key, Ed25519PublicKey):
        return False
    try:
        key.verify(signature, content)
    except InvalidSignature:
        return False
    return True
