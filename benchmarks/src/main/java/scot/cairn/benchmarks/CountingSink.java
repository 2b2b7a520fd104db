package scot.cairn.benchmarks;

import java.io.OutputStream;

/** A client that reads as fast as it can: discards the bytes written to it, counting them. */
public final class CountingSink extends OutputStream {
    private long bytes;

    @Override
    public void write(int b) {
        bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        bytes += len;
    }

    /** The bytes written so far. */
    public long bytes() {
        return bytes;
    }
}
