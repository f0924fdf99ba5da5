package org.portico.deeplink.link;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the deep-link core says to the person who followed a link: why a link was refused
 * ({@link LinkResolution.Rejected}) and what is wrong with a parameter ({@link InvalidParameterException}). Each has a
 * message key ({@code deeplink.link.*}, {@code deeplink.parameter.*}, see {@link #key()}) and its English text in
 * {@link java.text.MessageFormat} syntax, which the application's English bundle repeats word for word (portal-web's
 * {@code LinkTextsTest} holds them together). Texts say what happened and name a parameter at most, never a value, a
 * key or an internal reason.
 */
public enum LinkText {

    // ---- why a link was refused (LinkResolver) --------------------------------------------------------------------
    UNKNOWN_ROUTE("There is no link by this name. It may have been mistyped, or the link it came from is out of date."),
    SWITCHED_OFF("This link has been switched off."),
    NOT_YET_VALID("This link cannot be used yet."),
    NO_LONGER_VALID("This link is no longer valid."),
    /** {0}: the parameter's problem, an {@link InvalidParameterException#text()}. */
    INVALID("This link is incomplete or was altered: {0}."),
    SIGNATURE_EXPIRED("The app''s signature on this link has expired. Go back to the app and open the link again."),
    SIGNATURE_INVALID("The app''s signature on this link does not check out."
            + " Go back to the app and open the link again."),
    SIGN_ON_NOT_ALLOWED("The app that sent this link may not sign in an account"
            + " with your rights. Log in to Portico yourself, then open the link again."),
    ROLE_MISSING("Your account may not open this link. Ask your administrator if you need it."),
    APP_UNAVAILABLE("The app this link leads to is not available."),
    TARGET_REFUSED("This link leads to an address Portico does not send anyone to."),
    TICKET_MISSING("This single-use link is incomplete: its ticket is missing. Copy the whole link, or ask for a new one."),
    SIGNATURE_REPLAYED("This signed link has already been used. Go back to the app and open the link again."),
    TICKET_INVALID("This single-use link is not valid: it was altered or mistyped. Ask for a new one."),
    TICKET_OTHER_USER("This single-use link was issued to someone else."),
    TICKET_USED("This single-use link has already been used. Ask for a new one if you still need it."),
    TICKET_EXPIRED("This single-use link has expired. Ask for a new one."),

    // ---- what is wrong with a parameter (InvalidParameterException) ------------------------------------------------
    /** {0}: the parameter's name; {1}: its problem, one of the texts below. */
    PARAMETER("parameter ''{0}'' {1}"),
    NO_PARAMETERS("must be empty: this link takes no parameters"),
    /** {0}: how many values too many. */
    SURPLUS_VALUES("is the last parameter, but the link''s path has {0} more {0,choice,1#value|1<values}"),
    /** {0}: the longest query. */
    QUERY_TOO_LONG("is longer than {0,number,#} characters"),
    NOT_A_PARAMETER("is not a parameter of this link"),
    GIVEN_TWICE("is given more than once"),
    GIVEN_TWICE_PATH_AND_QUERY("is given more than once (in the path and in the query)"),
    REQUIRED("is required"),
    NOT_PERCENT_ENCODED("is not correctly percent-encoded UTF-8 text, or contains a control character"),
    DOT_SEGMENT("cannot be ''.'' or ''..'' where it stands in the link''s path"),
    PATH_CHARACTER("cannot contain ''/'', ''\\'' or ''%'' where it stands in the link''s path"),
    WHOLE_NUMBER("must be a whole number"),
    UUID("must be a UUID such as 123e4567-e89b-12d3-a456-426614174000"),
    /** {0}: the allowed values, comma-separated. */
    ONE_OF("must be one of {0}"),
    /** {0}: the longest value. */
    TOO_LONG("must be at most {0,number,#} characters"),
    CONTROL_CHARACTERS("must not contain control characters"),
    UNEXPECTED_FORM("does not have the expected form"),
    /** {0}: the route's name. */
    NOT_A_PARAMETER_OF_ROUTE("is not a parameter of route ''{0}''");

    private static final Map<String, LinkText> BY_KEY = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(LinkText::key, Function.identity()));

    private final String english;

    LinkText(String english) {
        this.english = english;
    }

    /**
     * The message key: {@code deeplink.link.<name>} for a refusal, {@code deeplink.parameter.<name>} for a parameter's
     * problem ({@code deeplink.parameter} for {@link #PARAMETER} itself), the constant's name in lower case with
     * dashes, e.g. {@code deeplink.link.unknown-route}.
     */
    public String key() {
        if (this == PARAMETER) {
            return "deeplink.parameter";
        }
        return (compareTo(PARAMETER) < 0 ? "deeplink.link." : "deeplink.parameter.")
                + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The English text, a {@link java.text.MessageFormat} pattern. */
    public String english() {
        return english;
    }

    /** This text with its parameters. */
    public LinkMessage with(Object... params) {
        return LinkMessage.of(key(), params);
    }

    /** The text with this key, if it is one of the core's. */
    public static Optional<LinkText> byKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }
}
