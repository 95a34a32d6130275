"""Datasets on the Hugging Face Hub, one code path for the page, the script API, `--data-path OWNER/NAME` and the
training process: a pasted id or URL read (parse_ref), the repo's configs and splits listed from its files and its
README's `configs:` (layout), the first rows of a split read from the first bytes of its first file (head_file: never
the whole set), and the whole split loaded at the commit the job pinned (load_split). Every failure is a DataError
with a plain message (not found, gated with the link to ask for access, no network, empty split ...) that never
holds the token."""

from __future__ import annotations

import fnmatch
import hashlib
import io
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from autotrain_ui.core.data.read import read_table
from autotrain_ui.core.data.report import DataError
from autotrain_ui.core.hub_client import client, describe_hub_error, hub_endpoint, is_network_error
from autotrain_ui.core.i18n import joined, message

HEAD_ROWS = 200                 # rows the page reads for its preview and check
HEAD_BYTES = 2 * 2**20          # of a JSONL/CSV file: its first lines are enough
SUFFIXES = (".parquet", ".jsonl", ".json", ".csv", ".tsv")
ID_RE = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]*[A-Za-z0-9_]$")
URL_RE = re.compile(r"^(?:https?://)?(?:www\.)?huggingface\.co/datasets/([^/?#\s]+/[^/?#\s]+)(/[^?#\s]*)?")
# split names the Hub infers from file and folder names (the datasets library's own keywords)
SPLIT_WORDS = {"train": "train", "training": "train", "validation": "validation", "valid": "validation",
               "val": "validation", "dev": "validation", "test": "test", "testing": "test", "eval": "test",
               "evaluation": "test"}


@dataclass(frozen=True)
class HubRef:
    """One split of a Hub dataset; revision is the commit sha once read (what config.json records)."""
    dataset: str
    revision: str | None = None
    config: str | None = None
    split: str | None = None

    def url(self) -> str:
        return f"{hub_endpoint()}/datasets/{self.dataset}"


@dataclass
class Layout:
    dataset: str
    sha: str
    configs: dict[str, dict[str, list[str]]]     # config -> split -> files, in order

    def pick(self, config: str | None, split: str | None) -> HubRef:
        """The config and split asked for (else the first config, and its train split or first split)."""
        if not self.configs:
            raise DataError(message("data.hub.no_data_files", dataset=self.dataset, suffixes=", ".join(SUFFIXES)))
        config = config or next(iter(self.configs))
        if config not in self.configs:
            raise DataError(message("data.hub.no_config", dataset=self.dataset, config=config,
                                    have=joined(list(self.configs))))
        splits = self.configs[config]
        split = split or ("train" if "train" in splits else next(iter(splits)))
        if split not in splits:
            raise DataError(message("data.hub.no_split", dataset=self.dataset, split=split, config=config,
                                    have=joined(list(splits))))
        return HubRef(self.dataset, self.sha, config, split)


def is_dataset_id(text, base: Path | None = None) -> bool:
    """`OWNER/NAME` that names no local file or folder (relative to `base` too): a Hub dataset."""
    text = str(text or "")
    if not ID_RE.match(text) or PurePosixPath(text).suffix.lower() in SUFFIXES:
        return False
    return not Path(text).expanduser().exists() and not (base is not None and (Path(base) / text).exists())


def parse_ref(text: str) -> HubRef:
    """A dataset id, or a Hub URL (…/datasets/OWNER/NAME, with /tree/REV or /viewer/CONFIG/SPLIT after it)."""
    text = (text or "").strip().rstrip("/")
    m = URL_RE.match(text)
    if m:
        dataset, tail = m.group(1), [p for p in (m.group(2) or "").split("/") if p]
        if tail[:1] in (["tree"], ["blob"], ["resolve"]) and len(tail) > 1:
            return HubRef(dataset, revision=tail[1])
        if tail[:1] == ["viewer"]:
            return HubRef(dataset, config=tail[1] if len(tail) > 1 else None, split=tail[2] if len(tail) > 2 else None)
        return HubRef(dataset)
    text = text.removeprefix("datasets/")
    if ID_RE.match(text):
        return HubRef(text)
    raise DataError(message("data.hub.bad_ref", text=text[:200]))


# ------------------------------------------------------------------------------------------- errors

def _error(exc: BaseException, dataset: str, token: str | None) -> DataError:
    from huggingface_hub.errors import (GatedRepoError, LocalEntryNotFoundError, OfflineModeIsEnabled,
                                        RepositoryNotFoundError, RevisionNotFoundError)

    if isinstance(exc, DataError):
        return exc
    if isinstance(exc, GatedRepoError):
        return DataError(message("data.hub.gated", dataset=dataset, url=HubRef(dataset).url()))
    if isinstance(exc, RepositoryNotFoundError):
        return DataError(message("data.hub.not_found", dataset=dataset))
    if isinstance(exc, RevisionNotFoundError):
        return DataError(message("data.hub.revision_not_found", dataset=dataset))
    if isinstance(exc, (LocalEntryNotFoundError, OfflineModeIsEnabled)) or is_network_error(exc):
        return DataError(message("data.hub.offline", dataset=dataset))
    return DataError(message("data.hub.failed", dataset=dataset, error=describe_hub_error(exc, token)))


