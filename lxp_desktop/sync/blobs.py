"""Attachments' bytes on disk, by SHA-256: ``blobs_dir()/<sha[:2]>/<sha>``.

A small interface, so the sync reads and writes files the same way as the attachment store.
Every read and write is verified against the hash.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from lxp_desktop import paths


class BlobError(Exception):
    """A file missing or not matching its hash; the message is for the clerk."""


class BlobFiles:
    def __init__(self, root: Path | None = None) -> None:
        self._root = root

    @property
    def root(self) -> Path:
        return self._root if self._root is not None else paths.blobs_dir()

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def read(self, sha256: str) -> bytes:
        path = self.path(sha256)
        try:
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise BlobError(f"附件檔案遺失：{path}。請從備份還原附件資料夾。") from exc
        if hashlib.sha256(data).hexdigest() != sha256:
            raise BlobError(f"附件檔案已損壞（雜湊值不符）：{path}。請從備份還原。")
        return data

    def write(self, sha256: str, data: bytes) -> Path:
        if hashlib.sha256(data).hexdigest() != sha256:
            raise BlobError(f"收到的附件內容與雜湊值 {sha256[:12]}… 不符，未寫入。")
        path = self.path(sha256)
        if path.is_file():
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".part")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        return path
