package scot.cairn.loaders.cube;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Objects;
import scot.cairn.vocab.Slugs;

/**
 * One code of an explicit code list.
 *
 * <p>A cell matches this code when it equals the label (ignoring case and surrounding spaces) or
 * when its slug ({@link Slugs#slugify}) equals the code.
 *
 * @param code   the last path segment of the concept URI; a slug
 * @param label  the label shown to users ({@code rdfs:label}, {@code skos:prefLabel})
 * @param parent the code of the broader concept in the same list, or null
 */
public record CodeSpec(String code, String label, String parent) {

    public CodeSpec {
        if (label == null && code == null) {
            throw DefinitionProblem.at("a code needs a code or a label");
        }
        if (label == null) {
            label = code;
        }
        if (code == null) {
            try {
                code = Slugs.slugify(label);
            } catch (IllegalArgumentException e) {
                throw DefinitionProblem.at(
                        "label '" + label + "' has no letter or digit to make a code from: give its 'code'", "label");
            }
        }
        if (!Slugs.isSlug(code)) {
            throw DefinitionProblem.at(
                    "code '" + code + "' is not a slug (lower-case letters, digits and single hyphens); " + "try '"
                            + Slugs.slugify(code) + "'",
                    "code");
        }
        if (label.isBlank()) {
            throw DefinitionProblem.at("code " + code + " has a blank label", "label");
        }
        if (parent != null && !Slugs.isSlug(parent)) {
            throw DefinitionProblem.at("parent '" + parent + "' of code " + code + " is not a slug", "parent");
        }
    }

    /** A code given as a bare label in YAML ({@code - Female}). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static CodeSpec ofLabel(String label) {
        Objects.requireNonNull(label, "label must not be null");
        return new CodeSpec(null, label, null);
    }

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static CodeSpec of(
            @com.fasterxml.jackson.annotation.JsonProperty("code") String code,
            @com.fasterxml.jackson.annotation.JsonProperty("label") String label,
            @com.fasterxml.jackson.annotation.JsonProperty("parent") String parent) {
        return new CodeSpec(code, label, parent);
    }
}
