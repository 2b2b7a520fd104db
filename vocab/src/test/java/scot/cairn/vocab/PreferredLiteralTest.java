package scot.cairn.vocab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.Test;

class PreferredLiteralTest {

    @Test
    void englishOrUntaggedFirstThenAnyLiteralThenNothing() {
        var gd = NodeFactory.createLiteralLang("Glaschu", "gd");
        var en = NodeFactory.createLiteralLang("Glasgow City", "en-GB");
        var plain = NodeFactory.createLiteralString("Glasgow");
        var uri = NodeFactory.createURI("http://example.org/glasgow");
        assertThat(PreferredLiteral.of(List.of(uri, gd, en, plain).iterator())).isEqualTo("Glasgow City");
        assertThat(PreferredLiteral.of(List.of(gd, plain).iterator())).isEqualTo("Glasgow");
        assertThat(PreferredLiteral.of(List.of(uri, gd).iterator())).isEqualTo("Glaschu");
        assertThat(PreferredLiteral.of(List.of(uri).iterator())).isNull();
    }
}
