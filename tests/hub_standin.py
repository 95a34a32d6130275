"""A Hub stand-in served on loopback: enough of the Hugging Face Hub's HTTP API for the real huggingface_hub
client (2.x) to whoami, read dataset repos (info, tree, files and byte ranges of them: tests/hub_datasets.py
fills one), create model and Space repos, commit regular files and large files (LFS batch API,
basic transfer), list and download files, and manage a Space (hardware request, runtime, secrets, variables,
duplicate).

Pointing the client at it:
  * HfApi(endpoint=standin.url), or HF_ENDPOINT=standin.url. huggingface_hub reads HF_ENDPOINT into
    `constants.ENDPOINT` at import time, so in-process code must read the variable when it is called
    (autotrain_ui.hub.hub_endpoint() does) or be started as a subprocess with `standin.env()`.
  * Uploads: huggingface_hub 2.x uploads large files through Xet whenever the `hf_xet` package is installed
    (it is: transformers depends on it). The stand-in speaks the older LFS batch protocol only, so Xet must
    be off: HF_HUB_DISABLE_XET=1 in a subprocess's environment, or `huggingface_hub.constants.HF_HUB_DISABLE_XET
    = True` in process (`is_xet_available()` reads that constant at call time). `disable_xet()` does the latter.

Gated models (Llama, Gemma): `add_repo(id, private=False, gated="manual")` makes a public repo whose model info
anyone reads (with "gated" in it, as on the Hub) but whose files, and `auth-check`, answer like the Hub's: 401
GatedRepo with no token, 403 GatedRepo with a token whose user has not accepted the licence. `grant(id, user)`
accepts it for that user.

Failure switches: `fail(status=401|404|..., path=..., method=...)` answers matching requests with that status
(the Hub's error headers included), `fail(drop=True, ...)` closes the connection without an answer (a network
cut). `times` limits how often a rule fires.

Every request is recorded (method, path, headers, body) so a test can check where a token travelled.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

LFS_EXTENSIONS = (".safetensors", ".bin", ".pt", ".pth", ".gguf", ".png", ".jpg", ".parquet", ".arrow", ".zip", ".h5")
PREFIX = {"model": "", "dataset": "datasets/", "space": "spaces/"}
TYPES = {"models": "model", "datasets": "dataset", "spaces": "space"}


def git_blob_sha1(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


@dataclass
class Repo:
    type: str
    id: str
    private: bool = True
    sdk: str | None = None
    files: dict[str, bytes] = field(default_factory=dict)
    lfs_paths: set[str] = field(default_factory=set)
    commits: list[str] = field(default_factory=list)
    hardware: str | None = None
    requested_hardware: str | None = None
    stage: str = "RUNNING"
    secrets: dict[str, str] = field(default_factory=dict)
    variables: dict[str, str] = field(default_factory=dict)
    duplicated_from: str | None = None
    gated: str | bool = False                      # False, "auto" or "manual", as the Hub's model info says
    granted: set[str] = field(default_factory=set)  # users who accepted a gated repo's licence

    @property
    def sha(self) -> str:
        return self.commits[-1] if self.commits else "0" * 40

    def runtime(self) -> dict:
        return {"stage": self.stage, "hardware": {"current": self.hardware, "requested": self.requested_hardware},
                "gcTimeout": None, "storage": None}


@dataclass
class Rule:
    status: int | None
    drop: bool
    path: str
    method: str | None
    times: int | None


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict
    body: bytes


class HubStandin:
    def __init__(self, lfs_threshold: int = 10 * 1024 * 1024, hardware_applies: bool = True):
        self.users: dict[str, str] = {}          # token -> user name
        self.orgs: set[str] = set()
        self.repos: dict[tuple[str, str], Repo] = {}
        self.lfs_store: dict[str, bytes] = {}
        self.requests: list[Recorded] = []
        self.rules: list[Rule] = []
        self.lfs_threshold = lfs_threshold
        self.hardware_applies = hardware_applies   # a hardware request takes effect at once (else stays "requested")
        self.lock = threading.RLock()
        self.server: ThreadingHTTPServer | None = None
        self.thread: threading.Thread | None = None

    # ------------------------------------------------------------ control
    def start(self) -> "HubStandin":
        handler = type("Handler", (_Handler,), {"hub": self})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def env(self) -> dict:
        """Environment for a subprocess that should talk to the stand-in."""
        return {"HF_ENDPOINT": self.url, "HF_HUB_DISABLE_XET": "1", "HF_HUB_DISABLE_TELEMETRY": "1",
                "HF_HUB_DISABLE_PROGRESS_BARS": "1"}

    def add_user(self, name: str, token: str) -> None:
        self.users[token] = name

    def fail(self, status: int | None = None, *, drop: bool = False, path: str = "", method: str | None = None,
             times: int | None = None) -> None:
        self.rules.append(Rule(status, drop, path, method, times))

    def clear_failures(self) -> None:
        self.rules.clear()

    def repo(self, repo_id: str, repo_type: str = "model") -> Repo | None:
        return self.repos.get((repo_type, repo_id))

    def add_repo(self, repo_id: str, repo_type: str = "model", files: dict[str, bytes] | None = None, **kw) -> Repo:
        repo = Repo(repo_type, repo_id, **kw)
        if repo_type == "space" and repo.hardware is None:
            repo.hardware = "cpu-basic"
        for path, data in (files or {}).items():
            repo.files[path] = data
        if files:
            repo.commits.append(hashlib.sha1(repr(sorted(files)).encode()).hexdigest())
        self.repos[(repo_type, repo_id)] = repo
        return repo

    def grant(self, repo_id: str, user: str, repo_type: str = "model") -> None:
        """`user` accepted the gated repo's licence (the Hub's "Agree and access repository")."""
        self.repos[(repo_type, repo_id)].granted.add(user)

    @staticmethod
    def disable_xet() -> None:
        from huggingface_hub import constants

        constants.HF_HUB_DISABLE_XET = True


def disable_xet(monkeypatch) -> None:
    """pytest helper: Xet off for in-process clients, restored after the test."""
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_DISABLE_XET", True)


def use_standin(hub: "HubStandin", monkeypatch):
    """pytest helper: this process's Hub clients talk to `hub`, with no HF_TOKEN of the machine, no progress bars and
    no Xet; the stand-in's injected failures are cleared before and after. Yields the stand-in."""
    monkeypatch.setenv("HF_ENDPOINT", hub.url)
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.setenv("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    disable_xet(monkeypatch)
    hub.clear_failures()
    yield hub
    hub.clear_failures()


class _Handler(BaseHTTPRequestHandler):
    hub: HubStandin
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet
        pass

    # ------------------------------------------------------------ plumbing
    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            out = bytearray()
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return bytes(out)
                out += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send(self, status: int, body: bytes | dict | list | None = None, headers: dict | None = None,
              head_only: bool = False) -> None:
        if isinstance(body, (dict, list)):
            data = json.dumps(body).encode()
            headers = {"Content-Type": "application/json", **(headers or {})}
        else:
            data = body or b""
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, str(v))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if not head_only:
            self.wfile.write(data)

    def _error(self, status: int, message: str, code: str | None = None) -> None:
        headers = {"X-Error-Message": message}
        if code:
            headers["X-Error-Code"] = code
        # an answer to HEAD has no body: one written anyway would be read as the start of the next answer
        self._send(status, {"error": message}, headers, head_only=self.command == "HEAD")

    def _user(self) -> str | None:
        auth = self.headers.get("Authorization", "")
        return self.hub.users.get(auth[7:]) if auth.startswith("Bearer ") else None

    def _bad_token(self) -> bool:
        auth = self.headers.get("Authorization", "")
        return auth.startswith("Bearer ") and auth[7:] not in self.hub.users

    def _drop(self) -> None:
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _rule(self, method: str, path: str) -> Rule | None:
        with self.hub.lock:
            for rule in self.hub.rules:
                if rule.path in path and (rule.method is None or rule.method == method):
                    if rule.times is not None:
                        if rule.times <= 0:
                            continue
                        rule.times -= 1
                    return rule
        return None

    def _handle(self, method: str) -> None:
        parts = urlsplit(self.path)
        path, query = unquote(parts.path), parse_qs(parts.query)
        body = self._body() if method in ("POST", "PUT", "DELETE", "PATCH") else b""
        self.hub.requests.append(Recorded(method, self.path, dict(self.headers), body))
        rule = self._rule(method, path)
        if rule is not None:
            if rule.drop:
                return self._drop()
            if rule.status == 401:
                return self._error(401, "Invalid credentials in Authorization header")
            if rule.status == 404:
                return self._error(404, "Repository not found", "RepoNotFound")
            return self._error(rule.status or 500, f"stand-in failure {rule.status}")
        if self._bad_token():
            return self._error(401, "Invalid credentials in Authorization header")
        try:
            with self.hub.lock:
                self._route(method, path, query, body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self):
        self._handle("GET")

    def do_HEAD(self):
        self._handle("HEAD")

    def do_POST(self):
        self._handle("POST")

    def do_PUT(self):
        self._handle("PUT")

    def do_DELETE(self):
        self._handle("DELETE")

    # ------------------------------------------------------------ routes
    def _route(self, method: str, path: str, query: dict, body: bytes) -> None:
        hub = self.hub
        if path == "/api/whoami-v2" and method == "GET":
            user = self._user()
            if not user:
                return self._error(401, "Invalid credentials in Authorization header")
            return self._send(200, {"type": "user", "name": user, "fullname": user.title(), "orgs":
                                    [{"name": o} for o in sorted(hub.orgs)],
                                    "auth": {"type": "access_token", "accessToken": {"displayName": "test", "role": "write"}}})
        if path == "/api/repos/create" and method == "POST":
            return self._create(json.loads(body or b"{}"))
        if path == "/api/validate-yaml" and method == "POST":
            return self._validate_yaml(json.loads(body or b"{}"))
        if path.startswith("/_lfs/"):
            return self._lfs_object(method, path[len("/_lfs/"):], body)
        m = re.match(r"^/(?:(datasets|spaces)/)?([^/]+/[^/]+?)\.git/info/lfs/objects/batch$", path)
        if m and method == "POST":
            return self._lfs_batch(TYPES.get(m.group(1) or "models", "model"), m.group(2), json.loads(body))
        m = re.match(r"^/api/(models|datasets|spaces)/([^/]+/[^/]+)(?:/(.*))?$", path)
        if m:
            return self._api(method, TYPES[m.group(1)], m.group(2), m.group(3) or "", query, body)
        m = re.match(r"^/(?:(datasets|spaces)/)?([^/]+/[^/]+)/resolve/([^/]+)/(.+)$", path)
        if m and method in ("GET", "HEAD"):
            return self._download(TYPES.get(m.group(1) or "models", "model"), m.group(2), m.group(4), method == "HEAD")
        return self._error(404, f"stand-in: no route for {method} {path}")

    def _visible(self, repo: Repo | None) -> bool:
        if repo is None:
            return False
        if not repo.private:
            return True
        user = self._user()
        return user is not None and (repo.id.split("/")[0] == user or repo.id.split("/")[0] in self.hub.orgs)

    def _gate(self, repo: Repo) -> bool:
        """True when a gated repo's files are refused to this request (the Hub's GatedRepo answer sent)."""
        if not repo.gated:
            return False
        user = self._user()
        if user is not None and (user in repo.granted or repo.id.split("/")[0] in ({user} | self.hub.orgs)):
            return False
        if user is None:
            self._error(401, f"Access to {repo.type} {repo.id} is restricted. You must have access to it and be "
                             "authenticated to access it. Please log in.", "GatedRepo")
        else:
            self._error(403, f"Access to {repo.type} {repo.id} is restricted and you are not in the authorized list. "
                             f"Visit {self.hub.url}/{repo.id} to ask for access.", "GatedRepo")
        return True

    def _may_write(self, repo_id: str) -> bool:
        user = self._user()
        return user is not None and repo_id.split("/")[0] in ({user} | self.hub.orgs)

    def _create(self, payload: dict, *, files: dict | None = None, source: str | None = None) -> None:
        user = self._user()
        if not user:
            return self._error(401, "You must be authenticated to create a repo")
        namespace = payload.get("organization") or user
        repo_id = f"{namespace}/{payload['name']}"
        repo_type = payload.get("type") or "model"
        if namespace != user and namespace not in self.hub.orgs:
            return self._error(403, f"You don't have the rights to create a {repo_type} under the namespace {namespace}")
        url = f"{self.hub.url}/{PREFIX[repo_type]}{repo_id}"
        if (repo_type, repo_id) in self.hub.repos:
            return self._send(409, {"error": f"You already created this {repo_type} repo", "url": url})
        if repo_type == "space" and not payload.get("sdk") and files is None:
            return self._error(400, "sdk is required for a Space")
        repo = self.hub.add_repo(repo_id, repo_type, private=payload.get("visibility", "private") != "public"
                                 if "visibility" in payload else bool(payload.get("private", False)),
                                 sdk=payload.get("sdk"))
        if repo_type == "space":
            repo.hardware = payload.get("hardware") or "cpu-basic"
            repo.requested_hardware = payload.get("hardware")
            for s in payload.get("secrets") or []:
                repo.secrets[s["key"]] = s["value"]
            for v in payload.get("variables") or []:
                repo.variables[v["key"]] = v["value"]
        if files is not None:
            repo.files.update(files)
            repo.commits.append(hashlib.sha1(f"dup-{time.time()}".encode()).hexdigest())
            repo.duplicated_from = source
        return self._send(200, {"url": url, "name": repo_id, "id": repo_id})

    def _validate_yaml(self, payload: dict) -> None:
        import yaml

        content = payload.get("content", "")
        errors = []
        m = re.match(r"^---\s*\n(.*?)\n---\s*\n", content, re.S)
        if m:
            try:
                meta = yaml.safe_load(m.group(1))
                if meta is not None and not isinstance(meta, dict):
                    errors.append({"message": "metadata must be a YAML mapping"})
                elif meta:
                    for key in ("tags", "datasets"):
                        if key in meta and not isinstance(meta[key], (list, str)):
                            errors.append({"message": f'"{key}" must be a list of strings'})
                    if "base_model" in meta and not isinstance(meta["base_model"], (str, list)):
                        errors.append({"message": '"base_model" must be a string or a list of strings'})
            except yaml.YAMLError as exc:
                errors.append({"message": f"invalid YAML: {exc}"})
        if errors:
            return self._send(400, {"errors": errors, "warnings": []})
        return self._send(200, {"errors": [], "warnings": []})

    def _api(self, method: str, repo_type: str, repo_id: str, rest: str, query: dict, body: bytes) -> None:
        hub = self.hub
        repo = hub.repo(repo_id, repo_type)
        if rest == "duplicate" and method == "POST":
            if not self._visible(repo):
                return self._error(404, "Repository not found", "RepoNotFound")
            payload = json.loads(body)
            namespace, name = payload["repository"].split("/")
            create = {"name": name, "organization": namespace if namespace != self._user() else None,
                      "type": repo_type, "sdk": repo.sdk, **{k: payload[k] for k in
                                                            ("visibility", "private", "hardware", "secrets", "variables")
                                                            if k in payload}}
            if "visibility" not in payload and "private" not in payload:
                create["visibility"] = "private" if repo.private else "public"
            return self._create(create, files=dict(repo.files), source=repo_id)
        if not self._visible(repo):
            return self._error(404, "Repository not found", "RepoNotFound")
        if rest == "auth-check" and method == "GET":
            if self._gate(repo):
                return
            return self._send(200, b"")
        if rest.startswith("revision/") and rest.split("/", 1)[1] not in ("main", *repo.commits):
            return self._error(404, f"Invalid rev id: {rest.split('/', 1)[1]}", "RevisionNotFound")
        if rest == "" or rest.startswith("revision/"):
            info = {"id": repo_id, "private": repo.private, "sha": repo.sha, "gated": repo.gated,
                    "siblings": [{"rfilename": p, "size": len(d)} for p, d in sorted(repo.files.items())]}
            if repo_type == "space":
                info.update(sdk=repo.sdk, runtime=repo.runtime())
            return self._send(200, info)
        if rest.startswith("preupload/") and method == "POST":
            if not self._may_write(repo_id):
                return self._error(403, "You don't have write access to this repo")
            files = []
            for f in json.loads(body)["files"]:
                lfs = f["size"] >= hub.lfs_threshold or f["path"].lower().endswith(LFS_EXTENSIONS)
                files.append({"path": f["path"], "uploadMode": "lfs" if lfs else "regular", "shouldIgnore": False,
                              "oid": None})
            return self._send(200, {"files": files, "commitOid": repo.sha})
        if rest.startswith("commit/") and method == "POST":
            if not self._may_write(repo_id):
                return self._error(403, "You don't have write access to this repo")
            return self._commit(repo, body)
        if rest.startswith("tree/") and method == "GET":
            return self._tree(repo, rest, query)
        if repo_type == "space":
            return self._space(method, repo, rest, body)
        return self._error(404, f"stand-in: no route for {method} {rest}")

    def _commit(self, repo: Repo, body: bytes) -> None:
        lines = [json.loads(line) for line in body.decode().splitlines() if line.strip()]
        staged, lfs, deleted = {}, set(), []
        for item in lines:
            key, value = item["key"], item["value"]
            if key == "file":
                staged[value["path"]] = base64.b64decode(value["content"])
            elif key == "lfsFile":
                data = self.hub.lfs_store.get(value["oid"])
                if data is None:
                    return self._error(422, f"LFS object {value['oid']} for {value['path']} was never uploaded")
                staged[value["path"]] = data
                lfs.add(value["path"])
            elif key in ("deletedFile", "deletedFolder"):
                deleted.append(value["path"])
        for p in deleted:
            for existing in list(repo.files):
                if existing == p or existing.startswith(p.rstrip("/") + "/"):
                    repo.files.pop(existing)
                    repo.lfs_paths.discard(existing)
        for p, data in staged.items():
            repo.files[p] = data
            (repo.lfs_paths.add if p in lfs else repo.lfs_paths.discard)(p)
        oid = hashlib.sha1(f"{repo.id}-{len(repo.commits)}-{time.time()}".encode()).hexdigest()
        repo.commits.append(oid)
        prefix = PREFIX[repo.type]
        return self._send(200, {"commitUrl": f"{self.hub.url}/{prefix}{repo.id}/commit/{oid}", "commitOid": oid,
                                "success": True, "pullRequestUrl": None})

    def _tree(self, repo: Repo, rest: str, query: dict) -> None:
        sub = rest.split("/", 2)[2] if rest.count("/") >= 2 else ""
        recursive = query.get("recursive", ["False"])[0].lower() == "true"
        base = sub.rstrip("/") + "/" if sub else ""
        entries, folders = [], set()
        for p, data in sorted(repo.files.items()):
            if not p.startswith(base):
                continue
            rel = p[len(base):]
            if "/" in rel and not recursive:
                folders.add(base + rel.split("/")[0])
                continue
            if recursive:
                parts = p.split("/")
                for i in range(len(base.split("/")) if base else 1, len(parts)):
                    folders.add("/".join(parts[:i]))
            entry = {"type": "file", "oid": git_blob_sha1(data), "size": len(data), "path": p}
            if p in repo.lfs_paths:
                entry["lfs"] = {"oid": hashlib.sha256(data).hexdigest(), "size": len(data), "pointerSize": 134}
            entries.append(entry)
        entries += [{"type": "directory", "oid": "0" * 40, "size": 0, "path": f} for f in sorted(folders) if f]
        return self._send(200, entries)

    def _download(self, repo_type: str, repo_id: str, path: str, head: bool) -> None:
        repo = self.hub.repo(repo_id, repo_type)
        if not self._visible(repo):
            return self._error(404, "Repository not found", "RepoNotFound")
        if self._gate(repo):
            return
        if path not in repo.files:
            return self._error(404, "Entry not found", "EntryNotFound")
        data = repo.files[path]
        etag = hashlib.sha256(data).hexdigest() if path in repo.lfs_paths else git_blob_sha1(data)
        headers = {"X-Repo-Commit": repo.sha, "ETag": f'"{etag}"', "Content-Type": "application/octet-stream"}
        if path in repo.lfs_paths:
            headers.update({"X-Linked-Etag": f'"{etag}"', "X-Linked-Size": len(data)})
        ranged = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        if ranged and not head:  # the first bytes of a file (a JSONL's first lines, a Parquet footer), as the Hub
            start = int(ranged.group(1))
            end = min(int(ranged.group(2) or len(data) - 1), len(data) - 1)
            if start >= len(data):
                return self._error(416, "Requested range not satisfiable")
            headers["Content-Range"] = f"bytes {start}-{end}/{len(data)}"
            return self._send(206, data[start:end + 1], headers)
        if head:
            self.send_response(200)
            for k, v in headers.items():
                self.send_header(k, str(v))
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            return
        return self._send(200, data, headers)

    def _lfs_batch(self, repo_type: str, repo_id: str, payload: dict) -> None:
        repo = self.hub.repo(repo_id, repo_type)
        if repo is None or not self._may_write(repo_id):
            return self._error(404 if repo is None else 403, "Repository not found" if repo is None else "Forbidden",
                               "RepoNotFound" if repo is None else None)
        objects = []
        for obj in payload.get("objects", []):
            entry = {"oid": obj["oid"], "size": obj["size"]}
            if obj["oid"] not in self.hub.lfs_store:
                entry["actions"] = {"upload": {"href": f"{self.hub.url}/_lfs/{obj['oid']}"},
                                    "verify": {"href": f"{self.hub.url}/_lfs/verify"}}
            objects.append(entry)
        return self._send(200, {"transfer": "basic", "objects": objects})

    def _lfs_object(self, method: str, oid: str, body: bytes) -> None:
        if method == "PUT":
            if hashlib.sha256(body).hexdigest() != oid:
                return self._error(400, "content does not match its oid")
            self.hub.lfs_store[oid] = body
            return self._send(200, b"")
        if method == "POST" and oid == "verify":
            info = json.loads(body)
            data = self.hub.lfs_store.get(info["oid"])
            if data is None or len(data) != info["size"]:
                return self._error(404, "object not found")
            return self._send(200, {})
        return self._error(404, "no such LFS route")

    def _space(self, method: str, repo: Repo, rest: str, body: bytes) -> None:
        if rest == "runtime" and method == "GET":
            return self._send(200, repo.runtime())
        if not self._may_write(repo.id):
            return self._error(403, "You don't have write access to this Space")
        if rest == "hardware" and method == "POST":
            flavor = json.loads(body)["flavor"]
            repo.requested_hardware = flavor
            if self.hub.hardware_applies:
                repo.hardware = flavor
            repo.stage = "RUNNING" if self.hub.hardware_applies else "BUILDING"
            return self._send(200, repo.runtime())
        if rest == "secrets":
            payload = json.loads(body or b"{}")
            if method == "POST":
                repo.secrets[payload["key"]] = payload["value"]
                return self._send(200, b"")
            if method == "DELETE":
                repo.secrets.pop(payload.get("key"), None)
                return self._send(200, b"")
            if method == "GET":  # like the Hub: names only, never values
                return self._send(200, {k: {"key": k, "updatedAt": "2025-01-01T00:00:00.000Z"} for k in repo.secrets})
        if rest == "variables" and method == "POST":
            payload = json.loads(body)
            repo.variables[payload["key"]] = payload["value"]
            return self._send(200, {k: {"value": v, "updatedAt": "2025-01-01T00:00:00.000Z"}
                                    for k, v in repo.variables.items()})
        return self._error(404, f"stand-in: no Space route for {method} {rest}")


if __name__ == "__main__":  # `python tests/hub_standin.py`: serve until Ctrl-C (user "alice", token "hf_alice")
    hub = HubStandin()
    hub.add_user("alice", "hf_alice")
    hub.start()
    print(f"Hub stand-in on {hub.url} (token hf_alice); HF_ENDPOINT={hub.url} HF_HUB_DISABLE_XET=1")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        hub.stop()
