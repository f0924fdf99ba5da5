/**
 * App registrations: {@link org.portico.deeplink.app.AppRegistration} (value type, validated with every problem listed
 * in an {@link org.portico.deeplink.app.InvalidAppException}), client authentication
 * ({@link org.portico.deeplink.app.ClientSecret} hashed with PBKDF2, or private_key_jwt), and the
 * {@link org.portico.deeplink.app.AppDirectory} SPI that portal-web implements on its database.
 */
package org.portico.deeplink.app;
