"""Dataset repos on the Hub stand-in (tests/hub_standin.py), laid out as the Hub lays them out: a README whose YAML
`configs:` names two configs with two splits each (Parquet and JSONL files), one private and one gated repo whose
splits are read from their file names, and one whose train split is empty. The rows are small chat and text rows a
tiny model trains on in seconds."""

from __future__ import annotations

import io
import json

PUBLIC, PRIVATE, GATED, EMPTY = "alice/chat-demo", "alice/private-demo", "meta/gated-demo", "alice/empty-demo"
OWNER_TOKEN = "hf_alice"        # alice: owns the private set; has not asked for the gated one
CARD = """---
license: mit
configs:
- config_name: chat
  data_files:
  - split: train
    path: chat/train-*.parquet
  - split: test
    path: chat/test.jsonl
- config_name: plain
  data_files:
  - split: train
    path: plain/train.jsonl
  - split: test
    path: plain/test.jsonl
---
# chat demo
"""


def chat_rows(n: int, offset: int = 0) -> list[dict]:
    return [{"messages": [{"role": "user", "content": f"What does Mary keep in box {i}?"},
                          {"role": "assistant", "content": f"Mary keeps {i} red apples in box {i}."}]}
            for i in range(offset, offset + n)]


def text_rows(n: int, offset: int = 0) -> list[dict]:
    return [{"text": f"Mary counted {i} red apples in the orchard on day {i}."} for i in range(offset, offset + n)]


def jsonl(rows: list[dict]) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in rows).encode()


def parquet(rows: list[dict], row_group_size: int | None = None) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows), out, row_group_size=row_group_size)
    return out.getvalue()


def add_datasets(hub) -> None:
    """The four dataset repos, and alice (token hf_alice)."""
    hub.add_user("alice", OWNER_TOKEN)
    public = hub.add_repo(PUBLIC, "dataset", private=False, files={
        "README.md": CARD.encode(), ".gitattributes": b"*.parquet filter=lfs\n",
        "chat/train-00000-of-00001.parquet": parquet(chat_rows(24), row_group_size=10),
        "chat/test.jsonl": jsonl(chat_rows(8, offset=100)),
        "plain/train.jsonl": jsonl(text_rows(30)), "plain/test.jsonl": jsonl(text_rows(6, offset=100))})
    public.lfs_paths.add("chat/train-00000-of-00001.parquet")
    hub.add_repo(PRIVATE, "dataset", private=True, files={
        "data/train.jsonl": jsonl(text_rows(12)), "data/test.jsonl": jsonl(text_rows(4, offset=50))})
    hub.add_repo(GATED, "dataset", private=False, gated="manual", files={
        "data/train-00000-of-00001.parquet": parquet(chat_rows(6))})
    hub.add_repo(EMPTY, "dataset", private=False, files={
        "train.jsonl": b"", "test.jsonl": jsonl(text_rows(3))})
