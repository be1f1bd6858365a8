"""The content-addressed attachment store: each file's bytes once, under their SHA-256.

Files live in ``<data>/attachments/ab/abcdef…`` (sharded by the first two hex digits of the
hash). A file is written to a temporary name in the same folder, flushed and renamed into
place, so a crash never leaves a half-written blob under a real hash. Every read (open,
export, thumbnail) hashes the bytes again: a file changed or missing on disk is reported
with :class:`BlobError` and never served.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

CHUNK = 1024 * 1024
_HEX64 = re.compile(r"[0-9a-f]{64}")


class BlobError(Exception):
    """A blob that cannot be served; the message is for the clerk (Traditional Chinese)."""

    def __init__(self, sha256: str, problem: str, message: str) -> None:
        self.sha256 = sha256
        self.problem = problem  # 'missing' or 'altered'
        super().__init__(message)


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int
    head: bytes
    #: False when the same bytes were already stored (nothing was written)
    new: bool


def _private_dir(path: Path) -> None:
    """A folder only its owner can enter (0700 on POSIX)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        try:
            if path.stat().st_mode & 0o077:
                path.chmod(0o700)
        except OSError:  # pragma: no cover - a file system without modes
            pass


def _check_hash(sha256: str) -> str:
    if not _HEX64.fullmatch(sha256):
        raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
    return sha256


class BlobStore:
    """Files stored by hash under ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path_for(self, sha256: str) -> Path:
        sha256 = _check_hash(sha256)
        return self.root / sha256[:2] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    # --- writing -------------------------------------------------------------------------
    def put_stream(self, stream: BinaryIO, head_size: int = 64) -> StoredBlob:
        """Copy ``stream`` into the store while hashing it; the same bytes are kept once."""
        _private_dir(self.root)
        digest = hashlib.sha256()
        size = 0
        head = b""
        fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", dir=self.root)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := stream.read(CHUNK):
                    if len(head) < head_size:
                        head += chunk[: head_size - len(head)]
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha256 = digest.hexdigest()
            target = self.path_for(sha256)
            if target.is_file() and self._intact(target, sha256):
                tmp.unlink()
                try:
                    os.utime(target)  # just used: ``remove_unreferenced`` leaves it alone
                except OSError:  # pragma: no cover - a file system that refuses; the save stands
                    pass
                return StoredBlob(sha256, size, head, new=False)
            _private_dir(target.parent)
            if target.exists():  # a damaged copy: make it replaceable (read-only on Windows)
                target.chmod(0o644)
            os.replace(tmp, target)  # also repairs a damaged copy with the right bytes
            try:
                target.chmod(0o400)  # read-only, and private: the user's own files
            except OSError:  # pragma: no cover - a file system without modes
                pass
            return StoredBlob(sha256, size, head, new=True)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def discard(self, sha256: str) -> None:
        """Remove a stored file that an upload just stored and then refused."""
        path = self.path_for(sha256)
        try:
            path.chmod(0o600)
            path.unlink()
        except OSError:  # gone already, or in use: ``remove_unreferenced`` takes it later
            pass

    def put_file(self, path: Path) -> StoredBlob:
        with open(path, "rb") as stream:
            return self.put_stream(stream)

    def put_bytes(self, data: bytes) -> StoredBlob:
        import io

        return self.put_stream(io.BytesIO(data))

    # --- reading, always verified ------------------------------------------------------------
    @staticmethod
    def _hash_file(path: Path) -> str:
        digest = hashlib.sha256()
        with open(path, "rb") as f:
            while chunk := f.read(CHUNK):
                digest.update(chunk)
        return digest.hexdigest()

    def _intact(self, path: Path, sha256: str) -> bool:
        try:
            return self._hash_file(path) == sha256
        except OSError:
            return False

    def _problem(self, sha256: str, filename: str) -> BlobError | None:
        path = self.path_for(sha256)
        if not path.is_file():
            return BlobError(sha256, "missing", (
                f"附件「{filename}」的檔案在資料夾中找不到（{path}）；不會開啟。"
                "請從備份還原資料夾，或刪除這個附件後重新上傳。"))
        if not self._intact(path, sha256):
            return BlobError(sha256, "altered", (
                f"附件「{filename}」的檔案已被更動（內容與上傳時的 SHA-256 不符）；為避免送出錯誤"
                "的檔案，不會開啟或匯出。請從備份還原，或刪除這個附件後重新上傳。"))
        return None

    def verify(self, sha256: str, filename: str = "") -> None:
        """Raise :class:`BlobError` when the stored file is missing or its bytes changed."""
        problem = self._problem(sha256, filename or sha256[:12])
        if problem is not None:
            raise problem

    def status(self, sha256: str) -> str:
        """'ok', 'missing' or 'altered'."""
        problem = self._problem(sha256, sha256[:12])
        return "ok" if problem is None else problem.problem

    def read_bytes(self, sha256: str, filename: str = "") -> bytes:
        """The whole file, checked against its hash (for thumbnails and small files)."""
        path = self.path_for(sha256)
        try:
            data = path.read_bytes()
        except OSError:
            data = None
        if data is None or hashlib.sha256(data).hexdigest() != sha256:
            self.verify(sha256, filename)  # raises the right message
            raise BlobError(sha256, "altered", f"附件「{filename}」讀取時內容改變，請再試一次。")
        return data

    def chunks(self, sha256: str, filename: str = "") -> Iterator[bytes]:
        """Stream the file; the caller must not keep the bytes unless the stream ends cleanly
        (the hash is checked when the last chunk has been read)."""
        digest = hashlib.sha256()
        try:
            f = open(self.path_for(sha256), "rb")  # noqa: SIM115 - closed below
        except OSError:
            self.verify(sha256, filename)
            raise
        with f:
            while chunk := f.read(CHUNK):
                digest.update(chunk)
                yield chunk
        if digest.hexdigest() != sha256:
            self.verify(sha256, filename)
            raise BlobError(sha256, "altered", f"附件「{filename}」讀取時內容改變，請再試一次。")

    def export(self, sha256: str, dest: Path, filename: str = "") -> Path:
        """Copy the blob to ``dest``; the copy appears only when its bytes match the hash."""
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".export-", dir=dest.parent)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in self.chunks(sha256, filename or dest.name):
                    out.write(chunk)
            os.replace(tmp, dest)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return dest

    def stored_hashes(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for shard in sorted(self.root.iterdir()):
            if shard.is_dir() and len(shard.name) == 2:
                for f in sorted(shard.iterdir()):
                    if _HEX64.fullmatch(f.name):
                        yield f.name


    def remove_unreferenced(self, referenced: set[str], older_than: float = 3600.0) -> int:
        """Delete the stored files no row refers to (a save whose transaction was rolled back,
        an interrupted copy), untouched for ``older_than`` seconds; how many were deleted.
        The caller runs it after a backup, which still holds them."""
        if not self.root.is_dir():
            return 0
        limit = time.time() - older_than
        removed = 0
        candidates = [self.path_for(h) for h in self.stored_hashes() if h not in referenced]
        candidates += list(self.root.glob(".incoming-*"))
        for path in candidates:
            try:
                if path.stat().st_mtime < limit:
                    path.chmod(0o644)
                    path.unlink()
                    removed += 1
            except OSError:  # in use or already gone: next time
                continue
        return removed


def default_store() -> BlobStore:
    from lxp_desktop import paths

    return BlobStore(paths.blobs_dir())
