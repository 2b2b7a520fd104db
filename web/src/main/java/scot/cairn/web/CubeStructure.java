package scot.cairn.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeMap;
import org.apache.jena.graph.Node;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.Foi;
import scot.cairn.vocab.QB;
import scot.cairn.vocab.SdmxAttribute;
import scot.cairn.vocab.SdmxDimension;
import scot.cairn.vocab.Skos;
import scot.cairn.web.WebModel.Area;
import scot.cairn.web.WebModel.Level;
import scot.cairn.web.WebModel.Ref;

/** Reading a cube's structure (its dimensions, their code lists) and its areas, inside a read transaction. */
final class CubeStructure {
    static final Node REF_AREA = SdmxDimension.refArea.asNode();
    static final Node REF_PERIOD = SdmxDimension.refPeriod.asNode();
    static final Node MEASURE_TYPE = QB.measureType.asNode();
    static final Node STATUS = SdmxAttribute.obsStatus.asNode();
    static final Node UNIT = SdmxAttribute.unitMeasure.asNode();

    private CubeStructure() {}

    static Level level(AreaLevel l) {
        return new Level(l.collectionName(), l.collectionLabel(), l.label(), l.rank());
    }

    /** The members of the code list of {@code dimension} in the dataset's structure. */
    static List<Node> codes(Rdf rdf, Node ds, Node dimension) {
        Node dsd = rdf.object(ds, QB.structure.asNode());
        if (dsd == null) {
            return List.of();
        }
        for (Node spec : rdf.objects(dsd, QB.component.asNode())) {
            if (dimension.equals(rdf.object(spec, QB.dimension.asNode()))) {
                Node list = rdf.object(spec, QB.codeList.asNode());
                return list == null ? List.of() : rdf.objects(list, Skos.member.asNode());
            }
        }
        return List.of();
    }

    /** The dimensions of the dataset's structure in {@code qb:order} (unordered ones last). */
    static List<Node> dimensions(Rdf rdf, Node ds) {
        Node dsd = rdf.object(ds, QB.structure.asNode());
        if (dsd == null) {
            return List.of();
        }
        TreeMap<String, Node> ordered = new TreeMap<>();
        for (Node spec : rdf.objects(dsd, QB.component.asNode())) {
            Node dim = rdf.object(spec, QB.dimension.asNode());
            if (dim == null) {
                continue;
            }
            Node order = rdf.object(spec, QB.order.asNode());
            int n = Integer.MAX_VALUE;
            if (order != null && order.isLiteral()) {
                try {
                    n = Integer.parseInt(order.getLiteralLexicalForm().strip());
                } catch (NumberFormatException e) {
                    // unordered components go last
                }
            }
            ordered.put(String.format("%011d %s", n, dim.getURI()), dim);
        }
        return List.copyOf(new LinkedHashSet<>(ordered.values()));
    }

    /** The objects of {@code s p} as references with labels, by label. */
    static List<Ref> refs(Rdf rdf, Node s, Node p) {
        List<Ref> out = new ArrayList<>();
        for (Node o : rdf.objects(s, p)) {
            out.add(o.isURI() ? new Ref(o.getURI(), rdf.label(o)) : new Ref(rdf.label(o), rdf.label(o)));
        }
        out.sort(Comparator.comparing(Ref::label));
        return out;
    }

    /** An area node as the pages show it: its code ({@code foi:code}, else the URI's last segment), name and level. */
    static Area area(Rdf rdf, Node n) {
        String code = rdf.text(n, Foi.code.asNode());
        if (code.isEmpty()) {
            code = Rdf.lastSegment(n.getURI());
        }
        String name = rdf.text(n, Foi.displayName.asNode());
        return new Area(
                n.getURI(),
                code,
                name.isEmpty() ? rdf.label(n) : name,
                AreaLevel.ofCode(code).map(CubeStructure::level).orElse(null));
    }
}
