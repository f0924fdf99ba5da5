package org.portico.web.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.MessageInterpolator;
import jakarta.validation.Validation;

/**
 * Bean Validation messages from Portico's bundle. A constraint whose message is one of its keys in braces,
 * {@code @Size(min = 10, max = 256, message = "{admin.users.invalid.password-length}")}, shows that key's text in
 * the locale asked for (Faces asks in the view's locale; English when none is given), formatted with
 * {@link MessageFormat}: the constraint's {@code min} is {@code {0}}, its {@code max} {@code {1}}. Any other message
 * is left to the provider's own interpolator. Registered in {@code META-INF/validation.xml}; thread-safe.
 */
public class BundleMessageInterpolator implements MessageInterpolator {

    private static final Pattern KEY = Pattern.compile("\\{([a-z][A-Za-z0-9-]*(?:\\.[A-Za-z0-9_-]+)+)}");

    /** The provider's own interpolator, made when first needed (not while the provider reads validation.xml). */
    private volatile MessageInterpolator provider;

    @Override
    public String interpolate(String template, Context context) {
        return interpolate(template, context, Locale.ENGLISH);
    }

    @Override
    public String interpolate(String template, Context context, Locale locale) {
        Matcher key = KEY.matcher(template);
        if (key.matches()) {
            ResourceBundle bundle = Texts.bundle(locale);
            if (bundle.containsKey(key.group(1))) {
                Map<String, Object> attributes = context.getConstraintDescriptor().getAttributes();
                return new MessageFormat(bundle.getString(key.group(1)), locale)
                        .format(new Object[] {attributes.get("min"), attributes.get("max")});
            }
        }
        return provider().interpolate(template, context, locale);
    }

    private MessageInterpolator provider() {
        MessageInterpolator own = provider;
        if (own == null) {
            own = Validation.byDefaultProvider().configure().getDefaultMessageInterpolator();
            provider = own;
        }
        return own;
    }
}
