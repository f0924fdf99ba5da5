package org.portico.deeplink.link;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the deep-link core says to the person who followed a link: why a link was refused
 * ({@link LinkResolution.Rejected}) and what is wrong with a parameter ({@link InvalidParameterException}). Each has a
 * message key ({@code deeplink.link.*}, {@code deeplink.parameter.*}) and its English text in
 * {@link java.text.MessageFormat} syntax, which the application's English bundle repeats word for word (portal-web's
 * {@code LinkTextsTest} holds them together). Texts say what happened and name a parameter at most, never a value, a
 * key or an internal reason.
 */
public enum LinkText {

    // ---- why a link was refused (LinkResolver) --------------------------------------------------------------------
    UNKNOWN_ROUTE("deeplink.link.unknown-route",
            "There is no link by this name. It may have been mistyped, or the link it came from is out of date."),
    SWITCHED_OFF("deeplink.link.switched-off", "This link has been switched off."),
    NOT_YET_VALID("deeplink.link.not-yet-valid", "This link cannot be used yet."),
    NO_LONGER_VALID("deeplink.link.no-longer-valid", "This link is no longer valid."),
    /** {0}: the parameter's problem, an {@link InvalidParameterException#text()}. */
    INVALID("deeplink.link.invalid", "This link is incomplete or was altered: {0}."),
    SIGNATURE_EXPIRED("deeplink.link.signature-expired",
            "The app''s signature on this link has expired. Go back to the app and open the link again."),
    SIGNATURE_INVALID("deeplink.link.signature-invalid",
            "The app''s signature on this link does not check out. Go back to the app and open the link again."),
    SIGN_ON_NOT_ALLOWED("deeplink.link.sign-on-not-allowed", "The app that sent this link may not sign in an account"
            + " with your rights. Log in to Portico yourself, then open the link again."),
    ROLE_MISSING("deeplink.link.role-missing",
            "Your account may not open this link. Ask your administrator if you need it."),
    APP_UNAVAILABLE("deeplink.link.app-unavailable", "The app this link leads to is not available."),
    TARGET_REFUSED("deeplink.link.target-refused", "This link leads to an address Portico does not send anyone to."),
    TICKET_MISSING("deeplink.link.ticket-missing",
            "This single-use link is incomplete: its ticket is missing. Copy the whole link, or ask for a new one."),
    SIGNATURE_REPLAYED("deeplink.link.signature-replayed",
            "This signed link has already been used. Go back to the app and open the link again."),
    TICKET_INVALID("deeplink.link.ticket-invalid",
            "This single-use link is not valid: it was altered or mistyped. Ask for a new one."),
    TICKET_OTHER_USER("deeplink.link.ticket-other-user", "This single-use link was issued to someone else."),
    TICKET_USED("deeplink.link.ticket-used",
            "This single-use link has already been used. Ask for a new one if you still need it."),
    TICKET_EXPIRED("deeplink.link.ticket-expired", "This single-use link has expired. Ask for a new one."),

    // ---- what is wrong with a parameter (InvalidParameterException) ------------------------------------------------
    /** {0}: the parameter's name; {1}: its problem, one of the texts below. */
    PARAMETER("deeplink.parameter", "parameter ''{0}'' {1}"),
    NO_PARAMETERS("deeplink.parameter.no-parameters", "must be empty: this link takes no parameters"),
    /** {0}: how many values too many. */
    SURPLUS_VALUES("deeplink.parameter.surplus-values",
            "is the last parameter, but the link''s path has {0} more {0,choice,1#value|1<values}"),
    /** {0}: the longest query. */
    QUERY_TOO_LONG("deeplink.parameter.query-too-long", "is longer than {0,number,#} characters"),
    NOT_A_PARAMETER("deeplink.parameter.not-a-parameter", "is not a parameter of this link"),
    GIVEN_TWICE("deeplink.parameter.given-twice", "is given more than once"),
    GIVEN_TWICE_PATH_AND_QUERY("deeplink.parameter.given-twice-path-and-query",
            "is given more than once (in the path and in the query)"),
    REQUIRED("deeplink.parameter.required", "is required"),
    NOT_PERCENT_ENCODED("deeplink.parameter.not-percent-encoded",
            "is not correctly percent-encoded UTF-8 text, or contains a control character"),
    DOT_SEGMENT("deeplink.parameter.dot-segment", "cannot be ''.'' or ''..'' where it stands in the link''s path"),
    PATH_CHARACTER("deeplink.parameter.path-character",
            "cannot contain ''/'', ''\\'' or ''%'' where it stands in the link''s path"),
    WHOLE_NUMBER("deeplink.parameter.whole-number", "must be a whole number"),
    UUID("deeplink.parameter.uuid", "must be a UUID such as 123e4567-e89b-12d3-a456-426614174000"),
    /** {0}: the allowed values, comma-separated. */
    ONE_OF("deeplink.parameter.one-of", "must be one of {0}"),
    /** {0}: the longest value. */
    TOO_LONG("deeplink.parameter.too-long", "must be at most {0,number,#} characters"),
    CONTROL_CHARACTERS("deeplink.parameter.control-characters", "must not contain control characters"),
    UNEXPECTED_FORM("deeplink.parameter.unexpected-form", "does not have the expected form"),
    /** {0}: the route's name. */
    NOT_A_PARAMETER_OF_ROUTE("deeplink.parameter.not-a-parameter-of-route", "is not a parameter of route ''{0}''");

    private static final Map<String, LinkText> BY_KEY = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(LinkText::key, Function.identity()));

    private final String key;
    private final String english;

    LinkText(String key, String english) {
        this.key = key;
        this.english = english;
    }

    /** The message key. */
    public String key() {
        return key;
    }

    /** The English text, a {@link java.text.MessageFormat} pattern. */
    public String english() {
        return english;
    }

    /** This text with its parameters. */
    public LinkMessage with(Object... params) {
        return LinkMessage.of(key, params);
    }

    /** The text with this key, if it is one of the core's. */
    public static Optional<LinkText> byKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }
}
