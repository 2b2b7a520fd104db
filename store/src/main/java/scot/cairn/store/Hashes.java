package scot.cairn.store;

/** 64-bit hashing for the in-memory sets and tables that publications keep per observation. */
public final class Hashes {

    private Hashes() {}

    /** 64-bit FNV-1a over the chars of {@code s}. */
    public static long fnv1a64(CharSequence s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** MurmurHash3's 64-bit finaliser: spreads every input bit over the whole word. */
    public static long mix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
