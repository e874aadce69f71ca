package vn.attthub.dossier;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The state machine of a level dossier, exactly as Decree 85/2016 Art 12, 14, 16 and 17 and Circular 03/2017 Art 14
 * describe it (DOMAIN.md §1.6):
 * <pre>
 * DRAFT ─SUBMIT→ [AWAITING_PROFESSIONAL_OPINION ─GIVE_OPINION→] (levels 4-5, Art 14.1.d)
 *   SUBMITTED ─ACCEPT_COMPLETE→ UNDER_APPRAISAL ─APPRAISE→ APPRAISED ─SUBMIT_FOR_APPROVAL→ AWAITING_APPROVAL
 *   SUBMITTED ─RETURN_INCOMPLETE→ RETURNED_INCOMPLETE ─SUBMIT→ SUBMITTED               (TT03 Art 14.3)
 *   AWAITING_APPROVAL ─APPROVE→ APPROVED | ─REJECT→ REJECTED                              (Art 14.3, 17.2)
 * </pre>
 * When the appraiser is also the approver (levels 1-2: the security unit appraises and approves, Art 12.1) the
 * appraisal leads straight to AWAITING_APPROVAL. For level 5 APPROVED needs both the owner's approval of the security
 * plan (Art 12.3.d) and the Prime Minister's list (Art 12.3.đ, 14.3.c), in either order. Plain object: no Spring.
 */
final class DossierWorkflow {

    /** What the workflow needs to know about a dossier. */
    record Facts(DossierState state, int level, boolean professionalOpinionRequired, boolean opinionGiven,
                 boolean appraiserIsApprover, boolean primeMinisterList, boolean planApproved,
                 boolean pmListRecorded) {
    }

    /** An action the dossier allows now, and who may take it. */
    record Option(DossierAction action, Side side) {
    }

    /** The effect of an action: the new state, the steps it completes and opens, and the rule applied (D6). */
    record Transition(DossierAction action, Side side, DossierState from, DossierState to, Set<StepKind> closes,
                      List<StepKind> opens, String rule) {
    }

    /** The action is not possible in this state; {@code allowed} lists what is. */
    static final class NotAllowed extends RuntimeException {
        final DossierState state;
        final List<Option> allowed;

        NotAllowed(DossierAction action, DossierState state, List<Option> allowed) {
            super("Không thể thực hiện " + action + " khi hồ sơ ở trạng thái " + state + "; thao tác được phép: "
                    + (allowed.isEmpty() ? "không có" : allowed.stream().map(o -> o.action().name()).toList()));
            this.state = state;
            this.allowed = allowed;
        }
    }

    private DossierWorkflow() {
    }

    static List<Option> options(Facts f) {
        List<Option> out = new ArrayList<>();
        for (DossierAction a : DossierAction.values()) {
            Transition t = transition(f, a);
            if (t != null) out.add(new Option(a, t.side()));
        }
        return out;
    }

    static Transition apply(Facts f, DossierAction action) {
        Transition t = transition(f, action);
        if (t == null) throw new NotAllowed(action, f.state(), options(f));
        return t;
    }

