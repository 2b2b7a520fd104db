package scot.cairn.loaders.cube;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import scot.cairn.vocab.QB;
import scot.cairn.vocab.SdmxAttribute;
import scot.cairn.vocab.SdmxDimension;
import scot.cairn.vocab.Skos;

/**
 * Writes a cube's data structure definition into its data graph once every observation is read:
 * the component specifications in order (area, period, the dimensions, measure type, the
 * measures, unit and status), the per-dataset code lists of what the file used, the concepts of
 * each dimension's scheme and the units.
 */
final class StructureWriter {

    /** Where the triples go (the data graph). */
    @FunctionalInterface
    interface Triples {
        void add(Node s, Node p, Node o);
    }

    private static final Node TYPE = RDF.type.asNode();
    private static final Node LABEL = RDFS.label.asNode();

    private final CubeTerms terms;
    private final CubeDefinition def;
    private final UsedTerms used;
    private final Triples out;
    private int order;

    StructureWriter(CubeTerms terms, UsedTerms used, Triples out) {
        this.terms = terms;
        this.def = terms.def;
        this.used = used;
        this.out = out;
    }

    void write() {
        Node dsd = CubeTerms.uri(terms.uris.structure(def.slug()));
        out.add(terms.dataset, TYPE, QB.DataSet.asNode());
        out.add(terms.dataset, LABEL, text(def.title()));
        out.add(terms.dataset, QB.structure.asNode(), dsd);
        out.add(dsd, TYPE, QB.DataStructureDefinition.asNode());
        out.add(dsd, LABEL, text("Structure of " + def.title()));
        areas(dsd);
        periods(dsd);
        for (int d = 0; d < terms.dims.size(); d++) {
            dimension(dsd, d);
        }
        measures(dsd);
        attributes(dsd);
    }

    private void areas(Node dsd) {
        Node list = codeList("refArea", "Areas used in " + def.title());
        component(dsd, "refArea", QB.dimension.asNode(), SdmxDimension.refArea.asNode(), list);
        for (String code : used.areas) {
            out.add(list, Skos.member.asNode(), terms.area(code));
        }
    }

    private void periods(Node dsd) {
        Node list = codeList("refPeriod", "Periods used in " + def.title());
        component(dsd, "refPeriod", QB.dimension.asNode(), SdmxDimension.refPeriod.asNode(), list);
        for (ReferencePeriod p : used.periods.values()) {
            out.add(list, Skos.member.asNode(), terms.period(p));
        }
    }

    private void dimension(Node dsd, int d) {
        DimensionSpec dim = terms.dims.get(d);
        Node property = terms.dimensionProperties[d];
        Node scheme = CubeTerms.uri(terms.uris.conceptScheme(dim.scheme()));
        Node list = codeList(dim.scheme(), dim.label() + " codes used in " + def.title());
        component(dsd, dim.name(), QB.dimension.asNode(), property, list);
        out.add(property, TYPE, RDF.Property.asNode());
        out.add(property, TYPE, QB.DimensionProperty.asNode());
        out.add(property, TYPE, QB.CodedProperty.asNode());
        out.add(property, LABEL, text(dim.label()));
        out.add(property, RDFS.range.asNode(), Skos.Concept.asNode());
        // The property-wide list is the whole concept scheme, which holds for every dataset using the dimension.
        out.add(property, QB.codeList.asNode(), scheme);
        out.add(scheme, TYPE, Skos.ConceptScheme.asNode());
        out.add(scheme, LABEL, text(dim.label()));
        Map<String, String> codes = used.codes.get(d);
        Map<String, CodeSpec> all = new LinkedHashMap<>();
        if (dim.explicit()) {
            dim.codes().forEach(c -> all.put(c.code(), c));
        } else {
            codes.forEach((code, label) -> all.put(code, new CodeSpec(code, label, null)));
        }
        for (CodeSpec c : all.values()) {
            concept(d, c, scheme);
        }
        for (String code : codes.keySet()) {
            out.add(list, Skos.member.asNode(), terms.concept(d, code));
        }
    }

