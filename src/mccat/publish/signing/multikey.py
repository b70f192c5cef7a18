"""Ed25519 keys as Multikey strings (multibase base58btc + multicodec header).

Public keys look like ``z6Mk...`` (multicodec ed25519-pub, 0xed), secret keys
like ``z3u2...`` (ed25519-priv, 0x1300), as in the W3C test vectors.
Base58btc is small enough to write here rather than add a dependency.
"""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {c: i for i, c in enumerate(_ALPHABET)}

# multicodec codes as unsigned varints
ED25519_PUB = b"\xed\x01"  # 0xed
ED25519_PRIV = b"\x80\x26"  # 0x1300


def b58encode(data: bytes) -> str:
    """Bitcoin base58; each leading zero byte becomes a leading '1'."""
    zeros = len(data) - len(data.lstrip(b"\0"))
    n = int.from_bytes(data, "big")
    out = []
    while n:
        n, r = divmod(n, 58)
        out.append(_ALPHABET[r])
    return "1" * zeros + "".join(reversed(out))


def b58decode(text: str) -> bytes:
    """Inverse of b58encode; ValueError names the first bad character."""
    n = 0
    for pos, ch in enumerate(text):
        if ch not in _INDEX:
            raise ValueError(f"invalid base58btc character {ch!r} at position {pos}")
        n = n * 58 + _INDEX[ch]
    zeros = len(text) - len(text.lstrip("1"))
    return b"\0" * zeros + (n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b"")


def multibase_decode(value: str) -> bytes:
    """Decode a base58btc multibase string ('z' prefix, the only one used here)."""
    if not isinstance(value, str) or not value:
        raise ValueError("multibase value must be a non-empty string")
    if value[0] != "z":
        raise ValueError(f"expected base58btc multibase (prefix 'z'), got prefix {value[0]!r}")
    return b58decode(value[1:])


def _decode(value: str, header: bytes, what: str) -> bytes:
    raw = multibase_decode(value)
    if raw[:2] != header:
        raise ValueError(f"not an {what} Multikey: multicodec header is 0x{raw[:2].hex()}, expected 0x{header.hex()}")
    if len(raw) != 34:
        raise ValueError(f"{what} Multikey must hold 32 key bytes, got {len(raw) - 2}")
    return raw[2:]


def encode_public_key(key: Ed25519PublicKey) -> str:
    """Ed25519 public key -> ``z6Mk...``."""
    raw = key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return "z" + b58encode(ED25519_PUB + raw)


def decode_public_key(value: str) -> Ed25519PublicKey:
    """``z6Mk...`` -> Ed25519 public key (ValueError if it is anything else)."""
    return Ed25519PublicKey.from_public_bytes(_decode(value, ED25519_PUB, "Ed25519 public"))


def encode_private_key(key: Ed25519PrivateKey) -> str:
    """Ed25519 private key -> ``z3u2...`` (secretKeyMultibase). Keep it secret."""
    raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return "z" + b58encode(ED25519_PRIV + raw)


def decode_private_key(value: str) -> Ed25519PrivateKey:
    """``z3u2...`` -> Ed25519 private key."""
    return Ed25519PrivateKey.from_private_bytes(_decode(value, ED25519_PRIV, "Ed25519 secret"))


def did_key(key: Ed25519PublicKey) -> str:
    """The did:key verification method id (``did:key:z6Mk...#z6Mk...``)."""
    mk = encode_public_key(key)
    return f"did:key:{mk}#{mk}"


def resolve_did_key(verification_method: str) -> Ed25519PublicKey:
    """Key for a did:key verification method; the key is the identifier itself."""
    did, _, fragment = verification_method.partition("#")
    if not did.startswith("did:key:"):
        raise LookupError(f"not a did:key verification method: {verification_method!r}")
    mk = did[len("did:key:") :]
    if fragment and fragment != mk:
        raise LookupError(f"did:key fragment must repeat the key: {verification_method!r}")
    return decode_public_key(mk)
