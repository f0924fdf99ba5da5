package org.portico.web.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.portico.deeplink.link.InvalidParameterException;
import org.portico.deeplink.link.LinkMessage;
import org.portico.deeplink.link.LinkText;
import org.portico.web.i18n.Texts;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deep-link area's text in the bundle: the core's {@link LinkText}s say in English exactly what they said before
 * they became keys, and every key of the area ({@code link.*}, {@code home.*}, {@code deeplink.link.*},
 * {@code deeplink.parameter*}) is in both the English and the German file.
 */
class LinkTextsTest {

    private static Properties file(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = LinkTextsTest.class.getResourceAsStream("/org/portico/web/i18n/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static Set<String> areaKeys(Properties properties) {
        Set<String> keys = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("link.") || key.startsWith("home.") || key.startsWith("deeplink.link.")
                    || key.startsWith("deeplink.parameter")) {
                keys.add(key);
            }
        }
        return keys;
    }

    @ParameterizedTest
    @EnumSource(LinkText.class)
    void theEnglishBundleSaysWhatTheCoreSays(LinkText text) throws IOException {
        assertEquals(text.english(), file("messages.properties").getProperty(text.key()), text.key());
    }

    @ParameterizedTest
    @EnumSource(LinkText.class)
    void germanHasItsOwnText(LinkText text) throws IOException {
        String german = file("messages_de.properties").getProperty(text.key());
        assertAll(
                () -> assertTrue(german != null && !german.isBlank(), text.key()),
                () -> assertNotEquals(text.english(), german, text.key()));
    }

    @Test
    void everyKeyOfTheAreaIsInBothLanguages() throws IOException {
        Set<String> english = areaKeys(file("messages.properties"));
        Set<String> german = areaKeys(file("messages_de.properties"));
        assertAll(
                () -> assertTrue(english.size() > 80, "the area's keys: " + english.size()),
                () -> assertEquals(english, german));
    }

    @Test
    void aRefusalForABadParameterReadsAsBeforeInEnglishAndInGerman() {
        InvalidParameterException twice = new InvalidParameterException("q", LinkText.GIVEN_TWICE);
        LinkMessage refusal = LinkText.INVALID.with(twice.text());
        InvalidParameterException surplus = new InvalidParameterException("id", LinkText.SURPLUS_VALUES, 2);

        assertAll(
                () -> assertEquals("This link is incomplete or was altered: parameter 'q' is given more than once.",
                        LinkMessages.format(Locale.ENGLISH, refusal)),
                () -> assertEquals(refusal.english(), LinkMessages.format(Locale.ENGLISH, refusal)),
                () -> assertEquals("Dieser Link ist unvollständig oder wurde verändert: Parameter „q“ ist mehrfach"
                        + " angegeben.", LinkMessages.format(Locale.GERMAN, refusal)),
                () -> assertEquals("parameter 'id' is the last parameter, but the link's path has 2 more values",
                        surplus.getMessage()),
                () -> assertEquals("parameter 'id' is the last parameter, but the link's path has 1 more value",
                        new InvalidParameterException("id", LinkText.SURPLUS_VALUES, 1).getMessage()),
                () -> assertEquals("parameter 'x' cannot contain '/', '\\' or '%' where it stands in the link's path",
                        new InvalidParameterException("x", LinkText.PATH_CHARACTER).getMessage()),
                () -> assertEquals("You can't open this link", Texts.format(Locale.ENGLISH, "link.title.denied")),
                () -> assertEquals("Continue as Alice End-User?", Texts.format(Locale.ENGLISH, "link.switch.title",
                        "Alice End-User")));
    }
}
