package org.portico.web.app;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.portico.web.i18n.Texts;
import org.portico.web.problem.FieldMessage;

/**
 * One rejected field of an app registration: the field as the REST API names it ({@code baseUrls}) and a message
 * for the person who typed it, from the bundle ({@link #of}: key and parameters, shown in the reader's language) or,
 * for a text made elsewhere, as it is.
 *
 * @param field   the field, as the REST API names it
 * @param message the English text, for logs and the audit log
 * @param key     the bundle key of the message ({@code problem.app.*}), or {@code null} for a text not in the bundle
 * @param params  the message's parameters, already in the form the message shows them
 */
public record FieldError(String field, String message, String key, List<Object> params) implements Serializable {

    public FieldError {
        params = params == null ? List.of() : List.copyOf(params);
    }

    /** A text that is not in the bundle (e.g. a library's), shown as it is in every language. */
    public FieldError(String field, String message) {
        this(field, message, null, List.of());
    }

    /** The message {@code key} of the bundle with {@code params}, about {@code field}. */
    public static FieldError of(String field, String key, Object... params) {
        return new FieldError(field, Texts.format(Locale.ENGLISH, key, params), key, Arrays.asList(params));
    }

    /** The message in a language. */
    public String message(Locale locale) {
        return toFieldMessage().message(locale);
    }

    /** The same error as a refusal lists it. */
    public FieldMessage toFieldMessage() {
        return new FieldMessage(field, message, key, params);
    }
}
