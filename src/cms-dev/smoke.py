#!/usr/bin/env python3
"""The checks of smoke.sh: reads the seeded content of the running WordPress and Strapi over REST, changes it, and
checks that the webhooks arrive at a listener on 127.0.0.1 — WordPress's signed with HMAC-SHA256, Strapi's with
the shared-secret header. Standard library only.

Usage: smoke.py --listen-port PORT --wordpress-env FILE --strapi-env FILE --strapi-secret SECRET --strapi-dev-env FILE
Exit status 0 when every check passed, 1 otherwise.
"""

import argparse
import base64
import hashlib
import hmac
import http.server
import json
import re
import secrets
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

WEBHOOK_WAIT_S = 2.0  # what the brief promises for WordPress; Strapi's runner is asynchronous, given the same
MAX_CLOCK_SKEW_S = 300


def read_env(path):
    values = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            key, sep, value = line.rstrip("\n").partition("=")
            if sep:
                values[key] = value
    return values


class Hooks:
    """What the listener received, in order, and a way to wait for a matching delivery."""

    def __init__(self):
        self.items = []
        self.cond = threading.Condition()

    def add(self, item):
        with self.cond:
            self.items.append(item)
            self.cond.notify_all()

    def wait_for(self, start_index, predicate, timeout):
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for item in self.items[start_index:]:
                    if predicate(item):
                        return item
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.cond.wait(left)

    def mark(self):
        with self.cond:
            return len(self.items)


def make_handler(hooks, secrets_by_path):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's naming)
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            path = urllib.parse.urlsplit(self.path).path
            item = {"path": path, "at": time.monotonic(), "headers": dict(self.headers.items()), "raw": body}
            try:
                item["json"] = json.loads(body)
            except ValueError:
                item["json"] = None
            kind, secret = secrets_by_path.get(path, (None, None))
            if kind == "hmac":
                item["valid"], item["why"] = verify_hmac(self.headers, body, secret)
            elif kind == "header":
                got = self.headers.get("X-Portico-Webhook-Secret", "")
                item["valid"] = hmac.compare_digest(got.encode(), secret.encode())
                item["why"] = "secret header matches" if item["valid"] else "wrong or missing X-Portico-Webhook-Secret"
            else:
                item["valid"], item["why"] = False, "unknown path"
            hooks.add(item)
            self.send_response(204 if item["valid"] else 401)
            self.end_headers()

        def log_message(self, *args):
            pass

    return Handler


def verify_hmac(headers, body, secret):
    """Verifies a Portico WordPress webhook the way Portico must: signature over '<timestamp>.<raw body>'."""
    timestamp = headers.get("X-Portico-Timestamp", "")
    signature = headers.get("X-Portico-Signature", "")
    delivery = headers.get("X-Portico-Delivery", "")
    if not re.fullmatch(r"[0-9]+", timestamp):
        return False, "X-Portico-Timestamp missing or not a number"
    if abs(time.time() - int(timestamp)) > MAX_CLOCK_SKEW_S:
        return False, "X-Portico-Timestamp too old or in the future"
    if not re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", delivery):
        return False, "X-Portico-Delivery is not a UUID v4"
    if headers.get("Content-Type", "").split(";")[0].strip() != "application/json":
        return False, "Content-Type is not application/json"
    expected = "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        return False, "X-Portico-Signature does not match"
    return True, "signature valid"


class Http:
    def __init__(self, base, auth=None):
        self.base = base.rstrip("/")
        self.auth = auth

    def call(self, method, path, body=None, auth=True, headers=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if auth and self.auth:
            request.add_header("Authorization", self.auth)
        for key, value in (headers or {}).items():
            request.add_header(key, value)
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                raw = response.read()
                return response.status, (json.loads(raw) if raw else None)
        except urllib.error.HTTPError as e:
            raw = e.read()
            try:
                return e.code, json.loads(raw)
            except ValueError:
                return e.code, raw.decode(errors="replace")


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, what, detail=""):
        if ok:
            self.passed += 1
            print(f"ok    {what}", flush=True)
        else:
            self.failed += 1
            print(f"FAIL  {what}" + (f": {detail}" if detail else ""), flush=True)
        return ok


