package org.portico.web.it;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.unique;

/** The audit log's CSV export on the wire: what strangers typed reaches a spreadsheet as text. */
class AuditExportIT extends ApiTestBase {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico();
    }

    /**
     * A stranger types a formula as the username of a failed login; the audit log keeps it as the target
     * {@code user:…}. Written unquoted, a spreadsheet that splits on semicolons (most European locales) made
     * {@code =HYPERLINK(…)} a cell of its own and ran it. The export quotes the field, so it stays one cell of text.
     */
    @Test
    void aFormulaTypedAsAUsernameIsExportedAsOneQuotedTextCell() throws Exception {
        String marker = unique("csv");
        String typed = marker + ";=HYPERLINK(A1;A2)";
        FormLogin.submit(FormLogin.newClient(), root(), URLEncoder.encode(typed, StandardCharsets.UTF_8), "wrong", "/home.xhtml");
        HttpClient ada = FormLogin.loggedIn(root(), "ada", "portico-demo");

        HttpResponse<String> csv = send(ada, "GET", "/api/admin/audit.csv?action=LOGIN_FAILED&target=" + marker, null);

        String body = csv.body();
        assertAll(
                () -> assertEquals(200, csv.statusCode(), body),
                () -> assertTrue(body.contains(",LOGIN_FAILED,\"user:" + marker.toLowerCase()
                        + ";=hyperlink(a1;a2)\",REFUSED,"), body),
                () -> assertFalse(body.contains(",user:" + marker.toLowerCase() + ";"), "never unquoted: " + body));
    }
}
