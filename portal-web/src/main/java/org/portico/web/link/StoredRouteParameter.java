package org.portico.web.link;

import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import org.portico.deeplink.link.ParameterType;
import org.portico.deeplink.link.RouteParameter;

/**
 * One row of {@code portico_link_route_parameter}: a {@link RouteParameter} as stored. Enum values are kept one per
 * line in one column — a value can never hold a line break (RouteParameter refuses control characters), so the
 * representation is exact and needs no further table.
 */
@Embeddable
public class StoredRouteParameter {

    @Column(nullable = false, length = 32)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "param_type", nullable = false, length = 16)
    private ParameterType type;

    @Column(nullable = false)
    private boolean required;

    @Column(name = "allowed_values", length = 10100)
    private String allowedValues;

    @Column(length = 200)
    private String pattern;

    @Column(name = "max_length", nullable = false)
    private int maxLength;

    protected StoredRouteParameter() {
        // for JPA
    }

    static StoredRouteParameter of(RouteParameter parameter) {
        StoredRouteParameter stored = new StoredRouteParameter();
        stored.name = parameter.name();
        stored.type = parameter.type();
        stored.required = parameter.required();
        stored.allowedValues = parameter.values().isEmpty() ? null : String.join("\n", parameter.values());
        stored.pattern = parameter.pattern() == null || parameter.pattern().isEmpty() ? null : parameter.pattern();
        stored.maxLength = parameter.maxLength();
        return stored;
    }

    RouteParameter toParameter() {
        return new RouteParameter(name, type, required, getValues(), pattern, maxLength);
    }

    public String getName() { return name; }
    public ParameterType getType() { return type; }
    public boolean isRequired() { return required; }
    /** The allowed values of an enum parameter, in order; empty for the other types. */
    public List<String> getValues() { return allowedValues == null ? List.of() : Arrays.asList(allowedValues.split("\n")); }
    public String getPattern() { return pattern; }
    public int getMaxLength() { return maxLength; }
}
