"""resources: the shipped parse tables, read and keyed (without importing hashlib)."""

from __future__ import annotations

import hashlib
import importlib.util
import subprocess
import sys

import pytest

from lawlint import resources
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


def test_sha256_is_one_digest_before_and_after_it_switches_to_openssl(monkeypatch):
    """The first bytes a process hashes go through CPython's SHA-256, the rest through hashlib's."""
    from lawlint import resources

    data = "（一）严格执法。".encode() * 300
    monkeypatch.setattr(resources, "_small_left", 2 * len(data) + 1)
    small = [resources.sha256(data), resources.sha256(data)]  # these two use it up
    large = resources.sha256(data)
    assert type(large) is type(hashlib.sha256())
    for hashed in (*small, large):
        hashed.update(b"\0unit='line'")
        assert hashed.hexdigest() == hashlib.sha256(data + b"\0unit='line'").hexdigest()
    if importlib.util.find_spec("_sha256") or importlib.util.find_spec("_sha2"):
        assert {type(hashed) for hashed in small}.isdisjoint({type(large)})


def test_data_larger_than_what_is_left_goes_to_openssl(monkeypatch):
    """Hashing 10 MB with CPython's SHA-256 costs ~35 ms against OpenSSL's ~6 ms and import."""
    from lawlint import resources

    monkeypatch.setattr(resources, "_small_left", 1000)
    assert type(resources.sha256(bytes(1001))) is type(hashlib.sha256())
    assert resources._small_left == 1000


def test_hashing_one_report_does_not_import_hashlib(tmp_path):
    """Keying one report stays within what CPython's own SHA-256 hashes."""
    if not any(importlib.util.find_spec(name) for name in ("_sha256", "_sha2")):
        pytest.skip("this Python has no built-in SHA-256 module; hashlib it is")
    code = (
        "import sys; from lawlint.cache import content_key; from lawlint.source import Source;"
        "content_key(Source('r.txt', '一、总体情况\\n' * 3000)); print('hashlib' in sys.modules)"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("content", "table"),
    [
        (None, {}),  # missing
        (b'{"k": [1, 2]}', {"k": [1, 2]}),
        (b'{"k": ', {}),  # cut short
        (b"[" * 100_000 + b"]" * 100_000, {}),  # nested too deep for the parser
        (b"[1, 2]", {}),  # not a table
        (b"\xff\xfe", {}),  # not text
    ],
)
def test_a_shipped_table_that_cannot_be_used_is_empty(monkeypatch, tmp_path, content, table):
    monkeypatch.setattr(resources, "data_dir", lambda name: tmp_path / name)
    (tmp_path / "rules").mkdir()
    if content is not None:
        (tmp_path / "rules" / "table.json").write_bytes(content)
    assert resources.shipped_table("table.json") == table
