package org.portico.web.view.admin.routes;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.omnifaces.util.Faces;
import org.portico.deeplink.link.InvalidParameterException;
import org.portico.deeplink.link.ParameterType;
import org.portico.deeplink.link.RouteParameter;
import org.portico.web.link.LinkMessages;
import org.portico.web.link.StoredRouteParameter;

/** One parameter of "try it", with what its type expects when the value does not fit. */
public class TryValue implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final String type;
    private final boolean required;
    private final List<String> options;
    private final String pattern;
    private final int maxLength;
    private final TryLink link;
    private String value;

    TryValue(TryLink link, StoredRouteParameter stored, Optional<String> sample) {
        this.link = link;
        name = stored.getName();
        type = stored.getType().code();
        required = stored.isRequired();
        options = stored.getValues();
        pattern = stored.getPattern();
        maxLength = stored.getMaxLength();
        value = sample.orElse("");
    }

    /** What is wrong with the value in the view's language, or {@code null}; an empty optional value is fine. */
    public String getProblem() {
        if ((value == null || value.isEmpty()) && !required) {
            return null;
        }
        try {
            new RouteParameter(name, ParameterType.valueOf(type.toUpperCase(Locale.ROOT)), required, options, pattern,
                    maxLength).check(value);
            return null;
        } catch (InvalidParameterException e) {
            return LinkMessages.format(Faces.getLocale(), e.text());
        }
    }

    /** Whether the value must match {@link #getPattern()} (the label says so instead of naming the type). */
    public boolean isPatternType() { return ParameterType.PATTERN.code().equals(type); }
    public String getName() { return name; }
    public String getType() { return type; }
    public String getPattern() { return pattern; }
    public boolean isRequired() { return required; }
    public List<String> getOptions() { return options; }
    public String getValue() { return value; }
    public void setValue(String value) {
        String given = value == null ? "" : value;
        if (!given.equals(this.value)) {
            link.minted(null);
        }
        this.value = given;
    }
}
