package vn.attthub.dossier;

import vn.attthub.regime.AuthorityKind;
import vn.attthub.regime.DossierProcedure;
import vn.attthub.shared.AgencyId;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Resolves the authorities the regime names for a level ({@link DossierProcedure}: roles, never agencies) to the
 * agencies that hold them in the registry on the day of submission (DOMAIN.md D4):
 * <ul>
 *   <li>{@code OWNER_SECURITY_UNIT}: the security unit serving the owner, or its nearest ancestor
 *       (Decree 85/2016 Art 3.5, 12.1, 12.2.a, 14.1.d);</li>
 *   <li>{@code SYSTEM_OWNER}: the owner itself (Art 12.2.b, 12.3.d);</li>
 *   <li>{@code NATIONAL_APPRAISAL_AUTHORITY}: an appraisal authority registered as <em>serving</em> the owner or one
 *       of its ancestors (the defence or public-security ministry appraising the systems it manages, Art 12.3.b-c, is
 *       registry data: a NATIONAL_APPRAISAL_AUTHORITY role with {@code for_agency_id} = that ministry), else the
 *       national holder of the role on the day (Art 12.3.a; Ministry of Public Security since 01/03/2025).</li>
 * </ul>
 * Plain object: the registry is passed in.
 */
final class AuthorityRouting {

    /** The registry questions routing asks. */
    interface Registry {
        Optional<AgencyId> securityUnitOf(AgencyId owner, LocalDate day);

        /** A holder serving the owner's subtree (Art 12.3.b-c) if any, else the national holder (Art 12.3.a). */
        Optional<AgencyId> appraisalAuthorityFor(AgencyId owner, LocalDate day);
    }

    /** Who acts on a dossier; {@code opinionGiver} is null unless the level needs a professional opinion. */
    record Route(AgencyId opinionGiver, AgencyId appraiser, AgencyId approver, boolean informOwner,
                 boolean primeMinisterList, String legalBasis) {
        boolean appraiserIsApprover() {
            return appraiser.equals(approver);
        }
    }

    /** The registry has no holder for a role the procedure needs: the dossier cannot be routed. */
    static final class Unroutable extends RuntimeException {
        Unroutable(String message) {
            super(message);
        }
    }

    private AuthorityRouting() {
    }

    static Route route(DossierProcedure procedure, AgencyId owner, LocalDate day, Registry registry) {
        AgencyId opinion = procedure.professionalOpinionRequired()
                ? resolve(AuthorityKind.OWNER_SECURITY_UNIT, owner, day, registry) : null;
        AgencyId appraiser = resolve(procedure.appraiser(), owner, day, registry);
        AgencyId approver = resolve(procedure.approver(), owner, day, registry);
        // Art 14.3.a: the security unit approves levels 1-2 and then reports to the owner.
        boolean informOwner = procedure.approver() == AuthorityKind.OWNER_SECURITY_UNIT && !approver.equals(owner);
        return new Route(opinion, appraiser, approver, informOwner, procedure.primeMinisterList(),
                procedure.legalBasis());
    }

    static AgencyId resolve(AuthorityKind kind, AgencyId owner, LocalDate day, Registry registry) {
        return switch (kind) {
            case SYSTEM_OWNER -> owner;
            case OWNER_SECURITY_UNIT -> registry.securityUnitOf(owner, day).orElseThrow(() -> new Unroutable(
                    "Chủ quản hệ thống chưa có đơn vị chuyên trách về an toàn thông tin trong danh mục cơ quan "
                            + "(Nghị định 85/2016/NĐ-CP Điều 3.5, 12); hãy khai báo vai trò SECURITY_UNIT trước khi nộp "
                            + "(the owner has no security unit in the registry)."));
            case NATIONAL_APPRAISAL_AUTHORITY -> registry.appraisalAuthorityFor(owner, day).orElseThrow(() ->
                    new Unroutable("Không có cơ quan thẩm định cấp độ 4-5 trong danh mục cơ quan vào ngày " + day
                            + " (Nghị định 85/2016/NĐ-CP Điều 12.3; no national appraisal authority on that day)."));
            case PRIME_MINISTER -> throw new Unroutable("The Prime Minister approves the list of level-5 systems "
                    + "(Art 12.3.đ); it is recorded as a separate step, not routed to an agency.");
        };
    }
}
