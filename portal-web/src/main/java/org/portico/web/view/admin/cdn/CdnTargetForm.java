package org.portico.web.view.admin.cdn;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.portico.cdn.purge.CdnPurgers;
import org.portico.cdn.purge.PurgeTarget;
import org.portico.cdn.purge.PurgeTargetDescriptor;
import org.portico.web.cdn.CdnTarget;
import org.portico.web.cdn.CdnTargetChange;

/**
 * The add/edit dialog of a purge target, built from the kind's descriptor ({@link CdnPurgers#descriptor}): its
 * options, its default endpoint, whether it takes a credential. The credential is write-only: the form never holds
 * the stored one, and on edit an empty field keeps it (unless "remove" is ticked).
 */
public final class CdnTargetForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private Long editingId;
    private long lockVersion;
    private boolean storedCredential;
    private PurgeTarget.Kind kind;
    private String name;
    private String endpoint;
    private String credential;
    private boolean removeCredential;
    private HashMap<String, String> options = new HashMap<>();
    private boolean enabled;

    CdnTargetForm() {
        clear();
    }

    /** A new target: Varnish, enabled. */
    void clear() {
        editingId = null;
        lockVersion = 0;
        storedCredential = false;
        kind = PurgeTarget.Kind.VARNISH;
        name = credential = null;
        endpoint = null;
        removeCredential = false;
        options = new HashMap<>();
        enabled = true;
        kindChosen();
    }

    void load(CdnTarget target) {
        editingId = target.id();
        lockVersion = target.lockVersion();
        storedCredential = target.hasCredential();
        kind = target.kind();
        name = target.name();
        endpoint = target.endpoint();
        credential = null;
        removeCredential = false;
        options = new HashMap<>(target.options());
        enabled = target.enabled();
    }

    /** Another kind chosen for a new target: its public API as the endpoint, unless one was typed for another. */
    void kindChosen() {
        if (kind == null) {
            return;
        }
        boolean defaultOfAnother = endpoint == null || endpoint.isBlank() || CdnPurgers.descriptors().stream()
                .anyMatch(other -> other.defaultEndpoint().map(Object::toString).filter(endpoint::equals).isPresent());
        if (defaultOfAnother) {
            endpoint = descriptor().defaultEndpoint().map(Object::toString).orElse("");
        }
    }

    void forgetCredential() {
        credential = null;
        removeCredential = false;
    }

    CdnTargetChange toChange() {
        Map<String, String> chosen = new TreeMap<>();
        if (kind != null) {
            for (PurgeTargetDescriptor.Option option : descriptor().options()) {
                String value = options.get(option.name());
                if (value != null && !value.isBlank()) {
                    chosen.put(option.name(), value.strip());
                }
            }
        }
        String given = isEditing() && removeCredential ? "" : credential == null || credential.isBlank() ? null
                : credential;
        return new CdnTargetChange(name, endpoint == null ? null : endpoint.strip(), chosen, given, enabled);
    }

    public PurgeTargetDescriptor descriptor() {
        return CdnPurgers.descriptor(kind == null ? PurgeTarget.Kind.VARNISH : kind);
    }

    public List<PurgeTargetDescriptor.Option> getOptionList() {
        return descriptor().options();
    }

    public boolean isTakesCredential() {
        return descriptor().credential() != PurgeTargetDescriptor.Credential.NONE;
    }

    public boolean isEditing() { return editingId != null; }
    public Long getEditingId() { return editingId; }
    public long getLockVersion() { return lockVersion; }
    public boolean isStoredCredential() { return storedCredential; }
    public PurgeTarget.Kind getKind() { return kind; }
    public void setKind(PurgeTarget.Kind kind) { this.kind = kind; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getEndpoint() { return endpoint; }
    public void setEndpoint(String endpoint) { this.endpoint = endpoint; }
    public String getCredential() { return credential; }
    public void setCredential(String credential) { this.credential = credential; }
    public boolean isRemoveCredential() { return removeCredential; }
    public void setRemoveCredential(boolean remove) { this.removeCredential = remove; }
    public Map<String, String> getOptions() { return options; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
}
