package org.portico.web.tile;

/**
 * A data tile's app did not give items: it answered with an error, too much, something that is not the JSON the
 * settings describe, or it is no longer registered. The message is for the log: it names the app and the reason,
 * never a token or a user's data.
 */
public class TileUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean appDown;

    public TileUnavailableException(String message) {
        this(message, null, false);
    }

    public TileUnavailableException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private TileUnavailableException(String message, Throwable cause, boolean appDown) {
        super(message, cause);
        this.appDown = appDown;
    }

    /**
     * The app itself is down for everyone, not this user's tile: it could not be reached or answered a server error.
     * (A 4xx, an answer that does not map, an app no longer registered may concern one user's tile only.)
     */
    public static TileUnavailableException appDown(String message, Throwable cause) {
        return new TileUnavailableException(message, cause, true);
    }

    /** Whether the app is down for everyone ({@link #appDown}), not only for this tile. */
    public boolean isAppDown() {
        return appDown;
    }
}
