-- Portico's token signing keys. The private key is sealed (AES-256-GCM under a key derived from the master secret,
-- see org.portico.deeplink.keys.KeyCipher); only the public JWK is stored in the clear.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 15.

CREATE TABLE signing_key (
    kid                 VARCHAR(100)  NOT NULL,
    algorithm           VARCHAR(16)   NOT NULL,
    state               VARCHAR(16)   NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at          TIMESTAMP WITH TIME ZONE,
    public_jwk          VARCHAR(4000) NOT NULL,
    sealed_private_key  VARCHAR(8000) NOT NULL,
    CONSTRAINT pk_signing_key PRIMARY KEY (kid),
    CONSTRAINT ck_signing_key_state CHECK (state IN ('ACTIVE', 'RETIRED'))
);
