"""A GGUF file read once while transformers loads it (its tokenizer, config and weights), and converted by one process
at a time.

transformers' GGUF loader parses the whole file again for the tokenizer, the config and the weights: 4 s each for
SmolLM2's 49k-token vocabulary, which gguf's reader turns into a numpy view per token and merge. It also builds
gguf's table of tensor names again for every module of the model it fills (14 ms each, 400 modules). Within
`parsed_once()` each file is parsed once and each table built once; both are only read after they are made.

`converting(lock)` holds a file lock across processes: an app, its trainer and the tests' workers asking for the same
model at once wait for the first conversion instead of each doing it again (25 CPU-s apiece for SmolLM2)."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

_PATCHED = threading.Lock()  # one patch of the gguf module at a time in a process


@contextlib.contextmanager
def parsed_once():
    import gguf

    reader, name_map = gguf.GGUFReader, gguf.get_tensor_name_map
    readers, tables = {}, {}

    def read(path, mode="r"):
        stat = Path(path).stat()
        key = (str(Path(path).resolve()), stat.st_size, stat.st_mtime_ns, mode)
        if key not in readers:
            readers[key] = reader(path, mode)
        return readers[key]

    def table(arch, n_blocks):
        if (arch, n_blocks) not in tables:
            tables[arch, n_blocks] = name_map(arch, n_blocks)
        return tables[arch, n_blocks]

    with _PATCHED:
        gguf.GGUFReader, gguf.get_tensor_name_map = read, table
        try:
            yield
        finally:
            gguf.GGUFReader, gguf.get_tensor_name_map = reader, name_map


@contextlib.contextmanager
def converting(lock: Path):
    """One process at a time past this point for `lock` (a file beside the converted folder)."""
    from filelock import FileLock

    lock.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(lock)):
        yield
