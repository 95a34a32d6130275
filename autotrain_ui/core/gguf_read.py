"""Reading GGUF files: the one reader the project uses, a file read once while transformers loads it (its tokenizer,
config and weights), and converted by one process at a time.

`read(path)` is gguf's reader with its arrays parsed in bulk. gguf's own reader makes each element of an array (a
token, a merge, a token type) through a numpy memmap slice of its own: 2.3 s for SmolLM2's 49k-token vocabulary,
against 0.14 s here for the same fields, parts and values (tests/test_gguf_read.py compares them field by field).

transformers' GGUF loader parses the whole file again for the tokenizer, the config and the weights. It also builds
gguf's table of tensor names again for every module of the model it fills (14 ms each, 400 modules). Within
`parsed_once()` each file is parsed once, by `read`, and each table built once; both are only read after they are
made.

`converting(lock)` holds a file lock across processes: an app, its trainer and the tests' workers asking for the same
model at once wait for the first conversion instead of each doing it again (25 CPU-s apiece for SmolLM2)."""

from __future__ import annotations

import contextlib
import functools
import threading
from pathlib import Path

_PATCHED = threading.Lock()  # one patch of the gguf module at a time in a process


@functools.cache
def _reader_class():
    import gguf
    import numpy as np
    from gguf.gguf_reader import GGUFReader  # the class itself, whatever parsed_once() put in gguf's namespace

    class Reader(GGUFReader):
        """gguf's reader, but an array of scalars or strings is cut from one plain view of the file (a memmap slices
        in Python): the same parts, each the same dtype, shape and bytes."""

        def _get_field_parts(self, orig_offs: int, raw_type: int):
            if gguf.GGUFValueType(raw_type) != gguf.GGUFValueType.ARRAY:
                return super()._get_field_parts(orig_offs, raw_type)
            raw_itype = self._get(orig_offs, np.uint32)
            alen = self._get(orig_offs + 4, np.uint64)
            itype, count, offs = gguf.GGUFValueType(raw_itype[0]), int(alen[0]), orig_offs + 12
            scalar = self.gguf_scalar_to_np.get(itype)
            if count == 0 or (scalar is None and itype != gguf.GGUFValueType.STRING):
                return super()._get_field_parts(orig_offs, raw_type)   # empty, or arrays of arrays
            types = [gguf.GGUFValueType.ARRAY, itype]
            if scalar is not None:   # one part per element, as gguf makes them
                whole = self._get(offs, scalar, count).view(np.ndarray)
                parts = [raw_itype, alen, *(whole[i:i + 1] for i in range(count))]
                return 12 + int(whole.nbytes), parts, list(range(2, 2 + count)), types
            data, length = self.data.view(np.ndarray), np.dtype(np.uint64).newbyteorder(self.byte_order)
            parts, idxs = [raw_itype, alen], []
            for _ in range(count):   # each string: its length (uint64), then its bytes
                size = data[offs:offs + 8].view(length)
                parts += [size, data[offs + 8:offs + 8 + int(size[0])]]
                idxs.append(len(parts) - 1)
                offs += 8 + int(size[0])
            return offs - orig_offs, parts, idxs, types

    return Reader


def read(path, mode: str = "r"):
    """The GGUF file at `path`, parsed (gguf.GGUFReader's fields and tensors)."""
    return _reader_class()(path, mode)


@contextlib.contextmanager
def parsed_once():
    """Within it, gguf.GGUFReader is `read` once per file (its size and time kept as the key), and gguf's tensor-name
    tables are built once per architecture."""
    import gguf

    reader, name_map = gguf.GGUFReader, gguf.get_tensor_name_map
    readers, tables = {}, {}

    def read_once(path, mode="r"):
        stat = Path(path).stat()
        key = (str(Path(path).resolve()), stat.st_size, stat.st_mtime_ns, mode)
        if key not in readers:
            readers[key] = read(path, mode)
        return readers[key]

    def table(arch, n_blocks):
        if (arch, n_blocks) not in tables:
            tables[arch, n_blocks] = name_map(arch, n_blocks)
        return tables[arch, n_blocks]

    with _PATCHED:
        gguf.GGUFReader, gguf.get_tensor_name_map = read_once, table
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