def wordpress_checks(c, hooks, wp, listen_url, secret):
    url = wp["PORTICO_IT_WORDPRESS_URL"]
    basic = base64.b64encode(
        f"{wp['PORTICO_IT_WORDPRESS_USER']}:{wp['PORTICO_IT_WORDPRESS_APP_PASSWORD']}".encode()).decode()
    api = Http(url, "Basic " + basic)

    status, pages = api.call("GET", "/wp-json/wp/v2/pages?slug=about-wordpress", auth=False)
    about = pages[0] if status == 200 and isinstance(pages, list) and len(pages) == 1 else None
    c.check(about is not None, "WordPress: anonymous GET /wp-json/wp/v2/pages?slug=about-wordpress finds the page",
            f"{status} {str(pages)[:300]}")
    if about is None:
        return
    page_id = about["id"]
    title = about["title"]["rendered"]
    content = about["content"]["rendered"]
    c.check("&#8217;" in title and "&#038;" in title, "WordPress: the rendered title carries entities", title)
    c.check("<h2" in content and '<a href="https://' in content and "<img " in content,
            "WordPress: the body has a heading, a link and an image", content[:300])

    status, pages = api.call("GET", "/wp-json/wp/v2/pages?slug=portico-draft", auth=False)
    c.check(status == 200 and pages == [], "WordPress: anonymous readers do not see the draft", f"{status} {pages}")
    status, pages = api.call("GET", "/wp-json/wp/v2/pages?slug=portico-draft&status=draft")
    c.check(status == 200 and len(pages) == 1, "WordPress: the application password sees the draft", f"{status}")
    status, page = api.call("GET", f"/wp-json/wp/v2/pages/{page_id}?context=edit")
    c.check(status == 200 and page["title"]["raw"] == "Portico's pages & WordPress",
            "WordPress: context=edit (application password) gives the raw title", f"{status}")
    status, _ = api.call("GET", f"/wp-json/wp/v2/pages/{page_id}?context=edit", auth=False)
    c.check(status == 401, "WordPress: context=edit without a password is refused", f"{status}")

    status, _ = api.call("GET", "/wp-json/portico/v1/webhook", auth=False)
    c.check(status == 401, "WordPress: GET /wp-json/portico/v1/webhook needs a login", f"{status}")
    status, body = api.call("POST", "/wp-json/portico/v1/webhook", {"url": listen_url, "secret": "too-short"})
    c.check(status == 400, "WordPress: the webhook route refuses a short secret", f"{status}")
    status, body = api.call("POST", "/wp-json/portico/v1/webhook", {"url": listen_url, "secret": secret})
    c.check(status == 200 and body.get("url") == listen_url and secret not in json.dumps(body),
            "WordPress: POST /wp-json/portico/v1/webhook points WordPress at the listener", f"{status} {body}")
    status, body = api.call("GET", "/wp-json/portico/v1/webhook")
    c.check(status == 200 and body.get("url") == listen_url and secret not in json.dumps(body),
            "WordPress: GET shows the URL, not the secret", f"{status} {body}")

    def expect(label, method, path, payload, event, **fields):
        mark = hooks.mark()
        started = time.monotonic()
        status, answer = api.call(method, path, payload)
        if not c.check(status in (200, 201), f"WordPress: {label} through REST", f"{status} {str(answer)[:300]}"):
            return None
        hook = hooks.wait_for(mark, lambda h: h["path"] == "/wordpress" and (h["json"] or {}).get("event") == event,
                              WEBHOOK_WAIT_S)
        if not c.check(hook is not None, f"WordPress: webhook '{event}' arrived within {WEBHOOK_WAIT_S:.0f} s"):
            return None
        body = hook["json"]
        wanted = {"type": "page", **fields}
        wrong = {k: (body.get(k), v) for k, v in wanted.items() if body.get(k) != v}
        c.check(hook["valid"] and not wrong and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", body["modified"] or ""),
                f"WordPress: '{event}' is signed correctly and says {wanted} "
                f"({(hook['at'] - started) * 1000:.0f} ms)", f"{hook['why']}; wrong: {wrong}; body {body}")
        return answer

    expect("editing the published page", "POST", f"/wp-json/wp/v2/pages/{page_id}",
           {"title": "Portico's pages & WordPress (edited)"}, "update",
           id=page_id, slug="about-wordpress", previousSlug=None, status="publish")
    expect("renaming its slug", "POST", f"/wp-json/wp/v2/pages/{page_id}", {"slug": "about-wordpress-renamed"},
           "update", id=page_id, slug="about-wordpress-renamed", previousSlug="about-wordpress")
    expect("renaming it back", "POST", f"/wp-json/wp/v2/pages/{page_id}", {"slug": "about-wordpress"},
           "update", id=page_id, slug="about-wordpress", previousSlug="about-wordpress-renamed")
    expect("moving it back to draft", "POST", f"/wp-json/wp/v2/pages/{page_id}", {"status": "draft"},
           "unpublish", id=page_id, status="draft")
    expect("publishing it again", "POST", f"/wp-json/wp/v2/pages/{page_id}", {"status": "publish"},
           "publish", id=page_id, slug="about-wordpress", status="publish")
    created = expect("creating a published page", "POST", "/wp-json/wp/v2/pages",
                     {"title": "Smoke & mirrors", "slug": "smoke-test", "status": "publish", "content": "<p>x</p>"},
                     "publish", slug="smoke-test", status="publish")
    if created:
        expect("trashing it", "DELETE", f"/wp-json/wp/v2/pages/{created['id']}", None,
               "unpublish", id=created["id"], status="trash", previousSlug="smoke-test")
        expect("deleting it for good", "DELETE", f"/wp-json/wp/v2/pages/{created['id']}?force=true", None,
               "delete", id=created["id"], previousSlug="smoke-test")

    mark = hooks.mark()
    api.call("POST", "/wp-json/wp/v2/pages", {"title": "Only a draft", "status": "draft"})
    quiet = hooks.wait_for(mark, lambda h: h["path"] == "/wordpress", 0.5)
    c.check(quiet is None, "WordPress: saving a draft sends nothing", str(quiet and quiet["json"]))


