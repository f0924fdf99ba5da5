package org.portico.web.audit;

/**
 * What happened, as stored in {@code portico_audit_log.action} (the constant's name). New actions need no
 * migration; never rename one, old rows keep their name.
 */
public enum AuditAction {
    LOGIN,
    LOGIN_FAILED,
    LOGOUT,
    USER_CREATED,
    USER_UPDATED,
    USER_ENABLED,
    USER_DISABLED,
    PASSWORD_RESET,
    ROLES_CHANGED,
    APP_CREATED,
    APP_UPDATED,
    APP_ENABLED,
    APP_DISABLED,
    APP_DELETED,
    APP_SECRET_REGENERATED,
    TOKEN_EXCHANGED,
    KEY_ROTATED,
    ROUTE_CREATED,
    ROUTE_UPDATED,
    ROUTE_DELETED,
    ROUTES_IMPORTED,
    APP_INBOUND_SECRET_GENERATED,
    APP_SIGN_ON_ROLES_CHANGED,
    PAGE_CREATED,
    PAGE_UPDATED,
    PAGE_REVERTED,
    PAGE_DELETED,
    PAGES_IMPORTED,
    CMS_ITEM_CREATED,
    CMS_ITEM_SAVED,
    CMS_ITEM_PUBLISHED,
    CMS_ITEM_UNPUBLISHED,
    CMS_ITEM_SCHEDULED,
    CMS_ITEM_RESTORED,
    CMS_ITEM_DELETED,
    CMS_SOURCE_CREATED,
    CMS_SOURCE_UPDATED,
    CMS_SOURCE_DELETED,
    MEDIA_UPLOADED,
    MEDIA_DELETED,
    /** A media file was marked private or public (issue 12). */
    MEDIA_MARKED,
    API_TOKEN_CREATED,
    API_TOKEN_REVOKED
}
