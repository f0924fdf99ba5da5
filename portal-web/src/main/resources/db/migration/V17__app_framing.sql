-- Framing (issue 10): whether an app's pages may be embedded as panes on Portico's pages, and the iframe sandbox
-- flags the site admin allows for them. Existing apps may not be framed and allow no flag.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 15.

ALTER TABLE portico_app ADD COLUMN may_be_framed BOOLEAN DEFAULT FALSE NOT NULL;

CREATE TABLE portico_app_sandbox_flag (
    app_id  VARCHAR(63) NOT NULL,
    flag    VARCHAR(40) NOT NULL,
    CONSTRAINT pk_portico_app_sandbox_flag PRIMARY KEY (app_id, flag),
    CONSTRAINT fk_portico_app_sandbox_flag_app FOREIGN KEY (app_id) REFERENCES portico_app (id) ON DELETE CASCADE,
    CONSTRAINT ck_portico_app_sandbox_flag CHECK (flag IN ('allow-scripts', 'allow-same-origin', 'allow-forms',
        'allow-popups', 'allow-popups-to-escape-sandbox', 'allow-downloads', 'allow-modals'))
);
