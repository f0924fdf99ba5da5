-- Reverse-proxied apps (issue 13): an app may be served through Portico at /apps/{id}/ on a proxy origin of its own,
-- with the user's access token attached. The one-time hop tickets that carry a logged-in user from Portico's origin to
-- the proxy origin, and the proxy sessions that the hop creates there, live here so that every node gives the same
-- answer and a logout ends them everywhere. Ids are stored as their SHA-256 only (base64url, 43 characters).
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 15.

ALTER TABLE portico_app ADD COLUMN proxied BOOLEAN DEFAULT FALSE NOT NULL;
-- Where the proxy sends the app's requests: an absolute http(s) URL under one of the app's base URLs.
ALTER TABLE portico_app ADD COLUMN upstream_url VARCHAR(2048);

-- A hop ticket: minted by GET /apps/{id}/… on Portico's origin, consumed once by the hop endpoint on the proxy origin
--   DELETE FROM portico_proxy_hop WHERE id_hash = ? AND expires_at > ?   (one request wins)
CREATE TABLE portico_proxy_hop (
    id_hash     VARCHAR(64)   NOT NULL,
    username    VARCHAR(64)   NOT NULL,
    app_id      VARCHAR(63)   NOT NULL,
    -- the token session id (sid) of the Portico session the hop started in: the proxy's tokens carry it
    sid         VARCHAR(64)   NOT NULL,
    -- the path and query under /apps/{id}/ to land on
    target      VARCHAR(4000) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_portico_proxy_hop PRIMARY KEY (id_hash),
    CONSTRAINT fk_portico_proxy_hop_app FOREIGN KEY (app_id) REFERENCES portico_app (id) ON DELETE CASCADE,
    CONSTRAINT ck_portico_proxy_hop_expiry CHECK (expires_at > created_at)
);

CREATE INDEX ix_portico_proxy_hop_expires_at ON portico_proxy_hop (expires_at);

-- A proxy session: the cookie of the proxy origin names it; valid until expires_at, deleted by logout.
CREATE TABLE portico_proxy_session (
    id_hash     VARCHAR(64)   NOT NULL,
    username    VARCHAR(64)   NOT NULL,
    app_id      VARCHAR(63)   NOT NULL,
    sid         VARCHAR(64)   NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_portico_proxy_session PRIMARY KEY (id_hash),
    CONSTRAINT fk_portico_proxy_session_app FOREIGN KEY (app_id) REFERENCES portico_app (id) ON DELETE CASCADE,
    CONSTRAINT ck_portico_proxy_session_expiry CHECK (expires_at > created_at)
);

CREATE INDEX ix_portico_proxy_session_username ON portico_proxy_session (username);
CREATE INDEX ix_portico_proxy_session_expires_at ON portico_proxy_session (expires_at);
