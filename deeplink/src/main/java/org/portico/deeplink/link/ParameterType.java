package org.portico.deeplink.link;

/** The type of a route parameter; each type has its own validation (see {@link RouteParameter#check(String)}). */
public enum ParameterType {
    /** Any text up to the parameter's maximum length, without control characters. */
    STRING,
    /** A whole number: optional minus sign and 1 to 18 digits (fits a Java {@code long}). */
    INT,
    /** A UUID in its canonical 8-4-4-4-12 hexadecimal form; normalised to lower case. */
    UUID,
    /** One of the parameter's listed values, compared exactly. */
    ENUM,
    /** Text that matches the parameter's regular expression as a whole. */
    PATTERN;

    /** The lower-case name used in JSON and the admin UI, e.g. {@code uuid}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
