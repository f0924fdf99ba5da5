/**
 * The token endpoint's logic without HTTP: client authentication ({@link org.portico.deeplink.oauth.ClientAuthenticator},
 * RFC 6749 section 2.3 and RFC 7523), token exchange ({@link org.portico.deeplink.oauth.TokenExchange}, RFC 8693),
 * introspection ({@link org.portico.deeplink.oauth.Introspection}, RFC 7662); every failure an
 * {@link org.portico.deeplink.oauth.OAuthException} carrying the RFC 6749 section 5.2 error to send. Requests are
 * read and responses written with the Nimbus OAuth 2.0 SDK; {@link org.portico.deeplink.oauth.OAuthForms} holds what
 * it leaves to the server (strict escapes, no credentials in the URL query).
 */
package org.portico.deeplink.oauth;