def strapi_checks(c, hooks, st, listen_base, secret):
    url = st["PORTICO_IT_STRAPI_URL"]
    api = Http(url, "Bearer " + st["PORTICO_IT_STRAPI_TOKEN"])
    about_filter = "filters[slug][$eq]=about-strapi"

    found = {}
    for locale, title in (("en", "Strapi's pages & Portico"), ("de", "Strapis Seiten & Portico")):
        status, body = api.call("GET", f"/api/pages?{about_filter}&locale={locale}")
        data = body.get("data") if isinstance(body, dict) else None
        ok = status == 200 and isinstance(data, list) and len(data) == 1 and data[0].get("title") == title
        c.check(ok, f"Strapi: GET /api/pages?{about_filter}&locale={locale} (token) finds '{title}'",
                f"{status} {str(body)[:300]}")
        if ok:
            found[locale] = data[0]
    if "en" in found:
        kinds = [b.get("type") for b in found["en"].get("body") or []]
        has_link = any(ch.get("type") == "link" for b in found["en"]["body"] for ch in b.get("children", []))
        c.check(kinds == ["heading", "paragraph", "list"] and has_link,
                "Strapi: the body is Blocks JSON with a heading, a paragraph with a link, a list", str(kinds))
        c.check(found["en"].get("locale") == "en" and found.get("de", {}).get("documentId") == found["en"]["documentId"],
                "Strapi: en and de are locales of one document")

    status, _ = api.call("GET", f"/api/pages?{about_filter}", auth=False)
    c.check(status in (401, 403), "Strapi: GET /api/pages without the token is refused", f"{status}")
    status, body = api.call("GET", "/api/pages?filters[slug][$eq]=portico-draft")
    c.check(status == 200 and body["data"] == [], "Strapi: the draft is not published", f"{status}")
    status, body = api.call("GET", "/api/pages?filters[slug][$eq]=portico-draft&status=draft")
    c.check(status == 200 and len(body["data"]) == 1, "Strapi: status=draft finds it", f"{status}")
    status, body = api.call("GET", "/api/blocks?filters[key][$eq]=welcome&locale=de")
    c.check(status == 200 and len(body["data"]) == 1 and body["data"][0]["title"] == "Willkommen",
            "Strapi: block 'welcome' in de", f"{status} {str(body)[:200]}")

    if "en" in found:
        doc = found["en"]["documentId"]
        strapi_expect(c, hooks, api, "updating and publishing 'about-strapi' (en)", "PUT",
                      f"/api/pages/{doc}?locale=en&status=published", {"data": {"summary": "Edited by the smoke test."}},
                      "/strapi", ["entry.update", "entry.publish"])
    strapi_expect(c, hooks, api, "creating a published page", "POST", "/api/pages?locale=en&status=published",
                  {"data": {"title": "Smoke & mirrors", "slug": "smoke-test"}}, "/strapi", ["entry.create", "entry.publish"])

    # A test pointing this Strapi at itself later: the development route, with the API token.
    route_secret = secrets.token_hex(16)
    hooks_secrets["/strapi-route"] = ("header", route_secret)
    status, _ = api.call("POST", "/api/portico/webhook", {"url": listen_base + "/strapi-route", "secret": route_secret},
                         auth=False)
    c.check(status in (401, 403), "Strapi: POST /api/portico/webhook without the token is refused", f"{status}")
    status, body = api.call("POST", "/api/portico/webhook", {"url": listen_base + "/strapi-route", "secret": "short"})
    c.check(status == 400, "Strapi: POST /api/portico/webhook refuses a short secret", f"{status}")
    status, body = api.call("POST", "/api/portico/webhook", {"url": listen_base + "/strapi-route", "secret": route_secret})
    c.check(status == 200 and body["data"]["url"] == listen_base + "/strapi-route" and route_secret not in json.dumps(body),
            "Strapi: POST /api/portico/webhook (token) replaces the webhook", f"{status} {body}")
    status, body = api.call("GET", "/api/portico/webhook")
    c.check(status == 200 and body["data"]["url"] == listen_base + "/strapi-route" and route_secret not in json.dumps(body),
            "Strapi: GET /api/portico/webhook shows the URL, not the secret", f"{status} {body}")
    if "de" in found:
        mark = hooks.mark()
        strapi_expect(c, hooks, api, "updating 'about-strapi' (de)", "PUT",
                      f"/api/pages/{found['de']['documentId']}?locale=de", {"data": {"summary": "Noch einmal."}},
                      "/strapi-route", ["entry.update"])
        time.sleep(0.5)
        old = [h for h in hooks.items[mark:] if h["path"] == "/strapi"]
        c.check(not old, "Strapi: the replaced webhook sends nothing any more", str(len(old)))
    status, body = api.call("DELETE", "/api/portico/webhook")
    c.check(status == 200 and body["data"]["url"] is None, "Strapi: DELETE /api/portico/webhook removes it", f"{status}")

    # The admin API refuses webhooks to loopback addresses in production (Strapi's SSRF guard).
    admin = strapi_admin_login(c, st)
    if admin:
        status, body = admin.call("POST", "/admin/webhooks", {
            "name": "portico-smoke", "url": listen_base + "/strapi-admin", "headers": {}, "events": ["entry.update"]})
        c.check(status == 400 and "public internet" in json.dumps(body),
                "Strapi (production): POST /admin/webhooks refuses a 127.0.0.1 URL, as documented",
                f"{status} {str(body)[:300]}")


