package org.portico.web.view.admin;

import java.io.Serializable;
import java.util.List;

import org.portico.web.app.UserClaim;
import org.portico.web.app.RegisteredApp;

/** One line of the admin app list: a serializable snapshot, so the view state never holds entities. */
public record AppRow(String id, String name, String audience, List<String> baseUrls, List<String> claims,
                     String clientAuthentication, boolean usesSecret, boolean enabled, boolean trustedForSignOn,
                     int tokenLifetimeSeconds) implements Serializable {

    public AppRow {
        baseUrls = List.copyOf(baseUrls);
        claims = List.copyOf(claims);
    }

    static AppRow of(RegisteredApp app) {
        return new AppRow(app.getId(), app.getName(), app.getAudience(), app.getBaseUrls(),
                app.getClaims().stream().sorted().map(UserClaim::claimName).toList(),
                app.getClientAuthentication().methodName(),
                app.getClientAuthentication() == org.portico.web.app.ClientAuthentication.CLIENT_SECRET,
                app.isEnabled(), app.isTrustedForSignOn(), app.getTokenLifetimeSeconds());
    }
}