def _calling(dataset: str, token: str | None, call, /, *args, **kw):
    try:
        return call(*args, **kw)
    except Exception as exc:  # noqa: BLE001 - every Hub failure becomes one plain sentence
        raise _error(exc, dataset, token) from None


# ------------------------------------------------------------------------------------------- layout

_layouts: dict[str, Layout] = {}     # a commit's layout never changes: kept by (dataset, sha, token's hash)


def layout(dataset: str, revision: str | None = None, token: str | None = None) -> Layout:
    """The repo's configs and splits at `revision` (default: its main branch), with the commit sha read."""
    key = hashlib.sha256(f"{dataset}\0{revision}\0{token or ''}".encode()).hexdigest()
    if key in _layouts:
        return _layouts[key]
    info = _calling(dataset, token, client(token).dataset_info, dataset, revision=revision)
    files = sorted(s.rfilename for s in info.siblings or [])
    configs = None
    if "README.md" in files:
        readme = _read_bytes(HubRef(dataset, info.sha), "README.md", token).decode("utf-8", "replace")
        configs = configs_from_card(readme, files)
    found = Layout(dataset, info.sha, configs or configs_from_names(files))
    if revision and re.fullmatch(r"[0-9a-f]{40}", revision):
        if len(_layouts) > 256:
            _layouts.clear()
        _layouts[key] = found
    return found


def configs_from_names(files: list[str]) -> dict[str, dict[str, list[str]]]:
    """No `configs:` in the card: one config, "default"; a file's split is the split word its name or a folder
    starts with (train-00000-of-00002.parquet, data/test.jsonl, validation/x.csv), else train."""
    splits: dict[str, list[str]] = {}
    for path in files:
        p = PurePosixPath(path)
        if p.suffix.lower() not in SUFFIXES or any(part.startswith(".") for part in p.parts):
            continue
        words = [re.split(r"[-_.\d]", part.lower(), maxsplit=1)[0] for part in (*p.parts[:-1], p.name)]
        split = next((SPLIT_WORDS[w] for w in reversed(words) if w in SPLIT_WORDS), "train")
        splits.setdefault(split, []).append(path)
    return {"default": splits} if splits else {}


def configs_from_card(readme: str, files: list[str]) -> dict[str, dict[str, list[str]]] | None:
    """The README's YAML `configs:` (config_name, data_files as a pattern, a list, or {split, path} entries)."""
    import yaml

    m = re.match(r"^---\s*\n(.*?)\n---\s*(\n|$)", readme, re.S)
    try:
        meta = yaml.safe_load(m.group(1)) if m else None
    except yaml.YAMLError:
        return None
    if not isinstance(meta, dict) or not isinstance(meta.get("configs"), list):
        return None
    out: dict[str, dict[str, list[str]]] = {}
    for entry in meta["configs"]:
        if not isinstance(entry, dict) or not entry.get("config_name"):
            continue
        data_files = entry.get("data_files")
        if isinstance(data_files, (str, dict)):
            data_files = [data_files]
        splits: dict[str, list[str]] = {}
        for item in data_files or []:
            split, patterns = ("train", item) if isinstance(item, str) else (item.get("split", "train"), item.get("path"))
            patterns = [patterns] if isinstance(patterns, str) else patterns or []
            matched = [f for f in files if any(fnmatch.fnmatchcase(f, pat) for pat in patterns)]
            if matched:
                splits.setdefault(str(split), []).extend(matched)
        if splits:
            out[str(entry["config_name"])] = splits
    return out or None


# --------------------------------------------------------------------------------------- first rows

def _url(ref: HubRef, path: str) -> str:
    from huggingface_hub import hf_hub_url

    return hf_hub_url(ref.dataset, path, repo_type="dataset", revision=ref.revision, endpoint=hub_endpoint())


def _get(ref: HubRef, path: str, token: str | None, start: int | None = None, end: int | None = None):
    from huggingface_hub.utils import build_hf_headers, get_session, hf_raise_for_status

    headers = build_hf_headers(token=token)
    if start is not None:
        headers["Range"] = f"bytes={start}-{end}"
    response = get_session().get(_url(ref, path), headers=headers, follow_redirects=True, timeout=30)
    if response.status_code == 416 and start == 0:      # the first bytes of an empty file: none
        return b""
    hf_raise_for_status(response)
    return response.content


def _read_bytes(ref: HubRef, path: str, token: str | None, start: int | None = None, end: int | None = None) -> bytes:
    return _calling(ref.dataset, token, _get, ref, path, token, start, end)


def _size(ref: HubRef, path: str, token: str | None) -> int:
    from huggingface_hub import get_hf_file_metadata

    return _calling(ref.dataset, token, get_hf_file_metadata, _url(ref, path), token=token).size