    private void concept(int d, CodeSpec c, Node scheme) {
        Node concept = terms.concept(d, c.code());
        out.add(concept, TYPE, Skos.Concept.asNode());
        out.add(concept, LABEL, text(c.label()));
        out.add(concept, Skos.prefLabel.asNode(), text(c.label()));
        out.add(concept, Skos.notation.asNode(), text(c.code()));
        out.add(concept, Skos.inScheme.asNode(), scheme);
        if (c.parent() != null) {
            out.add(concept, Skos.broader.asNode(), terms.concept(d, c.parent()));
        } else {
            out.add(scheme, Skos.hasTopConcept.asNode(), concept);
        }
    }

    private void measures(Node dsd) {
        Node list = codeList("measureType", "Measure types used in " + def.title());
        component(dsd, "measureType", QB.dimension.asNode(), QB.measureType.asNode(), list);
        for (MeasureSpec m : used.measures) {
            out.add(list, Skos.member.asNode(), terms.measure(m));
        }
        for (MeasureSpec m : def.measures()) {
            Node property = terms.measure(m);
            component(dsd, "measure-" + m.property(), QB.measure.asNode(), property, null);
            out.add(property, TYPE, RDF.Property.asNode());
            out.add(property, TYPE, QB.MeasureProperty.asNode());
            out.add(property, LABEL, text(m.measurement()));
        }
    }

    private void attributes(Node dsd) {
        Node unitSpec = component(dsd, "unitMeasure", QB.attribute.asNode(), SdmxAttribute.unitMeasure.asNode(), null);
        out.add(unitSpec, QB.componentRequired.asNode(), NodeFactory.createLiteralDT("true", XSDDatatype.XSDboolean));
        Node statusSpec = component(dsd, "obsStatus", QB.attribute.asNode(), SdmxAttribute.obsStatus.asNode(), null);
        out.add(
                statusSpec,
                QB.componentRequired.asNode(),
                NodeFactory.createLiteralDT("false", XSDDatatype.XSDboolean));
        Node unitScheme = CubeTerms.uri(terms.uris.conceptScheme("measure-units"));
        out.add(unitScheme, TYPE, Skos.ConceptScheme.asNode());
        out.add(unitScheme, LABEL, text("Measure units"));
        used.units.forEach((slug, label) -> {
            Node u = terms.unit(slug);
            out.add(u, TYPE, Skos.Concept.asNode());
            out.add(u, LABEL, text(label));
            out.add(u, Skos.prefLabel.asNode(), text(label));
            out.add(u, Skos.notation.asNode(), text(slug));
            out.add(u, Skos.inScheme.asNode(), unitScheme);
        });
    }

    private Node component(Node dsd, String name, Node kind, Node property, Node codeList) {
        Node spec = CubeTerms.uri(terms.uris.componentSpec(def.slug(), name));
        out.add(dsd, QB.component.asNode(), spec);
        out.add(spec, TYPE, QB.ComponentSpecification.asNode());
        out.add(spec, kind, property);
        out.add(
                spec,
                QB.order.asNode(),
                NodeFactory.createLiteralDT(Integer.toString(++order), XSDDatatype.XSDinteger));
        if (codeList != null) {
            out.add(spec, QB.codeList.asNode(), codeList);
        }
        return spec;
    }

    private Node codeList(String name, String label) {
        Node list = CubeTerms.uri(terms.uris.codeList(def.slug(), name));
        out.add(list, TYPE, Skos.ConceptScheme.asNode());
        out.add(list, TYPE, Skos.Collection.asNode());
        out.add(list, LABEL, text(label));
        return list;
    }

    static Node text(String s) {
        return NodeFactory.createLiteralString(s);
    }
}
