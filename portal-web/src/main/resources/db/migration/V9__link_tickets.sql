-- Following links: one-time link tickets, the ids of inbound signed links already accepted, and each app's sealed
-- secret for signing inbound links (HS256). The database decides who redeems a ticket or a signed link, so the
-- answer is the same on every node. Portable SQL: runs unchanged on H2 2.x and PostgreSQL 15.

-- A one-time link's ticket: minted by Portico, redeemed at most once by
--   UPDATE portico_link_ticket SET consumed_at = ? WHERE id = ? AND consumed_at IS NULL AND expires_at > ? ...
CREATE TABLE portico_link_ticket (
    -- 128 random bits, base64url (22 characters)
    id           VARCHAR(32)   NOT NULL,
    route        VARCHAR(63)   NOT NULL,
    -- the normalised parameters as a JSON object of strings, in the route's order
    params       VARCHAR(8000) NOT NULL,
    -- the only user who may redeem it; NULL: whoever follows the link (and may follow the route)
    username     VARCHAR(64),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    consumed_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_portico_link_ticket PRIMARY KEY (id),
    CONSTRAINT ck_portico_link_ticket_expiry CHECK (expires_at > created_at)
);

CREATE INDEX ix_portico_link_ticket_expires_at ON portico_link_ticket (expires_at);

-- The jti of every inbound signed link accepted, kept until the link has expired: a second use finds it here.
CREATE TABLE portico_link_jti (
    id          VARCHAR(400) NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_portico_link_jti PRIMARY KEY (id)
);

CREATE INDEX ix_portico_link_jti_expires_at ON portico_link_jti (expires_at);

-- The app's secret for signing inbound links with HS256, sealed under the master secret
-- (org.portico.deeplink.keys.SecretSealer); generated on request in the Apps screen and shown once.
ALTER TABLE portico_app ADD COLUMN inbound_link_secret VARCHAR(512);
