/**
 * Signed expiring URLs in CloudFront's format with a canned policy: {@link org.portico.cdn.signing.CloudFrontUrlSigner}
 * makes them, {@link org.portico.cdn.signing.CloudFrontUrlVerifier} checks them (Portico's origin, so they work
 * without a CDN too), {@link org.portico.cdn.signing.ExpiryBuckets} rounds expiries so URLs repeat and stay cached,
 * {@link org.portico.cdn.signing.PublicKeyPem} writes the public key for CloudFront's key group.
 */
package org.portico.cdn.signing;
