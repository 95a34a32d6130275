"""What the job registry keeps on disk, and how it survives what happens to it there.

- The SQLite file: opened, its columns brought up to date; a file that is damaged, or stays locked by another
  program, is set aside and the list of jobs is rebuilt from the project folders (each holds config.json, and
  status.json once its run ended; registry.json keeps the job's id, owner and place in the queue).
- The folder lock (jobs.lock, fcntl.flock): only one app starts jobs from a projects folder. A second app on the
  same folder shows the jobs but starts none, and says so. The lock goes with the process that holds it (kill -9
  included); the trainers it launched do not inherit it.
- The launch check: what a queued job's project needs before its process can start (a readable config.json, its
  model, its data copy). A job that cannot start ends failed with the reason; the queue moves on.
"""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
import time
import uuid
from pathlib import Path

from autotrain_ui.core.i18n import Message, message
from autotrain_ui.core.jsonfile import read_json, write_json

DB_NAME, LOCK_NAME, JOB_FILE = "jobs.sqlite", "jobs.lock", "registry.json"
LOCK_WAIT_S = 20.0   # how long a locked registry file is waited for before it is set aside
SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, owner TEXT, params TEXT NOT NULL, status TEXT NOT NULL,
    pid INTEGER, pgid INTEGER, created REAL NOT NULL, started REAL, finished REAL, exit_code INTEGER,
    error TEXT, cancel_requested INTEGER DEFAULT 0, seq INTEGER, pstart TEXT
)"""
COLUMNS_ADDED = {"pstart": "TEXT"}   # columns a registry written by an older version lacks


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=LOCK_WAIT_S, check_same_thread=False, isolation_level=None)
    try:
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute(SCHEMA)
        have = {r[1] for r in db.execute("PRAGMA table_info(jobs)")}
        for column, kind in COLUMNS_ADDED.items():
            if column not in have:
                db.execute(f"ALTER TABLE jobs ADD COLUMN {column} {kind}")
        if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("database disk image is malformed")
        db.execute("PRAGMA busy_timeout = 30000")
        return db
    except BaseException:
        db.close()
        raise


def _unusable(exc: sqlite3.Error) -> str | None:
    """'registry.locked' / 'registry.corrupt' for a registry file that cannot be used as it is; None for anything
    else (a folder that cannot be written: the caller says that)."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return "registry.locked"
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return "registry.corrupt"
    return None


def open_db(root: Path) -> tuple[sqlite3.Connection, Message | None]:
    """The registry of ROOT, and a note when it had to be rebuilt (None when it opened as it was)."""
    path = root / DB_NAME
    try:
        return _connect(path), None
    except sqlite3.Error as exc:
        key = _unusable(exc)
        if key is None:
            raise
        reason = str(exc)
    moved = path.with_name(f"{DB_NAME}.{key.split('.')[1]}-{time.strftime('%Y%m%d-%H%M%S')}")
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{path}{suffix}").exists():
            os.replace(f"{path}{suffix}", f"{moved}{suffix}")
    db = _connect(path)
    count = rebuild(db, root)
    return db, message(key, path=str(path), reason=reason, moved=str(moved), root=str(root), count=count)


def record(project: Path, job_id: str, owner: str | None, created: float, seq: int) -> None:
    """What the registry alone knew of a job, kept in its folder too, for a rebuild."""
    write_json(project / JOB_FILE, {"id": job_id, "owner": owner, "created": created, "seq": seq}, None)


def rebuild(db: sqlite3.Connection, root: Path) -> int:
    """One row per project folder: ended as its status.json says; never started (no train.log) queued again; started
    and ended without a word interrupted (Resume continues it). Returns how many jobs were found."""
    found = 0
    for config in sorted(root.glob("*/config.json"), key=lambda p: p.stat().st_mtime):
        project = config.parent
        known = read_json(project / JOB_FILE) or {}
        ended = read_json(project / "status.json") or {}
        error = read_json(project / "error.json")
        status = ended.get("status") or ("interrupted" if (project / "train.log").exists() else "queued")
        db.execute("INSERT OR IGNORE INTO jobs (id, name, owner, params, status, created, finished, exit_code, error, "
                   "seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (known.get("id") or uuid.uuid4().hex[:10], project.name, known.get("owner"), "{}",
                    status, known.get("created") or config.stat().st_mtime, ended.get("finished_at"),
                    ended.get("exit_code"), json.dumps(error) if error else None, known.get("seq") or found + 1))
        found += 1
    return found


class FolderLock:
    """Held by the one app that starts jobs in ROOT (fcntl.flock on ROOT/jobs.lock, which names its process)."""

    def __init__(self, root: Path):
        self.path, self._fh, self.holder = Path(root) / LOCK_NAME, None, None

    @property
    def held(self) -> bool:
        return self._fh is not None

    def acquire(self) -> bool:
        if self._fh is not None:
            return True
        try:
            fh = open(self.path, "a+", encoding="utf-8")
        except OSError:  # a folder this process cannot write: no job could start here anyway (the launch says why)
            return True
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            self.holder = fh.read().strip() or "?"
            fh.close()
            return False
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        self._fh, self.holder = fh, None
        return True

    def release(self) -> None:
        if self._fh is not None:
            self._fh.close()  # closing the file drops the lock
            self._fh = None


def launch_problem(project: Path) -> Message | None:
    """Why this project's run cannot start now (its settings unreadable, its model or data copy gone), or None."""
    from autotrain_ui.core.data import DataError, resolve_data_file
    from autotrain_ui.core.params import LLMParams

    name = project.name
    try:
        params = LLMParams.load(project / "config.json")
    except (OSError, ValueError, TypeError) as exc:  # ParamError is a ValueError
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        return message("queue.config_unreadable", name=name, path=str(project / "config.json"), reason=reason)
    model = params.model or ""
    if model.startswith(("/", ".", "~")) and not Path(model).expanduser().exists():
        return message("queue.model_missing", name=name, model=model)
    from autotrain_ui.core.data.hub import is_dataset_id

    if is_dataset_id(params.data_path, project):   # a Hub dataset: the run loads it (and says so if it cannot)
        return None
    data = Path(params.data_path or "data")
    try:
        resolve_data_file(str(data if data.is_absolute() else project / data), params.train_split)
    except DataError as exc:
        return message("queue.data_lost", name=name, reason=str(exc))
    return None


def launch_error(kind: str, said: Message) -> str:
    """A job's `error` column for a run that never started: what error.json holds, plus the catalog key and values
    so the page says it in the visitor's language. A model that is gone gets the retry the run itself would suggest
    (the offline default model), so "Retry with this change" is offered as for a run that failed to load it."""
    error = {"kind": kind, "message": str(said), "hint": "", "key": said.key, "values": said.values}
    if said.key == "queue.model_missing":
        from autotrain_ui.core.models import DEFAULT_HUB_ID

        error.update(kind="model_not_found", retry={"model": DEFAULT_HUB_ID})
    return json.dumps(error)
