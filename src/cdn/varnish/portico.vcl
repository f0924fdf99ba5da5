# Varnish 7 in front of Portico (src/docs/cdn.md, "Varnish in front of Portico"). Needs varnish-modules' xkey
# (Debian: apt-get install varnish varnish-modules).
#
# What it does:
#  - keeps what Portico marks "public" (guests' pages: public, max-age=0, s-maxage=N; fingerprinted assets and media:
#    public, max-age=31536000, immutable) and nothing else; a response that sets a cookie is never kept;
#  - never answers from the cache, nor stores, a request with Portico's session cookie, any other cookie but the
#    language cookie, or Authorization: logged-in users always reach Portico;
#  - a guest's language is part of the cache key: the language cookie, else Accept-Language, reduced to "en" or "de"
#    and handed to Portico as Accept-Language, so Portico renders exactly the language the copy is filed under;
#  - files each response under the tags of its Surrogate-Key (xkey) and purges them: PURGE / with
#    "xkey-purge: <tags separated by spaces>", or PURGE <path?query> with the public Host, from the purgers ACL only;
#  - takes Surrogate-Key, Cache-Tag and its own bookkeeping headers off before delivery, and says X-Cache: HIT, MISS
#    or PASS.
#
# The two places marked EDIT are what an operator sets: Portico's address and who may purge (the machines running
# Portico: its purge worker sends the PURGE requests). src/cdn-dev/varnish.sh fills both in from its options.
vcl 4.1;

import std;
import xkey;

# EDIT: Portico's HTTP address (varnish.sh: --backend HOST:PORT).
backend portico {
    .host = "127.0.0.1"; # portico-backend-host
    .port = "8080"; # portico-backend-port
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 10s;
}

# EDIT: the addresses that may purge: Portico's nodes (varnish.sh: --purger ADDRESS, repeatable).
acl purgers {
    "127.0.0.1"; # portico-purgers
    "::1";
}

sub vcl_recv {
    unset req.http.X-Portico-Language; # ours alone, never a client's
    unset req.http.X-Portico-Pass;

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey-purge) {
            # Tags as Portico sends them (cdn CacheTag's safe form), separated by spaces.
            set req.http.X-Purged = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.X-Purged + " objects"));
        }
        if (!req.http.host) {
            return (synth(400, "PURGE of a URL needs the public Host"));
        }
        # A URL in every language: the language is part of the hash, so one hash's purge would miss the others.
        # A ban on what each object records of its request (x-portico-host, x-portico-url) reaches all of them; it
        # names object fields only, so the ban lurker clears it in the background.
        ban("obj.http.x-portico-host == " + std.tolower(req.http.host) + " && obj.http.x-portico-url == " + req.url);
        return (synth(200, "Purged " + req.url));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Personal: logged in (the session cookie; also a session of a login in progress) or credentials.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;)\s*PORTICO_SESSION=") {
        set req.http.X-Portico-Pass = "personal";
        return (pass);
    }

    # The guest's language: the choice in the cookie, else the first of Accept-Language that Portico speaks (a
    # region counts as its language, de-CH is German), else English. Headers longer than Portico reads are English.
    if (req.http.Cookie ~ "(^|;)\s*PORTICO_LANG=(en|de)\s*(;|$)") {
        set req.http.X-Portico-Language = regsub(req.http.Cookie, "^(?:.*;)?\s*PORTICO_LANG=(en|de)\s*(?:;.*)?$", "\1");
    } else if (req.http.Accept-Language ~ "^.{513}") {
        set req.http.X-Portico-Language = "en";
    } else if (req.http.Accept-Language ~ "(?i)(^|,)\s*(en|de)(-[a-z0-9]+)*\s*(;\s*q\s*=\s*(1|0?\.\d*[1-9]\d*))?\s*(,|$)") {
        set req.http.X-Portico-Language = std.tolower(regsub(req.http.Accept-Language,
                "(?i)^(?:.*?,)??\s*(en|de)(?:-[a-z0-9]+)*\s*(?:;\s*q\s*=\s*(?:1|0?\.\d*[1-9]\d*))?\s*(?:,.*)?$", "\1"));
    } else {
        set req.http.X-Portico-Language = "en";
    }
    set req.http.Accept-Language = req.http.X-Portico-Language;

    # The language cookie has been read; any other cookie may be personal (or a site's own): not from the cache.
    if (req.http.Cookie) {
        set req.http.Cookie = regsuball(req.http.Cookie, "(^|;)\s*PORTICO_LANG=[^;]*", "");
        set req.http.Cookie = regsub(req.http.Cookie, "^[;\s]+", "");
        if (req.http.Cookie ~ "=") {
            set req.http.X-Portico-Pass = "cookie";
            return (pass);
        }
        unset req.http.Cookie;
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    if (req.http.host) {
        hash_data(std.tolower(req.http.host));
    } else {
        hash_data(server.ip);
    }
    # The language part of the key: a German guest never gets the English copy.
    hash_data(req.http.X-Portico-Language);
    return (lookup);
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    # Only what Portico marked public, and never a response that sets a cookie (a session that rendering created).
    if (beresp.http.Set-Cookie
            || beresp.http.Cache-Control !~ "(?i)(^|,)\s*public\s*(,|$)"
            || beresp.http.Cache-Control ~ "(?i)private|no-store|no-cache"
            || beresp.http.Vary == "*") {
        # Hit-for-miss for a while: later requests go to Portico at once instead of queueing behind each other.
        set beresp.uncacheable = true;
        set beresp.ttl = 60s;
        return (deliver);
    }
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    set beresp.http.x-portico-host = std.tolower(bereq.http.host);
    set beresp.http.x-portico-url = bereq.url;
    return (deliver);
}

sub vcl_deliver {
    if (obj.uncacheable || req.http.X-Portico-Pass) {
        set resp.http.X-Cache = "PASS";
    } else if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
    unset resp.http.xkey;
    unset resp.http.x-portico-host;
    unset resp.http.x-portico-url;
    return (deliver);
}

sub vcl_synth {
    set resp.http.Cache-Control = "no-store";
    unset resp.http.X-Purged;
}
