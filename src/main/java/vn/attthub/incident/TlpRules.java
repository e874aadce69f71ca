package vn.attthub.incident;

/**
 * Traffic Light Protocol 2.0 (FIRST, https://www.first.org/tlp/) as it applies to incident cases and their items
 * (observables, evidence, reports), and to sharing a case under a cap (issue 4 §3 "sharing with TLP caps (a TLP:RED
 * item never leaves the named recipients)").
 * <ul>
 *   <li>TLP:RED — "for the eyes and ears of individual recipients only, no further disclosure": a RED case or item is
 *       seen only by the named parties (reporter, the agency that filed the notice, recipients, order addressees)
 *       and can never be shared. The filing agency is always a named party of its own notice: a province filing for
 *       one of its units sees the RED notice it filed.</li>
 *   <li>TLP:AMBER+STRICT — "restricts sharing to the organization only": a share under this cap (or of a case marked
 *       AMBER+STRICT) reaches the named agency itself, not its subordinate units.</li>
 *   <li>TLP:AMBER — the recipient's organisation and its clients on a need-to-know basis: a share reaches the agency
 *       and its subtree. TLP:GREEN — the community; TLP:CLEAR — no limit.</li>
 * </ul>
 * A caller who sees a case only through a share sees the items whose marking is at or below the share's cap
 * (CLEAR &lt; GREEN &lt; AMBER &lt; AMBER+STRICT &lt; RED, the order of {@link Tlp}).
 */
final class TlpRules {
    private TlpRules() {
    }

    /**
     * May a caller see an item marked {@code item} on a case they can see?
     *
     * @param scoped   a party of the case (reporter, owner, operator, recipient, order addressee) is in the caller's
     *                 INCIDENT_READ subtree scope
     * @param named    the caller's own agency (or an agency where they hold INCIDENT_READ) is the reporter, the
     *                 filing agency, a recipient or an order addressee
     * @param shareCap the highest cap among active shares reaching the caller, null when none
     */
    static boolean maySee(Tlp item, boolean scoped, boolean named, Tlp shareCap) {
        if (item == null) return false;
        if (item == Tlp.RED) return named;
        return scoped || named || (shareCap != null && item.compareTo(shareCap) <= 0);
    }

    /** Why a case marked {@code caseTlp} cannot be shared under {@code cap}, or null when it can. */
    static String refusal(Tlp caseTlp, Tlp cap) {
        if (caseTlp == Tlp.RED) {
            return "Sự cố TLP:RED chỉ dành cho các nơi nhận được nêu tên, không được chia sẻ thêm (FIRST TLP 2.0; "
                    + "issue 4 §3) (a TLP:RED case never leaves its named recipients).";
        }
        if (cap == Tlp.RED) {
            return "Không thể chia sẻ với mức TLP:RED: thông tin TLP:RED không được chia sẻ ra ngoài các nơi nhận được "
                    + "nêu tên (FIRST TLP 2.0) (a TLP:RED item is never shared; choose CLEAR, GREEN, AMBER or AMBER_STRICT).";
        }
        return null;
    }

    /** Whether a share reaches the subordinate units of the agency: not under AMBER+STRICT (case or cap). */
    static boolean reachesSubtree(Tlp caseTlp, Tlp cap) {
        return cap != Tlp.AMBER_STRICT && caseTlp != Tlp.AMBER_STRICT;
    }

    /** SQL rank of a TLP column or literal (1 = CLEAR … 5 = RED), for "item ≤ cap" in queries. */
    static String sqlRank(String expr) {
        return "array_position(ARRAY['CLEAR','GREEN','AMBER','AMBER_STRICT','RED']::varchar[], " + expr + "::varchar)";
    }

    static String label(Tlp tlp) {
        return "TLP:" + tlp.name().replace('_', '+');
    }
}
