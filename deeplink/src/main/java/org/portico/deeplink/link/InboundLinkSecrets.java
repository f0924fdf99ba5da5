package org.portico.deeplink.link;

import java.util.Optional;

/**
 * SPI: the shared secrets (HS256) that apps sign inbound links with. portal-web keeps them sealed under the master
 * secret and opens them here; an app without one can only sign with its JWKS keys. Implementations are thread-safe
 * and may cache briefly.
 */
@FunctionalInterface
public interface InboundLinkSecrets {

    /** The app's secret (at least 32 bytes), or empty when it has none. */
    Optional<byte[]> find(String appId);
}
