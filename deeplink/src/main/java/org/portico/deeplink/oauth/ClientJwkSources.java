package org.portico.deeplink.oauth;

import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.app.ClientAuthentication.PrivateKeyJwt;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * SPI: the public keys of an app that authenticates with private_key_jwt. portal-web answers with a cached remote
 * source for the app's {@link PrivateKeyJwt#jwksUri()}, e.g.
 * {@code JWKSourceBuilder.create(uri.toURL()).retrying(true).build()}, kept per app and dropped when the registration
 * changes.
 *
 * <p>Implementations must be thread-safe; the sources they return, too.
 */
@FunctionalInterface
public interface ClientJwkSources {

    /** The key source of {@code app}, whose client authentication is {@link PrivateKeyJwt}. */
    JWKSource<SecurityContext> forApp(AppRegistration app);
}
