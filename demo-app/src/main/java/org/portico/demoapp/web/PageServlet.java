package org.portico.demoapp.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.portico.demoapp.verify.TokenParameter;

/**
 * Every path of the app ({@code /}, {@code /invoices/42}, {@code /customers/…}) shows the same page: where the link
 * led and what its token says. A token in the query is verified here, during the GET; a token in the fragment never
 * reaches the server, so the page's script posts it to {@link VerifyServlet}.
 */
@WebServlet(name = "DemoPage", urlPatterns = "/")
public class PageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LinkChecker checker = LinkChecker.of(getServletContext());
        String query = request.getQueryString();
        Outcome outcome = checker.check(TokenParameter.find(query).orElse(null), request.getLocalPort());
        String rest = TokenParameter.without(query);
        String arrivedAt = request.getRequestURI() + (rest.isEmpty() ? "" : "?" + rest);

        byte[] body = Page.render(request.getContextPath(), arrivedAt, Panel.of(outcome, checker.clock()),
                checker.porticoUrl(request.getLocalPort())).getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
