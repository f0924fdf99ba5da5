package org.portico.web.app;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link SandboxFlag} by its token ({@code allow-forms}). */
@Converter
public class SandboxFlagConverter implements AttributeConverter<SandboxFlag, String> {

    @Override
    public String convertToDatabaseColumn(SandboxFlag flag) {
        return flag == null ? null : flag.token();
    }

    @Override
    public SandboxFlag convertToEntityAttribute(String token) {
        return token == null ? null : SandboxFlag.findByToken(token)
                .orElseThrow(() -> new IllegalStateException("Unknown sandbox flag '" + token + "' in portico_app_sandbox_flag"));
    }
}
