package org.portico.web.app;

/**
 * CDI event fired by {@link AppService} inside the transaction that changed an app (saved, enabled or disabled,
 * deleted, its client secret replaced); {@link JpaAppDirectory} forgets its cached registrations once the transaction
 * has completed, so that the next token request or link hop reads what was committed.
 *
 * @param id the id of the changed app
 */
public record AppsChanged(String id) {
}
