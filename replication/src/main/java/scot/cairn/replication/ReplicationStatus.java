package scot.cairn.replication;

/**
 * What {@code /health} says about replication.
 *
 * @param role        {@code publisher} or {@code replica}
 * @param generation  the store's generation (equal on a publisher and its caught-up replicas)
 * @param caughtUp    a replica: whether it has applied everything committed to the topic; a publisher: whether everything committed was sent
 * @param lagRecords  records on the topic not yet applied (replica), or publications not yet sent (publisher)
 * @param lagSeconds  age of the oldest publication not yet applied or sent; 0 when caught up
 * @param error       why it is not following or sending, or null
 */
public record ReplicationStatus(
        String role, long generation, boolean caughtUp, long lagRecords, double lagSeconds, String error) {}
