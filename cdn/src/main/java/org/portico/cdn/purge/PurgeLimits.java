package org.portico.cdn.purge;

/**
 * How many tags and URLs one purge request to a CDN may carry.
 *
 * @param maxTags at least 1, or 0 when the CDN cannot purge by tag (then tags are resolved to URLs by the caller)
 * @param maxUrls at least 1
 */
public record PurgeLimits(int maxTags, int maxUrls) {

    /**
     * @throws IllegalArgumentException for a negative tag limit or a URL limit below 1
     */
    public PurgeLimits {
        if (maxTags < 0 || maxUrls < 1) {
            throw new IllegalArgumentException("limits must be maxTags >= 0 and maxUrls >= 1, got " + maxTags
                    + " and " + maxUrls);
        }
    }

    /** Whether the CDN purges by tag. */
    public boolean purgesTags() {
        return maxTags > 0;
    }
}
