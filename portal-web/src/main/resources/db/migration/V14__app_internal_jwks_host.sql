-- An app's JWKS is fetched by Portico: a host on a loopback, private, link-local or other internal address is
-- refused (server-side request forgery) unless the admin allows it for this app explicitly (issue 8).
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 15.

ALTER TABLE portico_app ADD COLUMN allow_internal_jwks_host BOOLEAN DEFAULT FALSE NOT NULL;
