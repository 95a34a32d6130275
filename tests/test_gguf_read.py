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
