package vn.attthub.organisation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.attthub.shared.AgencyId;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory agency search over the real provinces before and after the 2025 merger (demo CSV), each with the same
 * departments: the same answers, in the same code order and pages, as the rule it replaces in SQL.
 */
class AgencySearchIndexTests {
    static final String[] DEPARTMENTS = {"Sở Thông tin và Truyền thông|Department of Information and Communications",
            "Sở Khoa học và Công nghệ|Department of Science and Technology", "Văn phòng Ủy ban nhân dân|"};
    static final Agency ROOT = agency(UUID.randomUUID(), "CP", "Chính phủ", "Government", AgencyKind.GOVERNMENT, null,
            LocalDate.of(1945, 9, 2), null);
    static final List<Agency> REGISTRY = registry();
    static final AgencySearchIndex INDEX = AgencySearchIndex.of(7, REGISTRY);

    static Agency agency(UUID id, String code, String name, String nameEn, AgencyKind kind, Agency parent,
                         LocalDate from, LocalDate to) {
        return new Agency(id, code, name, nameEn, kind, parent == null ? null : parent.id(),
                Agency.pathOf(parent == null ? null : parent.path(), id), parent == null ? 0 : parent.depth() + 1,
                null, from, to, 0, false);
    }

    static List<Agency> registry() {
        List<Agency> all = new ArrayList<>(List.of(ROOT));
        List<String> lines;
        try (InputStream in = AgencySearchIndexTests.class.getResourceAsStream("/demo/provinces-2025-merger.csv")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int n = 0;
        for (String line : lines) {
            String[] f = line.split(",", -1);
            n++;
            LocalDate from = f[3].isEmpty() ? LocalDate.of(2008, 8, 1) : LocalDate.parse(f[3]);
            LocalDate to = f[4].isEmpty() ? null : LocalDate.parse(f[4]);
            String code = (f[0].equals("2025") ? "T25-" : "T-") + String.format("%02d", n);
            Agency province = agency(UUID.randomUUID(), code, (f[2].equals("CITY") ? "Thành phố " : "Tỉnh ") + f[1],
                    null, AgencyKind.valueOf(f[2]), ROOT, from, to);
            all.add(province);
            for (int d = 0; d < DEPARTMENTS.length; d++) {
                String[] names = DEPARTMENTS[d].split("\\|", -1);
                all.add(agency(UUID.randomUUID(), code + ".S" + d, names[0] + " " + f[1],
                        names[1].isEmpty() ? null : names[1] + " of " + f[1], AgencyKind.DEPARTMENT, province, from, to));
            }
        }
        return all;
    }

    /** The rule as the search API states it, applied row by row (what the SQL did). */
    static List<Agency> naive(String q, AgencyKind kind, LocalDate asOf, Set<AgencyId> scope) {
        String text = q == null ? null : Normalizer.normalize(q.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        return REGISTRY.stream()
                .filter(a -> scope.stream().anyMatch(r -> a.path().contains("/" + r.value() + "/")))
                .filter(a -> kind == null || a.kind() == kind)
                .filter(a -> asOf == null || a.validOn(asOf))
                .filter(a -> text == null || a.code().toUpperCase(Locale.ROOT).startsWith(text.toUpperCase(Locale.ROOT))
                        || (text.length() < AgencySearch.MIN_CONTAINS_LENGTH
                        ? lower(a.name()).startsWith(text) || lower(a.nameEn()).startsWith(text)
                        : lower(a.name()).contains(text) || lower(a.nameEn()).contains(text)))
                .sorted(Comparator.comparing(a -> a.code().toUpperCase(Locale.ROOT)))
                .toList();
    }

    static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    static List<Agency> allPages(String q, AgencyKind kind, LocalDate asOf, Set<AgencyId> scope, int limit) {
        List<Agency> found = new ArrayList<>();
        String after = null;
        do {
            AgencyPage page = INDEX.search(new AgencySearch(q, kind, null, asOf, after, limit), scope);
            assertThat(page.items().size()).isLessThanOrEqualTo(limit);
            found.addAll(page.items());
            after = page.next();
        } while (after != null);
        return found;
    }

    @ParameterizedTest(name = "\"{0}\" finds {1}")
    @CsvSource(delimiter = ';', textBlock = """
            Lào Cai;               Tỉnh Lào Cai (both eras) and its departments: 8
            lào cai;               the same, case-insensitive: 8
            SỞ THÔNG TIN;          one per province of both eras (63 + 24 rows): 87
            Information and Com;   the English name: 87
            Hà;                    two letters: names beginning with them (Hà Nội has none, it is Thành phố): 0
            Tỉnh Hà;               Hà Giang, Hà Nam, Hà Tĩnh: 3
            T25-;                  the code prefix of the 2025 provinces and their departments: 96
            t25-64.s;              code prefix, case-insensitive: 3
            xyz;                   nothing: 0
            """)
    void matchesLikeTheApiRule(String q, String expectation) {
        int expected = Integer.parseInt(expectation.substring(expectation.lastIndexOf(':') + 1).strip());
        Set<AgencyId> everything = Set.of(ROOT.agencyId());
        List<Agency> found = allPages(q, null, null, everything, 20);
        assertThat(found).as(expectation).hasSize(expected);
        assertThat(found).containsExactlyElementsOf(naive(q, null, null, everything));
    }

    @Test
    void aDecomposedTermFindsThePrecomposedName() {
        String decomposed = Normalizer.normalize("Lào Cai", Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo("Lào Cai");
        assertThat(allPages(decomposed, null, null, Set.of(ROOT.agencyId()), 50))
                .containsExactlyElementsOf(allPages("Lào Cai", null, null, Set.of(ROOT.agencyId()), 50)).hasSize(8);
    }

    @Test
    void inForceOnADateAndKind() {
        Set<AgencyId> everything = Set.of(ROOT.agencyId());
        List<Agency> after = allPages("Tỉnh", AgencyKind.PROVINCE, LocalDate.of(2025, 7, 1), everything, 10);
        // 34 units after the merger, 6 of them centrally-run cities
        assertThat(after).hasSize(28).allMatch(a -> a.validOn(LocalDate.of(2025, 7, 1)));
        assertThat(allPages("Tỉnh", AgencyKind.PROVINCE, LocalDate.of(2025, 6, 30), everything, 10)).hasSize(57);
    }

    @Test
    void onlyWithinTheCallersSubtrees() {
        Agency laoCai = REGISTRY.stream().filter(a -> a.name().equals("Tỉnh Lào Cai") && a.validTo() == null)
                .findFirst().orElseThrow();
        Set<AgencyId> scope = Set.of(laoCai.agencyId());
        assertThat(allPages("Sở", null, null, scope, 1)).extracting(Agency::parentId)
                .containsOnly(laoCai.id()).hasSize(2);
        assertThat(allPages("Lào Cai", null, null, scope, 5)).hasSize(4);
        assertThat(INDEX.search(new AgencySearch("Lào", null, null, null, null, 5), Set.of()).items()).isEmpty();
    }

    @Test
    void everyTermOfEveryNameAgreesWithTheRuleAcrossPages() {
        Set<String> terms = new LinkedHashSet<>();
        for (Agency a : REGISTRY) {
            for (String name : new String[]{a.name(), a.nameEn(), a.code()}) {
                if (name == null) continue;
                for (int len = 1; len <= Math.min(name.length(), 14); len += 3) {
                    terms.add(name.substring(0, len));
                    terms.add(name.substring(name.length() - len));
                }
            }
        }
        Set<AgencyId> everything = Set.of(ROOT.agencyId());
        for (String term : terms) {
            if (term.isBlank()) continue;
            assertThat(allPages(term, null, null, everything, 7)).as(term)
                    .containsExactlyElementsOf(naive(term, null, null, everything));
        }
        assertThat(terms).hasSizeGreaterThan(1_000);
    }
}
