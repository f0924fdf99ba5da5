-- Token state that must survive a restart and be the same on every node (issue 8): revoked sessions and tokens
-- (logout), and the replay marks of single-use tokens (actor tokens, client assertions). Rows are needed only until
-- every token they concern has expired; a scheduled job deletes them after that. Portable SQL: runs unchanged on
-- H2 2.x and PostgreSQL 15.

-- A revoked session ('sid:<sid>': every token of the session, exchanged ones too) or token ('jti:<jti>'); an id longer
-- than the column is stored as its SHA-256 ('sha256:<base64url>').
CREATE TABLE portico_token_revocation (
    id             VARCHAR(400) NOT NULL,
    revoked_until  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_portico_token_revocation PRIMARY KEY (id)
);

CREATE INDEX ix_portico_token_revocation_until ON portico_token_revocation (revoked_until);

-- A single-use identifier seen (namespaced, e.g. 'actor:<jti>', 'client_assertion:<client>:<jti>'; hashed like above
-- when longer than the column). The first use is
-- the INSERT that wins on the primary key, on any node; a duplicate key means a replay.
CREATE TABLE portico_token_replay (
    id          VARCHAR(400) NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_portico_token_replay PRIMARY KEY (id)
);

CREATE INDEX ix_portico_token_replay_expires_at ON portico_token_replay (expires_at);
