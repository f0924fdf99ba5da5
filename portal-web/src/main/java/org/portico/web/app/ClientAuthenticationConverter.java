package org.portico.web.app;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;


/** Stores a {@link ClientAuthentication} by its OAuth method name ({@code private_key_jwt}). */
@Converter
public class ClientAuthenticationConverter implements AttributeConverter<ClientAuthentication, String> {

    @Override
    public String convertToDatabaseColumn(ClientAuthentication method) {
        return method == null ? null : method.methodName();
    }

    @Override
    public ClientAuthentication convertToEntityAttribute(String name) {
        return name == null ? null : ClientAuthentication.findByName(name)
                .orElseThrow(() -> new IllegalStateException("Unknown client_auth '" + name + "' in portico_app"));
    }
}
