package org.portico.web.signedurl;

import java.time.Instant;

/**
 * A signed URL made for a page or an answer, with when it expires.
 *
 * @param url       absolute, CloudFront's format ({@code …?Expires=…&Signature=…&Key-Pair-Id=…})
 * @param expiresAt when it stops being served
 */
public record SignedUrl(String url, Instant expiresAt) {
}
