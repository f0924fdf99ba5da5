/**
 * Random identifiers and secrets as base64url text ({@link org.portico.deeplink.random.RandomIds}), for the core and
 * for portal-web.
 */
package org.portico.deeplink.random;
