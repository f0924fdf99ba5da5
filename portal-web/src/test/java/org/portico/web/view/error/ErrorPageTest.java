package org.portico.web.view.error;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The "open it again" link of the page-expired page leads only to a local path. */
class ErrorPageTest {

    @Test
    void aLocalRequestPathIsOpenedAgain() {
        assertAll(
                () -> assertEquals("/admin/users.xhtml", ErrorPage.retryTarget("/admin/users.xhtml", "")),
                () -> assertEquals("/portico/home.xhtml", ErrorPage.retryTarget("/portico/home.xhtml", "/portico")));
    }

    @Test
    void anythingButALocalPathFallsBackToTheHomePage() {
        assertAll(
                () -> assertEquals("/", ErrorPage.retryTarget(null, "")),
                () -> assertEquals("/", ErrorPage.retryTarget("", "")),
                () -> assertEquals("/", ErrorPage.retryTarget("//evil.example/login.xhtml", "")),
                () -> assertEquals("/", ErrorPage.retryTarget("/\\evil.example/login.xhtml", "")),
                () -> assertEquals("/", ErrorPage.retryTarget("https://evil.example/login.xhtml", "")),
                () -> assertEquals("/", ErrorPage.retryTarget("javascript:alert(1)", "")),
                () -> assertEquals("/", ErrorPage.retryTarget("/login.xhtml\r\nSet-Cookie: x=1", "")),
                () -> assertEquals("/", ErrorPage.retryTarget("/./%2F%2Fevil.example", "")),
                () -> assertEquals("/portico/", ErrorPage.retryTarget("//evil.example", "/portico")));
    }
}
