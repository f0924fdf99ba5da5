package org.portico.web.it;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Added to the WAR by {@link HttpIT} only: a page with a bug, to see what a person gets when Portico fails. */
@WebServlet("/it/failing")
public class FailingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        throw new IllegalStateException("Deliberate failure for HttpIT, secret detail 5f3e");
    }
}
