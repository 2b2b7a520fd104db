package scot.cairn.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import scot.cairn.web.WebModel.DatasetDetail;
import scot.cairn.web.WebModel.Dimension;

/** The SPARQL query that fetches the same slice as the page's downloads, for people who want to learn it or reuse it. */
final class SliceQuery {
    private SliceQuery() {}

    private static final String FOI = "http://publishmydata.com/def/ontology/foi/";

    /**
     * A SELECT with one row per observation: area, period, each other dimension, measure, value,
     * unit and status. When the slice takes every area of a level, the area filter is "every area
     * of that collection" ({@code foi:memberOf}); inside a larger area, also {@code foi:within}
     * it; otherwise a list of areas.
     */
    static String sparql(DatasetDetail d, SliceChoice slice, String collectionBase) {
        Map<String, List<String>> filters = slice.filters();
        String levelCollection = areaPattern(slice, collectionBase);
        StringBuilder q = new StringBuilder();
        q.append("PREFIX qb: <http://purl.org/linked-data/cube#>\n")
                .append("PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>\n")
                .append("PREFIX sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#>\n\n");
        List<String> vars = new ArrayList<>(List.of("?area", "?period"));
        for (int i = 0; i < d.dimensions().size(); i++) {
            vars.add("?" + var(d.dimensions().get(i), i));
        }
        vars.addAll(List.of("?measure", "?value", "?unit", "?status"));
        q.append("SELECT ").append(String.join(" ", vars)).append("\nWHERE {\n");
        q.append("  ?obs qb:dataSet <").append(d.summary().uri()).append("> ;\n");
        q.append("       sdmx-dimension:refArea ?area ;\n");
        q.append("       sdmx-dimension:refPeriod ?period ;\n");
        for (int i = 0; i < d.dimensions().size(); i++) {
            q.append("       <")
                    .append(d.dimensions().get(i).uri())
                    .append("> ?")
                    .append(var(d.dimensions().get(i), i))
                    .append(" ;\n");
        }
        q.append("       qb:measureType ?measure .\n");
        q.append("  OPTIONAL { ?obs ?measure ?value }\n");
        q.append("  OPTIONAL { ?obs sdmx-attribute:unitMeasure ?unit }\n");
        q.append("  OPTIONAL { ?obs sdmx-attribute:obsStatus ?status }\n");
        if (levelCollection != null) {
            q.append("  ?area <" + FOI + "memberOf> <").append(levelCollection).append("> .\n");
            if (slice.within() != null) {
                q.append("  ?area <" + FOI + "within> <")
                        .append(slice.within().uri())
                        .append("> .\n");
            }
        }
        filters.forEach((dim, values) -> {
            if (levelCollection != null && dim.equals(SliceChoice.AREA)) {
                return;
            }
            String v = dim.equals(SliceChoice.AREA)
                    ? "?area"
                    : dim.equals(SliceChoice.PERIOD)
                            ? "?period"
                            : dim.equals(SliceChoice.MEASURE) ? "?measure" : "?" + varOf(d, dim);
            q.append("  VALUES ").append(v).append(" {");
            values.forEach(x -> q.append(" <").append(x).append('>'));
            q.append(" }\n");
        });
        q.append("}\nORDER BY ?area ?period");
        for (int i = 0; i < d.dimensions().size(); i++) {
            q.append(" ?").append(var(d.dimensions().get(i), i));
        }
        q.append(" ?measure\n");
        return q.toString();
    }

    /** The collection the area pattern names (every area of the level, or those inside the chosen area), or null for a list of areas. */
    private static String areaPattern(SliceChoice slice, String collectionBase) {
        if (slice.within() != null) {
            return collectionBase + slice.level();
        }
        return slice.levelCollection();
    }

    /** A CONSTRUCT of the slice's observations with all their triples (the slice as RDF). */
    static String construct(DatasetDetail d, SliceChoice slice, String collectionBase) {
        Map<String, List<String>> filters = slice.filters();
        String levelCollection = areaPattern(slice, collectionBase);
        StringBuilder q = new StringBuilder();
        q.append("PREFIX qb: <http://purl.org/linked-data/cube#>\n")
                .append("CONSTRUCT { ?obs ?p ?o }\nWHERE {\n  ?obs qb:dataSet <")
                .append(d.summary().uri())
                .append("> .\n");
        int i = 0;
        if (levelCollection != null) {
            q.append("  ?obs <")
                    .append(SliceChoice.AREA)
                    .append("> ?area .\n  ?area <" + FOI + "memberOf> <")
                    .append(levelCollection)
                    .append("> .\n");
            if (slice.within() != null) {
                q.append("  ?area <" + FOI + "within> <")
                        .append(slice.within().uri())
                        .append("> .\n");
            }
        }
        for (Map.Entry<String, List<String>> f : filters.entrySet()) {
            if (levelCollection != null && f.getKey().equals(SliceChoice.AREA)) {
                continue;
            }
            q.append("  ?obs <")
                    .append(f.getKey())
                    .append("> ?f")
                    .append(i)
                    .append(" .\n  VALUES ?f")
                    .append(i)
                    .append(" {");
            f.getValue().forEach(x -> q.append(" <").append(x).append('>'));
            q.append(" }\n");
            i++;
        }
        q.append("  ?obs ?p ?o .\n}\n");
        return q.toString();
    }

    private static String varOf(DatasetDetail d, String dim) {
        for (int i = 0; i < d.dimensions().size(); i++) {
            if (d.dimensions().get(i).uri().equals(dim)) {
                return var(d.dimensions().get(i), i);
            }
        }
        throw new IllegalArgumentException("Not a dimension of " + d.summary().slug() + ": " + dim);
    }

    /** A SPARQL variable name from the dimension's URI, unique by position. */
    static String var(Dimension dim, int i) {
        String name = Rdf.lastSegment(dim.uri()).replaceAll("[^A-Za-z0-9_]", "_");
        return name.isEmpty() || !Character.isLetter(name.charAt(0)) ? "dim" + i : name;
    }
}
