package org.portico.web.link;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import org.portico.deeplink.link.InvalidRouteException;
import org.portico.deeplink.link.LinkRoute;
import org.portico.deeplink.link.RouteProblem;
import org.portico.deeplink.link.RouteTarget;
import org.portico.deeplink.redirect.AppBaseUrl;
import org.portico.deeplink.redirect.RedirectGuard;
import org.portico.web.app.AppRules;
import org.portico.web.app.AppService;
import org.portico.web.app.UserClaim;
import org.portico.web.audit.AuditAction;
import org.portico.web.audit.AuditLog;
import org.portico.web.audit.AuditOutcome;
import org.portico.web.database.ContainsSearch;
import org.portico.web.app.RegisteredApp;
import org.portico.web.cluster.ChangeMarkers;
import org.portico.web.cluster.Topics;
import org.portico.web.user.Role;

/**
 * The link routes: lookup, search and the site admin's changes, one by one or as an import of many. A route is
 * checked as a whole before it is stored — its own rules ({@link LinkRoute}) and those that need data: the target
 * app exists (and is enabled when a route starts to lead to it), the expanded template lies under one of the app's
 * base URLs, the app may receive the route's claims, the roles are Portico's, the name is free. Every problem is
 * reported at once, tied to its field. Every change — done or refused — goes to the {@link AuditLog}, and
 * {@link RoutesChanged} tells {@link JpaLinkRoutes} to forget the routes once the transaction is over.
 */
@ApplicationScoped
@Transactional
public class RouteService {

    @Inject
    ChangeMarkers markers;

    private static final Logger LOG = Logger.getLogger(RouteService.class.getName());

    /** The fields the admin list's search box looks in. */
    private static final String[] SEARCHED = {"r.name", "r.description", "r.appId", "r.targetTemplate"};

    private static final Map<String, String> SORTABLE = Map.of(
            "name", "r.name",
            "appId", "r.appId",
            "target", "r.targetTemplate",
            "enabled", "r.enabled",
            "createdAt", "r.createdAt",
            "updatedAt", "r.updatedAt");

    /** Names the REST API uses below {@code /api/admin/routes/} for itself. */
    private static final Set<String> RESERVED_NAMES = Set.of("export", "import");

    /** What a placeholder is replaced with when a template is checked; any value would do, placeholders never reach the host. */
    private static final String CHECK_VALUE = "x";

    @PersistenceContext(unitName = "portico")
    EntityManager em;

    @Inject
    AppService apps;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    Event<RoutesChanged> changed;

    // ---- reading -------------------------------------------------------------------------------------------

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<StoredRoute> findByName(String name) {
        if (name == null || name.isEmpty() || name.length() > 63) {
            return Optional.empty();
        }
        return em.createQuery("select r from StoredRoute r where r.name = :name", StoredRoute.class)
                .setParameter("name", name)
                .getResultStream()
                .findFirst();
    }

    /** @throws RouteRejectedException.RouteNotFound when no route has this name */
    @Transactional(Transactional.TxType.SUPPORTS)
    public StoredRoute getByName(String name) {
        return findByName(name).orElseThrow(() -> new RouteRejectedException.RouteNotFound(name));
    }

