package org.portico.web.app;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;


/** Stores a {@link UserClaim} by its claim name ({@code email}). */
@Converter
public class UserClaimConverter implements AttributeConverter<UserClaim, String> {

    @Override
    public String convertToDatabaseColumn(UserClaim claim) {
        return claim == null ? null : claim.claimName();
    }

    @Override
    public UserClaim convertToEntityAttribute(String name) {
        return name == null ? null : UserClaim.findByName(name)
                .orElseThrow(() -> new IllegalStateException("Unknown claim '" + name + "' in portico_app_claim"));
    }
}
