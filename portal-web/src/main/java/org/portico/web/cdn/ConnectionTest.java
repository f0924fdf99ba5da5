package org.portico.web.cdn;

import java.time.Duration;

/**
 * What "Test connection" found. Immutable.
 *
 * @param reached whether the CDN answered and took the credentials
 * @param summary what was reached (such as {@code Fastly service SU1Z0isxPaozGVKXdv0eY}) or tried
 * @param problem why not, in the CDN's words; null when reached
 */
public record ConnectionTest(boolean reached, String summary, Duration took, String problem) {
}
