package vn.attthub.shared;

/**
 * A transaction that commits without waiting for its WAL to reach the disk ({@code synchronous_commit} off for that
 * transaction only; the server and every other transaction keep it on).
 * <p>
 * Only for a transaction whose loss in a crash costs nothing: one that is redone from durably committed rows (the
 * audit chainer, the incident notice fan-out), or one that any later durable commit covers (an idempotency claim is
 * flushed with the changes it guards). What it saves is one disk flush per transaction, and the wait for it.
 */
public final class AsynchronousCommit {
    /**
     * A one-row table to put in the {@code FROM} (or {@code USING}) of the transaction's first statement: it switches
     * the setting in the same round trip, no separate {@code SET LOCAL} needed.
     */
    public static final String ROW = "(SELECT set_config('synchronous_commit', 'off', true)) AS async_commit";

    private AsynchronousCommit() {
    }
}
