package scot.cairn.vocab;

import java.util.Iterator;
import org.apache.jena.graph.Node;

/** Choosing one text among a property's values, as every page, download and map labels things. */
public final class PreferredLiteral {

    private PreferredLiteral() {}

    /**
     * The lexical form of the first English or untagged literal among {@code values}, else of the
     * first literal in another language, else null (no literal at all).
     */
    public static String of(Iterator<Node> values) {
        String other = null;
        while (values.hasNext()) {
            Node o = values.next();
            if (!o.isLiteral()) {
                continue;
            }
            String lang = o.getLiteralLanguage();
            if (lang.isEmpty() || lang.startsWith("en")) {
                return o.getLiteralLexicalForm();
            }
            if (other == null) {
                other = o.getLiteralLexicalForm();
            }
        }
        return other;
    }
}
