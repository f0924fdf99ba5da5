package org.portico.web.asset;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * With a CDN configured, PrimeFaces' own nonce-based script policy ({@code primefaces.CSP} in web.xml, whose default
 * is {@code script-src 'self'} plus the nonce) must also allow scripts from the CDN's origin; browsers enforce it
 * beside Portico's own policy ({@code SecurityHeadersFilter}). PrimeFaces reads the setting on the first Faces
 * request, after this has set it.
 */
@WebListener
public class CdnScriptPolicy implements ServletContextListener {

    static final String PRIMEFACES_CSP_POLICY = "primefaces.CSP_POLICY";

    @Inject
    AssetUrls urls;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        urls.cdnOrigin().ifPresent(origin ->
                event.getServletContext().setInitParameter(PRIMEFACES_CSP_POLICY, "script-src 'self' " + origin));
    }
}
