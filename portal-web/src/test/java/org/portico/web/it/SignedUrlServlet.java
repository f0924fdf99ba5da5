package org.portico.web.it;

import java.io.IOException;
import java.time.Instant;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.portico.cdn.signing.CloudFrontUrlSigner;

/**
 * Added to the WAR by {@link SignedMediaIT} only: signs a path of this server with Portico's own key until any expiry,
 * a past one too ({@code GET /it/signed-url?path=/media/…&expires=<epoch seconds>}), so the test can see what an
 * expired URL gets without a fake clock in the server.
 */
@WebServlet("/it/signed-url")
public class SignedUrlServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient CloudFrontUrlSigner signer;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String origin = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
        String url = signer.sign(origin + request.getContextPath() + request.getParameter("path"),
                Instant.ofEpochSecond(Long.parseLong(request.getParameter("expires"))));
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(url);
    }
}