    /**
     * The route with this name as link following sees it, enabled or not. A stored route that no longer passes the
     * route rules (they were tightened since it was saved) is logged and treated as missing until an admin fixes it.
     * Everything is loaded eagerly, so this needs no transaction.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<LinkRoute> findRoute(String name) {
        return findByName(name).flatMap(stored -> {
            try {
                return Optional.of(stored.toRoute());
            } catch (InvalidRouteException e) {
                LOG.warning(() -> "Route '" + stored.getName() + "' can't be followed until it is corrected: " + e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** One page of routes whose name, description, app or template contains the query (case-insensitive). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<StoredRoute> search(String query, int first, int pageSize, String sortField, boolean ascending) {
        ContainsSearch search = new ContainsSearch(query);
        String orderBy = SORTABLE.getOrDefault(sortField, "r.name") + (ascending ? " asc" : " desc");
        TypedQuery<StoredRoute> page = em.createQuery(
                "select r from StoredRoute r" + search.where(SEARCHED) + " order by " + orderBy + ", r.name", StoredRoute.class);
        return search.bind(page).setFirstResult(Math.max(0, first)).setMaxResults(Math.max(1, pageSize)).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count(String query) {
        ContainsSearch search = new ContainsSearch(query);
        return search.bind(em.createQuery("select count(r) from StoredRoute r" + search.where(SEARCHED), Long.class))
                .getSingleResult();
    }

    /** Every route, by name: the export. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<StoredRoute> all() {
        return em.createQuery("select r from StoredRoute r order by r.name", StoredRoute.class).getResultList();
    }

    /**
     * Every problem of a draft: the route's own rules and those that need data. Empty when it can be stored.
     *
     * @param existing the stored route the draft would replace, or {@code null} for a new one
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RouteProblem> problems(RouteDraft draft, StoredRoute existing) {
        List<RouteProblem> problems = new ArrayList<>(draft.problems());
        Set<String> fields = problems.stream().map(RouteProblem::field).collect(Collectors.toSet());
        if (existing != null && !existing.getName().equals(draft.name())) {
            problems.add(0, RouteProblems.of("name", "problem.route.name-kept", existing.getName()));
        }
        if (draft.name() != null && RESERVED_NAMES.contains(draft.name())) {
            problems.add(RouteProblems.of("name", "problem.route.name-reserved", draft.name()));
        }
        if (draft.roles() != null) {
            List<String> unknown = draft.roles().stream()
                    .filter(role -> role != null && Role.findByName(role).isEmpty())
                    .map(AppRules::printable).sorted().toList();
            if (!unknown.isEmpty()) {
                problems.add(RouteProblems.of("roles", "problem.route.unknown-roles",
                        "'" + String.join("', '", unknown) + "'", unknown.size()));
            }
        }
        if (draft.target() instanceof RouteTarget.AppUrl target && !fields.contains("target.appId")) {
            appProblems(draft, target, existing, fields.contains("target.template"), problems);
        } else if (draft.target() instanceof RouteTarget.PortalPage page) {
            if (draft.claims() != null && !draft.claims().isEmpty()) {
                problems.add(RouteProblems.of("claims", "problem.route.page-claims"));
            }
            if (!fields.contains("target.path")
                    && RedirectGuard.localOnly().findLocalTarget(expandForCheck(page.path())).isEmpty()) {
                problems.add(RouteProblems.of("target.path", "problem.route.page-path", "/pages/{slug}"));
            }
        }
        return sorted(problems);
    }

    /**
     * {@link #problems(RouteDraft, StoredRoute)} after the problems found while reading the input (a number where a
     * string belongs …); a field with an input problem is not reported twice.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RouteProblem> problems(List<RouteProblem> inputProblems, RouteDraft draft, StoredRoute existing) {
        return merged(inputProblems, problems(draft, existing));
    }

    private static List<RouteProblem> merged(List<RouteProblem> first, List<RouteProblem> then) {
        Set<String> fields = first.stream().map(RouteProblem::field).collect(Collectors.toSet());
        List<RouteProblem> all = new ArrayList<>(first);
        then.stream().filter(problem -> !fields.contains(problem.field())).forEach(all::add);
        return sorted(all);
    }

    private void appProblems(RouteDraft draft, RouteTarget.AppUrl target, StoredRoute existing, boolean templateChecked,
                             List<RouteProblem> problems) {
        Optional<RegisteredApp> found = apps.findById(target.appId());
        if (found.isEmpty() || !found.get().getId().equals(target.appId())) {
            problems.add(RouteProblems.of("target.appId", "problem.route.no-such-app", AppRules.printable(target.appId())));
            return;
        }
        RegisteredApp app = found.get();
        boolean newTarget = existing == null || !app.getId().equals(existing.getAppId());
        if (newTarget && !app.isEnabled()) {
            problems.add(RouteProblems.of("target.appId", "problem.route.app-disabled", app.getId()));
        }
        if (!templateChecked) {
            RedirectGuard guard = new RedirectGuard(app.getBaseUrls().stream().map(AppBaseUrl::parse).toList());
            if (guard.findAppTarget(expandForCheck(target.template())).isEmpty()) {
                problems.add(RouteProblems.of("target.template", "problem.route.outside-base-urls", app.getId(),
                        String.join(", ", app.getBaseUrls()),
                        app.getBaseUrls().stream().findFirst().orElse("https://app.example") + "/items/{id}"));
            }
        }
        if (draft.claims() != null) {
            List<String> refused = draft.claims().stream().filter(Objects::nonNull)
                    .filter(claim -> !app.getClaims().contains(UserClaim.of(claim)))
                    .map(org.portico.deeplink.app.UserClaim::claimName).sorted().toList();
            if (!refused.isEmpty()) {
                problems.add(RouteProblems.of("claims", "problem.route.claims-refused", app.getId(),
                        String.join(", ", refused), refused.size()));
            }
        }
    }

    /** The route's own problems keep their order; those found here are placed among them in the order of the fields. */
    private static List<RouteProblem> sorted(List<RouteProblem> problems) {
        List<String> order = List.of("name", "description", "parameters", "target", "roles", "validFrom", "validUntil",
                "window", "oneTime", "tokenLifetimeSeconds", "claims", "tokenPlacement");
        List<RouteProblem> sorted = new ArrayList<>(problems);
        sorted.sort(java.util.Comparator.comparingInt(problem -> {
            String head = problem.field().split("[.\\[]", 2)[0];
            int index = order.indexOf(head);
            return index < 0 ? order.size() : index;
        }));
        return sorted;
    }

    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\{[^{}]*}");

