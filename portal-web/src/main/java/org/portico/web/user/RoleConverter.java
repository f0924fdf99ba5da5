package org.portico.web.user;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;


/** Stores a {@link Role} by its container role name ({@code site-admin}), not by its Java constant name. */
@Converter
public class RoleConverter implements AttributeConverter<Role, String> {

    @Override
    public String convertToDatabaseColumn(Role role) {
        return role == null ? null : role.roleName();
    }

    @Override
    public Role convertToEntityAttribute(String name) {
        return name == null ? null : Role.findByName(name)
                .orElseThrow(() -> new IllegalStateException("Unknown role '" + name + "' in portico_user_role"));
    }
}
