package scot.cairn.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SortedLinesTest {

    @Test
    void linesBeyondWhatIsHeldInMemoryComeOutSortedAsAListSortWouldHaveThem() {
        Random random = new Random(21);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            StringBuilder b = new StringBuilder("<http://example.org/s")
                    .append(random.nextInt(500))
                    .append("> <p> \"");
            b.append(random.nextBoolean() ? "Gàidhlig ✓ " : "")
                    .append(random.nextInt())
                    .append('"');
            if (i % 500 == 0) {
                b.append("x".repeat(70_000)); // longer than DataOutputStream.writeUTF allows
            }
            lines.add(b.append(" .").toString());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = SortedLines.write(lines.iterator(), out, 100); // 20 sorted runs spilled to disk
        List<String> expected = new ArrayList<>(lines);
        expected.sort(null);
        assertThat(n).isEqualTo(lines.size());
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(String.join("\n", expected) + "\n");
    }

    @Test
    void noLinesWriteNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(SortedLines.write(List.<String>of().iterator(), out)).isZero();
        assertThat(out.size()).isZero();
    }
}
