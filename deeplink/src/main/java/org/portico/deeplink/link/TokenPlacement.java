package org.portico.deeplink.link;

/**
 * Where the signed link token travels to an app target: as {@code portico_token} in the URL fragment (the default:
 * never sent to servers, so never in access logs or Referer headers) or in the query (for apps that must read it on
 * the server and accept that risk).
 */
public enum TokenPlacement {
    FRAGMENT,
    QUERY;

    /** The name of the fragment or query parameter that carries the token. */
    public static final String PARAMETER = "portico_token";
}