    private static String expandForCheck(String template) {
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            m.appendReplacement(out, CHECK_VALUE);
        }
        return m.appendTail(out).toString();
    }

    // ---- changes -------------------------------------------------------------------------------------------

    /**
     * Stores a new route.
     *
     * @throws RouteRejectedException.InvalidRoute   listing every problem
     * @throws RouteRejectedException.RouteNameTaken when another route has the name
     */
    public StoredRoute create(RouteDraft draft) {
        return audited(AuditAction.ROUTE_CREATED, target(draft.name()), () -> {
            if (draft.name() != null && findByName(draft.name()).isPresent()) {
                throw new RouteRejectedException.RouteNameTaken(draft.name());
            }
            LinkRoute route = checked(draft, null);
            StoredRoute stored = new StoredRoute(route, clock.instant());
            em.persist(stored);
            return new Change<>(stored, Set.of(route.name()), describeTarget(route));
        });
    }

    /** {@link #create(RouteDraft)} for a route that is valid on its own already. */
    public StoredRoute create(LinkRoute route) {
        return create(RouteDraft.of(route));
    }

    /**
     * Replaces a route's values; its name stays.
     *
     * @param expectedVersion the version the admin saw; another version means someone else changed it meanwhile
     * @throws RouteRejectedException.StaleRoute    when the version is not the current one
     * @throws RouteRejectedException.RouteNotFound when no route has the name
     */
    public StoredRoute update(String name, long expectedVersion, RouteDraft draft) {
        return audited(AuditAction.ROUTE_UPDATED, target(name), () -> {
            StoredRoute stored = getByName(name);
            if (stored.getVersion() != expectedVersion) {
                throw new RouteRejectedException.StaleRoute(stored.getName());
            }
            LinkRoute route = checked(draft, stored);
            Map<String, Object> before = describe(stored);
            stored.apply(route, clock.instant());
            Map<String, Object> after = describe(stored);
            List<String> fields = before.keySet().stream().filter(f -> !Objects.equals(before.get(f), after.get(f))).toList();
            return new Change<>(stored, Set.of(name), fields.isEmpty() ? "nothing changed" : "changed: " + String.join(", ", fields));
        });
    }

    /** @throws RouteRejectedException.RouteNotFound when no route has the name */
    public void delete(String name) {
        audited(AuditAction.ROUTE_DELETED, target(name), () -> {
            StoredRoute stored = getByName(name);
            String detail = describeTarget(stored.toRouteOrNull());
            em.remove(stored);
            return new Change<>(Boolean.TRUE, Set.of(name), detail);
        });
    }

    /**
     * Imports routes by name, all or nothing: every route of the file is checked first (problems are reported as
     * {@code routes[3].parameters[0].pattern}); if any has a problem, nothing is written. Otherwise, in this one
     * transaction, new names are created and existing ones replaced; routes the file does not name stay as they are.
     *
     * @param dryRun check and report only, write nothing (and audit nothing)
     * @throws RouteRejectedException.InvalidRoute listing every problem of every route
     */
    public ImportReport importRoutes(List<RouteDraft> drafts, boolean dryRun) {
        return importRoutes(drafts, List.of(), dryRun);
    }

    /**
     * {@link #importRoutes(List, boolean)} of a file that was read with problems already ({@code inputProblems},
     * fields prefixed {@code routes[i].}, or document fields such as {@code formatVersion}): they are reported with
     * the others, and nothing is written.
     */
    public ImportReport importRoutes(List<RouteDraft> drafts, List<RouteProblem> inputProblems, boolean dryRun) {
        if (dryRun) {
            return plan(drafts, inputProblems).report(true);
        }
        return audited(AuditAction.ROUTES_IMPORTED, "routes", () -> {
            ImportPlan plan = plan(drafts, inputProblems);
            Instant now = clock.instant();
            for (Planned step : plan.steps()) {
                if (step.existing() == null) {
                    em.persist(new StoredRoute(step.route(), now));
                } else if (step.action() == ImportReport.Action.UPDATED) {
                    step.existing().apply(step.route(), now);
                }
            }
            ImportReport report = plan.report(false);
            Set<String> names = plan.steps().stream().map(step -> step.route().name()).collect(Collectors.toSet());
            return new Change<>(report, names, "created: " + report.count(ImportReport.Action.CREATED)
                    + " " + report.names(ImportReport.Action.CREATED) + ", updated: "
                    + report.count(ImportReport.Action.UPDATED) + " " + report.names(ImportReport.Action.UPDATED)
                    + ", unchanged: " + report.count(ImportReport.Action.UNCHANGED));
        });
    }

    private record Planned(LinkRoute route, StoredRoute existing, ImportReport.Action action) {
    }

    private record ImportPlan(List<Planned> steps) {
        ImportReport report(boolean dryRun) {
            return new ImportReport(dryRun, steps.stream()
                    .map(step -> new ImportReport.Entry(step.route().name(), step.action())).toList());
        }
    }

    private ImportPlan plan(List<RouteDraft> drafts, List<RouteProblem> inputProblems) {
        List<RouteProblem> problems = new ArrayList<>(inputProblems.stream()
                .filter(problem -> !problem.field().startsWith("routes[")).toList());
        Map<String, Integer> seen = new HashMap<>();
        List<StoredRoute> existing = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            RouteDraft draft = drafts.get(i);
            String prefix = "routes[" + i + "].";
            List<RouteProblem> own = new ArrayList<>();
            Integer first = draft.name() == null ? null : seen.putIfAbsent(draft.name(), i);
            if (first != null) {
                own.add(RouteProblems.of("name", "problem.route.name-twice-in-file", AppRules.printable(draft.name()), first));
            }
            StoredRoute stored = findByName(draft.name()).orElse(null);
            existing.add(stored);
            own.addAll(problems(draft, stored));
            List<RouteProblem> read = inputProblems.stream().filter(p -> p.field().startsWith(prefix))
                    .map(p -> p.about(p.field().substring(prefix.length()))).toList();
            merged(read, own).forEach(p -> problems.add(p.about(prefix + p.field())));
        }
        if (!problems.isEmpty()) {
            throw new RouteRejectedException.InvalidRoute(problems);
        }
        List<Planned> steps = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            LinkRoute route = drafts.get(i).build();
            StoredRoute stored = existing.get(i);
            ImportReport.Action action = stored == null ? ImportReport.Action.CREATED
                    : route.equals(stored.toRouteOrNull()) ? ImportReport.Action.UNCHANGED : ImportReport.Action.UPDATED;
            steps.add(new Planned(route, stored, action));
        }
        return new ImportPlan(steps);
    }

    private LinkRoute checked(RouteDraft draft, StoredRoute existing) {
        List<RouteProblem> problems = problems(draft, existing);
        if (!problems.isEmpty()) {
            throw new RouteRejectedException.InvalidRoute(problems);
        }
        return draft.build();
    }

    private static String target(String name) {
        return "route:" + (name == null ? "" : name);
    }

    private static String describeTarget(LinkRoute route) {
        if (route == null) {
            return null;
        }
        return route.target() instanceof RouteTarget.AppUrl app
                ? "app " + app.appId() + ", " + app.template()
                : "page " + route.target().template();
    }

    /** What a route looks like to the audit log's "changed: …" detail. */
    private static Map<String, Object> describe(StoredRoute route) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("description", route.getDescription());
        fields.put("parameters", route.getParameters().stream()
                .map(p -> List.of(p.getName(), p.getType(), p.isRequired(), p.getValues(), String.valueOf(p.getPattern()), p.getMaxLength()))
                .toList());
        fields.put("target", route.getTargetKind() + " " + route.getAppId() + " " + route.getTargetTemplate());
        fields.put("guests allowed", route.isGuestsAllowed());
        fields.put("roles", route.getRoles());
        fields.put("enabled", route.isEnabled());
        fields.put("valid from", route.getValidFrom());
        fields.put("valid until", route.getValidUntil());
        fields.put("window", route.getWindow());
        fields.put("one-time", route.isOneTime());
        fields.put("token lifetime", route.getTokenLifetimeSeconds());
        fields.put("claims", new HashSet<>(route.getClaims()));
        fields.put("token placement", route.getTokenPlacement());
        return fields;
    }

    private record Change<T>(T result, Set<String> names, String detail) {
    }

    /**
     * Runs a change, flushes it (so that constraint and version conflicts show here, not at commit), audits it —
     * SUCCESS with the change's detail, or REFUSED with the refusal's message — and announces the changed routes.
     */
    private <T> T audited(AuditAction action, String target, Supplier<Change<T>> change) {
        try {
            Change<T> done = change.get();
            em.flush();
            audit.record(action, target, AuditOutcome.SUCCESS, done.detail());
            changed.fire(new RoutesChanged(done.names()));
            markers.bump(Topics.ROUTES); // other nodes forget their routes when this commits
            return done.result();
        } catch (OptimisticLockException e) {
            audit.record(action, target, AuditOutcome.REFUSED, "changed by someone else meanwhile");
            throw new RouteRejectedException.StaleRoute(target.startsWith("route:") ? target.substring("route:".length()) : target);
        } catch (RouteRejectedException e) {
            audit.record(action, target, AuditOutcome.REFUSED, e.getMessage());
            throw e;
        }
    }
}
