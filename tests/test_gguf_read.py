"""Converting the offline GGUF model (autotrain_ui/core/gguf_read.py, core/models.materialize): the file is parsed once
and gguf's tensor-name tables built once while transformers loads it, and one process converts while the others
wait for its folder."""

from __future__ import annotations

import subprocess
import sys
import time

import numpy as np

from autotrain_ui.core import gguf_read, models


def _small_gguf(path):
    import gguf

    writer = gguf.GGUFWriter(str(path), "llama")
    writer.add_block_count(2)
    writer.add_tensor("token_embd.weight", np.zeros((4, 8), dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def test_within_a_conversion_a_file_is_parsed_once_and_the_name_table_built_once(tmp_path):
    import gguf

    path = _small_gguf(tmp_path / "small.gguf")
    reader, name_map = gguf.GGUFReader, gguf.get_tensor_name_map
    with gguf_read.parsed_once():
        first = gguf.GGUFReader(path)
        assert gguf.GGUFReader(str(path)) is first and first.tensors[0].name == "token_embd.weight"
        assert gguf.get_tensor_name_map(gguf.MODEL_ARCH.LLAMA, 2) is gguf.get_tensor_name_map(gguf.MODEL_ARCH.LLAMA, 2)
        assert gguf.get_tensor_name_map(gguf.MODEL_ARCH.LLAMA, 2).get_name("model.layers.1.self_attn.q_proj") == \
            "blk.1.attn_q"
        time.sleep(0.01)
        _small_gguf(tmp_path / "small.gguf")      # written again: a new file, parsed again
        assert gguf.GGUFReader(path) is not first
    assert gguf.GGUFReader is reader and gguf.get_tensor_name_map is name_map


def test_one_process_converts_while_the_others_wait(tmp_path):
    lock, log = tmp_path / ".model.lock", tmp_path / "log"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from pathlib import Path; from autotrain_ui.core.gguf_read import converting\n"
        f"with converting(Path({str(lock)!r})):\n"
        f"    Path({str(log)!r}).write_text('held\\n'); time.sleep(1.0)\n"
        f"    open({str(log)!r}, 'a').write('released\\n')\n")])
    try:
        while not log.exists():
            assert holder.poll() is None, "the holder ended before taking the lock"
            time.sleep(0.02)
        with gguf_read.converting(lock):
            assert log.read_text().splitlines() == ["held", "released"]
    finally:
        holder.wait(timeout=60)
    assert holder.returncode == 0


def test_a_folder_another_process_made_while_this_one_waited_is_not_made_again(tmp_path, monkeypatch):
    import contextlib

    monkeypatch.setenv("AUTOTRAIN_CACHE", str(tmp_path))
    source = models.resolve_model(models.DEFAULT_HUB_ID)
    converted = []

    @contextlib.contextmanager
    def other_process_finishes_first(lock):
        folder = lock.parent / lock.name[1:-len(".lock")]
        folder.mkdir(parents=True)
        (folder / "config.json").write_text("{}")
        yield

    monkeypatch.setattr(gguf_read, "converting", other_process_finishes_first)
    monkeypatch.setattr(models, "_convert", lambda gguf, target: converted.append(target))
    path = models.materialize(source)
    assert not converted and (tmp_path / "models").joinpath(path.rsplit("/", 1)[-1], "config.json").exists()


def _same_fields(ours, theirs) -> None:
    assert ours.fields.keys() == theirs.fields.keys()
    for key, mine in ours.fields.items():
        other = theirs.fields[key]
        assert (mine.offset, mine.name, mine.data, mine.types) == (other.offset, other.name, other.data, other.types), key
        assert len(mine.parts) == len(other.parts), key
        for a, b in zip(mine.parts, other.parts):
            assert a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes(), key
        assert mine.contents() == other.contents(), key
    assert [(t.name, t.data_offset, t.data.tobytes()) for t in ours.tensors] == \
        [(t.name, t.data_offset, t.data.tobytes()) for t in theirs.tensors]


def test_the_bulk_reader_reads_what_ggufs_own_reader_reads(tmp_path):
    """Every kind of field gguf writes (strings, numbers, booleans, arrays of each, an empty array, an array of
    arrays), and the real offline model's 49k-token vocabulary: the same fields, parts, values and tensors."""
    import gguf
    from gguf.gguf_reader import GGUFReader

    path = tmp_path / "kinds.gguf"
    writer = gguf.GGUFWriter(str(path), "llama")
    writer.add_block_count(2)
    writer.add_string("test.text", "안녕하세요, Mary")
    writer.add_float32("test.float", 0.25)
    writer.add_bool("test.flag", True)
    writer.add_array("test.words", ["a", "", "ab c", "✓ ünï", "<|im_end|>"])
    writer.add_array("test.ints", [3, -1, 7])
    writer.add_array("test.floats", [0.5, 1.5])
    writer.add_array("test.flags", [True, False])
    writer.add_array("test.empty", [])
    writer.add_array("test.nested", [[1, 2], [3]])
    writer.add_tensor("token_embd.weight", np.arange(32, dtype=np.float32).reshape(4, 8))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    _same_fields(gguf_read.read(path), GGUFReader(path))
    assert gguf_read.read(path).fields["test.words"].contents() == ["a", "", "ab c", "✓ ünï", "<|im_end|>"]

    offline = models.resolve_model(models.DEFAULT_HUB_ID).path
    _same_fields(gguf_read.read(offline), GGUFReader(offline))