def strapi_expect(c, hooks, api, label, method, path, payload, path_hook, events):
    mark = hooks.mark()
    started = time.monotonic()
    status, answer = api.call(method, path, payload)
    if not c.check(status in (200, 201, 204), f"Strapi: {label} through REST", f"{status} {str(answer)[:300]}"):
        return None
    for event in events:
        hook = hooks.wait_for(mark, lambda h: h["path"] == path_hook and (h["json"] or {}).get("event") == event,
                              WEBHOOK_WAIT_S)
        if c.check(hook is not None, f"Strapi: webhook '{event}' arrived at {path_hook} within {WEBHOOK_WAIT_S:.0f} s"):
            body = hook["json"]
            c.check(hook["valid"] and body.get("uid") == "api::page.page" and body.get("entry", {}).get("documentId"),
                    f"Strapi: '{event}' carries the secret header and the entry "
                    f"({(hook['at'] - started) * 1000:.0f} ms)", f"{hook['why']}; {str(body)[:300]}")
    return answer


def strapi_admin_login(c, st):
    admin = Http(st["PORTICO_IT_STRAPI_URL"])
    status, body = admin.call("POST", "/admin/login", {"email": st["PORTICO_IT_STRAPI_ADMIN_EMAIL"],
                                                        "password": st["PORTICO_IT_STRAPI_ADMIN_PASSWORD"]})
    jwt = (body.get("data") or {}).get("token") if isinstance(body, dict) else None
    if not c.check(status == 200 and jwt, "Strapi: POST /admin/login gives an admin token", f"{status} {str(body)[:300]}"):
        return None
    admin.auth = "Bearer " + jwt
    return admin


