package scot.cairn.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.junit.jupiter.api.Test;

class ContentChecksumTest {

    private static List<Triple> triples(int n) {
        List<Triple> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Triple.create(
                    NodeFactory.createURI("http://example.org/obs/" + i),
                    NodeFactory.createURI("http://example.org/p"),
                    NodeFactory.createLiteralDT(Integer.toString(i * 7), XSDDatatype.XSDinteger)));
        }
        return out;
    }

    @Test
    void theChecksumDoesNotDependOnTripleOrder() {
        List<Triple> ts = triples(200);
        ContentChecksum a = new ContentChecksum();
        ts.forEach(a::add);
        Collections.shuffle(ts, new Random(42));
        ContentChecksum b = new ContentChecksum();
        ts.forEach(b::add);
        assertThat(a.value()).isEqualTo(b.value()).startsWith("sha256-sum:").hasSize("sha256-sum:".length() + 64);
    }

    @Test
    void removingWhatWasAddedRestoresTheChecksumAcrossAParse() {
        List<Triple> ts = triples(50);
        ContentChecksum c = new ContentChecksum();
        ts.subList(0, 30).forEach(c::add);
        String at30 = c.value();
        ContentChecksum d = ContentChecksum.parse(at30);
        ts.subList(30, 50).forEach(d::add);
        assertThat(d.value()).isNotEqualTo(at30);
        ts.subList(30, 50).forEach(d::remove);
        assertThat(d.value()).isEqualTo(at30);
        ContentChecksum empty = new ContentChecksum();
        ts.subList(0, 30).forEach(empty::remove);
        ts.subList(0, 30).forEach(empty::add);
        assertThat(empty.value()).isEqualTo(new ContentChecksum().value());
    }

    @Test
    void aLineIsTheNTriplesFormOfTheTriple() {
        Triple t = Triple.create(
                NodeFactory.createURI("http://example.org/s"),
                NodeFactory.createURI("http://example.org/p"),
                NodeFactory.createLiteralString("Na h-Eileanan Siar \"W\""));
        assertThat(ContentChecksum.line(t))
                .isEqualTo("<http://example.org/s> <http://example.org/p> \"Na h-Eileanan Siar \\\"W\\\"\" .");
        ContentChecksum byTriple = new ContentChecksum();
        byTriple.add(t);
        ContentChecksum byLine = new ContentChecksum();
        byLine.addLine(ContentChecksum.line(t));
        assertThat(byTriple.value()).isEqualTo(byLine.value());
    }

    @Test
    void theChecksumIsTakenOverTheNTriplesLineWhateverTheIri() {
        // IRIs written as they are, and ones N-Triples escapes (non-ASCII, a space, a backslash)
        List<String> iris = List.of(
                "http://example.org/obs/S01006506/2019/male/count",
                "http://example.org/caf\u00e9",
                "http://example.org/a b",
                "http://example.org/x\\y",
                "http://example.org/{z}",
                "urn:x:1");
        ContentChecksum fast = new ContentChecksum();
        ContentChecksum byLine = new ContentChecksum();
        for (String s : iris) {
            for (String o : iris) {
                Triple t = Triple.create(
                        NodeFactory.createURI(s),
                        NodeFactory.createURI("http://example.org/p"),
                        NodeFactory.createURI(o));
                fast.add(t);
                fast.add(t); // a second time through the cache of formatted IRIs
                byLine.addLine(ContentChecksum.line(t));
                byLine.addLine(ContentChecksum.line(t));
            }
        }
        assertThat(fast.value()).isEqualTo(byLine.value());
        assertThat(ContentChecksum.plainIri("http://example.org/caf\u00e9")).isFalse();
        assertThat(ContentChecksum.plainIri("http://statistics.gov.scot/data/x/S01006506/2019-Q2/count"))
                .isTrue();
    }

    @Test
    void aMalformedRecordedChecksumIsRejected() {
        assertThatThrownBy(() -> ContentChecksum.parse("sha256:abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a content checksum");
    }

    @Test
    void theKindOfAReleaseIsUpdateOrCorrection() {
        assertThat(Release.Kind.parse(" Correction ")).isEqualTo(Release.Kind.CORRECTION);
        assertThatThrownBy(() -> Release.Kind.parse("fix"))
                .hasMessage("the kind of a release must be 'update' or 'correction', not 'fix'");
        assertThatThrownBy(() -> new Release(" ", Release.Kind.UPDATE)).hasMessage("a release needs a change note");
    }

    @Test
    void theSeenSetHoldsManyKeysIncludingZero() {
        LongSet s = new LongSet();
        for (long i = 0; i < 100_000; i++) {
            assertThat(s.add(i * 0x9E3779B97F4A7C15L)).isTrue();
        }
        assertThat(s.add(0)).isFalse();
        assertThat(s.contains(99_999 * 0x9E3779B97F4A7C15L)).isTrue();
        assertThat(s.contains(12345)).isFalse();
    }
}
