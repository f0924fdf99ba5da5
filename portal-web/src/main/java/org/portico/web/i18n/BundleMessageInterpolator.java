package org.portico.web.i18n;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.MessageInterpolator;
import jakarta.validation.Validation;

/**
 * Lets Bean Validation messages name a key of Portico's bundle: {@code @NotBlank(message = "{login.username.required}")}
 * shows that text in the page's language (Faces passes the view's locale). Any other template, such as the provider's
 * own {@code {jakarta.validation.constraints.NotBlank.message}}, goes to the provider's interpolator as before.
 * Registered in META-INF/validation.xml. Thread-safe.
 */
public class BundleMessageInterpolator implements MessageInterpolator {

    private static final Pattern KEY = Pattern.compile("\\{([a-z][A-Za-z0-9]*(?:\\.[A-Za-z0-9]+)+)}");

    private final MessageInterpolator provider =
            Validation.byDefaultProvider().configure().getDefaultMessageInterpolator();

    @Override
    public String interpolate(String template, Context context) {
        return interpolate(template, context, Locale.ENGLISH);
    }

    @Override
    public String interpolate(String template, Context context, Locale locale) {
        Matcher key = KEY.matcher(template);
        if (key.matches() && !key.group(1).startsWith("jakarta.") && !key.group(1).startsWith("org.hibernate.")) {
            try {
                Texts.bundle(locale).getString(key.group(1));
                return Texts.format(locale, key.group(1));
            } catch (MissingResourceException e) {
                // not one of ours
            }
        }
        return provider.interpolate(template, context, locale);
    }
}
