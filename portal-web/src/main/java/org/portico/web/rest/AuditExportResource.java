package org.portico.web.rest;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.portico.web.audit.AuditAction;
import org.portico.web.audit.AuditCsv;
import org.portico.web.audit.AuditFilter;
import org.portico.web.audit.AuditLog;
import org.portico.web.user.Role;

/**
 * {@code GET /api/admin/audit.csv?action=LOGIN&actor=ada&target=app:&from=2025-01-01&to=2025-01-31}: the audit
 * entries of a filter as a CSV download, newest first; days are UTC and inclusive, every parameter optional. Rows
 * are streamed in batches as they are read, so the export of a long log needs no more memory than a short one.
 * Site admins only (401/403 as problem+json).
 */
@Path("admin/audit.csv")
@RequestScoped
@RolesAllowed(Role.Names.SITE_ADMIN)
public class AuditExportResource {

    static final int BATCH = 500;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @GET
    @Produces(CsvDownload.TEXT_CSV)
    public Response export(@QueryParam("action") String action, @QueryParam("actor") String actor,
                           @QueryParam("target") String target, @QueryParam("from") String from,
                           @QueryParam("to") String to) {
        AuditFilter filter = AuditFilter.forDays(action(action), actor, target, CsvDownload.day("from", from),
                CsvDownload.day("to", to));
        String filename = "portico-audit-" + DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.now(clock)) + ".csv";
        return CsvDownload.stream(filename, AuditCsv::writeHeader, sink -> audit.forEach(filter, BATCH, sink),
                AuditCsv::writeRow);
    }

    private static AuditAction action(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return AuditAction.valueOf(name.strip());
        } catch (IllegalArgumentException e) {
            throw new ApiProblemException(400, "'action' must be one of " + Arrays.toString(AuditAction.values()) + ".");
        }
    }
}
