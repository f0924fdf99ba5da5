package org.portico.web.it;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * Turns OpenID Connect login on for one test class: before Arquillian deploys Portico, starts the test provider and
 * gives the running test server the {@code portico.oidc.*} settings as system properties (Portico reads them at
 * deployment, as it would read them from the environment); after the undeployment, removes them and stops the
 * provider, so the next test class gets Portico with OIDC off again.
 * <p>
 * Without node/npm the settings are not applied and {@link #provider()} fails the test under CI and skips it
 * elsewhere, as the browser tests do without Chromium.
 */
public class OidcServerSetup implements ServerSetupTask {

    static final String PROVIDER_NAME = "Test IdP";

    private static OidcTestProvider provider;
    private static String missing;

    static Map<String, String> settings(OidcTestProvider provider) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("portico.oidc.issuer", provider.issuer().toString());
        settings.put("portico.oidc.client-id", OidcTestProvider.CLIENT_ID);
        settings.put("portico.oidc.client-secret", OidcTestProvider.CLIENT_SECRET);
        settings.put("portico.oidc.scopes", "openid profile email groups");
        settings.put("portico.oidc.roles-claim", "groups");
        settings.put("portico.oidc.role-mapping", "portal-users=end-user,editors=content-editor,admins=site-admin");
        settings.put("portico.oidc.display-name", PROVIDER_NAME);
        return settings;
    }

    @Override
    public void setup(ManagementClient management, String containerId) throws Exception {
        Optional<String> prerequisite = OidcTestProvider.findMissingPrerequisite();
        if (prerequisite.isPresent()) {
            missing = prerequisite.get();
            return;
        }
        provider = OidcTestProvider.start(System.getProperty("portico.it.base-url", "http://127.0.0.1:8180/"));
        for (Map.Entry<String, String> setting : settings(provider).entrySet()) {
            ModelNode address = Operations.createAddress("system-property", setting.getKey());
            management.getControllerClient().execute(Operations.createRemoveOperation(address)); // a leftover, if any
            ModelNode add = Operations.createAddOperation(address);
            add.get("value").set(setting.getValue());
            executeOperation(management, add);
        }
    }

    @Override
    public void tearDown(ManagementClient management, String containerId) throws Exception {
        try {
            if (provider != null) {
                for (String key : settings(provider).keySet()) {
                    executeOperation(management, Operations.createRemoveOperation(Operations.createAddress("system-property", key)));
                }
            }
        } finally {
            if (provider != null) {
                provider.close();
                provider = null;
            }
        }
    }

    /** The running test provider of the current class. */
    static OidcTestProvider provider() {
        if (missing != null) {
            ItSupport.missing(missing);
        }
        return provider;
    }
}
