package org.portico.deeplink.link;

/**
 * A link parameter value was rejected. The message names the parameter and what is expected, never the value: it
 * may be shown to the person who followed the link, in their language ({@link #text()}); {@link #getMessage()} is
 * its English text. Outcome {@link LinkOutcome#INVALID_PARAMETER}.
 */
public final class InvalidParameterException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final transient LinkMessage text;

    /**
     * @param parameter the parameter's name (or a neutral word such as {@code (query)})
     * @param problem   what is wrong with it, one of the {@code deeplink.parameter.*} texts
     * @param args      the problem's parameters
     */
    public InvalidParameterException(String parameter, LinkText problem, Object... args) {
        this(parameter, LinkText.PARAMETER.with(parameter, problem.with(args)));
    }

    private InvalidParameterException(String parameter, LinkMessage text) {
        super(text.english());
        this.parameter = parameter;
        this.text = text;
    }

    /** The parameter's name. */
    public String parameter() {
        return parameter;
    }

    /** The message for people, e.g. "parameter 'id' must be a whole number", as a key and its parameters. */
    public LinkMessage text() {
        return text;
    }
}
