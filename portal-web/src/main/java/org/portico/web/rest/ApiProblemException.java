package org.portico.web.rest;

import jakarta.ws.rs.WebApplicationException;

/** Thrown by resources for a client error whose message is written for the client and safe to return. */
public class ApiProblemException extends WebApplicationException {

    private static final long serialVersionUID = 1L;

    public ApiProblemException(int status, String detail) {
        super(detail, status);
    }
}
