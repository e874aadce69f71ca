package vn.attthub.regime;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every regime the platform knows, read once from {@code classpath:regime/*.json}. A new regime (for example the
 * decrees under Law 116/2025/QH15, once their texts are confirmed) is a new file, or new rows with their own
 * effective dates in an existing file; the evaluators do not change.
 */
final class RegimeCatalog {
    private static final RegimeCatalog STANDARD = load("classpath*:regime/*.json");

    private final List<Regime> regimes;

    private RegimeCatalog(List<Regime> regimes) {
        this.regimes = List.copyOf(regimes);
    }

    static RegimeCatalog standard() {
        return STANDARD;
    }

    static RegimeCatalog load(String pattern) {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources(pattern);
            JsonMapper json = JsonMapper.builder().build();
            List<Regime> regimes = new ArrayList<>();
            for (Resource resource : resources) {
                try (InputStream in = resource.getInputStream()) {
                    regimes.add(parse(json.readTree(in), resource.getFilename()));
                }
            }
            if (regimes.isEmpty()) {
                throw new IllegalStateException("no regime found at " + pattern);
            }
            regimes.sort(Comparator.comparing(Regime::validFrom));
            return new RegimeCatalog(regimes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The regime in force on a day: the one with the latest start among those in force. */
    Regime inForce(LocalDate day) {
        Regime found = null;
        for (Regime r : regimes) {
            if (r.inForce(day)) {
                found = r;
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("no level regime is in force on " + day);
        }
        return found;
    }

    List<Regime> regimes() {
        return regimes;
    }

    private static Regime parse(JsonNode root, String file) {
        String code = text(root, "regime", file);
        LocalDate from = date(root.get("validFrom"));
        LocalDate to = date(root.get("validTo"));
        List<Criterion> criteria = new ArrayList<>();
        Set<String> articles = new HashSet<>();
        for (JsonNode row : root.path("criteria")) {
            String article = text(row, "article", file);
            if (!articles.add(article)) {
                throw new IllegalStateException(file + ": article " + article + " appears twice");
            }
            int level = level(row.path("level").asInt(0), file + " " + article);
            criteria.add(new Criterion(article, level, text(row, "text", file), text(row, "legalBasis", file),
                    date(row.get("validFrom")) == null ? from : date(row.get("validFrom")), date(row.get("validTo")),
                    Conditions.compile(row.get("when"))));
        }
        JsonNode composite = root.get("composite");
        MatchedRule[] compositeRules = new MatchedRule[6];
        for (int l = 1; l <= 5; l++) {
            compositeRules[l] = new MatchedRule(text(composite, "article", file), l,
                    text(composite, "text", file).formatted(l));
        }
        List<Regime.ProcedureRow> procedures = new ArrayList<>();
        for (JsonNode row : root.path("procedures")) {
            List<Integer> levels = new ArrayList<>();
            row.path("levels").forEach(l -> levels.add(level(l.asInt(0), file + " procedure")));
            JsonNode appraisal = row.get("appraisalDays");
            for (int level : levels) {
                DossierProcedure procedure = new DossierProcedure(code, level,
                        row.path("professionalOpinionRequired").booleanValue(),
                        AuthorityKind.valueOf(text(row, "appraiser", file)),
                        AuthorityKind.valueOf(text(row, "approver", file)),
                        row.path("primeMinisterList").booleanValue(),
                        row.path("completenessWorkingDays").asInt(),
                        appraisal == null || appraisal.isNull() ? null : appraisal.asInt(),
                        row.path("approvalWorkingDays").asInt(),
                        text(row, "legalBasis", file));
                LocalDate rowFrom = date(row.get("validFrom"));
                procedures.add(new Regime.ProcedureRow(List.of(level), rowFrom == null ? from : rowFrom,
                        date(row.get("validTo")), procedure));
            }
        }
        return new Regime(code, text(root, "name", file), from, to, criteria.toArray(Criterion[]::new),
                compositeRules, List.copyOf(procedures));
    }

    private static int level(int level, String where) {
        if (level < 1 || level > 5) {
            throw new IllegalStateException(where + ": level must be 1-5");
        }
        return level;
    }

    private static String text(JsonNode node, String field, String file) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull() || v.stringValue("").isBlank()) {
            throw new IllegalStateException(file + ": missing " + field);
        }
        return v.stringValue();
    }

    private static LocalDate date(JsonNode node) {
        return node == null || node.isNull() ? null : LocalDate.parse(node.stringValue());
    }
}
