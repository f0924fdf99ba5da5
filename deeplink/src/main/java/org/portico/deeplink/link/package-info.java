/**
 * Deep links: {@link org.portico.deeplink.link.LinkRoute} (value type, validated with every problem tied to its field
 * in an {@link org.portico.deeplink.link.InvalidRouteException}), typed
 * {@link org.portico.deeplink.link.RouteParameter}s, {@link org.portico.deeplink.link.RouteTarget}s (a Portico page or
 * an app URL template), the {@link org.portico.deeplink.link.LinkRoutes} SPI that portal-web implements on its
 * database, and the {@link org.portico.deeplink.link.LinkOutcome} of every resolution.
 */
package org.portico.deeplink.link;
