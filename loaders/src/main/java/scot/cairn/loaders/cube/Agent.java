package scot.cairn.loaders.cube;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;

/**
 * A publisher or creator: a label and, optionally, a URI identifying the organisation.
 * In YAML either a plain name ({@code publisher: Scottish Government}) or
 * {@code {label: ..., uri: ...}}.
 */
public record Agent(String label, String uri) {

    public Agent {
        if (label == null || label.isBlank()) {
            throw DefinitionProblem.at("an organisation needs a label", "label");
        }
        if (uri != null) {
            URI u;
            try {
                u = URI.create(uri);
            } catch (IllegalArgumentException e) {
                throw DefinitionProblem.at("organisation URI '" + uri + "' is not a URI", "uri");
            }
            if (!u.isAbsolute()) {
                throw DefinitionProblem.at("organisation URI must be absolute: " + uri, "uri");
            }
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Agent named(String label) {
        return new Agent(label, null);
    }

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static Agent of(@JsonProperty("label") String label, @JsonProperty("uri") String uri) {
        return new Agent(label, uri);
    }
}
