package org.portico.web.asset;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.servlet.ServletContext;

/**
 * The web application's own servlet context, for code that runs outside requests and servlets: the asset loaders,
 * which {@link AssetHandler} may call on a thread of Undertow's. CDI's injectable {@code ServletContext} is
 * request-scoped in WildFly and fails there; this is the object the container starts the application with.
 */
@ApplicationScoped
public class WebApplication {

    /** The webapp folder whose files are served fingerprinted under {@code /assets/}. */
    public static final String ASSET_ROOT = "/resources/portico/";

    private volatile ServletContext servletContext;

    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
               ServletContext servletContext) {
        this.servletContext = servletContext;
    }

    /**
     * @throws IllegalStateException before the application has started
     */
    public ServletContext servletContext() {
        ServletContext context = servletContext;
        if (context == null) {
            throw new IllegalStateException("the web application has not started yet");
        }
        return context;
    }
}
