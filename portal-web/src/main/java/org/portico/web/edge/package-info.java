/**
 * What a shared cache (a CDN, Varnish) may keep of Portico's answers, and the cache tags that name the content in
 * them: pages collect tags while they render ({@link org.portico.web.edge.ResponseTags}), and
 * {@link org.portico.web.edge.EdgeCacheFilter} decides, once the page is rendered and before a byte leaves, whether
 * the answer is shared ({@code public, max-age=0, s-maxage=N} with {@code Surrogate-Key} and {@code Cache-Tag}),
 * personal ({@code private, no-store}, never tagged) or left as it is. See {@code src/docs/cdn.md}.
 */
package org.portico.web.edge;
