"""Encryption at rest of personal numbers (等保 数据保密性): ID numbers, bank accounts, phone numbers.

Each value is stored as AES-256-GCM ciphertext (authenticated: a changed byte fails to decrypt) under a random
nonce, with the model field's name as associated data so that a value cannot be moved into another column. Beside
it a keyed blind index — HMAC-SHA256 of the normalised value — serves exact lookups, duplicate checks and unique
constraints, and the last four characters are kept in clear for search ("尾号 1234").

One master key (FIELD_ENCRYPTION_KEY, or the file FIELD_ENCRYPTION_KEY_FILE names; 32 random bytes, URL-safe
base64) gives both keys through HKDF. `shuangyong rotate-key --new-key-file F` re-encrypts and re-indexes every
value under a new master key, in one transaction, with the services stopped.
"""

import base64
import hashlib
import hmac
import os
import secrets
from functools import lru_cache
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

PREFIX = "e1:"  # format version: a value without it was written before encryption (migrations encrypt those)


class FieldKeyError(Exception):
    pass


class DecryptionError(Exception):
    pass


def new_master_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def parse_master_key(text: str) -> bytes:
    try:
        raw = base64.urlsafe_b64decode(text.strip().encode())
    except (ValueError, TypeError):
        raw = b""
    if len(raw) != 32:
        raise FieldKeyError("FIELD_ENCRYPTION_KEY 须为 32 字节随机数的 URL 安全 Base64 编码（见 README）")
    return raw


def read_master_key(value: str | None, file: str | None) -> bytes | None:
    if value:
        return parse_master_key(value)
    if file:
        try:
            return parse_master_key(Path(file).read_text(encoding="ascii"))
        except OSError as exc:
            raise FieldKeyError(f"无法读取 FIELD_ENCRYPTION_KEY_FILE {file}：{exc.strerror}") from None
    return None


class Keys:
    """The two keys derived from one master key."""

    def __init__(self, master: bytes):
        self.cipher = AESGCM(self._derive(master, b"shuangyong field encryption v1"))
        self.index_key = self._derive(master, b"shuangyong blind index v1")
        self._hmac = hmac.new(self.index_key, digestmod=hashlib.sha256)  # copied per value: no key set-up each time

    @staticmethod
    def _derive(master: bytes, info: bytes) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)

    def encrypt(self, value: str, context: str) -> str:
        nonce = os.urandom(12)
        sealed = self.cipher.encrypt(nonce, value.encode(), context.encode())
        return PREFIX + base64.b64encode(nonce + sealed).decode()

    def decrypt(self, stored: str, context: str) -> str:
        if not stored.startswith(PREFIX):
            return stored  # written before encryption; the migration that introduced the field encrypts it
        raw = base64.b64decode(stored[len(PREFIX) :])
        try:
            return self.cipher.decrypt(raw[:12], raw[12:], context.encode()).decode()
        except InvalidTag:
            raise DecryptionError(f"{context} 的密文无法解密（密钥不符或数据被改动）") from None

    def blind(self, value: str) -> str:
        mac = self._hmac.copy()
        mac.update(value.encode())
        return mac.hexdigest()[:32]

    def fingerprint(self) -> str:
        """Names the key without revealing it: a backup records it, a restore refuses a different key."""
        return hmac.new(self.index_key, b"shuangyong key fingerprint v1", hashlib.sha256).hexdigest()[:16]

    def encrypt_many(self, values: list, kind: str) -> list:
        """encrypt() of a column (empty values stay empty), with one call for all the nonces: the importer's way."""
        context, seal, encode = kind.encode(), self.cipher.encrypt, base64.b64encode
        randomness = os.urandom(12 * len(values))
        sealed = []
        for n, value in enumerate(values):
            if value:
                nonce = randomness[12 * n : 12 * n + 12]
                sealed.append(PREFIX + encode(nonce + seal(nonce, value.encode(), context)).decode())
            else:
                sealed.append(value)
        return sealed


@lru_cache(maxsize=1)
def _keys_for(master: bytes) -> Keys:
    return Keys(master)


def keys() -> Keys:
    from django.conf import settings

    master = settings.FIELD_ENCRYPTION_MASTER_KEY
    if master is None:
        raise FieldKeyError("未配置 FIELD_ENCRYPTION_KEY 或 FIELD_ENCRYPTION_KEY_FILE")
    return _keys_for(master)
