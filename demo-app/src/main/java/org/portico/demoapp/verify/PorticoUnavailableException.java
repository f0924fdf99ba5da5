package org.portico.demoapp.verify;

/**
 * Our side is broken, not the token: Portico's discovery document or JWKS could not be fetched or read, so no token
 * can be judged right now. The message says which URL failed, how, and what to configure.
 */
public final class PorticoUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PorticoUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** What went wrong on the wire, for people: "HTTP 404 (nothing there)", "ConnectException (Connection refused)". */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof java.io.FileNotFoundException) {
            // How HttpURLConnection reports a 404; its message is only the URL.
            return "HTTP 404 (nothing there)";
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " (" + root.getMessage() + ")");
    }
}
