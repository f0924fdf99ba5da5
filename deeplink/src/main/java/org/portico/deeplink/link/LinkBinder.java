package org.portico.deeplink.link;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Binds a {@link LinkRequest} to its {@link LinkRoute}: path segments after the route name fill the parameters in
 * their declared order; query parameters may give any parameter by name ({@code /link/invoice?id=42} is
 * {@code /link/invoice/42}). Two query parameters are Portico's own and never a route's (a route parameter name
 * starts with a letter): {@value #TICKET} (a one-time link's ticket) and {@value #SIGNATURE} (an app's signature on an
 * inbound link).
 *
 * <p>Refused, each with an {@link InvalidParameterException} whose message names the parameter and never echoes
 * the value: a required parameter missing; an unknown query parameter; a parameter given twice (twice in the query,
 * or in the path and the query); more path segments than parameters; a malformed escape, invalid UTF-8 or a control
 * character (CR, LF, NUL…) anywhere; a value that is not of the parameter's type. Each value is percent-decoded
 * exactly once ({@code +} is a space in the query, a plus in the path).
 *
 * <p>Stateless and thread-safe.
 */
public final class LinkBinder {

    /** The query parameter that carries a one-time link's ticket. */
    public static final String TICKET = "_ticket";
    /** The query parameter that carries an app's signature on an inbound link. */
    public static final String SIGNATURE = "_sig";
    /** Longest query string accepted, in characters. */
    public static final int MAX_QUERY = 8192;

    private static final Pattern SHOWABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,31}");

    private LinkBinder() {
    }

    /**
     * @throws InvalidParameterException naming the parameter that is missing, unknown, repeated or invalid
     */
    public static BoundLink bind(LinkRoute route, LinkRequest request) {
        List<RouteParameter> declared = route.parameters();
        List<String> segments = request.segments();
        if (segments.size() > declared.size()) {
            int surplus = segments.size() - declared.size();
            throw declared.isEmpty()
                    ? new InvalidParameterException("(path)", LinkText.NO_PARAMETERS)
                    : new InvalidParameterException(declared.get(declared.size() - 1).name(), LinkText.SURPLUS_VALUES,
                    surplus);
        }
        Map<String, String> raw = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String name = declared.get(i).name();
            raw.put(name, decode(segments.get(i), false, name));
        }
        String ticket = null;
        String signature = null;
        if (request.query().length() > MAX_QUERY) {
            throw new InvalidParameterException("(query)", LinkText.QUERY_TOO_LONG, MAX_QUERY);
        }
        for (String pair : request.query().split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), true, "(name)");
            String value = decode(eq < 0 ? "" : pair.substring(eq + 1), true, showable(name));
            if (name.equals(TICKET)) {
                ticket = once(name, ticket, value);
                continue;
            }
            if (name.equals(SIGNATURE)) {
                signature = once(name, signature, value);
                continue;
            }
            Optional<RouteParameter> parameter = route.parameter(name);
            if (parameter.isEmpty()) {
                throw new InvalidParameterException(showable(name), LinkText.NOT_A_PARAMETER);
            }
            if (raw.containsKey(name)) {
                // The path fills the first declared parameters, one a segment.
                boolean inPath = declared.indexOf(parameter.get()) < segments.size();
                throw new InvalidParameterException(name,
                        inPath ? LinkText.GIVEN_TWICE_PATH_AND_QUERY : LinkText.GIVEN_TWICE);
            }
            raw.put(name, value);
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (RouteParameter parameter : declared) {
            String value = raw.get(parameter.name());
            if (value == null) {
                if (parameter.required()) {
                    throw new InvalidParameterException(parameter.name(), LinkText.REQUIRED);
                }
                continue;
            }
            params.put(parameter.name(), parameter.check(value));
        }
        return new BoundLink(params, ticket, signature);
    }

    /** {@code value} for one of Portico's own parameters, unless it was given before. */
    private static String once(String name, String earlier, String value) {
        if (earlier != null) {
            throw new InvalidParameterException(name, LinkText.GIVEN_TWICE);
        }
        return value;
    }

    private static String decode(String raw, boolean plusIsSpace, String name) {
        try {
            return PercentCoding.decode(raw, plusIsSpace);
        } catch (PercentCoding.MalformedException e) {
            throw new InvalidParameterException(name, LinkText.NOT_PERCENT_ENCODED);
        }
    }

    /** A requested name fit to appear in a message, or a neutral word: a name may be an attacker's text. */
    private static String showable(String name) {
        return SHOWABLE_NAME.matcher(name).matches() ? name : "(unnamed)";
    }
}
