package vn.attthub.control;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The control catalog of the {@code ND85} regime, read from {@code classpath:control/catalog-ND85.json} (data, not
 * code) and mirrored into {@code control_requirement} so that baseline items reference known rows. Requirements
 * whose clause text could not be checked against a primary text carry {@code confirmed = false}.
 */
@Component
public class ControlCatalog {
    public static final String RESOURCE = "control/catalog-ND85.json";

    public enum Kind { MANAGEMENT, TECHNICAL }

    public enum Scope { SYSTEM, ORGANISATION }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Group(String code, Kind kind, String titleVi, String titleEn) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Requirement(String id, String group, String titleVi, String titleEn, int minLevel, Integer maxLevel,
                              String citation, boolean confirmed, String note) {
        /** Whether a system of {@code level} must meet this requirement (TT03 Art 9: levels are cumulative). */
        public boolean appliesTo(int level) {
            return level >= minLevel && (maxLevel == null || level <= maxLevel);
        }
    }

    /** A periodic assessment obligation (Decree 85/2016 Art 20.2.c). */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Assessment(String id, Scope scope, int minLevel, int maxLevel, int periodMonths, String titleVi,
                             String titleEn, String citation, boolean confirmed) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    record Document(String regime, String version, String basis, String sourceNote, List<Group> groups,
                    List<Requirement> requirements, List<Assessment> assessments) {
    }

    private final Document document;
    private final Map<String, Requirement> byId = new LinkedHashMap<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final JdbcClient jdbc;

    ControlCatalog(JsonMapper json, JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.document = read(json);
        document.groups().forEach(g -> groups.put(g.code(), g));
        document.requirements().forEach(r -> byId.put(r.id(), r));
    }

    static Document read(JsonMapper json) {
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            Document d = json.readValue(in, Document.class);
            validate(d);
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** A catalog that names an unknown group, repeats an id or has impossible levels must not load at all. */
    static void validate(Document d) {
        Set<String> groupCodes = new HashSet<>();
        d.groups().forEach(g -> groupCodes.add(g.code()));
        Set<String> ids = new HashSet<>();
        for (Requirement r : d.requirements()) {
            if (!ids.add(r.id())) throw new IllegalStateException("duplicate requirement " + r.id());
            if (!groupCodes.contains(r.group())) throw new IllegalStateException(r.id() + ": unknown group " + r.group());
            if (r.minLevel() < 1 || r.minLevel() > 5 || (r.maxLevel() != null && r.maxLevel() < r.minLevel()))
                throw new IllegalStateException(r.id() + ": bad levels");
            if (r.citation() == null || r.citation().isBlank()) throw new IllegalStateException(r.id() + ": no citation");
            if (!r.confirmed() && (r.note() == null || r.note().isBlank()))
                throw new IllegalStateException(r.id() + ": an unconfirmed requirement must say what is unconfirmed");
        }
    }

    /**
     * Mirrors the catalog rows into the database before any listener can instantiate a baseline (idempotent; safe
     * when several instances start together).
     */
    @jakarta.annotation.PostConstruct
    void mirrorRows() {
        int order = 0;
        for (Requirement r : document.requirements()) {
            jdbc.sql("""
                            INSERT INTO control_requirement (id, regime, catalog_version, kind, group_code, title_vi, title_en,
                                                             min_level, max_level, citation, confirmed, sort_order)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT (id) DO UPDATE SET regime = EXCLUDED.regime, catalog_version = EXCLUDED.catalog_version,
                              kind = EXCLUDED.kind, group_code = EXCLUDED.group_code, title_vi = EXCLUDED.title_vi,
                              title_en = EXCLUDED.title_en, min_level = EXCLUDED.min_level, max_level = EXCLUDED.max_level,
                              citation = EXCLUDED.citation, confirmed = EXCLUDED.confirmed, sort_order = EXCLUDED.sort_order""")
                    .params(r.id(), document.regime(), document.version(), groups.get(r.group()).kind().name(), r.group(),
                            r.titleVi(), r.titleEn(), r.minLevel(), r.maxLevel(), r.citation(), r.confirmed(), order++)
                    .update();
        }
    }

    public String regime() {
        return document.regime();
    }

    public String version() {
        return document.version();
    }

    public String basis() {
        return document.basis();
    }

    public String sourceNote() {
        return document.sourceNote();
    }

    public List<Group> groups() {
        return List.copyOf(groups.values());
    }

    public Group group(String code) {
        return groups.get(code);
    }

    public List<Requirement> requirements() {
        return List.copyOf(byId.values());
    }

    public Optional<Requirement> requirement(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The requirements a system of {@code level} must meet, in catalog order. */
    public List<Requirement> forLevel(int level) {
        List<Requirement> out = new ArrayList<>();
        byId.values().stream().filter(r -> r.appliesTo(level)).forEach(out::add);
        return out;
    }

    public List<Assessment> assessments() {
        return document.assessments();
    }

    /** The periodic assessment a system of {@code level} owes (none for levels 1-2). */
    public Optional<Assessment> systemAssessment(int level) {
        return document.assessments().stream()
                .filter(a -> a.scope() == Scope.SYSTEM && level >= a.minLevel() && level <= a.maxLevel()).findFirst();
    }

    public Assessment organisationAssessment() {
        return document.assessments().stream().filter(a -> a.scope() == Scope.ORGANISATION).findFirst().orElseThrow();
    }

    /** Position in catalog order, for sorting baseline items. */
    public int order(String requirementId) {
        int i = 0;
        for (String id : byId.keySet()) {
            if (id.equals(requirementId)) return i;
            i++;
        }
        return Integer.MAX_VALUE;
    }
}
