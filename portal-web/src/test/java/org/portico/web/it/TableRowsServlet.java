package org.portico.web.it;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Test WARs only: counts rows straight in the database, past every cache and queue of the application (reading the
 * audit log through {@code AuditLog} would first store what is queued, which is what a test of "stored before the
 * response" must not do). {@code GET /it/rows?query=<name>&value=<v>} answers the count as plain text; the queries
 * are fixed:
 * <ul>
 * <li>{@code daily-route}: rows of {@code portico_link_daily} with route = value</li>
 * <li>{@code event-route}: rows of {@code portico_link_event} with route = value</li>
 * <li>{@code unknown-name}: the hits of the unknown route name = value (0 when not kept)</li>
 * <li>{@code unknown-names}: rows of {@code portico_link_unknown_name}</li>
 * <li>{@code audit-actor}: rows of {@code portico_audit_log} with actor = value</li>
 * <li>{@code revocation}: rows of {@code portico_token_revocation} with id = value</li>
 * <li>{@code tickets-of}: rows of {@code portico_link_ticket} minted for username = value</li>
 * </ul>
 */
@WebServlet("/it/rows")
public class TableRowsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Resource(lookup = "java:jboss/datasources/PorticoDS")
    transient DataSource dataSource;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String sql = switch (String.valueOf(request.getParameter("query"))) {
            case "daily-route" -> "SELECT COUNT(*) FROM portico_link_daily WHERE route = ?";
            case "event-route" -> "SELECT COUNT(*) FROM portico_link_event WHERE route = ?";
            case "unknown-name" -> "SELECT COALESCE(SUM(hits), 0) FROM portico_link_unknown_name WHERE name = ?";
            case "unknown-names" -> "SELECT COUNT(*) FROM portico_link_unknown_name WHERE ? IS NOT NULL";
            case "audit-actor" -> "SELECT COUNT(*) FROM portico_audit_log WHERE actor = ?";
            case "revocation" -> "SELECT COUNT(*) FROM portico_token_revocation WHERE id = ?";
            case "tickets-of" -> "SELECT COUNT(*) FROM portico_link_ticket WHERE username = ?";
            default -> null;
        };
        if (sql == null) {
            response.sendError(400, "unknown query");
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, String.valueOf(request.getParameter("value")));
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                response.setContentType("text/plain");
                response.getWriter().print(rows.getLong(1));
            }
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }
}
