package org.portico.cms.spi;

/** A {@link ContentSource} did not answer within its time limit. */
public class ContentSourceTimeoutException extends ContentUnavailableException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message which source and which limit was exceeded
     * @param cause   the underlying failure, may be null
     */
    public ContentSourceTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
