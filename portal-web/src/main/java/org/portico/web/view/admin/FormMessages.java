package org.portico.web.view.admin;

import java.util.HashMap;
import java.util.Map;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIForm;
import jakarta.faces.component.visit.VisitResult;

import org.omnifaces.util.Components;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.portico.web.problem.RejectedException;

/**
 * Where a refusal shows on the form that was just submitted, with every component id left in the page.
 * <p>
 * An input that holds a field of the REST API's JSON says so, {@code <f:attribute name="field" value="target.template"/>}
 * (in a repeated row with its index: {@code value="parameters[#{status.index}].name"}); a message about that field
 * goes next to it. The form's own {@code p:messages} says {@code field="*"} and takes whatever has no input of its
 * own; without one (a form that is not a dialog) the message is global. Read once per refusal from the component
 * tree (rows of {@code ui:repeat} included), so a page can move or rename its inputs without touching Java.
 */
public final class FormMessages {

    /** The attribute an input carries to name its field. */
    public static final String FIELD = "field";
    /** The field value of the form's own messages. */
    public static final String ELSEWHERE = "*";

    private final Map<String, String> clientIds;

    private FormMessages(Map<String, String> clientIds) {
        this.clientIds = clientIds;
    }

    /** The fields of the form being submitted (none outside a form submit: every message is then global). */
    public static FormMessages ofCurrentForm() {
        Map<String, String> clientIds = new HashMap<>();
        UIForm form = Components.getCurrentForm();
        if (form != null) {
            Components.forEachComponent().fromRoot(form).invoke((context, component) -> {
                Object field = component.getAttributes().get(FIELD);
                if (field != null) {
                    clientIds.putIfAbsent(field.toString(), component.getClientId(context.getFacesContext()));
                }
                return VisitResult.ACCEPT;
            });
        }
        return new FormMessages(clientIds);
    }

    /** Whether the form has an input of its own for this field. */
    public boolean hasInput(String field) {
        return !ELSEWHERE.equals(field) && clientIds.containsKey(field);
    }

    /** Shows {@code text} (already in the user's language) next to the field's input, else in the form's messages. */
    public void error(String field, String text) {
        Messages.add(clientIdOf(field), new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }

    /**
     * Shows a message about a field that is a fragment, such as "must be between 200 and 30000 milliseconds" (already
     * in the user's language): next to the field's input as a sentence, elsewhere with the field named.
     */
    public void fragment(String field, String text) {
        error(field, hasInput(field) ? Character.toUpperCase(text.charAt(0)) + text.substring(1) + "."
                : field + ": " + text);
    }

    /**
     * Shows a refusal in the view's language: each refused field next to its input (see {@link #error}), a refusal
     * as a whole in the form's messages.
     */
    public void refused(RejectedException refusal) {
        if (refusal.hasFieldErrors()) {
            refusal.fieldErrors().forEach(error -> error(error.field(), error.message(Faces.getLocale())));
        } else {
            refused(ELSEWHERE, refusal);
        }
    }

    /** Shows a refusal as a whole in the view's language next to the field's input, else in the form's messages. */
    public void refused(String field, RejectedException refusal) {
        Messages.addError(clientIdOf(field), refusal.messageKey(), refusal.messageParams());
    }

    /** The field's input, else the form's messages, else {@code null} (global). */
    private String clientIdOf(String field) {
        return clientIds.getOrDefault(field, clientIds.get(ELSEWHERE));
    }
}
