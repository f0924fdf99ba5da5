-- State that every node of a cluster must share (issue 14), kept in the one database all nodes use; no cluster
-- messaging. Portable SQL: runs unchanged on H2 2.x and PostgreSQL 15.

-- Change markers: a change to cached data bumps its topic's version in the transaction of the change; every node
-- polls this small table (one SELECT every 250 ms) and forgets its caches of a topic whose version moved.
CREATE TABLE portico_change_marker (
    topic       VARCHAR(64) NOT NULL,
    version     BIGINT      NOT NULL,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_portico_change_marker PRIMARY KEY (topic)
);

-- The topics known today, so a bump is always an UPDATE of an existing row (a new topic is inserted on first use).
INSERT INTO portico_change_marker (topic, version, changed_at) VALUES ('routes', 0, CURRENT_TIMESTAMP);
INSERT INTO portico_change_marker (topic, version, changed_at) VALUES ('apps', 0, CURRENT_TIMESTAMP);
INSERT INTO portico_change_marker (topic, version, changed_at) VALUES ('signing-keys', 0, CURRENT_TIMESTAMP);
INSERT INTO portico_change_marker (topic, version, changed_at) VALUES ('pages', 0, CURRENT_TIMESTAMP);
INSERT INTO portico_change_marker (topic, version, changed_at) VALUES ('cms', 0, CURRENT_TIMESTAMP);
INSERT INTO portico_change_marker (topic, version, changed_at) VALUES ('media', 0, CURRENT_TIMESTAMP);
INSERT INTO portico_change_marker (topic, version, changed_at) VALUES ('revocations', 0, CURRENT_TIMESTAMP);
INSERT INTO portico_change_marker (topic, version, changed_at) VALUES ('api-tokens', 0, CURRENT_TIMESTAMP);

-- Job leases: a scheduled job runs on the node that holds its lease. A node takes a lease that has ended, or renews
-- its own, with one conditional UPDATE; a dead holder's lease simply ends.
CREATE TABLE portico_job_lease (
    name        VARCHAR(100) NOT NULL,
    holder      VARCHAR(100) NOT NULL,
    held_until  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_portico_job_lease PRIMARY KEY (name)
);

-- Failure throttles (login per username and address, client authentication per client id and address): one row per
-- throttled key, the key stored as the SHA-256 of '<throttle>:<key>' (a stranger's input never lands in the table
-- as it is). Rows are updated under SELECT ... FOR UPDATE, so two nodes never both hand out the last free attempt.
-- A row is kept until expires_at; expired rows are deleted, and the table is capped (see DatabaseThrottleStore).
CREATE TABLE portico_throttle (
    key_hash         VARCHAR(64) NOT NULL,
    failures         INTEGER     NOT NULL,
    in_flight        INTEGER     NOT NULL,
    first_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_until     TIMESTAMP WITH TIME ZONE,
    in_flight_until  TIMESTAMP WITH TIME ZONE,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_portico_throttle PRIMARY KEY (key_hash)
);

CREATE INDEX ix_portico_throttle_expires_at ON portico_throttle (expires_at);
