package org.portico.web.config;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.logging.Logger;

import javax.imageio.ImageIO;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.portico.cms.spi.ContentKind;
import org.portico.web.cms.CmsService;
import org.portico.web.database.DatabaseMigrations;
import org.portico.web.media.MediaInfo;
import org.portico.web.media.MediaStore;

/**
 * The demo's private image (with {@code portico.demo.enabled}): an "internal" chart on the demo page /p/about, marked
 * private, so that guests see the page without it and logged-in readers get it through a signed URL that expires
 * (issue 12). Added once, after the built-in CMS's demo content, to the English page.
 */
@ApplicationScoped
public class DemoPrivateMedia {

    static final String AUTHOR = "portico";
    private static final Logger LOG = Logger.getLogger(DemoPrivateMedia.class.getName());

    @Inject
    @ConfigProperty(name = "portico.demo.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    CmsService cms;

    @Inject
    MediaStore media;

    void onStart(@Observes @Priority(DatabaseMigrations.PRIORITY + 46) @Initialized(ApplicationScoped.class) Object event) {
        if (!enabled) {
            return;
        }
        cms.find(ContentKind.PAGE, "about", Locale.ENGLISH)
                .filter(about -> !about.draft().bodyHtml().contains("/media/"))
                .ifPresent(about -> {
                    MediaInfo chart = media.store(chart(), "internal-figures.png", AUTHOR, true);
                    // No heading of its own: guests get the page without the image, and a heading over nothing.
                    String image = "<p><img src=\"" + chart.url() + "\""
                            + " alt=\"For colleagues only: tickets closed per week this quarter\"/></p>";
                    var saved = cms.save(ContentKind.PAGE, "about", Locale.ENGLISH,
                            about.draft().withBodyHtml(about.draft().bodyHtml() + image), about.lockVersion(), AUTHOR);
                    cms.publish(ContentKind.PAGE, "about", Locale.ENGLISH, saved.lockVersion(), AUTHOR);
                    LOG.info("Demo private image on /p/about: logged-in readers see it through a signed URL");
                });
    }

    /** A small bar chart, drawn here without text (no fonts needed on a headless server): a PNG of a few KB. */
    private static byte[] chart() {
        BufferedImage image = new BufferedImage(480, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 480, 200);
            g.setColor(new Color(0x0f4c81));
            g.fillRect(16, 186, 448, 2);
            int[] weeks = {42, 55, 48, 61, 70, 66, 74, 81};
            for (int i = 0; i < weeks.length; i++) {
                g.setColor(new Color(0x1769c2));
                g.fillRect(24 + i * 56, 180 - weeks[i] * 16 / 10, 40, weeks[i] * 16 / 10);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the demo chart", e);
        }
        return png.toByteArray();
    }
}
