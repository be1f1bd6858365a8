"""A throwaway PostgreSQL server for tests and benchmarks.

``initdb`` refuses to run as root: as root the cluster is made and run by the ``postgres``
user. The server listens on a unix socket in a temporary folder only. If it cannot start,
``PgServer.start`` raises with the reason (tests fail, they do not skip).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg


def find_bindir() -> Path:
    candidates = []
    if shutil.which("pg_config"):
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True)
        if out.returncode == 0:
            candidates.append(out.stdout.strip())
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for c in candidates:
        if (Path(c) / "initdb").exists() and (Path(c) / "pg_ctl").exists():
            return Path(c)
    raise RuntimeError("找不到 PostgreSQL（initdb/pg_ctl）：請安裝 postgresql-15（make test 會自動安裝）。")


class PgServer:
    def __init__(self, port: int = 54329) -> None:
        self.bindir = find_bindir()
        self.port = port
        self.root = Path(tempfile.mkdtemp(prefix="lxp-pg-"))
        self.datadir = self.root / "data"
        self.sockdir = self.root / "sock"
        self.as_root = hasattr(os, "geteuid") and os.geteuid() == 0
        self.started = False

    def _run(self, args: list[str]) -> None:
        cmd = (["runuser", "-u", "postgres", "--"] + args) if self.as_root else args
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:2])} failed: {out.stdout}\n{out.stderr}")

    def start(self) -> PgServer:
        self.sockdir.mkdir(parents=True)
        if self.as_root:
            os.chmod(self.root, 0o755)
            shutil.chown(self.root, "postgres", "postgres")
            shutil.chown(self.sockdir, "postgres", "postgres")
        self._run([str(self.bindir / "initdb"), "-D", str(self.datadir), "-A", "trust",
                   "-E", "UTF8", "--locale=C.UTF-8", "-U", "postgres"])
        opts = (f"-k {self.sockdir} -p {self.port} -c listen_addresses='' -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60 "
                "-c shared_buffers=64MB")
        self._run([str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-o", opts,
                   "-l", str(self.root / "log"), "-w", "-t", "60", "start"])
        self.started = True
        return self

    def stop(self) -> None:
        try:
            if self.started:
                self._run([str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-m",
                           "immediate", "stop"])
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@/{dbname}?host={self.sockdir}&port={self.port}"

    def admin(self) -> psycopg.Connection:
        return psycopg.connect(host=str(self.sockdir), port=self.port, user="postgres",
                               dbname="postgres", autocommit=True)

    def create_database(self, name: str, template: str | None = None) -> str:
        with self.admin() as conn:
            tmpl = f" TEMPLATE {template}" if template else ""
            conn.execute(f'CREATE DATABASE "{name}"{tmpl}')
        return self.url(name)

    def dump(self, dbname: str, name: str) -> Path:
        """``pg_dump`` of a database (custom format), as a school's nightly backup is."""
        path = self.root / f"{name}.dump"
        self._run([str(self.bindir / "pg_dump"), "-Fc", "-h", str(self.sockdir), "-p",
                   str(self.port), "-U", "postgres", "-f", str(path), dbname])
        return path

    def restore(self, dbname: str, path: Path) -> None:
        """Replace a database by a dump of it (``pg_restore`` into a new, empty one)."""
        self.terminate(dbname)
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE "{dbname}"')
            conn.execute(f'CREATE DATABASE "{dbname}"')
        self._run([str(self.bindir / "pg_restore"), "-h", str(self.sockdir), "-p",
                   str(self.port), "-U", "postgres", "-d", dbname, str(path)])

    def terminate(self, dbname: str) -> None:
        """Cut every connection to a database, as a network failure would."""
        with self.admin() as conn:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         "WHERE datname = %s AND pid <> pg_backend_pid()", (dbname,))
