package scot.cairn.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.TransformCopy;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpExtend;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpJoin;
import org.apache.jena.sparql.algebra.op.OpTable;
import org.apache.jena.sparql.algebra.table.TableN;
import org.apache.jena.sparql.core.Substitute;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.expr.E_Regex;
import org.apache.jena.sparql.expr.E_Str;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.function.FunctionEnvBase;

/**
 * Turns a FILTER on a dimension variable into the exact set of values that pass it.
 *
 * <p>Clients select a slice with string tests on URIs: {@code FILTER(regex(str(?refArea),
 * 'S12000033$'))} or {@code FILTER(strstarts(strafter(str(?refArea), '.../statistical-geography/'),
 * 'S12'))}. The engine can only apply such a test after it has found every observation of the
 * dataset. When the variable is bound only as the object of {@code ?x <p> ?v} in the same basic
 * graph pattern, its values must be objects of {@code <p>}; the filter is evaluated once on each
 * distinct object, and the passing ones are joined in as a VALUES table, so the engine starts
 * from the few matching observations; a single passing value is put into the pattern as a
 * constant and bound with BIND. The conjuncts that made a table are then implied by it and
 * dropped; the others stay on the pattern, so the answer is exactly the one the original query
 * defines.
 */
final class FilterToValues extends TransformCopy {

    /** Above this many candidate rows a VALUES table stops paying for itself. */
    static final int MAX_ROWS = 1_000;

    private final ObjectCatalogue catalogue;

