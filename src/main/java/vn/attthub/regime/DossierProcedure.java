package vn.attthub.regime;

/**
 * The procedure a level dossier follows for one proposed level (Decree 85/2016 Art 12, 14, 15.5, 16, 17; Circular
 * 03/2017 Art 14-16): whether the owner's security unit gives a professional opinion first, who appraises, who
 * approves, and the time limits. {@code appraisalDays} are calendar days, or null when the law sets none
 * (levels 1-2); the other limits are working days (DOMAIN.md D5).
 */
public record DossierProcedure(String regime, int level, boolean professionalOpinionRequired, AuthorityKind appraiser,
                               AuthorityKind approver, boolean primeMinisterList, int completenessWorkingDays,
                               Integer appraisalDays, int approvalWorkingDays, String legalBasis) {
}
