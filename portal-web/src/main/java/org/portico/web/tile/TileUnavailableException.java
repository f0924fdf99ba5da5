package org.portico.web.tile;

/**
 * A data tile's app did not give items: it answered with an error, too much, something that is not the JSON the
 * settings describe, or it is no longer registered. The message is for the log: it names the app and the reason,
 * never a token or a user's data.
 */
public class TileUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TileUnavailableException(String message) {
        super(message);
    }

    public TileUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
