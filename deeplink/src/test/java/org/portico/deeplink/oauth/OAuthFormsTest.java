package org.portico.deeplink.oauth;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.nimbusds.oauth2.sdk.OAuth2Error;

class OAuthFormsTest {

    @Test
    void aBodyIsParsedAsUtf8WithRepeatsOfAudienceAndResourceKeptAndEmptyValuesLeftOut() {
        Map<String, List<String>> form = OAuthForms.parse("grant_type=urn%3Aietf%3Aparams&audience=a&audience=b+c"
                + "&name=J%C3%BCrgen&empty=&flag&&resource=https%3A%2F%2Fx&resource=https%3A%2F%2Fy");
        assertAll(
                () -> assertEquals(List.of("urn:ietf:params"), form.get("grant_type")),
                () -> assertEquals(List.of("a", "b c"), form.get("audience")),
                () -> assertEquals(List.of("https://x", "https://y"), form.get("resource")),
                () -> assertEquals(List.of("Jürgen"), form.get("name")),
                () -> assertFalse(form.containsKey("empty")),
                () -> assertFalse(form.containsKey("flag")),
                () -> assertTrue(OAuthForms.parse(null).isEmpty()),
                () -> assertTrue(OAuthForms.parse("").isEmpty()));
    }

    /** RFC 6749 section 3.2: a parameter must not be included more than once. */
    @Test
    void aRepeatedParameterThatPorticoReadsIsAnInvalidRequestOthersAreLeftAlone() {
        OAuthException grantType = assertThrows(OAuthException.class,
                () -> OAuthForms.parse("grant_type=a&audience=x&grant_type=b"));
        OAuthException sameValue = assertThrows(OAuthException.class,
                () -> OAuthForms.parse("client_secret=s&client_secret=s"));
        assertAll(
                () -> assertEquals(OAuth2Error.INVALID_REQUEST, grantType.error()),
                () -> assertEquals("parameter grant_type is repeated", grantType.error().getDescription()),
                () -> assertEquals(OAuth2Error.INVALID_REQUEST, sameValue.error()),
                () -> assertEquals(List.of("1", "2"), OAuthForms.parse("%22quoted%22=1&%22quoted%22=2").get("\"quoted\"")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"client_secret=%zz", "client_secret=%", "a=b&client_secret=ab%2", "x%g1=1"})
    void aMalformedEscapeIsAnInvalidRequestNotAServerError(String body) {
        OAuthException e = assertThrows(OAuthException.class, () -> OAuthForms.parse(body));
        assertEquals(OAuth2Error.INVALID_REQUEST, e.error());
        assertEquals(400, e.toHTTPResponse().getStatusCode());
    }

    /** Issue 8: POST /oauth2/token?client_id=…&client_secret=… authenticated; credentials belong in the body. */
    @ParameterizedTest
    @ValueSource(strings = {"client_id", "client_secret", "client_assertion", "client_assertion_type", "subject_token",
            "actor_token", "token", "access_token"})
    void aCredentialInTheQueryIsAnInvalidRequestNamingItButNotItsValue(String name) {
        OAuthException e = assertThrows(OAuthException.class, () -> OAuthForms.refuseCredentialsInQuery(
                "audience=x&" + name + "=s3cr3t-value"));
        assertAll(
                () -> assertEquals(OAuth2Error.INVALID_REQUEST, e.error()),
                () -> assertTrue(e.error().getDescription().contains(name), e.error().getDescription()),
                () -> assertFalse(e.toHTTPResponse().getBody().contains("s3cr3t-value")));
    }

    @Test
    void anEmptyCredentialInTheQueryIsRefusedTooAndOtherParametersPass() {
        assertAll(
                () -> assertThrows(OAuthException.class,
                        () -> OAuthForms.refuseCredentialsInQuery("client_secret=")),
                () -> assertThrows(OAuthException.class, () -> OAuthForms.refuseCredentialsInQuery("client_secret=%zz"),
                        "a malformed escape does not hide it"),
                () -> assertDoesNotThrow(() -> OAuthForms.refuseCredentialsInQuery("debug=1")),
                () -> assertDoesNotThrow(() -> OAuthForms.refuseCredentialsInQuery(null)));
    }
}