    private static Transition transition(Facts f, DossierAction a) {
        DossierState s = f.state();
        int l = f.level();
        return switch (a) {
            case SUBMIT -> {
                if (s != DossierState.DRAFT && s != DossierState.RETURNED_INCOMPLETE) yield null;
                if (f.professionalOpinionRequired() && !f.opinionGiven()) {
                    yield t(f, a, Side.PREPARER, DossierState.AWAITING_PROFESSIONAL_OPINION, Set.of(),
                            List.of(StepKind.PROFESSIONAL_OPINION), "ND85 Art 14.1.a, 14.1.d, 15");
                }
                yield t(f, a, Side.PREPARER, DossierState.SUBMITTED, Set.of(), List.of(StepKind.COMPLETENESS_CHECK),
                        submitRule(l));
            }
            case GIVE_OPINION -> s != DossierState.AWAITING_PROFESSIONAL_OPINION ? null
                    : t(f, a, Side.SECURITY_UNIT, DossierState.SUBMITTED, Set.of(StepKind.PROFESSIONAL_OPINION),
                    List.of(StepKind.COMPLETENESS_CHECK), "ND85 Art 14.1.d, 15.5; TT03 Art 14.2, 14.3");
            case RETURN_INCOMPLETE -> switch (s) {
                case AWAITING_PROFESSIONAL_OPINION -> t(f, a, Side.SECURITY_UNIT, DossierState.RETURNED_INCOMPLETE,
                        Set.of(StepKind.PROFESSIONAL_OPINION), List.of(), "ND85 Art 14.1.d");
                case SUBMITTED -> t(f, a, Side.APPRAISER, DossierState.RETURNED_INCOMPLETE,
                        Set.of(StepKind.COMPLETENESS_CHECK), List.of(), "TT03 Art 14.3");
                case UNDER_APPRAISAL -> t(f, a, Side.APPRAISER, DossierState.RETURNED_INCOMPLETE,
                        Set.of(StepKind.APPRAISAL), List.of(), "ND85 Art 16.1; TT03 Art 16");
                default -> null;
            };
            case ACCEPT_COMPLETE -> s != DossierState.SUBMITTED ? null
                    : t(f, a, Side.APPRAISER, DossierState.UNDER_APPRAISAL, Set.of(StepKind.COMPLETENESS_CHECK),
                    List.of(StepKind.APPRAISAL), "TT03 Art 14.3; " + appraisalRule(l));
            case APPRAISE -> {
                if (s != DossierState.UNDER_APPRAISAL) yield null;
                if (f.appraiserIsApprover()) {
                    yield t(f, a, Side.APPRAISER, DossierState.AWAITING_APPROVAL, Set.of(StepKind.APPRAISAL),
                            List.of(StepKind.APPROVAL), appraisalRule(l) + "; " + approvalRule(l));
                }
                yield t(f, a, Side.APPRAISER, DossierState.APPRAISED, Set.of(StepKind.APPRAISAL), List.of(),
                        appraisalRule(l));
            }
            case SUBMIT_FOR_APPROVAL -> s != DossierState.APPRAISED ? null
                    : t(f, a, Side.PREPARER, DossierState.AWAITING_APPROVAL, Set.of(),
                    f.primeMinisterList() ? List.of(StepKind.APPROVAL, StepKind.PRIME_MINISTER_LIST)
                            : List.of(StepKind.APPROVAL),
                    (l == 5 ? "ND85 Art 14.3.c" : "ND85 Art 14.3.b") + ", 17.1");
            case APPROVE -> s != DossierState.AWAITING_APPROVAL || f.planApproved() ? null
                    : t(f, a, Side.APPROVER,
                    f.primeMinisterList() && !f.pmListRecorded() ? DossierState.AWAITING_APPROVAL
                            : DossierState.APPROVED,
                    Set.of(StepKind.APPROVAL), List.of(), approvalRule(l) + ", 17.2");
            case REJECT -> s != DossierState.AWAITING_APPROVAL || f.planApproved() ? null
                    : t(f, a, Side.APPROVER, DossierState.REJECTED, Set.of(StepKind.APPROVAL, StepKind.PRIME_MINISTER_LIST),
                    List.of(), approvalRule(l) + ", 17.2");
            case RECORD_PM_LIST -> s != DossierState.AWAITING_APPROVAL || !f.primeMinisterList() || f.pmListRecorded()
                    ? null
                    : t(f, a, Side.APPRAISER, f.planApproved() ? DossierState.APPROVED : DossierState.AWAITING_APPROVAL,
                    Set.of(StepKind.PRIME_MINISTER_LIST), List.of(), "ND85 Art 12.3.đ, 14.3.c");
        };
    }

    private static Transition t(Facts f, DossierAction a, Side side, DossierState to, Set<StepKind> closes,
                                List<StepKind> opens, String rule) {
        return new Transition(a, side, f.state(), to, closes, opens, rule);
    }

    static String submitRule(int level) {
        return switch (level) {
            case 1, 2 -> "ND85 Art 14.1.b, 12.1; TT03 Art 14.1, 14.3";
            case 3 -> "ND85 Art 14.1.c, 12.2.a; TT03 Art 14.1, 14.3";
            default -> "ND85 Art 14.1.d, 12.3; TT03 Art 14.2, 14.3";
        };
    }

    static String appraisalRule(int level) {
        return switch (level) {
            case 1, 2 -> "ND85 Art 12.1, 16.1";
            case 3 -> "ND85 Art 12.2.a, 16.1, 16.2.a";
            default -> "ND85 Art 12.3.a-c, 16.1, 16.2.b";
        };
    }

    static String approvalRule(int level) {
        return switch (level) {
            case 1, 2 -> "ND85 Art 12.1, 14.3.a";
            case 3 -> "ND85 Art 12.2.b, 14.3.b";
            case 4 -> "ND85 Art 12.3.d, 14.3.b";
            default -> "ND85 Art 12.3.d, 14.3.c";
        };
    }
}
