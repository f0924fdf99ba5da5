package org.portico.web.view.admin.cmssources;

import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.portico.web.cms.source.CmsSource;
import org.portico.web.cms.source.CmsSourceChange;
import org.portico.web.cms.source.CmsSourceType;

/**
 * The add/edit dialog of a CMS source. The credential is write-only: the form never holds the stored one, and on edit
 * an empty field keeps it (unless "remove" is ticked). The options are those of the chosen type
 * ({@link CmsSourceType#options()}); what is typed for another type stays in the form while the admin switches
 * between them, but only the chosen type's go into the change.
 */
public final class CmsSourceForm implements Serializable {

    private static final long serialVersionUID = 1L;

    static final int DEFAULT_TIMEOUT_MILLIS = 5_000;
    static final int DEFAULT_FRESH_FOR_SECONDS = 60;

    /** What a new Strapi source starts with: the collection and model of Strapi's usual "page" content type. */
    private static final Map<String, String> STRAPI_START = Map.of("pageCollection", "pages", "pageModel", "page");

    /** Examples shown in empty option fields (the adapter's defaults where it has one). */
    private static final Map<String, String> PLACEHOLDERS = Map.of("user", "portico", "siteLanguage", "en",
            "pageCollection", "pages", "pageModel", "page", "blockCollection", "blocks", "blockModel", "block",
            "slugField", "slug", "titleField", "title", "bodyField", "body", "secretHeader", "X-Portico-Webhook-Secret");

    private String editingId;
    private long lockVersion;
    private boolean storedCredential;
    private CmsSourceType type;
    private String id;
    private String name;
    private String baseUrl;
    private String credential;
    private boolean removeCredential;
    private HashMap<String, String> options = new HashMap<>();
    private Integer timeoutMillis;
    private Integer freshForSeconds;
    private boolean enabled;
    private boolean allowInternalHost;

    /** A form for a new source, so that the page has a type to show labels for before the dialog is first opened. */
    CmsSourceForm() {
        clear();
    }

    /** A new source: WordPress, enabled, the usual timeout and freshness. */
    void clear() {
        editingId = null;
        lockVersion = 0;
        storedCredential = false;
        type = CmsSourceType.WORDPRESS;
        id = name = baseUrl = credential = null;
        removeCredential = false;
        options = new HashMap<>();
        timeoutMillis = DEFAULT_TIMEOUT_MILLIS;
        freshForSeconds = DEFAULT_FRESH_FOR_SECONDS;
        enabled = true;
        allowInternalHost = false;
    }

    /** The source as stored, to edit; never its credential. */
    void load(CmsSource source) {
        editingId = source.id();
        lockVersion = source.lockVersion();
        storedCredential = source.hasCredential();
        type = source.type();
        id = source.id();
        name = source.name();
        baseUrl = source.baseUrl();
        credential = null;
        removeCredential = false;
        options = new HashMap<>(source.options());
        options.remove(CmsSourceChange.ALLOW_INTERNAL_HOST);
        timeoutMillis = (int) source.timeout().toMillis();
        freshForSeconds = (int) source.freshFor().toSeconds();
        enabled = source.enabled();
        allowInternalHost = "true".equals(source.option(CmsSourceChange.ALLOW_INTERNAL_HOST));
    }

    /** Another type chosen for a new source: a Strapi source starts with the usual page collection and model. */
    void typeChosen() {
        if (type == CmsSourceType.STRAPI) {
            STRAPI_START.forEach((option, value) -> {
                if (isBlank(options.get(option))) {
                    options.put(option, value);
                }
            });
        }
    }

    /** Forgets the credential typed, once it was saved (or the dialog is left). */
    void forgetCredential() {
        credential = null;
        removeCredential = false;
    }

    /**
     * The change as the service takes it: the chosen type's options that are filled in, stripped; the credential
     * {@code null} (keep, or none for a new source) when nothing was typed, empty when the stored one is to go.
     */
    CmsSourceChange toChange() {
        Map<String, String> chosen = new TreeMap<>();
        if (type != null) {
            for (String option : type.options()) {
                String value = options.get(option);
                if (!isBlank(value)) {
                    chosen.put(option, value.strip());
                }
            }
        }
        if (allowInternalHost) {
            chosen.put(CmsSourceChange.ALLOW_INTERNAL_HOST, "true");
        }
        String given = isEditing() && removeCredential ? "" : isBlank(credential) ? null : credential;
        return new CmsSourceChange(name, baseUrl == null ? null : baseUrl.strip(), chosen, given,
                timeoutMillis == null ? null : Duration.ofMillis(timeoutMillis),
                freshForSeconds == null ? null : Duration.ofSeconds(freshForSeconds), enabled);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** The option fields of the chosen type, in order. */
    public List<String> getOptionNames() {
        return type == null ? List.of() : type.options();
    }

    public String placeholder(String option) {
        return PLACEHOLDERS.getOrDefault(option, "");
    }

    public boolean isEditing() { return editingId != null; }
    public String getEditingId() { return editingId; }
    public long getLockVersion() { return lockVersion; }
    public boolean isStoredCredential() { return storedCredential; }
    public CmsSourceType getType() { return type; }
    public void setType(CmsSourceType type) { this.type = type; }
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public String getCredential() { return credential; }
    public void setCredential(String credential) { this.credential = credential; }
    public boolean isRemoveCredential() { return removeCredential; }
    public void setRemoveCredential(boolean remove) { this.removeCredential = remove; }
    public Map<String, String> getOptions() { return options; }
    public Integer getTimeoutMillis() { return timeoutMillis; }
    public void setTimeoutMillis(Integer millis) { this.timeoutMillis = millis; }
    public Integer getFreshForSeconds() { return freshForSeconds; }
    public void setFreshForSeconds(Integer seconds) { this.freshForSeconds = seconds; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public boolean isAllowInternalHost() { return allowInternalHost; }
    public void setAllowInternalHost(boolean allow) { this.allowInternalHost = allow; }
}
