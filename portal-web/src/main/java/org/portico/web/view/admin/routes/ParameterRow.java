package org.portico.web.view.admin.routes;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

import org.portico.deeplink.link.ParameterType;
import org.portico.deeplink.link.RouteParameter;
import org.portico.web.link.StoredRouteParameter;

/** One parameter row of the route form; the inputs for values and pattern show for their type only. */
public class ParameterRow implements Serializable {

    private static final long serialVersionUID = 1L;

    private String name;
    private String type = ParameterType.STRING.code();
    private boolean required = true;
    private String values;
    private String pattern;
    private Integer maxLength = RouteParameter.DEFAULT_MAX_LENGTH;

    static ParameterRow of(StoredRouteParameter parameter) {
        ParameterRow row = new ParameterRow();
        row.name = parameter.getName();
        row.type = parameter.getType().code();
        row.required = parameter.isRequired();
        row.values = String.join("\n", parameter.getValues());
        row.pattern = parameter.getPattern();
        row.maxLength = parameter.getMaxLength();
        return row;
    }

    RouteParameter toParameter() {
        ParameterType parameterType = Arrays.stream(ParameterType.values()).filter(t -> t.code().equals(type))
                .findFirst().orElse(null);
        List<String> allowed = parameterType == ParameterType.ENUM && values != null
                ? Arrays.stream(values.split("\\R")).map(String::strip).filter(v -> !v.isEmpty()).toList()
                : List.of();
        String regex = parameterType == ParameterType.PATTERN ? pattern : null;
        return new RouteParameter(name == null ? null : name.strip(), parameterType, required, allowed, regex,
                maxLength == null ? RouteParameter.DEFAULT_MAX_LENGTH : maxLength);
    }

    public boolean isEnumType() { return ParameterType.ENUM.code().equals(type); }
    public boolean isPatternType() { return ParameterType.PATTERN.code().equals(type); }
    public boolean isLimited() { return isPatternType() || ParameterType.STRING.code().equals(type); }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
    public boolean isRequired() { return required; }
    public void setRequired(boolean required) { this.required = required; }
    public String getValues() { return values; }
    public void setValues(String values) { this.values = values; }
    public String getPattern() { return pattern; }
    public void setPattern(String pattern) { this.pattern = pattern; }
    public Integer getMaxLength() { return maxLength; }
    public void setMaxLength(Integer maxLength) { this.maxLength = maxLength; }
}