    FilterToValues(ObjectCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public Op transform(OpFilter opFilter, Op sub) {
        if (!(sub instanceof OpBGP bgp)) {
            return super.transform(opFilter, sub);
        }
        ExprList exprs = opFilter.getExprs();
        List<TableN> tables = valueTables(conjunctsByVariable(exprs), bgp);
        if (tables.isEmpty()) {
            return super.transform(opFilter, sub);
        }
        // A variable with exactly one passing value (one area, one code: the usual slice) becomes a
        // constant in the pattern and is bound with BIND, so the pattern stays one block that the
        // engine orders and runs once, instead of once per row of a VALUES table.
        BindingBuilder single = BindingFactory.builder();
        List<TableN> joined = new ArrayList<>();
        Set<Var> resolved = new HashSet<>();
        for (TableN t : tables) {
            Var v = t.getVars().get(0);
            resolved.add(v);
            if (t.size() == 1) {
                single.add(v, t.rows().next().get(v));
            } else {
                joined.add(t);
            }
        }
        boolean noConstants = single.isEmpty();
        Binding constants = single.build();
        // The conjuncts a table was made of hold for each of its values and for no other value the
        // variable can take, so they are dropped; the rest see the constants and stay with the
        // pattern, where the executor can test them as it matches.
        ExprList rest = new ExprList();
        for (Expr e : exprs.getList()) {
            Set<Var> vars = e.getVarsMentioned();
            if (!(vars.size() == 1 && resolved.contains(vars.iterator().next()))) {
                rest.add(noConstants ? e : e.copySubstitute(constants));
            }
        }
        Op pattern = noConstants ? bgp : Substitute.substitute(bgp, constants);
        Op result = rest.isEmpty() ? pattern : OpFilter.filterDirect(rest, pattern);
        for (Iterator<Var> vars = constants.vars(); vars.hasNext(); ) {
            Var v = vars.next();
            result = OpExtend.create(result, v, NodeValue.makeNode(constants.get(v)));
        }
        for (TableN t : joined) {
            result = OpJoin.create(OpTable.create(t), result);
        }
        return result;
    }

    /**
     * The conjuncts that mention exactly one variable and answer the same on every call, grouped
     * by that variable.
     */
    private static Map<Var, List<Expr>> conjunctsByVariable(ExprList exprs) {
        Map<Var, List<Expr>> byVar = new TreeMap<>(Comparator.comparing(Var::getVarName));
        for (Expr e : exprs.getList()) {
            Set<Var> vars = e.getVarsMentioned();
            if (vars.size() == 1 && ValueTests.deterministic(e)) {
                byVar.computeIfAbsent(vars.iterator().next(), v -> new ArrayList<>())
                        .add(e);
            }
        }
        return byVar;
    }

    /**
     * For each variable bound only as the object of one constant predicate, the table of its
     * values that pass its conjuncts; the product of the tables' rows stays within {@link #MAX_ROWS}.
     */
    private List<TableN> valueTables(Map<Var, List<Expr>> byVar, OpBGP bgp) {
        List<TableN> tables = new ArrayList<>();
        long rows = 1;
        for (Map.Entry<Var, List<Expr>> entry : byVar.entrySet()) {
            Node predicate = onlyObjectOfConstantPredicate(
                    entry.getKey(), bgp.getPattern().getList());
            if (predicate == null) {
                continue;
            }
            String suffix = plainSuffix(entry.getKey(), entry.getValue());
            List<Node> candidates = suffix == null ? null : catalogue.objectsEndingWith(predicate, suffix);
            if (candidates == null) {
                candidates = passing(entry.getKey(), entry.getValue(), catalogue.distinctObjects(predicate));
            }
            if (candidates.size() > MAX_ROWS || rows * Math.max(1, candidates.size()) > MAX_ROWS) {
                continue;
            }
            rows *= Math.max(1, candidates.size());
            TableN table = new TableN(List.of(entry.getKey()));
            for (Node n : candidates) {
                table.addBinding(BindingFactory.binding(entry.getKey(), n));
            }
            tables.add(table);
        }
        return tables;
    }

    /**
     * The predicate when {@code v} occurs in the pattern only in object position of triples
     * with a constant predicate (all with the same one), else null.
     */
    private static Node onlyObjectOfConstantPredicate(Var v, List<Triple> triples) {
        Node predicate = null;
        for (Triple t : triples) {
            if (v.equals(t.getSubject()) || v.equals(t.getPredicate())) {
                return null;
            }
            if (v.equals(t.getObject())) {
                if (!t.getPredicate().isURI() || (predicate != null && !predicate.equals(t.getPredicate()))) {
                    return null;
                }
                predicate = t.getPredicate();
            }
        }
        return predicate;
    }

    /**
     * The suffix when the only condition on {@code v} is {@code regex(str(?v), "SUFFIX$")} with a
     * suffix free of regex syntax and no flags (how opendatascot selects an area or a code), else
     * null. Such a filter holds exactly for the values whose string ends with the suffix.
     */
    static String plainSuffix(Var v, List<Expr> exprs) {
        if (exprs.size() != 1
                || !(exprs.get(0) instanceof E_Regex regex)
                || regex.getArgs().size() != 2) {
            return null;
        }
        Expr target = regex.getArg(1);
        Expr pattern = regex.getArg(2);
        if (!(target instanceof E_Str str)
                || !str.getArg().isVariable()
                || !str.getArg().asVar().equals(v)
                || !pattern.isConstant()
                || !pattern.getConstant().isString()) {
            return null;
        }
        String p = pattern.getConstant().getString();
        if (p.length() < 2
                || !p.endsWith("$")
                || !PLAIN.matcher(p.substring(0, p.length() - 1)).matches()) {
            return null;
        }
        return p.substring(0, p.length() - 1);
    }

    /** Characters that mean themselves in a regular expression. */
    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("[A-Za-z0-9_/:#%=@,;~-]+");

    private static List<Node> passing(Var v, List<Expr> exprs, List<Node> values) {
        FunctionEnvBase env = new FunctionEnvBase();
        List<Node> out = new ArrayList<>();
        for (Node value : values) {
            Binding b = BindingFactory.binding(v, value);
            boolean all = true;
            for (Expr e : exprs) {
                if (!e.isSatisfied(b, env)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                out.add(value);
            }
        }
        return out;
    }
}
