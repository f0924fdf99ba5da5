package org.portico.web.i18n;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DateFormat;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fails when a text is missing in a bundle or cannot show right. Reads whatever is in the files when it runs: the two
 * bundles, every page under src/main/webapp and the Java sources of portal-web (and of the deeplink core, whose
 * messages carry keys too), so a key added by anyone is checked without touching this test.
 */
class I18nBundleTest {

    private static final Path BUNDLES = Path.of("src/main/resources/org/portico/web/i18n");
    private static final Path PAGES = Path.of("src/main/webapp");
    private static final List<Path> JAVA = List.of(Path.of("src/main/java"), Path.of("../deeplink/src/main/java"));

    /** {@code #{msg['key']}}, {@code #{msg["key"]}} or {@code #{msg.key}} in a page; group 1 or 2 is the key. */
    private static final Pattern PAGE_KEY = Pattern.compile("\\bmsg\\s*\\[\\s*['\"]([^'\"]+)['\"]\\s*]|\\bmsg\\.([A-Za-z_][A-Za-z0-9_]*)");
    /** A use formatted with MessageFormat: OmniFaces' {@code of:format1(msg['key'], …)} to {@code of:format5}. */
    /** A page formats a text with {@code of:format1(msg['key'], …)} or {@code <h:outputFormat value="#{msg['key']}">}. */
    private static final Pattern FORMATTED = Pattern.compile("(?:of:format[1-5]\\(\\s*|<h:outputFormat\\s[^>]*value=\"#\\{)$");
    /** What a bundle key looks like in Java: {@code "login.error.busy"}, or {@code "{login.username.required}"} (Bean Validation). */
    private static final Pattern JAVA_KEY = Pattern.compile("\\{?([a-z][A-Za-z0-9]*(?:\\.[A-Za-z0-9_-]+)+)}?");
    private static final Pattern FILE_NAME = Pattern.compile(".*\\.(xhtml|html|css|js|json|csv|properties|sql|xml|png|svg|jar|war|txt)");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    /** A call that takes a key: {@code Texts.format(locale, "key", …)} and OmniFaces {@code Messages.addGlobalError("key", …)} and the like. */
    private static final Pattern KEY_CALL = Pattern.compile("\\b(?:Texts\\.format|Messages\\.[a-zA-Z]+)\\s*\\(([^;]*)");
    /** A MessageFormat argument: {0}, {1,number}, {0,choice,…}. */
    private static final Pattern ARGUMENT = Pattern.compile("\\{\\s*\\d");

    @Test
    void theGermanBundleHasExactlyTheKeysOfTheEnglishOne() throws IOException {
        Set<String> english = load("messages.properties").stringPropertyNames();
        Set<String> german = load("messages_de.properties").stringPropertyNames();

        Set<String> missing = new TreeSet<>(english);
        missing.removeAll(german);
        Set<String> extra = new TreeSet<>(german);
        extra.removeAll(english);
        assertAll(
                () -> assertTrue(missing.isEmpty(), "keys without a German text in messages_de.properties: " + missing),
                () -> assertTrue(extra.isEmpty(), "keys in messages_de.properties that English does not have: " + extra),
                () -> assertTrue(load("messages_en.properties").isEmpty(),
                        "messages_en.properties stays empty: English lives in the root bundle"));
    }

    @Test
    void everyKeyAPageUsesExists() throws IOException {
        Set<String> keys = load("messages.properties").stringPropertyNames();
        Map<String, String> missing = new TreeMap<>();
        for (Path page : files(PAGES, ".xhtml")) {
            Matcher use = PAGE_KEY.matcher(Files.readString(page));
            while (use.find()) {
                String key = use.group(1) != null ? use.group(1) : use.group(2);
                if (!keys.contains(key)) {
                    missing.put(key, PAGES.relativize(page).toString());
                }
            }
        }
        assertTrue(missing.isEmpty(), "keys used in pages but missing in messages.properties (key=page): " + missing);
    }

    @Test
    void everyKeyTheJavaCodeNamesExists() throws IOException {
        Set<String> keys = load("messages.properties").stringPropertyNames();
        Set<String> prefixes = keys.stream().map(key -> key.substring(0, key.indexOf('.') + 1)).collect(Collectors.toSet());
        Map<String, String> missing = new TreeMap<>();
        for (Path source : javaSources()) {
            for (String key : namedKeys(Files.readString(source), prefixes)) {
                if (!keys.contains(key)) {
                    missing.put(key, source.getFileName().toString());
                }
            }
        }
        assertTrue(missing.isEmpty(), "keys named in Java but missing in messages.properties (key=file): " + missing);
    }

    @Test
    void everyTextIsAValidMessageFormatPattern() throws IOException {
        List<String> broken = new ArrayList<>();
        for (String file : List.of("messages.properties", "messages_de.properties")) {
            Locale locale = file.contains("_de") ? Locale.GERMAN : Locale.ENGLISH;
            load(file).forEach((key, value) -> {
                String text = (String) value;
                try {
                    MessageFormat format = new MessageFormat(text, locale);
                    format.format(Stream.of(format.getFormatsByArgumentIndex())
                            .map(kind -> kind instanceof NumberFormat ? (Object) 2 : kind instanceof DateFormat ? new Date() : "x")
                            .toArray());
                } catch (IllegalArgumentException e) {
                    broken.add(file + " " + key + ": " + e.getMessage());
                    return;
                }
                if (ARGUMENT.matcher(text).find() && hasLoneApostrophe(text)) {
                    broken.add(file + " " + key + ": a text with arguments writes an apostrophe twice ('')");
                }
            });
        }
        assertTrue(broken.isEmpty(), "texts that MessageFormat reads wrongly: " + broken);
    }

