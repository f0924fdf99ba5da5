package org.portico.web.problem;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.portico.web.i18n.Texts;

/**
 * One rejected field of a request: the field as the REST API's JSON names it ({@code baseUrls},
 * {@code parameters[0].pattern}) and a message for the person who typed it. Problem+json lists them as
 * {@code errors}; the admin pages show each next to its input, both in the reader's language.
 * <p>
 * A message from the bundle ({@link #of}) carries its key and parameters and is shown in any language; a text that
 * is not in the bundle (made elsewhere, e.g. by a library) is shown as it is. Immutable.
 *
 * @param field   the field, in the JSON names of the request
 * @param message the English text, for logs and the audit log
 * @param key     the bundle key of the message, or {@code null} for a text that is not in the bundle
 * @param params  the message's parameters, already in the form the message shows them
 */
public record FieldMessage(String field, String message, String key, List<Object> params) implements Serializable {

    public FieldMessage {
        params = params == null ? List.of() : List.copyOf(params);
    }

    /** A text that is not in the bundle, shown as it is in every language. */
    public FieldMessage(String field, String message) {
        this(field, message, null, List.of());
    }

    /** The message {@code key} of the bundle with {@code params}, about {@code field}. */
    public static FieldMessage of(String field, String key, Object... params) {
        return new FieldMessage(field, Texts.format(Locale.ENGLISH, key, params), key, Arrays.asList(params));
    }

    /** The message in a language. */
    public String message(Locale locale) {
        return key == null ? message : Texts.format(locale, key, params.toArray());
    }
}
