package vn.attthub.incident;

/** Decision 05/2017 Art 9: an incident is either normal or serious; there is no finer scale. */
enum Severity {
    NORMAL, SERIOUS;

    public String labelVi() {
        return this == SERIOUS ? "Nghiêm trọng" : "Thông thường";
    }
}
