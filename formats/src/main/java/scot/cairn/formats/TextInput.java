package scot.cairn.formats;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A text file read as strict UTF-8 for a parser (Commons CSV, Jackson's YAML), within limits that
 * keep a hostile file from taking unbounded memory or time. What the parser would report as Java's
 * {@code Input length = 1}, or run out of memory on, becomes one {@link InputError} at the line and
 * column where the file goes wrong:
 * <ul>
 *   <li>a UTF-16 or UTF-32 byte-order mark (UTF-8's is skipped): rule {@code encoding} at 1:1;</li>
 *   <li>a byte that is not UTF-8, such as a Latin-1 pound sign: {@code encoding}, naming the byte and
 *       what it would be in Windows-1252;</li>
 *   <li>a control character other than tab, CR and LF (a NUL in a label): {@code control-character};</li>
 *   <li>a line longer than {@link Limits#maxLineChars}: {@code line-too-long};</li>
 *   <li>more than {@link Limits#maxChars} in all: {@code file-too-long};</li>
 *   <li>a record (what the parser reads between two {@link #startRecord} calls) longer than
 *       {@link Limits#maxRecordChars}, as a quote that is never closed makes the rest of a CSV file:
 *       {@code row-too-long}.</li>
 * </ul>
 * A problem is raised only once every character before it was handed out, so the parser reports
 * the problems of earlier rows first. It travels through the parser as a {@link Problem} (an
 * {@code IOException}, which parsers pass on); {@link #problemIn} finds it in a cause chain.
 * Lines end with LF, CRLF or CR. Columns count characters (code points) from 1.
 */
public final class TextInput extends Reader {

    /** How much one file may hold; every bound is in characters. */
    public record Limits(int maxLineChars, long maxRecordChars, long maxChars) {
        public Limits {
            if (maxLineChars < 1 || maxRecordChars < 1 || maxChars < 1) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }
    }

    /** A problem of the file, carried through the parser reading it. */
    public static final class Problem extends IOException {
        private static final long serialVersionUID = 1L;

        private final transient InputError error;

        Problem(InputError error) {
            super(error.toString(), null);
            this.error = error;
        }

        public InputError error() {
            return error;
        }
    }

    /** The parser's read-ahead (Commons CSV buffers 8 KiB) may overshoot a record by this much. */
    private static final int READ_AHEAD = 64 * 1024;

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private final String file;
    private final InputStream in;
    private final Limits limits;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024).flip();
    private final CharBuffer chars = CharBuffer.allocate(64 * 1024).flip();
    private boolean eof;
    private boolean decoded;
    private int badByte = -1;
    private InputError pending;

    // Position of the next character to be checked (not yet handed out).
    private long line = 1;
    private long column;
    private boolean afterCr;
    private long checked;
    // What was handed out, for the record bound.
    private long delivered;
    private long recordStart;
    private long recordLine = 1;

    private TextInput(String file, InputStream in, Limits limits) {
        this.file = Objects.requireNonNull(file, "file must not be null");
        this.in = Objects.requireNonNull(in, "in must not be null");
        this.limits = Objects.requireNonNull(limits, "limits must not be null");
    }

    /**
     * Opens a file.
     *
     * @throws InvalidInputException when it starts with a UTF-16 or UTF-32 byte-order mark
     * @throws UncheckedIOException  when it cannot be read, with the reason in plain words
     */
    public static TextInput open(Path path, Limits limits) {
        String name = path.getFileName() == null
                ? path.toString()
                : path.getFileName().toString();
        try {
            return of(Files.newInputStream(path), name, limits);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("cannot read " + path + ": there is no such file", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + describe(e), e);
        }
    }

    /** Reads a stream that {@code fileName} names in errors; closing this closes it. */
    public static TextInput of(InputStream stream, String fileName, Limits limits) throws IOException {
        TextInput t = new TextInput(fileName, stream, limits);
        try {
            t.skipByteOrderMark();
        } catch (InvalidInputException | IOException e) {
            stream.close();
            throw e;
        }
        return t;
    }

    /** The file's name, as errors give it. */
    public String fileName() {
        return file;
    }

    /**
     * The parser starts a new record (a CSV row) on {@code line}: the record bound counts from
     * here, and a record that outgrows it is reported on this line.
     */
    public void startRecord(long line) {
        recordStart = delivered;
        recordLine = line;
    }

    /** The problem of the file somewhere in {@code t}'s causes, if any. */
    public static Optional<InputError> problemIn(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof Problem p) {
                return Optional.of(p.error());
            }
        }
        return Optional.empty();
    }

    /** An I/O failure in plain words (Java's message alone may be empty or cryptic). */
    public static String describe(IOException e) {
        String m = e.getMessage();
        String kind = e.getClass()
                .getSimpleName()
                .replaceAll("(?<=[a-z])(?=[A-Z])", " ")
                .toLowerCase(Locale.ROOT)
                .replace(" exception", "");
        return m == null || m.isBlank() ? kind : m;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        if (!chars.hasRemaining() && !fill()) {
            return -1;
        }
        int n = Math.min(length, chars.remaining());
        chars.get(buffer, offset, n);
        delivered += n;
        if (delivered - recordStart > limits.maxRecordChars() + READ_AHEAD) {
            throw new Problem(new InputError(
                    file,
                    recordLine,
                    1,
                    "row-too-long",
                    String.format(
                            Locale.ROOT,
                            "the row that starts on this line is longer than %,d characters: a quoted field that is never "
                                    + "closed (a lone \") makes the rest of the file one row",
                            limits.maxRecordChars())));
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void skipByteOrderMark() throws IOException {
        readBytes();
        while (!eof && bytes.remaining() < 4) {
            readBytes();
        }
        int n = bytes.remaining();
        int b0 = n > 0 ? bytes.get(0) & 0xff : -1;
        int b1 = n > 1 ? bytes.get(1) & 0xff : -1;
        int b2 = n > 2 ? bytes.get(2) & 0xff : -1;
        int b3 = n > 3 ? bytes.get(3) & 0xff : -1;
        String other = null;
        if (b0 == 0 && b1 == 0 && b2 == 0xFE && b3 == 0xFF) {
            other = "UTF-32 (big-endian: it starts with the byte-order mark 00 00 FE FF)";
        } else if (b0 == 0xFF && b1 == 0xFE && b2 == 0 && b3 == 0) {
            other = "UTF-32 (little-endian: it starts with the byte-order mark FF FE 00 00)";
        } else if (b0 == 0xFE && b1 == 0xFF) {
            other = "UTF-16 (big-endian: it starts with the byte-order mark FE FF)";
        } else if (b0 == 0xFF && b1 == 0xFE) {
            other = "UTF-16 (little-endian: it starts with the byte-order mark FF FE)";
        } else if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            bytes.position(3); // UTF-8's own mark, as Excel writes it: not part of the text
        }
        if (other != null) {
            throw new InvalidInputException(new InputError(
                    file, 1, 1, "encoding", "the file is " + other + ", not UTF-8: save it as UTF-8 and try again"));
        }
    }

    /** Moves unread bytes to the front and reads more after them; sets {@link #eof} at the end. */
    private void readBytes() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            eof = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    /** Decodes and checks the next characters; false at the end of the file. */
    private boolean fill() throws IOException {
        while (true) {
            if (pending != null) {
                throw new Problem(pending);
            }
            if (decoded && badByte < 0) {
                return false;
            }
            chars.clear();
            decode();
            chars.flip();
            check();
            if (chars.hasRemaining()) {
                return true;
            }
        }
    }

    /** Decodes at least one character, or up to the end of the file or the first byte that is not UTF-8. */
    private void decode() throws IOException {
        while (chars.position() == 0 && !decoded) {
            CoderResult r = decoder.decode(bytes, chars, eof);
            if (r.isError()) {
                badByte = bytes.get(bytes.position()) & 0xff;
                decoded = true;
            } else if (r.isOverflow()) {
                return;
            } else if (eof) {
                decoder.flush(chars);
                decoded = true;
            } else {
                readBytes();
            }
        }
    }

    /** Checks the decoded characters, keeping only those before the first problem. */
    private void check() {
        int start = chars.position();
        for (int i = start; i < chars.limit(); i++) {
            char c = chars.get(i);
            checked++;
            if (c == '\n') {
                if (!afterCr) {
                    line++;
                }
                column = 0;
                afterCr = false;
                continue;
            }
            if (c == '\r') {
                line++;
                column = 0;
                afterCr = true;
                continue;
            }
            afterCr = false;
            if (Character.isLowSurrogate(c)) {
                continue;
            }
            column++;
            InputError problem = problem(c);
            if (problem != null) {
                chars.limit(i);
                pending = problem;
                return;
            }
        }
        if (badByte >= 0 && pending == null) {
            pending = error("encoding", notUtf8(badByte));
            badByte = -1;
        }
    }

    /** What is wrong with the character just counted, or null. */
    private InputError problem(char c) {
        if (c < 0x20 && c != '\t' || c == 0x7F) {
            return error(
                    "control-character",
                    c == 0
                            ? "the file holds a NUL character (byte 0x00), which no text has: is it UTF-16 without a byte-order mark, "
                                    + "or not a text file? Save it as UTF-8"
                            : String.format(
                                    Locale.ROOT, "control character U+%04X: a text file has none; remove it", (int) c));
        }
        if (column > limits.maxLineChars()) {
            return error(
                    "line-too-long",
                    String.format(
                            Locale.ROOT,
                            "this line is longer than %,d characters, the most "
                                    + "one line may hold (is this the right file?)",
                            limits.maxLineChars()));
        }
        if (checked > limits.maxChars()) {
            return error(
                    "file-too-long",
                    String.format(
                            Locale.ROOT,
                            "the file is longer than %,d characters, the most "
                                    + "it may hold (is this the right file?)",
                            limits.maxChars()));
        }
        return null;
    }

    private InputError error(String rule, String message) {
        // column counts the character in question; a bad byte would have been the next one
        long at = rule.equals("encoding") ? column + 1 : column;
        return new InputError(file, line, (int) Math.min(Integer.MAX_VALUE, at), rule, message);
    }

    private static String notUtf8(int b) {
        String guess = new String(new byte[] {(byte) b}, WINDOWS_1252);
        boolean printable = !guess.isEmpty() && !Character.isISOControl(guess.charAt(0)) && guess.charAt(0) != '\uFFFD';
        return String.format(
                Locale.ROOT,
                "byte 0x%02X is not UTF-8: the file is in another encoding%s; save it as UTF-8 and try again",
                b,
                printable
                        ? " (in Windows-1252 or Latin-1, 0x" + String.format(Locale.ROOT, "%02X", b) + " is '" + guess
                                + "')"
                        : "");
    }
}
