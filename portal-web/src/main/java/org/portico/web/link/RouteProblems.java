package org.portico.web.link;

import java.util.Arrays;
import java.util.Locale;

import org.portico.deeplink.link.LinkMessage;
import org.portico.deeplink.link.RouteProblem;
import org.portico.web.i18n.Texts;
import org.portico.web.problem.FieldMessage;

/**
 * The route problems portal-web finds itself (reading JSON, checks that need data: bundle keys
 * {@code problem.route.*}), and how any route problem — the core's {@code deeplink.route.*} ones too — is said in a
 * language. Parameters are plain strings and numbers, already in the form the text shows them.
 */
public final class RouteProblems {

    private RouteProblems() {
    }

    /** A problem with the bundle's text {@code key} and its parameters; its English comes from the bundle. */
    public static RouteProblem of(String field, String key, Object... params) {
        return new RouteProblem(field, LinkMessage.of(key, params), Texts.format(Locale.ENGLISH, key, params));
    }

    /** What the problem says, in {@code locale}. */
    public static String format(Locale locale, RouteProblem problem) {
        return LinkMessages.format(locale, problem.text());
    }

    /** The problem as a refused field of a request, shown in the reader's language. */
    public static FieldMessage fieldMessage(RouteProblem problem) {
        return new FieldMessage(problem.field(), problem.message(), problem.text().key(),
                Arrays.asList(problem.text().params().toArray()));
    }
}
