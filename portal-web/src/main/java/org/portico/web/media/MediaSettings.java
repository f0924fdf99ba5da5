package org.portico.web.media;

import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.portico.web.settings.Settings;

/**
 * The media store's bounds, read once and checked at start-up (a bad value stops the deployment with a message that
 * shows a valid one):
 * <ul>
 *   <li>{@code portico.media.max-size}: the largest image in bytes, 1 KiB to 50 MiB, default 5 MiB. An upload's whole
 *   body may be {@value #UPLOAD_OVERHEAD} bytes larger (the multipart headers around the file).</li>
 *   <li>{@code portico.media.max-items}: how many images the store holds at most, 1 to 1,000,000, default 10,000.</li>
 *   <li>{@code portico.media.cache-size}: how many bytes of images each node keeps in memory in front of the
 *   database, 0 (none) to 1 GiB, default 64 MiB.</li>
 * </ul>
 */
@ApplicationScoped
public class MediaSettings {

    private static final Logger LOG = Logger.getLogger(MediaSettings.class.getName());

    static final int DEFAULT_MAX_SIZE = 5 * 1024 * 1024;
    static final int DEFAULT_MAX_ITEMS = 10_000;
    static final int DEFAULT_CACHE_SIZE = 64 * 1024 * 1024;
    /** What an upload's body may hold beyond the file: boundaries, part headers, the file's name. */
    static final int UPLOAD_OVERHEAD = 64 * 1024;

    @Inject
    Config config;

    private int maxSize;
    private int maxItems;
    private int cacheSize;

    @PostConstruct
    void read() {
        maxSize = Settings.number(config, "portico.media.max-size", DEFAULT_MAX_SIZE, 1024, 50 * 1024 * 1024);
        maxItems = Settings.number(config, "portico.media.max-items", DEFAULT_MAX_ITEMS, 1, 1_000_000);
        cacheSize = Settings.number(config, "portico.media.cache-size", DEFAULT_CACHE_SIZE, 0, 1024 * 1024 * 1024);
    }

    void startUp(@Observes @Initialized(ApplicationScoped.class) Object event) {
        int size = maxSize(); // the settings are checked here, whatever the log level
        LOG.info(() -> "Media store: images of at most " + bytes(size) + ", at most " + maxItems + " of them, "
                + bytes(cacheSize) + " of them cached per node");
    }

    /** The largest image, in bytes. */
    public int maxSize() {
        return maxSize;
    }

    /** The largest body of an upload, in bytes: {@link #maxSize()} and the multipart headers around it. */
    public long maxUploadBody() {
        return (long) maxSize + UPLOAD_OVERHEAD;
    }

    /** How many images the store holds at most. */
    public int maxItems() {
        return maxItems;
    }

    /** How many bytes of images a node keeps in memory. */
    int cacheSize() {
        return cacheSize;
    }

    /** A size as people read it: {@code 5 MiB}, {@code 512 KiB}, {@code 1000 bytes}. */
    static String bytes(long size) {
        if (size >= 1024 * 1024 && size % (1024 * 1024) == 0) {
            return size / (1024 * 1024) + " MiB";
        }
        if (size >= 1024 && size % 1024 == 0) {
            return size / 1024 + " KiB";
        }
        return size + " bytes";
    }
}
