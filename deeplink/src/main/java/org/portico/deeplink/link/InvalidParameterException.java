package org.portico.deeplink.link;

/**
 * A link parameter value was rejected. The message names the parameter and what is expected, never the value: it
 * may be shown to the person who followed the link. Outcome {@link LinkOutcome#INVALID_PARAMETER}.
 */
public final class InvalidParameterException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    public InvalidParameterException(String parameter, String problem) {
        super("parameter '" + parameter + "' " + problem);
        this.parameter = parameter;
    }

    /** The parameter's name. */
    public String parameter() {
        return parameter;
    }
}
