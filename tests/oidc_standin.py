"""A stand-in for the Hub's OpenID provider (what OPENID_PROVIDER_URL names on a Space with `hf_oauth: true`), served
on loopback: discovery, authorize, token and keys, enough for Gradio's real Sign-in routes (authlib) to sign a
visitor in. The real provider asks the visitor who they are; here the test says it, with `user=` added to the
authorize URL the app sent the browser to (`sign_in` walks the whole flow as a browser would).

The ID token is signed with a fresh RSA key (RS256, as the Hub signs), whose public half the discovery document
carries, so authlib checks the signature, issuer, audience and nonce as it would on a Space.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit


class OIDCStandin:
    def __init__(self, client_id: str):
        from joserfc.jwk import RSAKey

        self.client_id = client_id
        self.key = RSAKey.generate_key(2048, parameters={"kid": "standin", "use": "sig", "alg": "RS256"})
        self.codes: dict[str, dict] = {}   # code -> {user, nonce}
        handler = type("Handler", (_Handler,), {"provider": self})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def metadata(self) -> dict:
        return {"issuer": self.url, "authorization_endpoint": f"{self.url}/oauth/authorize",
                "token_endpoint": f"{self.url}/oauth/token", "userinfo_endpoint": f"{self.url}/oauth/userinfo",
                "jwks": {"keys": [self.key.as_dict(private=False)]}, "response_types_supported": ["code"],
                "id_token_signing_alg_values_supported": ["RS256"], "subject_types_supported": ["public"]}

    def id_token(self, user: str, nonce: str | None) -> str:
        from joserfc import jwt

        now = int(time.time())
        claims = {"iss": self.url, "sub": f"id-{user}", "aud": self.client_id, "iat": now, "exp": now + 3600,
                  "name": user.title(), "preferred_username": user, "profile": f"https://huggingface.co/{user}",
                  "picture": "https://huggingface.co/avatars/none.svg"}
        if nonce:
            claims["nonce"] = nonce
        return jwt.encode({"alg": "RS256", "kid": "standin"}, claims, self.key)


class _Handler(BaseHTTPRequestHandler):
    provider: OIDCStandin

    def log_message(self, *args):  # quiet
        pass

    def _json(self, value: dict, status: int = 200) -> None:
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/.well-known/openid-configuration":
            return self._json(self.provider.metadata())
        if url.path == "/oauth/authorize":
            if query.get("client_id") != self.provider.client_id or "user" not in query:
                return self._json({"error": "invalid_request"}, 400)
            code = secrets.token_hex(8)
            self.provider.codes[code] = {"user": query["user"], "nonce": query.get("nonce")}
            self.send_response(302)
            self.send_header("Location", query["redirect_uri"] + ("&" if "?" in query["redirect_uri"] else "?")
                             + urlencode({"code": code, "state": query.get("state", "")}))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        return self._json({"error": "not_found"}, 404)

    def do_POST(self):  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        if urlsplit(self.path).path != "/oauth/token":
            return self._json({"error": "not_found"}, 404)
        grant = self.provider.codes.pop(form.get("code", ""), None)
        if grant is None:
            return self._json({"error": "invalid_grant"}, 400)
        return self._json({"access_token": f"hf_oauth_{grant['user']}", "token_type": "bearer", "expires_in": 3600,
                           "scope": "openid profile",
                           "id_token": self.provider.id_token(grant["user"], grant["nonce"])})


def session_cookie(response) -> str | None:
    """The `session` cookie a response sets (Gradio marks it Secure: a test on plain http sends it back by hand)."""
    for header in response.headers.get_list("set-cookie"):
        name, _, rest = header.partition("=")
        if name.strip() == "session":
            return rest.split(";")[0]
    return None


def sign_in(app_url: str, space_host: str, user: str) -> str:
    """Sign `user` in to the app as a browser would on a Space (the app's /login/huggingface, the provider, back to
    /login/callback through the Space's proxy) and return the session cookie the app set."""
    import httpx

    with httpx.Client(follow_redirects=False, timeout=30) as http:
        start = http.get(f"{app_url}/login/huggingface")
        assert start.status_code in (302, 307), start.text
        cookie = session_cookie(start)
        authorize = http.get(start.headers["location"] + "&" + urlencode({"user": user}))
        assert authorize.status_code == 302, authorize.text
        back = authorize.headers["location"]
        assert back.startswith(f"https://{space_host}/login/callback"), back
        done = http.get(app_url + back[len(f"https://{space_host}"):], headers={"Cookie": f"session={cookie}"})
        assert done.status_code in (302, 307), done.text
        return session_cookie(done)