class _Remote(io.RawIOBase):
    """A file on the Hub read by byte ranges: Parquet's reader asks for the footer and the first row group only."""

    def __init__(self, ref: HubRef, path: str, token: str | None):
        self.ref, self.path, self.token = ref, path, token
        self.size, self.pos = _size(ref, path, token), 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.pos

    def seek(self, offset: int, whence: int = 0) -> int:
        self.pos = {0: 0, 1: self.pos, 2: self.size}[whence] + offset
        return self.pos

    def readinto(self, buffer) -> int:
        n = min(len(buffer), self.size - self.pos)
        if n <= 0:
            return 0
        data = _read_bytes(self.ref, self.path, self.token, self.pos, self.pos + n - 1)[:n]
        buffer[:len(data)] = data
        self.pos += len(data)
        return len(data)


def _head_bytes(ref: HubRef, path: str, token: str | None) -> bytes:
    """The first rows of a Parquet file (as a Parquet file) or the first whole lines of a text file."""
    if path.lower().endswith(".parquet"):
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            parquet = pq.ParquetFile(_Remote(ref, path, token))
            batch = next(parquet.iter_batches(batch_size=HEAD_ROWS, row_groups=[0]), None) \
                if parquet.num_row_groups else None
        except DataError:
            raise
        except Exception as exc:  # noqa: BLE001 - pyarrow's many errors on a file that is not Parquet
            raise DataError(message("data.parquet_unreadable", error=str(exc)[:200])) from None
        out = io.BytesIO()
        pq.write_table(pa.Table.from_batches([batch]) if batch is not None else parquet.schema_arrow.empty_table(), out)
        return out.getvalue()
    if path.lower().endswith(".json"):           # a JSON array is read whole: its first rows are not a JSON value
        return _read_bytes(ref, path, token)
    raw = _read_bytes(ref, path, token, 0, HEAD_BYTES - 1)
    if len(raw) >= HEAD_BYTES and b"\n" in raw:  # the file goes on: keep whole lines only
        raw = raw[:raw.rindex(b"\n") + 1]
    return raw


def head_file(ref: HubRef, token: str | None = None, folder: Path | None = None) -> tuple[Path, HubRef]:
    """The first rows of the split as a local file of its own format (the page and the pre-launch check read it
    like an upload), and the split resolved (commit sha, config, split). Kept per token and commit: another
    visitor's token asks the Hub again."""
    found = layout(ref.dataset, ref.revision, token)
    chosen = found.pick(ref.config, ref.split)
    first = found.configs[chosen.config][chosen.split][0]
    key = hashlib.sha256(f"{token or ''}\0{chosen}\0{first}".encode()).hexdigest()[:32]
    path = (folder or Path(tempfile.gettempdir()) / "autotrain-hub-heads") / key / \
        f"{chosen.split}{PurePosixPath(first).suffix.lower()}"
    if not path.exists():
        body = _head_bytes(chosen, first, token)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part")
        partial.write_bytes(body)
        partial.replace(path)
    _not_empty(path, chosen)
    return path, chosen


def _not_empty(path: Path, ref: HubRef) -> None:
    try:
        read_table(path)
    except DataError as exc:
        if exc.key in ("data.parquet_no_rows", "data.empty_file", "data.blank_jsonl", "data.no_rows.lines",
                       "data.no_rows.rows", "data.header_only"):
            raise DataError(message("data.hub.empty_split", dataset=ref.dataset, config=ref.config,
                                    split=ref.split)) from None


# ------------------------------------------------------------------------------------------ the job

def load_split(ref: HubRef, token: str | None = None):
    """The whole split at ref.revision as one DataFrame (the training process calls this, never the page)."""
    import pandas as pd
    from huggingface_hub import hf_hub_download

    found = layout(ref.dataset, ref.revision, token)
    chosen = found.pick(ref.config, ref.split)
    frames = []
    for path in found.configs[chosen.config][chosen.split]:
        local = _calling(ref.dataset, token, hf_hub_download, ref.dataset, path, repo_type="dataset",
                         revision=chosen.revision, token=token, endpoint=hub_endpoint())
        try:
            frames.append(read_table(local)[0])
        except DataError as exc:
            if exc.key not in ("data.parquet_no_rows", "data.empty_file", "data.blank_jsonl"):
                raise
    if not frames:
        raise DataError(message("data.hub.empty_split", dataset=ref.dataset, config=chosen.config,
                                split=chosen.split))
    return frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)


def ref_of(params, split: str) -> HubRef:
    """The split a run's settings name: --data-path OWNER/NAME, --data-config, --data-revision."""
    return HubRef(params.data_path, params.data_revision, params.data_config, split)


def read_source(source, progress=None) -> tuple:
    """read_table (`progress` as it takes it), and a Hub dataset (a HubRef, or `OWNER/NAME` naming no local file:
    its train split) loaded whole with the reading token (autotrain data check OWNER/NAME)."""
    if isinstance(source, str) and is_dataset_id(source):
        source = HubRef(source, split="train")
    if isinstance(source, HubRef):
        from autotrain_ui.core.hub_client import reading_token

        return load_split(source, reading_token()), {"file_type": "hub", "encoding": None, "delimiter": None,
                                                     "source": source.dataset, "warnings": []}
    return read_table(source, progress=progress)
