package org.portico.web.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** Thrown by resources for a client error whose message is written for the client and safe to return. */
public class ApiProblemException extends WebApplicationException {

    private static final long serialVersionUID = 1L;

    public ApiProblemException(int status, String detail) {
        super(detail, status);
    }

    /** With headers the problem must carry (see {@code ProblemMappers} for which are kept), e.g. Retry-After. */
    public ApiProblemException(Response response, String detail) {
        super(detail, response);
    }
}
