-- The language a user chose in the user menu (issue 9): a tag such as 'en' or 'de', or NULL for "follow the
-- browser". Kept on the account so that the choice follows the user to another device.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 15.

ALTER TABLE portico_user ADD COLUMN preferred_language VARCHAR(16);
