package vn.attthub.organisation;

import vn.attthub.shared.AgencyId;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The whole registry in memory, ordered by upper-cased code, with a trigram index over the Vietnamese and English
 * names: agency search answers from here instead of PostgreSQL (a search was ~1 ms of database CPU, planned afresh
 * for every term). Immutable; {@link AgencySnapshots} builds a new one when the registry changes.
 * <p>
 * Matching is that of the search API: the code begins with the term, or a name contains it (a name begins with it
 * for terms shorter than {@link AgencySearch#MIN_CONTAINS_LENGTH}), case-insensitive; text is compared in Unicode
 * NFC so that a decomposed "Ủy" typed on some keyboards finds the precomposed one stored.
 */
final class AgencySearchIndex {
    private static final int[] NONE = new int[0];

    private final long revision;
    private final Agency[] agencies;       // by upper-cased code
    private final String[] upperCodes;
    private final String[] names;          // lower-cased NFC
    private final String[] namesEn;        // lower-cased NFC, "" when none
    private final Map<Long, int[]> postings; // trigram -> ascending positions whose name or English name has it
    private final Map<UUID, Agency> byId;

    private AgencySearchIndex(long revision, Agency[] agencies) {
        this.revision = revision;
        this.agencies = agencies;
        this.upperCodes = new String[agencies.length];
        this.names = new String[agencies.length];
        this.namesEn = new String[agencies.length];
        Map<Long, IntList> lists = new HashMap<>();
        this.byId = new HashMap<>(agencies.length * 2);
        for (int i = 0; i < agencies.length; i++) {
            byId.put(agencies[i].id(), agencies[i]);
            upperCodes[i] = upperCode(agencies[i].code());
            names[i] = normalise(agencies[i].name());
            namesEn[i] = agencies[i].nameEn() == null ? "" : normalise(agencies[i].nameEn());
            addTrigrams(lists, names[i], i);
            addTrigrams(lists, namesEn[i], i);
        }
        this.postings = new HashMap<>(lists.size() * 2);
        lists.forEach((trigram, list) -> postings.put(trigram, list.toArray()));
    }

    static AgencySearchIndex of(long revision, Collection<Agency> registry) {
        Agency[] sorted = registry.toArray(Agency[]::new);
        Arrays.sort(sorted, Comparator.comparing((Agency a) -> upperCode(a.code())).thenComparing(Agency::id));
        return new AgencySearchIndex(revision, sorted);
    }

    long revision() {
        return revision;
    }

    /** The agency with this id, null when the registry has none. */
    Agency find(UUID id) {
        return byId.get(id);
    }

    int size() {
        return agencies.length;
    }

    /** One page of {@code search} within the subtrees of {@code scope}, in code order, and the next cursor. */
    AgencyPage search(AgencySearch search, Collection<AgencyId> scope) {
        if (scope.isEmpty()) return new AgencyPage(List.of(), null);
        String[] scopeMarks = scope.stream().map(r -> "/" + r.value() + "/").toArray(String[]::new);
        int from = search.after() == null ? 0 : firstAbove(AgencySearch.decode(search.after()));
        Term term = search.q() == null ? null : new Term(search.q());
        Candidates candidates = candidates(term, from);
        List<Agency> page = new ArrayList<>(Math.min(search.limit() + 1, 64));
        for (int i = candidates.next(); i >= 0; i = candidates.next()) {
            if (matches(i, term, search) && inScope(agencies[i].path(), scopeMarks)) {
                page.add(agencies[i]);
                if (page.size() > search.limit()) break;
            }
        }
        String next = null;
        if (page.size() > search.limit()) {
            page = page.subList(0, search.limit());
            next = AgencySearch.encode(upperCode(page.get(page.size() - 1).code()));
        }
        return new AgencyPage(List.copyOf(page), next);
    }

    /** A search term as compared: upper-cased for codes, lower-cased for names, both NFC. */
    private record Term(String codePrefix, String text) {
        Term(String q) {
            this(upperCode(q.strip()), normalise(q.strip()));
        }

        /** Too short for "anywhere in the name" (and for a trigram): names must begin with it. */
        boolean prefixOnly() {
            return text.length() < AgencySearch.MIN_CONTAINS_LENGTH;
        }
    }

    private boolean matches(int i, Term term, AgencySearch search) {
        Agency a = agencies[i];
        if (search.kind() != null && a.kind() != search.kind()) return false;
        if (search.parentId() != null && !search.parentId().equals(a.parentId())) return false;
        if (search.asOf() != null && !a.validOn(search.asOf())) return false;
        if (term == null || upperCodes[i].startsWith(term.codePrefix())) return true;
        if (term.prefixOnly()) {
            return names[i].startsWith(term.text()) || namesEn[i].startsWith(term.text());
        }
        return names[i].contains(term.text()) || namesEn[i].contains(term.text());
    }

    /** The rule of {@link AgencyTree#pathWithin}, with the "/root/" marks built once per search, not per candidate. */
    private static boolean inScope(String path, String[] scopeMarks) {
        for (String mark : scopeMarks) {
            if (path.contains(mark)) return true;
        }
        return false;
    }

    /**
     * Positions worth checking, ascending from {@code from}: for a term of three letters or more, those whose code
     * begins with it (one contiguous run in code order) merged with those having the term's rarest trigram; otherwise
     * every position.
     */
    private Candidates candidates(Term term, int from) {
        if (term == null || term.prefixOnly()) {
            return new Candidates(NONE, 0, from, agencies.length);
        }
        int[] rarest = null; // the term has at least one trigram here (not prefixOnly)
        for (int k = 0; k + 3 <= term.text().length(); k++) {
            int[] list = postings.getOrDefault(trigram(term.text(), k), NONE);
            if (rarest == null || list.length < rarest.length) rarest = list;
        }
        String codePrefix = term.codePrefix();
        int codeFrom = Math.max(from, firstAtLeast(codePrefix));
        int codeTo = codeFrom;
        while (codeTo < upperCodes.length && upperCodes[codeTo].startsWith(codePrefix)) codeTo++;
        int start = Arrays.binarySearch(rarest, from);
        return new Candidates(rarest, start < 0 ? -start - 1 : start, codeFrom, codeTo);
    }

    /** Ascending merge of a posting list and a run [runFrom, runTo) of positions, without repeats. */
    private static final class Candidates {
        private final int[] list;
        private int k;
        private int run;
        private final int runTo;

        Candidates(int[] list, int k, int runFrom, int runTo) {
            this.list = list;
            this.k = k;
            this.run = runFrom;
            this.runTo = runTo;
        }

        int next() {
            int fromList = k < list.length ? list[k] : Integer.MAX_VALUE;
            int fromRun = run < runTo ? run : Integer.MAX_VALUE;
            int next = Math.min(fromList, fromRun);
            if (next == Integer.MAX_VALUE) return -1;
            if (fromList == next) k++;
            if (fromRun == next) run++;
            return next;
        }
    }

    private int firstAbove(String upperCode) {
        return firstPosition(upperCode, true);
    }

    private int firstAtLeast(String upperCode) {
        return firstPosition(upperCode, false);
    }

    /** Binary search in code order: the first position whose code is above (or at least) {@code upperCode}. */
    private int firstPosition(String upperCode, boolean above) {
        int lo = 0;
        int hi = upperCodes.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int c = upperCodes[mid].compareTo(upperCode);
            if (c < 0 || (above && c == 0)) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    static String upperCode(String code) {
        return Normalizer.normalize(code, Normalizer.Form.NFC).toUpperCase(Locale.ROOT);
    }

    static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    private static long trigram(String text, int at) {
        return ((long) text.charAt(at) << 32) | ((long) text.charAt(at + 1) << 16) | text.charAt(at + 2);
    }

    private static void addTrigrams(Map<Long, IntList> lists, String text, int position) {
        for (int k = 0; k + 3 <= text.length(); k++) {
            lists.computeIfAbsent(trigram(text, k), t -> new IntList()).addOnce(position);
        }
    }

    /** A growing list of ascending positions (each added once even when a name repeats a trigram). */
    private static final class IntList {
        private int[] values = new int[4];
        private int size;

        void addOnce(int value) {
            if (size > 0 && values[size - 1] == value) return;
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
