"""monobank signs each callback: X-Sign is base64 of an ECDSA (P-256, SHA-256, DER) signature
over the raw body, made with the key whose public half GET /api/merchant/pubkey publishes.

The public key is kept in the cache for a day. A signature that the kept key refuses is checked
once more against a freshly fetched key (monobank may rotate it), at most once a minute, so a
flood of forgeries never becomes a flood of calls to monobank.
"""

import base64
import binascii

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import load_pem_public_key
from django.core.cache import cache

from shop.payments.monobank.api import pubkey

KEY_CACHE = "monobank:pubkey"
KEY_TTL = 24 * 60 * 60
REFETCH_GUARD = "monobank:pubkey-refetched"
REFETCH_EVERY = 60


class SignatureRefused(Exception):
    """Not signed by monobank's key; `reason` says why in a few words (no header value)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def signature_valid(payload: bytes, signature: bytes, key_b64: str) -> bool:
    """Whether `signature` (DER) signs `payload` with the P-256 key in `key_b64` (base64 PEM)."""
    try:
        key = load_pem_public_key(base64.b64decode(key_b64))
    except (ValueError, binascii.Error, UnsupportedAlgorithm):
        return False
    if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != "secp256r1":
        return False
    try:
        key.verify(signature, payload, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        return False
    return True


def callback_verify(payload: bytes, x_sign: str | None) -> None:
    """Return if `x_sign` proves monobank signed `payload`; SignatureRefused otherwise.
    PaymentError when the public key cannot be fetched (the callback is retried)."""
    if not x_sign:
        raise SignatureRefused("no X-Sign header")
    try:
        signature = base64.b64decode(x_sign, validate=True)
    except (binascii.Error, ValueError):
        raise SignatureRefused("X-Sign is not base64") from None
    key = cache.get(KEY_CACHE)
    if key is None:
        key = pubkey()
        cache.set(KEY_CACHE, key, KEY_TTL)
    if signature_valid(payload, signature, key):
        return
    if cache.add(REFETCH_GUARD, 1, REFETCH_EVERY):
        fresh = pubkey()
        cache.set(KEY_CACHE, fresh, KEY_TTL)
        if fresh != key and signature_valid(payload, signature, fresh):
            return
    raise SignatureRefused("signature does not match monobank's key")