    /**
     * A page that reads a text as it is ({@code #{msg['key']}}) shows it unformatted: an argument would show as
     * {@code {0}} and a doubled apostrophe twice. Such a text goes through {@code of:format1(msg['key'], …)} or
     * {@code <h:outputFormat>}.
     * Java formats every text it names ({@link Texts#format}), so there a single apostrophe would vanish.
     */
    @Test
    void textsShowAsWrittenWhereverTheyAreRead() throws IOException {
        Properties english = load("messages.properties");
        Properties german = load("messages_de.properties");
        List<String> wrong = new ArrayList<>();
        for (Path page : files(PAGES, ".xhtml")) {
            String text = Files.readString(page);
            Matcher use = PAGE_KEY.matcher(text);
            while (use.find()) {
                String key = use.group(1) != null ? use.group(1) : use.group(2);
                boolean formatted = FORMATTED.matcher(text.substring(Math.max(0, use.start() - 80), use.start())).find();
                for (Properties bundle : List.of(english, german)) {
                    String value = bundle.getProperty(key);
                    if (value != null && !formatted && (ARGUMENT.matcher(value).find() || value.contains("''"))) {
                        wrong.add(PAGES.relativize(page) + " reads " + key + " unformatted: use of:format1(msg['" + key + "'], …)");
                    }
                }
            }
        }
        Set<String> prefixes = english.stringPropertyNames().stream()
                .map(key -> key.substring(0, key.indexOf('.') + 1)).collect(Collectors.toSet());
        for (Path source : javaSources()) {
            for (String key : namedKeys(Files.readString(source), prefixes)) {
                for (Properties bundle : List.of(english, german)) {
                    String value = bundle.getProperty(key);
                    if (value != null && hasLoneApostrophe(value)) {
                        wrong.add(key + " is formatted by " + source.getFileName() + ": write its apostrophe twice ('')");
                    }
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /** The checks above find what they should: a missing key, a broken pattern, a key in a comment ignored. */
    @Test
    void theScannersFindKeysInCodeAndIgnoreComments() {
        String source = """
                /** Example: {@code Messages.addGlobalError("admin.apps.saved", name)} */
                class X {
                    @NotBlank(message = "{login.username.required}")
                    String name; // "login.inAComment"
                    void x() {
                        Messages.addError("form:name", "other.key", 1);
                        String url = "https://example.org/login.xhtml"; /* "login.alsoAComment" */
                        Texts.format(locale, "login.error.busy");
                        String page = "login.xhtml";
                    }
                }
                """;
        assertEquals(Set.of("login.username.required", "other.key", "login.error.busy"),
                namedKeys(source, Set.of("login.")));
        assertAll(
                () -> assertTrue(hasLoneApostrophe("{0} can't")),
                () -> assertFalse(hasLoneApostrophe("{0} can''t")));
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static Properties load(String file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(BUNDLES.resolve(file), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static List<Path> javaSources() throws IOException {
        List<Path> sources = new ArrayList<>();
        for (Path root : JAVA) {
            if (Files.isDirectory(root)) {
                sources.addAll(files(root, ".java"));
            }
        }
        assertFalse(sources.isEmpty(), "no Java sources under " + JAVA);
        return sources;
    }

    /**
     * The bundle keys a Java source names: every argument of {@code Texts.format} and OmniFaces {@code Messages} calls
     * that looks like a key, and every other string literal that looks like a key under a prefix of the bundle
     * ({@code login.…}, {@code admin.…}; constants, enum texts, Bean Validation messages). Comments are skipped.
     */
    static Set<String> namedKeys(String source, Set<String> prefixes) {
        String code = withoutComments(source);
        Set<String> keys = new TreeSet<>();
        Matcher call = KEY_CALL.matcher(code);
        while (call.find()) {
            Matcher literal = STRING_LITERAL.matcher(call.group(1));
            while (literal.find()) {
                Matcher key = JAVA_KEY.matcher(literal.group(1));
                if (key.matches() && !FILE_NAME.matcher(key.group(1)).matches()) {
                    keys.add(key.group(1));
                }
            }
        }
        Matcher literal = STRING_LITERAL.matcher(code);
        while (literal.find()) {
            Matcher key = JAVA_KEY.matcher(literal.group(1));
            if (key.matches() && !FILE_NAME.matcher(key.group(1)).matches()
                    && prefixes.stream().anyMatch(key.group(1)::startsWith)) {
                keys.add(key.group(1));
            }
        }
        return keys;
    }

    /** The source with its comments blanked out; string and character literals are kept as they are. */
    static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '/') {
                while (i < source.length() && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
                out.append(' ');
            } else if (c == '"' || c == '\'') {
                int start = i++;
                while (i < source.length() && source.charAt(i) != c && source.charAt(i) != '\n') {
                    i += source.charAt(i) == '\\' ? 2 : 1;
                }
                i = Math.min(i + 1, source.length());
                out.append(source, start, i);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    static boolean hasLoneApostrophe(String text) {
        return text.replace("''", "").indexOf('\'') >= 0;
    }
}
