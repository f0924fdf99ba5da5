package org.portico.web.it;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Test WARs only: makes the database refuse every new audit entry, so a test can see what Portico does when its audit
 * write fails — for real, without a stand-in for any part of Portico. {@code POST /it/audit-block} adds a CHECK
 * constraint to {@code portico_audit_log} that only entries older than this moment satisfy (the rows already there
 * do, so it can be added on H2 and PostgreSQL alike); {@code DELETE /it/audit-block} drops it.
 */
@WebServlet("/it/audit-block")
public class AuditBlockServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String CONSTRAINT = "ck_it_audit_blocked";

    @Resource(lookup = "java:jboss/datasources/PorticoDS")
    transient DataSource dataSource;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String now = OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSxxx"));
        execute("ALTER TABLE portico_audit_log ADD CONSTRAINT " + CONSTRAINT
                + " CHECK (occurred_at < TIMESTAMP WITH TIME ZONE '" + now + "')");
        response.setStatus(204);
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        execute("ALTER TABLE portico_audit_log DROP CONSTRAINT IF EXISTS " + CONSTRAINT);
        response.setStatus(204);
    }

    private void execute(String sql) throws IOException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }
}
