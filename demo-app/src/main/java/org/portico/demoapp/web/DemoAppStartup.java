package org.portico.demoapp.web;

import java.time.Clock;
import java.util.logging.Logger;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;

/**
 * Reads and checks the settings once, at deployment (a bad value fails it with a message), and makes the one
 * {@link LinkChecker} the servlets share. Portico is not contacted here: it may still be starting.
 */
@WebListener
public class DemoAppStartup implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(DemoAppStartup.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        DemoAppSettings settings = DemoAppSettings.fromEnvironment();
        String contextPath = event.getServletContext().getContextPath();
        LinkChecker checker = new LinkChecker(settings, contextPath, Clock.systemUTC());
        event.getServletContext().setAttribute(LinkChecker.ATTRIBUTE, checker);
        // The WebSocket of the proxied pages (EchoEndpoint), where the server has WebSocket support.
        if (event.getServletContext().getAttribute(ServerContainer.class.getName()) instanceof ServerContainer container) {
            try {
                container.addEndpoint(EchoEndpoint.config(checker));
            } catch (DeploymentException e) {
                LOG.warning(() -> "No WebSocket at " + EchoEndpoint.PATH + ": " + e.getMessage());
            }
        }
        LOG.info(() -> "Demo app at " + contextPath + "/ checks link tokens against the Portico at "
                + settings.porticoUrl().map(Object::toString).orElse("http://127.0.0.1:<port of each request>")
                + ", audience " + settings.audience().orElse("<Portico's issuer>" + contextPath));
    }
}
