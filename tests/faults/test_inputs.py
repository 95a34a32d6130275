"""Hostile and unlucky inputs to Registry.submit, done for real: project names that try to leave the projects
folder or are not valid Hub repo names, two submits of one name at the same moment (one registry and two),
a projects folder that cannot be written, and a disk that fills up while the data is copied."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from autotrain_ui import runner
from autotrain_ui.jobs import Registry
from autotrain_ui.job_errors import JobStateError, RegistryError, SubmitError
from autotrain_ui.core.params import LLMParams
from tests.conftest import small_tmpfs


def params(name: str, model: str, **extra) -> LLMParams:
    # long enough to still be running when the test looks; a cancel ends it
    return LLMParams(project_name=name, model=model, trainer="sft", epochs=500, batch_size=2, block_size=64,
                     logging_steps=1, **extra)


def tree(path: Path) -> set[str]:
    return {str(p.relative_to(path)) for p in path.rglob("*")}


def integrity(root: Path) -> str:
    with sqlite3.connect(root / "jobs.sqlite") as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0]


def rows(root: Path) -> list[tuple]:
    with sqlite3.connect(root / "jobs.sqlite") as db:
        return db.execute("SELECT id, name, status, pgid FROM jobs ORDER BY seq").fetchall()


def stop_all(registries: list[Registry], root: Path, timeout: float = 60) -> None:
    """Cancel every job, then wait until no process group of any job is left."""
    for reg in registries:
        for job in reg.list_jobs():
            if job["status"] in ("queued", "starting", "running"):
                try:
                    reg.cancel(job["id"])
                except JobStateError:  # it ended between the listing and the cancel: nothing left to stop
                    pass
    deadline = time.time() + timeout
    while time.time() < deadline:
        for reg in registries:
            reg.tick()
        pgids = [r[3] for r in rows(root) if r[3]]
        if not any(runner.group_alive(p) for p in pgids) and \
                not any(r[2] in ("starting", "running") for r in rows(root)):
            break
        time.sleep(0.2)
    for reg in registries:
        reg.close()
    left = [p for p in (r[3] for r in rows(root)) if p and runner.group_alive(p)]
    assert not left, f"process groups left behind: {left}"
    assert not [r for r in rows(root) if r[2] in ("queued", "starting", "running")], rows(root)


# ------------------------------------------------------------------------------------------- project names
@pytest.mark.parametrize("name", ["../../x", "/etc/x", "a/../../b"])
def test_a_name_that_leaves_the_projects_folder_is_refused(name, tiny_model, testdata, tmp_path):
    root = tmp_path / "a" / "b" / "projects"
    registry = Registry(root)
    before = tree(tmp_path)
    with pytest.raises(SubmitError) as refused:
        registry.submit(params(name, tiny_model), testdata / "seed" / "sft.csv")
    assert repr(name) in str(refused.value) and "project-name" in str(refused.value)
    assert tree(tmp_path) == before  # nothing written anywhere, inside the root or out of it
    assert not Path("/etc/x").exists() and registry.list_jobs() == []
    # and the folder layer refuses on its own too, should a name ever get past validation
    with pytest.raises(runner.ProjectError, match="outside"):
        runner.project_folder(root, name)


@pytest.mark.parametrize("name", ["my run", "모델 테스트", "café-ü"])
def test_a_name_that_is_no_hub_repo_name_is_refused(name, tiny_model, testdata, tmp_path):
    """The project name is also the Hub repo name (<user>/<name>), which allows only ASCII letters, digits, '-',
    '_' and '.': a name with spaces or other letters is refused up front with the rule, not after training at
    push time. (params.PROJECT_NAME_RE; the Hub rejects such repo ids.)"""
    root = tmp_path / "projects"
    registry = Registry(root)
    before = tree(tmp_path)
    with pytest.raises(SubmitError) as refused:
        registry.submit(params(name, tiny_model), testdata / "seed" / "sft.csv")
    message = str(refused.value)
    assert repr(name) in message and "letters, digits" in message and "Hub" in message
    assert tree(tmp_path) == before and registry.list_jobs() == []


# ------------------------------------------------------------------------------------------- same name, same second
def _submit_together(submitters: list, name: str, model: str, data: Path) -> list[str]:
    barrier = threading.Barrier(len(submitters))
    ids, errors = [None] * len(submitters), []

    def go(i, reg):
        barrier.wait()
        try:
            ids[i] = reg.submit(params(name, model), data)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=go, args=(i, r)) for i, r in enumerate(submitters)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=60)
    assert not errors, errors
    return ids


def _one_at_a_time(registries: list[Registry], root: Path, seconds: float) -> int:
    """Returns how many samples saw a job active. While the registries tick (concurrently, as two app processes would), never more than one job is active
    in the registry and never more than one job's process group is alive."""
    stop = threading.Event()

    def ticking(reg):
        while not stop.is_set():
            reg.tick()
            time.sleep(0.05)

    threads = [threading.Thread(target=ticking, args=(r,), daemon=True) for r in registries]
    for th in threads:
        th.start()
    seen = 0
    try:
        deadline = time.time() + seconds
        while time.time() < deadline:
            now = rows(root)
            active = [r for r in now if r[2] in ("starting", "running")]
            alive = [r for r in now if r[3] and runner.group_alive(r[3])]
            assert len(active) <= 1 and len(alive) <= 1, now
            seen += bool(active and alive)
            time.sleep(0.1)
        return seen
    finally:
        stop.set()
        for th in threads:
            th.join(timeout=10)