def strapi_admin_webhook_checks(c, hooks, st, listen_base):
    """The admin API way, on a Strapi started with --node-env development (no webhook at start)."""
    api = Http(st["PORTICO_IT_STRAPI_URL"], "Bearer " + st["PORTICO_IT_STRAPI_TOKEN"])
    admin = strapi_admin_login(c, st)
    if not admin:
        return
    secret = secrets.token_hex(16)
    hooks_secrets["/strapi-admin"] = ("header", secret)
    status, body = admin.call("POST", "/admin/webhooks", {
        "name": "portico-smoke", "url": listen_base + "/strapi-admin", "headers": {"X-Portico-Webhook-Secret": secret},
        "events": ["entry.create", "entry.update", "entry.delete", "entry.publish", "entry.unpublish"]})
    if not c.check(status == 201, "Strapi (development): POST /admin/webhooks creates a webhook to 127.0.0.1",
                   f"{status} {str(body)[:400]}"):
        return
    hook_id = body["data"]["id"]
    status, pages = api.call("GET", "/api/pages?filters[slug][$eq]=about-strapi&locale=en")
    if c.check(status == 200 and len(pages["data"]) == 1, "Strapi (development): the seed page is there", f"{status}"):
        strapi_expect(c, hooks, api, "(development) updating and publishing 'about-strapi'", "PUT",
                      f"/api/pages/{pages['data'][0]['documentId']}?locale=en&status=published",
                      {"data": {"summary": "Admin webhook."}}, "/strapi-admin", ["entry.update", "entry.publish"])
    mark = hooks.mark()
    status, body = admin.call("POST", f"/admin/webhooks/{hook_id}/trigger")
    hook = hooks.wait_for(mark, lambda h: h["path"] == "/strapi-admin" and (h["json"] or {}).get("event") == "trigger-test",
                          WEBHOOK_WAIT_S)
    c.check(status == 200 and hook is not None and hook["valid"],
            "Strapi (development): POST /admin/webhooks/<id>/trigger delivers 'trigger-test'", f"{status} {str(body)[:200]}")
    status, _ = admin.call("DELETE", f"/admin/webhooks/{hook_id}")
    c.check(status == 200, "Strapi (development): DELETE /admin/webhooks/<id> removes it", f"{status}")


hooks_secrets = {}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen-port", type=int, required=True)
    parser.add_argument("--wordpress-env", required=True)
    parser.add_argument("--strapi-env", required=True)
    parser.add_argument("--strapi-secret", required=True)
    parser.add_argument("--strapi-dev-env", required=True, help="env of a Strapi started with --node-env development")
    args = parser.parse_args()

    wp_secret = secrets.token_hex(24)
    hooks_secrets.update({"/wordpress": ("hmac", wp_secret), "/strapi": ("header", args.strapi_secret)})
    hooks = Hooks()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.listen_port), make_handler(hooks, hooks_secrets))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    listen_base = f"http://127.0.0.1:{args.listen_port}"

    c = Checks()
    try:
        wordpress_checks(c, hooks, read_env(args.wordpress_env), listen_base + "/wordpress", wp_secret)
        strapi_checks(c, hooks, read_env(args.strapi_env), listen_base, args.strapi_secret)
        strapi_admin_webhook_checks(c, hooks, read_env(args.strapi_dev_env), listen_base)
    except Exception as e:  # a crash of the checks is a failure with its reason, not a traceback alone
        c.check(False, "the checks ran to the end", f"{type(e).__name__}: {e}")
        raise
    finally:
        server.shutdown()
        invalid = [h for h in hooks.items if not h["valid"]]
        c.check(not invalid, "no webhook failed verification", "; ".join(f"{h['path']}: {h['why']}" for h in invalid))
        print(f"\nsmoke: {c.passed} passed, {c.failed} failed")
    return 0 if c.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
