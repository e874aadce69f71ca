package vn.attthub.incident;

/** Traffic Light Protocol 2.0 marking of a notice: TLP:RED never leaves the named recipients. */
enum Tlp {
    CLEAR, GREEN, AMBER, AMBER_STRICT, RED
}