@pytest.mark.parametrize("registries", [1, 2], ids=["one-registry", "two-registries"])
def test_same_name_submitted_at_the_same_moment(registries, tiny_model, testdata, tmp_path):
    root = tmp_path / "projects"
    regs = [Registry(root, grace=3) for _ in range(registries)]
    submitters = [regs[0], regs[0]] if registries == 1 else regs
    try:
        ids = _submit_together(submitters, "same", tiny_model, testdata / "seed" / "sft.csv")
        assert all(ids) and len(set(ids)) == 2, ids
        names = {r[1] for r in rows(root)}
        assert names == {"same", "same-2"}, names
        for name in names:
            assert (root / name / "config.json").exists()
            assert LLMParams.load(root / name / "config.json").project_name == name
        assert integrity(root) == "ok"
        assert _one_at_a_time(regs, root, seconds=3) > 0  # one really ran (its process group alive) meanwhile
        assert [r[2] for r in rows(root)].count("queued") >= 1  # the other one waits its turn
    finally:
        stop_all(regs, root)
    assert integrity(root) == "ok"


# ------------------------------------------------------------------------------------------- unwritable folder
def test_projects_root_under_a_regular_file(tmp_path):
    """A projects path that cannot exist (a file where a folder should be): works even as root, where chmod does
    not stop anything. Registry(...) is where it fails; the message names the path and the reason."""
    (tmp_path / "file").write_text("not a folder")
    root = tmp_path / "file" / "projects"
    with pytest.raises(RegistryError) as failed:
        Registry(root)
    message = str(failed.value)
    assert str(root) in message and "Not a directory" in message and "AUTOTRAIN_HOME" in message, message


@pytest.fixture
def as_nobody(testdata, tiny_model):
    """Act as an unprivileged user (effective uid), so that a chmod'ed folder really is unwritable even when the
    tests run as root. Yields a world-traversable scratch folder holding a copy of the seed SFT table, made before
    the switch: the checkout itself may sit in a folder only its owner can read (CI clones into a mktemp folder)."""
    scratch = Path(tempfile.mkdtemp(prefix="autotrain-unwritable-"))
    os.chmod(scratch, 0o755)
    shutil.copyfile(testdata / "seed" / "sft.csv", scratch / "sft.csv")
    os.chmod(scratch / "sft.csv", 0o644)
    # a submit as root first, so that what it imports lazily (pandas, pyarrow.csv ...) is loaded: as nobody the venv
    # inside such a folder is unreadable too
    with tempfile.TemporaryDirectory() as warm:
        Registry(Path(warm)).submit(params("warm", tiny_model), scratch / "sft.csv", check_model=False)
    switched = False
    if os.geteuid() == 0:
        try:
            os.chown(scratch, 65534, 65534)
            os.seteuid(65534)
            switched = True
        except OSError as exc:
            shutil.rmtree(scratch, ignore_errors=True)
            pytest.skip(f"running as root and cannot drop to an unprivileged uid, so chmod is not enforced: {exc}")
    try:
        yield scratch
    finally:
        if switched:
            os.seteuid(0)
        for p in [scratch, *scratch.rglob("*")]:
            if p.is_dir():
                os.chmod(p, 0o755)
        shutil.rmtree(scratch, ignore_errors=True)


def test_unwritable_projects_folder_at_submit(as_nobody, tiny_model):
    data = as_nobody / "sft.csv"

    # the folder became read-only after the app started: submit says so, and nothing is half-made
    root = as_nobody / "projects"
    registry = Registry(root)
    os.chmod(root, 0o500)
    with pytest.raises(SubmitError) as refused:
        registry.submit(params("run", tiny_model), data, check_model=False)
    message = str(refused.value)
    assert "Cannot write" in message and str(root) in message and "AUTOTRAIN_HOME" in message, message
    assert sorted(p.name for p in root.iterdir() if not p.name.startswith("jobs.sqlite")) == []
    assert registry.list_jobs() == [] and integrity(root) == "ok"


def test_unwritable_projects_folder_at_start(as_nobody):
    """Read-only before the app starts: the registry cannot even be opened."""
    locked = as_nobody / "locked"
    locked.mkdir()
    os.chmod(locked, 0o500)
    with pytest.raises(RegistryError) as failed:
        Registry(locked)
    assert str(locked) in str(failed.value) and "AUTOTRAIN_HOME" in str(failed.value), failed.value


# ------------------------------------------------------------------------------------------- disk full
@pytest.fixture
def tiny_disk(tmp_path):
    with small_tmpfs(tmp_path / "tiny-disk", 2) as mount:
        yield mount


def test_disk_full_while_copying_the_data(tiny_model, tiny_disk, tmp_path):
    data = tmp_path / "big.csv"
    line = "a conversation about training small models on a laptop, " * 4
    data.write_text("text\n" + "".join(f"row {i}: {line}\n" for i in range(12000)))  # ~2.8 MB: cannot fit
    registry = Registry(tiny_disk)
    before = tree(tiny_disk)
    with pytest.raises(SubmitError) as refused:
        registry.submit(params("full", tiny_model), data)
    message = str(refused.value)
    assert "No space left" in message and "'full'" in message and "AUTOTRAIN_HOME" in message, message
    assert tree(tiny_disk) == before, tree(tiny_disk) - before  # no half-made project folder
    assert registry.list_jobs() == [] and integrity(tiny_disk) == "ok"
    # and the disk is usable again right away: a small job fits and queues
    job = registry.submit(params("fits", tiny_model), _small(tmp_path))
    try:
        assert registry.get(job)["name"] == "fits" and (tiny_disk / "fits" / "config.json").exists()
    finally:
        stop_all([registry], tiny_disk)
    assert integrity(tiny_disk) == "ok"


def _small(tmp_path: Path) -> Path:
    path = tmp_path / "small.csv"
    path.write_text("text\n" + "".join(f"row {i}: a short line of text to learn\n" for i in range(8)))
    return path
