package scot.cairn.store;

/**
 * Index keys in ascending order (unsigned bytes), each once, read one at a time with a look at
 * the next: what {@link BPlusTreeMerge} merges into a B+tree.
 */
interface SortedKeys extends AutoCloseable {

    /** The next key, or null at the end. The array is not changed afterwards. */
    byte[] peek();

    /** Moves past {@link #peek()}. */
    void advance();

    @Override
    void close();
}
