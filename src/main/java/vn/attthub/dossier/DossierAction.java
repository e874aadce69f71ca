package vn.attthub.dossier;

/** What someone does to a dossier; each is allowed only in some states and only to one side (see {@link DossierWorkflow}). */
public enum DossierAction {
    SUBMIT, GIVE_OPINION, RETURN_INCOMPLETE, ACCEPT_COMPLETE, APPRAISE, SUBMIT_FOR_APPROVAL, APPROVE, REJECT,
    RECORD_PM_LIST
}
