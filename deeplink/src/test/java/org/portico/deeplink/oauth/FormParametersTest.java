package org.portico.deeplink.oauth;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portico.deeplink.oauth.OAuthError.Code;

class FormParametersTest {

    @Test
    void aBodyIsParsedAsUtf8WithRepeatsKept() {
        FormParameters form = FormParameters.parse("grant_type=urn%3Aietf%3Aparams&audience=a&audience=b+c"
                + "&name=J%C3%BCrgen&empty=&flag&&");
        assertAll(
                () -> assertEquals(Optional.of("urn:ietf:params"), form.find("grant_type")),
                () -> assertEquals(List.of("a", "b c"), form.all("audience")),
                () -> assertEquals(Optional.of("Jürgen"), form.find("name")),
                () -> assertEquals(Optional.empty(), form.find("empty")),
                () -> assertEquals(Optional.empty(), form.find("flag")),
                () -> assertEquals(Code.INVALID_REQUEST,
                        assertThrows(OAuthException.class, () -> form.find("audience")).error().code()),
                () -> assertTrue(FormParameters.parse(null).values().isEmpty()),
                () -> assertTrue(FormParameters.parse("").values().isEmpty()));
    }

    @Test
    void aMalformedEscapeIsAnInvalidRequestNotAServerError() {
        OAuthException e = assertThrows(OAuthException.class, () -> FormParameters.parse("client_secret=%zz"));
        assertEquals(Code.INVALID_REQUEST, e.error().code());
    }

    /** Issue 8: POST /oauth2/token?client_id=…&client_secret=… authenticated; credentials belong in the body. */
    @ParameterizedTest
    @ValueSource(strings = {"client_id", "client_secret", "client_assertion", "client_assertion_type", "subject_token",
            "actor_token", "token", "access_token"})
    void aCredentialInTheQueryIsAnInvalidRequestNamingItButNotItsValue(String name) {
        OAuthException e = assertThrows(OAuthException.class, () -> FormParameters.refuseCredentialsIn(
                FormParameters.parse("audience=x&" + name + "=s3cr3t-value")));
        assertAll(
                () -> assertEquals(Code.INVALID_REQUEST, e.error().code()),
                () -> assertTrue(e.error().description().contains(name), e.error().description()),
                () -> assertFalse(e.error().toJson().contains("s3cr3t-value")));
    }

    @Test
    void anEmptyCredentialInTheQueryIsRefusedTooAndOtherParametersPass() {
        assertAll(
                () -> assertThrows(OAuthException.class,
                        () -> FormParameters.refuseCredentialsIn(FormParameters.parse("client_secret="))),
                () -> assertDoesNotThrow(() -> FormParameters.refuseCredentialsIn(FormParameters.parse("debug=1"))),
                () -> assertDoesNotThrow(() -> FormParameters.refuseCredentialsIn(FormParameters.parse(null))));
    }
}
