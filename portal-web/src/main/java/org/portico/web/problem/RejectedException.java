package org.portico.web.problem;

import java.util.List;
import java.util.Locale;

import org.portico.web.i18n.Texts;

/**
 * A request refused because of what was asked, not because anything is broken (the other family is the 500 of a
 * broken setup). One refusal carries all that its two audiences need: the HTTP status and RFC 9457 problem type for
 * the REST API, which maps every refusal in one place ({@code rest.ProblemMappers.Rejected}), and the bundle key and
 * parameters of its message ({@code problem.*}), which the admin pages show in the view's language and the API in
 * the request's. {@link #getMessage()} is the English text, for logs and the audit log.
 * <p>
 * A refusal of single fields lists them in {@link #fieldErrors()}; its message then points at them. Immutable.
 */
public abstract class RejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The message of a refusal that lists its fields. */
    public static final String SEE_ERRORS = "problem.see-errors";

    private final int status;
    private final String type;
    private final String key;
    private final Object[] params;
    private final List<FieldMessage> fieldErrors;

    /**
     * A refusal as a whole.
     *
     * @param status the HTTP status, 4xx
     * @param type   the problem type relative to {@code https://portico.org/problems/}; its title is the bundle's
     *               {@code problem.<type>.title}
     * @param key    the bundle key of the message
     * @param params the message's parameters, already in the form the message shows them (strings)
     */
    protected RejectedException(int status, String type, String key, Object... params) {
        super(Texts.format(Locale.ENGLISH, key, params));
        this.status = status;
        this.type = type;
        this.key = key;
        this.params = params.clone();
        this.fieldErrors = null;
    }

    /**
     * A refusal of fields; its message says to see them.
     *
     * @param summary the English summary of all of them, for logs and the audit log
     */
    protected RejectedException(int status, String type, List<FieldMessage> fieldErrors, String summary) {
        super(summary);
        this.status = status;
        this.type = type;
        this.key = SEE_ERRORS;
        this.params = new Object[0];
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    /** The bundle key of the message. */
    public String messageKey() {
        return key;
    }

    /** The message's parameters. */
    public Object[] messageParams() {
        return params.clone();
    }

    /** Whether the refusal is of single fields, listed in {@link #fieldErrors()} (the API then answers {@code errors}). */
    public boolean hasFieldErrors() {
        return fieldErrors != null;
    }

    /** The refused fields, or an empty list for a refusal as a whole. */
    public List<FieldMessage> fieldErrors() {
        return fieldErrors == null ? List.of() : fieldErrors;
    }

    /** The message in a language. */
    public String message(Locale locale) {
        return Texts.format(locale, key, params);
    }

    /** The problem type's title in a language. */
    public String title(Locale locale) {
        return Texts.format(locale, "problem." + type + ".title");
    }
}
