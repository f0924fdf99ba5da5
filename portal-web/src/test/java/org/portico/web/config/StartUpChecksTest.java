package org.portico.web.config;

import java.lang.reflect.Field;
import java.time.Clock;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portico.deeplink.keys.KeySetupException;
import org.portico.web.link.LinkTickets;
import org.portico.web.settings.TestConfigs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Settings checked at start-up fail the start whatever the log level. The ticket lifetime used to be read only inside
 * {@code LOG.info(() -> …)}, whose lambda does not run when a production logging setup shows WARNING and above: a bad
 * value then deployed fine and failed the first one-time link instead.
 */
class StartUpChecksTest {

    private static final Logger LINKS = Logger.getLogger(LinkProducer.class.getName());
    private static final Logger KEYS = Logger.getLogger(KeysProducer.class.getName());

    private Level linksBefore;
    private Level keysBefore;

    @BeforeEach
    void onlyWarningsAreLogged() {
        linksBefore = LINKS.getLevel();
        keysBefore = KEYS.getLevel();
        LINKS.setLevel(Level.WARNING);
        KEYS.setLevel(Level.WARNING);
    }

    @AfterEach
    void restoreLevels() {
        LINKS.setLevel(linksBefore);
        KEYS.setLevel(keysBefore);
    }

    @Test
    void aBadTicketLifetimeFailsTheStartBelowInfo() throws Exception {
        LinkTickets tickets = new LinkTickets();
        Field config = LinkTickets.class.getDeclaredField("config"); // what CDI injects
        config.setAccessible(true);
        config.set(tickets, TestConfigs.of(Map.of("portico.links.one-time-lifetime", "P1000D")));

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> new LinkProducer().startUp(new Object(), null, tickets, Clock.systemUTC()));

        assertEquals("portico.links.one-time-lifetime must be an ISO-8601 duration between PT1M and P90D such as P7D,"
                + " got 'P1000D'", failure.getMessage());
    }

    @Test
    void aBadIssuerFailsTheStartBelowInfo() {
        KeysProducer keys = new KeysProducer();
        keys.issuer = "portal.example.org";

        KeySetupException failure = assertThrows(KeySetupException.class, () -> keys.startUp(new Object(), null));

        assertEquals("portico.issuer must be Portico's public base URL such as https://portal.example.org,"
                + " got 'portal.example.org'", failure.getMessage());
    }
}
