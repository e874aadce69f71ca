package vn.attthub.incident;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a lessons-learned note safe to publish to the whole network (issue 4 §3): the published text must not name
 * the affected agency or system, nor carry observable values or case references, so nothing above TLP:GREEN leaves
 * the case. Removes, in this order: the case's known secrets (observable values, agency and system names and codes,
 * reporter contacts, the case reference) as literals, then anything shaped like a URL, an e-mail address, an IPv4 or
 * IPv6 address (with CIDR suffix), a file hash (32/40/64 hex digits or longer) or a domain name, and any incident
 * reference ({@code SC-2026-000123}). Each removal is replaced by a bracketed Vietnamese placeholder and counted, so
 * the author's preview says what was taken out. Over-removal (e.g. {@code Node.js} read as a domain) is accepted:
 * the safe side is the right side.
 */
final class LessonSanitiser {
    enum Kind {
        SECRET("[đã ẩn]"), AGENCY("[cơ quan]"), SYSTEM("[hệ thống]"), URL("[URL]"), EMAIL("[thư điện tử]"),
        IP("[địa chỉ IP]"), HASH("[mã băm]"), DOMAIN("[tên miền]"), REFERENCE("[mã sự cố]");

        final String placeholder;

        Kind(String placeholder) {
            this.placeholder = placeholder;
        }
    }

    /** What the case knows must not leave it. */
    record Known(Collection<String> agencyNames, Collection<String> systemNames, Collection<String> secrets) {
    }

    record Result(String text, Map<Kind, Integer> removed) {
        int total() {
            return removed.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?|ftp|hxxps?)://[^\\s<>\"'）)]+|\\bwww\\.[^\\s<>\"']+");
    private static final Pattern EMAIL = Pattern.compile("(?i)[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,63}");
    private static final Pattern IPV4 = Pattern.compile("(?<![\\d.])(?:\\d{1,3}\\.){3}\\d{1,3}(?:/\\d{1,2})?(?![\\d.]*\\d)");
    private static final Pattern IPV6 = Pattern.compile("(?i)(?<![0-9a-f:])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?:/\\d{1,3})?(?![0-9a-f:])");
    private static final Pattern HASH = Pattern.compile("(?i)\\b[0-9a-f]{32,128}\\b");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?i)(?<![\\w.@-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})(?![\\w-]|\\.[a-z0-9])");
    private static final Pattern DEFANGED_DOT = Pattern.compile("(?i)\\[\\.\\]|\\(\\.\\)|\\[dot\\]");
    private static final Pattern REFERENCE = Pattern.compile("(?i)\\bSC-\\d{4}-\\d{3,}\\b");

    private LessonSanitiser() {
    }

    static Result sanitise(String text, Known known) {
        if (text == null) return new Result("", Map.of());
        Map<Kind, Integer> removed = new LinkedHashMap<>();
        // defanged indicators ("evil[.]com") are still indicators
        String s = DEFANGED_DOT.matcher(text).replaceAll(".");
        s = literals(s, known.secrets(), Kind.SECRET, removed);
        s = literals(s, known.agencyNames(), Kind.AGENCY, removed);
        s = literals(s, known.systemNames(), Kind.SYSTEM, removed);
        s = replace(s, URL, Kind.URL, removed, false);
        s = replace(s, EMAIL, Kind.EMAIL, removed, false);
        s = replace(s, IPV4, Kind.IP, removed, true);
        s = replace(s, IPV6, Kind.IP, removed, true);
        s = replace(s, HASH, Kind.HASH, removed, false);
        s = replace(s, REFERENCE, Kind.REFERENCE, removed, false);
        s = replace(s, DOMAIN, Kind.DOMAIN, removed, false);
        return new Result(s, removed);
    }

    /** The placeholder a known secret gets: its shape when it has one (an observable IP reads "[địa chỉ IP]"). */
    static Kind kindOf(String v) {
        if (URL.matcher(v).matches()) return Kind.URL;
        if (EMAIL.matcher(v).matches()) return Kind.EMAIL;
        if ((IPV4.matcher(v).matches() || IPV6.matcher(v).matches()) && isIp(v)) return Kind.IP;
        if (HASH.matcher(v).matches()) return Kind.HASH;
        if (REFERENCE.matcher(v).matches()) return Kind.REFERENCE;
        if (DOMAIN.matcher(v).matches()) return Kind.DOMAIN;
        return Kind.SECRET;
    }

    private static String literals(String s, Collection<String> values, Kind kind, Map<Kind, Integer> removed) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String v : values) {
            if (v != null && v.strip().length() >= 3) distinct.add(v.strip());
        }
        List<String> longestFirst = new ArrayList<>(distinct);
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        for (String v : longestFirst) {
            Kind k = kind == Kind.SECRET ? kindOf(v) : kind;
            Matcher m = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(v) + "(?![\\p{L}\\p{N}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(s);
            StringBuilder sb = new StringBuilder();
            int n = 0;
            while (m.find()) {
                m.appendReplacement(sb, Matcher.quoteReplacement(k.placeholder));
                n++;
            }
            m.appendTail(sb);
            if (n > 0) removed.merge(k, n, Integer::sum);
            s = sb.toString();
        }
        return s;
    }

    private static String replace(String s, Pattern p, Kind kind, Map<Kind, Integer> removed, boolean validateIp) {
        Matcher m = p.matcher(s);
        StringBuilder sb = new StringBuilder();
        int n = 0;
        while (m.find()) {
            String hit = m.group();
            if (validateIp && !isIp(hit)) {
                m.appendReplacement(sb, Matcher.quoteReplacement(hit));
                continue;
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(kind.placeholder));
            n++;
        }
        m.appendTail(sb);
        if (n > 0) removed.merge(kind, n, Integer::sum);
        return sb.toString();
    }

    /** A literal IPv4/IPv6 address (optionally with a prefix length), checked without any name lookup. */
    private static boolean isIp(String hit) {
        String v = hit.contains("/") ? hit.substring(0, hit.indexOf('/')) : hit;
        try {
            ObservableValue.ip(v);
            return true;
        } catch (ObservableValue.Invalid e) {
            return false;
        }
    }
}
