package vn.attthub.dossier;

import vn.attthub.regime.MatchedRule;
import vn.attthub.shared.AgencyId;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One version of a system's level dossier. {@code appraiserId}, {@code approverId} and {@code opinionAgencyId} are
 * fixed when it is submitted (Art 12, 14: the authorities on that day); before that they are null.
 */
public record Dossier(UUID id, UUID systemId, String systemCode, String systemName, int versionNo, String regime,
                      int proposedLevel, Integer determinedLevel, List<MatchedRule> matchedRules, String justification,
                      DossierState state, AgencyId ownerId, AgencyId operatorId, AgencyId opinionAgencyId,
                      AgencyId appraiserId, AgencyId approverId, String procedureBasis, Instant opinionGivenAt,
                      String appraisalReference, Instant appraisedAt, Instant planApprovedAt, String pmListReference,
                      Instant pmListRecordedAt, Instant approvedAt, UUID decisionFileId, String decisionSha256,
                      String decisionSigner, UUID supersededBy, Instant createdAt, Instant updatedAt, int version) {

    boolean routed() {
        return appraiserId != null;
    }
}
