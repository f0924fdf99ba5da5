-- Sign-on roles (issue 8): an app trusted for sign-on may sign in only users whose every role is listed here for it.
-- Existing apps get end-user only, so a site admin or content editor is never signed in by a link unless an admin
-- names the role for that app explicitly.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 15.

CREATE TABLE portico_app_sign_on_role (
    app_id  VARCHAR(63) NOT NULL,
    role    VARCHAR(32) NOT NULL,
    CONSTRAINT pk_portico_app_sign_on_role PRIMARY KEY (app_id, role),
    CONSTRAINT fk_portico_app_sign_on_role_app FOREIGN KEY (app_id) REFERENCES portico_app (id) ON DELETE CASCADE,
    CONSTRAINT ck_portico_app_sign_on_role CHECK (role IN ('end-user', 'content-editor', 'site-admin'))
);

INSERT INTO portico_app_sign_on_role (app_id, role) SELECT id, 'end-user' FROM portico_app;
