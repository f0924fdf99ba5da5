package org.portico.web.edge;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;

/**
 * The held response decides its headers exactly once, before any byte reaches the client, with what is known then;
 * against a hand-made response that records what reaches it (no container).
 */
class HeldResponseTest {

    /** What reached the real response, and when the headers were decided. */
    private static final class Client {
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final Map<String, String> headers = new LinkedHashMap<>();
        final List<String> decisions = new ArrayList<>();
        int status = 200;
        int bytesAtDecision = -1;
        final HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getOutputStream" -> {
                            return new ServletOutputStream() {
                                @Override
                                public void write(int b) {
                                    body.write(b);
                                }

                                @Override
                                public boolean isReady() {
                                    return true;
                                }

                                @Override
                                public void setWriteListener(WriteListener listener) {
                                }
                            };
                        }
                        case "setHeader", "addHeader" -> headers.put((String) args[0], (String) args[1]);
                        case "setContentLength" -> headers.put("Content-Length", args[0].toString());
                        case "setStatus", "sendError" -> status = (Integer) args[0];
                        case "getStatus" -> {
                            return status;
                        }
                        case "getCharacterEncoding" -> {
                            return "UTF-8";
                        }
                        case "isCommitted" -> {
                            return body.size() > 0;
                        }
                        default -> {
                            return null;
                        }
                    }
                    return null;
                });

        HeldResponse held(int limit) {
            return new HeldResponse(response, limit, (status, complete, setsCookie) -> {
                bytesAtDecision = body.size();
                decisions.add(status + (complete ? " complete" : " partial") + (setsCookie ? " cookie" : ""));
            });
        }
    }

    @Test
    void aPageIsHeldUntilItIsWholeThenSentWithItsLength() throws Exception {
        Client client = new Client();
        HeldResponse held = client.held(1024);
        held.getWriter().write("<html>Grüße</html>");
        held.flushBuffer(); // Faces flushes: nothing may leave before the decision
        assertAll(
                () -> assertEquals(0, client.body.size()),
                () -> assertFalse(held.isCommitted()));
        held.finish();
        assertAll(
                () -> assertEquals(List.of("200 complete"), client.decisions),
                () -> assertEquals(0, client.bytesAtDecision),
                () -> assertEquals("<html>Grüße</html>", client.body.toString(UTF_8)),
                () -> assertEquals(Integer.toString("<html>Grüße</html>".getBytes(UTF_8).length),
                        client.headers.get("Content-Length")));
    }

    @Test
    void aPageLargerThanTheLimitIsDecidedAsPartialAndWrittenThrough() throws Exception {
        Client client = new Client();
        HeldResponse held = client.held(10);
        held.getOutputStream().write("0123456789".getBytes(UTF_8));
        held.getOutputStream().write("abc".getBytes(UTF_8));
        held.getOutputStream().write("def".getBytes(UTF_8));
        held.finish();
        assertAll(
                () -> assertEquals(List.of("200 partial"), client.decisions),
                () -> assertEquals(0, client.bytesAtDecision),
                () -> assertEquals("0123456789abcdef", client.body.toString(UTF_8)),
                () -> assertFalse(client.headers.containsKey("Content-Length")));
    }

    @Test
    void aWriterPassingTheLimitOnItsOwnFlushIsDecidedOnce() throws Exception {
        Client client = new Client();
        HeldResponse held = client.held(4);
        held.getWriter().write("more than four");
        held.finish();
        assertAll(
                () -> assertEquals(List.of("200 partial"), client.decisions),
                () -> assertEquals("more than four", client.body.toString(UTF_8)));
    }

    @Test
    void anErrorIsDecidedBeforeItLeavesAndTheHeldBodyIsDropped() throws Exception {
        Client client = new Client();
        HeldResponse held = client.held(1024);
        held.getWriter().write("half a page");
        held.sendError(404);
        held.finish();
        assertAll(
                () -> assertEquals(List.of("404 partial"), client.decisions),
                () -> assertEquals(404, client.status),
                () -> assertEquals("", client.body.toString(UTF_8)));
    }

    @Test
    void aCookieSetByTheServletCounts() throws Exception {
        Client client = new Client();
        HeldResponse held = client.held(1024);
        held.addCookie(new Cookie("PORTICO_LANG", "de"));
        held.finish();
        Client other = new Client();
        HeldResponse byHeader = other.held(1024);
        byHeader.addHeader("set-cookie", "x=1");
        byHeader.finish();
        assertAll(
                () -> assertEquals(List.of("200 complete cookie"), client.decisions),
                () -> assertEquals(List.of("200 complete cookie"), other.decisions),
                () -> assertTrue(client.body.size() == 0));
    }
}
