"""resources.digest: the key of the shipped parse tables, without importing hashlib."""

from __future__ import annotations

import hashlib
import importlib.util
import subprocess
import sys

import pytest

from lawlint.resources import digest


@pytest.mark.parametrize("data", [b"", b"abc", "一、总体情况\n".encode() * 5000, bytes(range(256))])
def test_digest_is_sha256(data):
    assert digest(data) == hashlib.sha256(data).hexdigest()


@pytest.mark.skipif(
    not any(importlib.util.find_spec(name) for name in ("_sha256", "_sha2")),
    reason="this Python has no built-in SHA-256 module; hashlib it is",
)
def test_digest_does_not_import_hashlib():
    code = "import sys, lawlint.resources as r; r.digest(b'x'); print('hashlib' in sys.modules)"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "False"
