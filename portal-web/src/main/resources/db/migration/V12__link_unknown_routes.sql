-- Bounded link analytics (issue 8): a link to a route that does not exist is counted under ONE route name,
-- '(unknown)' (never a route name: route names are [a-z0-9-]), instead of one row per name typed. The typed names are
-- counted in a table of their own with a hard row cap (LinkEventStore.UNKNOWN_NAMES_CAP), cut to 64 characters, and
-- pruned with the link events' retention. Portable SQL: runs unchanged on H2 2.x and PostgreSQL 15.

CREATE TABLE portico_link_unknown_name (
    -- the name as typed, control characters replaced, cut to 64 characters
    name        VARCHAR(64) NOT NULL,
    hits        BIGINT      NOT NULL,
    first_seen  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_portico_link_unknown_name PRIMARY KEY (name)
);

-- retention: names not seen for a while go
CREATE INDEX ix_portico_link_unknown_name_last_seen ON portico_link_unknown_name (last_seen);

-- What was stored before: every unknown name as a route of its own. Fold it into the one bucket, daily counts summed.
UPDATE portico_link_event SET route = '(unknown)' WHERE outcome = 'unknown_route';

CREATE TABLE portico_link_daily_v12 (
    event_day    DATE         NOT NULL,
    outcome      VARCHAR(32)  NOT NULL,
    resolutions  BIGINT       NOT NULL
);
INSERT INTO portico_link_daily_v12 (event_day, outcome, resolutions)
    SELECT event_day, outcome, SUM(resolutions) FROM portico_link_daily WHERE outcome = 'unknown_route'
    GROUP BY event_day, outcome;
DELETE FROM portico_link_daily WHERE outcome = 'unknown_route';
INSERT INTO portico_link_daily (event_day, route, outcome, resolutions)
    SELECT event_day, '(unknown)', outcome, resolutions FROM portico_link_daily_v12;
DROP TABLE portico_link_daily_v12;

