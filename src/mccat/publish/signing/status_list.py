"""W3C Bitstring Status List v1.0 (revocation), one bit per credential.

Index 0 is the left-most (most significant) bit of the first byte.  The list
has at least 131,072 entries (16 KB) so one credential's index reveals little
("herd privacy").  ``encodedList`` = "u" + base64url(no padding) of GZIP of
the bitstring; gzip runs with mtime=0 so the same bits give the same string
(for one zlib build -- another zlib may compress differently, still valid).
"""

from __future__ import annotations

import base64
import gzip
import zlib
from collections.abc import Iterable
from typing import Any

MIN_ENTRIES = 131_072  # 16 KB, the spec's minimum
MAX_DECODED_BYTES = 16 << 20  # refuse gzip bombs when reading other lists
PURPOSES = ("revocation", "suspension")
CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"


def new_bitstring(entries: int = MIN_ENTRIES) -> bytearray:
    """All-zero bitstring; ``entries`` must be a multiple of 8 and >= 131,072."""
    if entries < MIN_ENTRIES or entries % 8:
        raise ValueError(f"a status list needs a multiple of 8 entries, at least {MIN_ENTRIES}")
    return bytearray(entries // 8)


def _locate(bits: bytes | bytearray, index: int) -> tuple[int, int]:
    if not isinstance(index, int) or not 0 <= index < len(bits) * 8:
        raise ValueError(f"status index {index!r} outside 0..{len(bits) * 8 - 1}")
    return index // 8, 0x80 >> (index % 8)


def set_bit(bits: bytearray, index: int, value: bool = True) -> None:
    """Set (revoke) or clear the bit at ``index``."""
    byte, mask = _locate(bits, index)
    bits[byte] = bits[byte] | mask if value else bits[byte] & ~mask


def get_bit(bits: bytes | bytearray, index: int) -> bool:
    byte, mask = _locate(bits, index)
    return bool(bits[byte] & mask)


def encode_list(bits: bytes | bytearray) -> str:
    """Bitstring -> ``encodedList`` (deterministic)."""
    packed = gzip.compress(bytes(bits), compresslevel=9, mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).rstrip(b"=").decode("ascii")


def decode_list(encoded_list: str) -> bytes:
    """``encodedList`` -> bitstring; ValueError on a malformed or oversized list."""
    if not isinstance(encoded_list, str) or not encoded_list.startswith("u"):
        raise ValueError("encodedList must be a multibase base64url string (prefix 'u')")
    body = encoded_list[1:]
    try:
        packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # gzip framing
        bits = inflater.decompress(packed, MAX_DECODED_BYTES)
    except (ValueError, zlib.error) as exc:
        raise ValueError(f"encodedList is not base64url-encoded GZIP: {exc}") from exc
    if inflater.unconsumed_tail:
        raise ValueError(f"encodedList expands beyond {MAX_DECODED_BYTES} bytes")
    if not inflater.eof:
        raise ValueError("encodedList holds a truncated GZIP stream")
    return bits


def read_status(encoded_list: str, index: int) -> bool:
    """True if the bit at ``index`` is set (e.g. the credential is revoked)."""
    return get_bit(decode_list(encoded_list), index)


def _check_purpose(purpose: str) -> None:
    if purpose not in PURPOSES:
        raise ValueError(f"statusPurpose must be one of {PURPOSES}, got {purpose!r}")


def status_list_credential(
    list_id: str,
    issuer: str,
    valid_from: str,
    set_indexes: Iterable[int] = (),
    *,
    entries: int = MIN_ENTRIES,
    purpose: str = "revocation",
    valid_until: str | None = None,
) -> dict[str, Any]:
    """Unsigned ``BitstringStatusListCredential`` with the given bits set.

    ``list_id`` is the URL where the (signed) credential will be published;
    entries point at it through ``statusListCredential``.
    """
    _check_purpose(purpose)
    bits = new_bitstring(entries)
    for index in set_indexes:
        set_bit(bits, index)
    credential: dict[str, Any] = {
        "@context": [CREDENTIALS_V2],
        "id": list_id,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": valid_from,
    }
    if valid_until is not None:
        credential["validUntil"] = valid_until
    credential["credentialSubject"] = {
        "id": f"{list_id}#list",
        "type": "BitstringStatusList",
        "statusPurpose": purpose,
        "encodedList": encode_list(bits),
    }
    return credential


def status_list_entry(list_credential_url: str, index: int, purpose: str = "revocation") -> dict[str, Any]:
    """``credentialStatus`` value pointing at bit ``index`` of a status list.

    It always has an ``id`` (optional in VC 2.0, required by the 1EdTech
    schema); ``statusListIndex`` is a decimal string, as the spec says.
    """
    _check_purpose(purpose)
    if not isinstance(index, int) or index < 0:
        raise ValueError(f"status list index must be a non-negative int, got {index!r}")
    return {
        "id": f"{list_credential_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": str(index),
        "statusListCredential": list_credential_url,
    }
