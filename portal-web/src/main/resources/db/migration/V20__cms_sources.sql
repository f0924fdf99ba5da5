-- External CMS sources (issue 11): WordPress and Strapi sites Portico reads pages and blocks from, and the deliveries
-- of their webhooks already taken (replay marks, kept until the delivery could no longer be fresh). Credentials and
-- webhook secrets are sealed with the master secret (SecretSealer), never stored in the clear.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 15.

CREATE TABLE cms_source (
    id                  VARCHAR(32)   NOT NULL PRIMARY KEY,
    -- WORDPRESS or STRAPI
    type                VARCHAR(16)   NOT NULL,
    name                VARCHAR(100)  NOT NULL,
    base_url            VARCHAR(500)  NOT NULL,
    -- what the type needs besides: a JSON object (Strapi's collections and fields, WordPress's user and language)
    options             TEXT          NOT NULL,
    -- the WordPress application password or the Strapi API token, sealed; NULL for none
    credential_sealed   VARCHAR(1000),
    -- the secret webhooks must prove (HMAC key or shared secret), sealed
    webhook_secret_sealed VARCHAR(1000) NOT NULL,
    timeout_millis      INTEGER       NOT NULL,
    fresh_for_seconds   INTEGER       NOT NULL,
    enabled             BOOLEAN       NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by          VARCHAR(64)   NOT NULL,
    lock_version        BIGINT        NOT NULL,
    CONSTRAINT ck_cms_source_type CHECK (type IN ('WORDPRESS', 'STRAPI'))
);

CREATE TABLE cms_webhook_delivery (
    source_id       VARCHAR(32)  NOT NULL,
    -- the delivery's id as the verifier gives it (the HMAC signature, or the SHA-256 of a shared-secret delivery)
    delivery_id     VARCHAR(128) NOT NULL,
    remember_until  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_cms_webhook_delivery PRIMARY KEY (source_id, delivery_id),
    CONSTRAINT fk_cms_webhook_delivery_source FOREIGN KEY (source_id) REFERENCES cms_source (id) ON DELETE CASCADE
);

CREATE INDEX ix_cms_webhook_delivery_until ON cms_webhook_delivery (remember_until);
