package scot.cairn.loaders.cube;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import scot.cairn.vocab.Slugs;

/**
 * A dimension of a cube beyond area, period and measure type.
 *
 * <p>Its property is {@code {base}def/dimension/{name}}; its per-dataset code list is
 * {@code {base}def/code-list/{slug}/{scheme}} and its concepts are
 * {@code {base}def/concept/{scheme}/{code}}.
 *
 * @param column the CSV header of the column holding the dimension's values (matched ignoring
 *               case, spaces and punctuation)
 * @param label  the dimension's label; defaults to the column
 * @param name   the property name (lowerCamelCase); defaults to {@code Slugs.camel(label)}
 * @param scheme the concept scheme slug; defaults to {@code Slugs.slugify(label)}
 * @param codes  the explicit code list, or null to derive codes from the data: each distinct
 *               value becomes the code {@code Slugs.slugify(value)} with the value as its label
 */
public record DimensionSpec(String column, String label, String name, String scheme, List<CodeSpec> codes) {

    private static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9]*");

    public DimensionSpec {
        if (column == null || column.isBlank()) {
            throw DefinitionProblem.at("a dimension needs its 'column' (the CSV header)", "column");
        }
        if (label == null || label.isBlank()) {
            label = column;
        }
        if (name == null) {
            name = Slugs.camel(label);
        }
        if (!NAME.matcher(name).matches()) {
            throw DefinitionProblem.at(
                    "dimension name '" + name + "' must be lowerCamelCase letters and digits, e.g. '"
                            + Slugs.camel(name) + "'",
                    "name");
        }
        if (scheme == null) {
            scheme = Slugs.slugify(label);
        }
        if (!Slugs.isSlug(scheme)) {
            throw DefinitionProblem.at("scheme '" + scheme + "' of dimension " + name + " is not a slug", "scheme");
        }
        if (codes != null) {
            codes = List.copyOf(codes);
            if (codes.isEmpty()) {
                throw DefinitionProblem.at(
                        "dimension " + name + " has an empty code list; omit 'codes' to derive them from the data",
                        "codes");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < codes.size(); i++) {
                if (!seen.add(codes.get(i).code())) {
                    throw DefinitionProblem.at(
                            "dimension " + name + " lists code '" + codes.get(i).code() + "' twice", "codes", i);
                }
            }
            for (int i = 0; i < codes.size(); i++) {
                CodeSpec c = codes.get(i);
                if (c.parent() != null && !seen.contains(c.parent())) {
                    throw DefinitionProblem.at(
                            "code " + c.code() + " of dimension " + name + " has parent '" + c.parent()
                                    + "', which is not in the list",
                            "codes",
                            i,
                            "parent");
                }
            }
        }
    }

    /** True when the code list is given in the definition rather than derived from the data. */
    public boolean explicit() {
        return codes != null;
    }

    /** The explicit code a cell names, or null: by label (ignoring case) or by slug. */
    CodeSpec match(String cell) {
        Objects.requireNonNull(codes);
        String s = cell.strip();
        for (CodeSpec c : codes) {
            if (c.label().equalsIgnoreCase(s) || c.code().equals(s)) {
                return c;
            }
        }
        String slug;
        try {
            slug = Slugs.slugify(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (CodeSpec c : codes) {
            if (c.code().equals(slug)) {
                return c;
            }
        }
        return null;
    }
}
