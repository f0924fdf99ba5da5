package org.portico.web.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Portico's REST API, under {@code /api}. Errors are RFC 9457 problem details ({@link Problems}). */
@ApplicationPath("/api")
public class PorticoApi extends Application {
}
