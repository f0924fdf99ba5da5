/**
 * Access tokens (RFC 9068): {@link org.portico.deeplink.token.AccessTokenIssuer} and
 * {@link org.portico.deeplink.token.AccessTokenVerifier} (a configured Nimbus processing pipeline), the sealed
 * {@link org.portico.deeplink.token.TokenRejectedException} family with its reasons, and the
 * {@link org.portico.deeplink.token.ReplayGuard} and {@link org.portico.deeplink.token.RevocationList} SPIs with
 * in-memory implementations for one node.
 */
package org.portico.deeplink.token;
