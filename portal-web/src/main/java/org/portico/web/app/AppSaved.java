package org.portico.web.app;

import java.util.Optional;


/**
 * The result of a change that may have generated a client secret: the app as saved and, only right after
 * creation, regeneration or a switch to {@code client_secret}, the secret in clear text. It is shown to the admin
 * once and never stored.
 */
public record AppSaved(RegisteredApp app, Optional<String> oneTimeSecret) {
}
