-- App registry: the apps Portico sends users and tokens to, their base URLs (the redirect allowlist), the user
-- claims they may receive and how they authenticate at the token endpoint.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 15.

CREATE TABLE portico_app (
    -- slug, [a-z0-9][a-z0-9-]{1,62}; also the OAuth client_id
    id                      VARCHAR(63)   NOT NULL PRIMARY KEY,
    name                    VARCHAR(100)  NOT NULL,
    description             VARCHAR(1000),
    audience                VARCHAR(255)  NOT NULL,
    token_lifetime_seconds  INTEGER       NOT NULL,
    client_auth             VARCHAR(32)   NOT NULL,
    -- PBKDF2 hash of the generated client secret (client_secret only); the secret itself is never stored
    client_secret_hash      VARCHAR(512),
    -- the app's JWKS (private_key_jwt only)
    jwks_url                VARCHAR(2048),
    trusted_for_sign_on     BOOLEAN       NOT NULL,
    enabled                 BOOLEAN       NOT NULL,
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    version                 BIGINT        NOT NULL,
    CONSTRAINT uk_portico_app_audience UNIQUE (audience),
    CONSTRAINT ck_portico_app_lifetime CHECK (token_lifetime_seconds BETWEEN 30 AND 3600),
    CONSTRAINT ck_portico_app_client_auth CHECK (
        (client_auth = 'client_secret' AND client_secret_hash IS NOT NULL)
        OR (client_auth = 'private_key_jwt' AND jwks_url IS NOT NULL))
);

-- Normalised absolute http(s) URLs (AppBaseUrl), in the order the admin gave them.
CREATE TABLE portico_app_base_url (
    app_id    VARCHAR(63)   NOT NULL,
    position  INTEGER       NOT NULL,
    base_url  VARCHAR(2048) NOT NULL,
    CONSTRAINT pk_portico_app_base_url PRIMARY KEY (app_id, position),
    CONSTRAINT fk_portico_app_base_url_app FOREIGN KEY (app_id) REFERENCES portico_app (id) ON DELETE CASCADE
);

CREATE TABLE portico_app_claim (
    app_id  VARCHAR(63) NOT NULL,
    claim   VARCHAR(32) NOT NULL,
    CONSTRAINT pk_portico_app_claim PRIMARY KEY (app_id, claim),
    CONSTRAINT fk_portico_app_claim_app FOREIGN KEY (app_id) REFERENCES portico_app (id) ON DELETE CASCADE,
    CONSTRAINT ck_portico_app_claim CHECK (claim IN ('name', 'email', 'roles'))
);

-- Token exchange policy: app_id may obtain tokens for the audience of target_app_id. By id, not by audience text,
-- so that a changed audience is followed and a deleted app drops out of every policy.
CREATE TABLE portico_app_exchange (
    app_id         VARCHAR(63) NOT NULL,
    target_app_id  VARCHAR(63) NOT NULL,
    CONSTRAINT pk_portico_app_exchange PRIMARY KEY (app_id, target_app_id),
    CONSTRAINT fk_portico_app_exchange_app FOREIGN KEY (app_id) REFERENCES portico_app (id) ON DELETE CASCADE,
    CONSTRAINT fk_portico_app_exchange_target FOREIGN KEY (target_app_id) REFERENCES portico_app (id) ON DELETE CASCADE,
    CONSTRAINT ck_portico_app_exchange_other CHECK (app_id <> target_app_id)
);
