package vn.attthub.control;

/** Implementation status of one requirement of a system's baseline. NOT_APPLICABLE needs a justification. */
public enum RequirementStatus {
    NOT_STARTED, PLANNED, PARTLY_IMPLEMENTED, IMPLEMENTED, NOT_APPLICABLE
}
