package scot.cairn.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.BasicPattern;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.expr.E_BNode;
import org.apache.jena.sparql.expr.E_Now;
import org.apache.jena.sparql.expr.E_Random;
import org.apache.jena.sparql.expr.E_StrUUID;
import org.apache.jena.sparql.expr.E_UUID;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprFunction;
import org.apache.jena.sparql.expr.ExprFunctionOp;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.function.FunctionEnv;

/**
 * The conjuncts of a star's FILTER that mention one variable of the pattern, tested once per
 * distinct value of that variable rather than once per row.
 *
 * <p>A client's {@code FILTER(strstarts(strafter(str(?refArea), '.../'), 'S01'))} on a whole
 * data zone dataset is the same test on the same few thousand areas for two million
 * observations. Here each conjunct is evaluated on a binding of its one variable only, which is
 * all it can read, and the verdict is remembered by node id for the rest of the star; a row is
 * dropped as soon as a variable is bound to a value that fails. Conjuncts on several variables,
 * on variables bound outside the pattern, or that are not the same on every call ({@code RAND()},
 * {@code NOW()}, {@code UUID()}, {@code BNODE()}; {@code EXISTS}, which reads the store) are left for row-by-row filtering ({@link
 * #remaining}). One instance serves one star run on one thread.
 */
final class ValueTests {
    private static final ValueTests NONE = new ValueTests(Map.of(), List.of(), null);

    private final Map<Var, List<Expr>> byVar;
    private final List<Expr> remaining;
    private final FunctionEnv env;
    private final Map<Var, Test> verdicts = new HashMap<>();

    private ValueTests(Map<Var, List<Expr>> byVar, List<Expr> remaining, FunctionEnv env) {
        this.byVar = byVar;
        this.remaining = remaining;
        this.env = env;
    }

    /** The tests of {@code filter} (null: none) over {@code pattern}'s variables. */
    static ValueTests of(ExprList filter, BasicPattern pattern, FunctionEnv env) {
        if (filter == null || filter.isEmpty()) {
            return NONE;
        }
        Set<Var> patternVars = new java.util.HashSet<>();
        for (Triple t : pattern.getList()) {
            for (Node n : List.of(t.getSubject(), t.getPredicate(), t.getObject())) {
                if (n.isVariable()) {
                    patternVars.add(Var.alloc(n));
                }
            }
        }
        Map<Var, List<Expr>> byVar = new HashMap<>();
        List<Expr> remaining = new ArrayList<>();
        for (Expr e : filter.getList()) {
            Set<Var> vars = e.getVarsMentioned();
            Var v = vars.size() == 1 ? vars.iterator().next() : null;
            if (v != null && patternVars.contains(v) && deterministic(e)) {
                byVar.computeIfAbsent(v, k -> new ArrayList<>()).add(e);
            } else {
                remaining.add(e);
            }
        }
        return new ValueTests(byVar, List.copyOf(remaining), env);
    }

    /** The conjuncts to apply to each row afterwards. */
    List<Expr> remaining() {
        return remaining;
    }

    /** The tests on {@code v} alone, with their verdicts so far; null when the filter has none. */
    Test on(Var v) {
        List<Expr> tests = byVar.get(v);
        return tests == null ? null : verdicts.computeIfAbsent(v, k -> new Test(k, tests, env));
    }

    /** The conjuncts on one variable, evaluated once per distinct value (by its id's stored form). */
    static final class Test {
        private final Var v;
        private final List<Expr> tests;
        private final FunctionEnv env;
        private final LongMemo<Boolean> verdicts = new LongMemo<>();

        private Test(Var v, List<Expr> tests, FunctionEnv env) {
            this.v = v;
            this.tests = tests;
            this.env = env;
        }

        /** Whether the variable bound to the id whose stored form is {@code bits} passes. */
        boolean passes(long bits, NodeIdBinding.Decoder decoder) {
            return verdicts.get(bits, k -> {
                var b = BindingFactory.binding(v, decoder.decode(k));
                for (Expr e : tests) {
                    if (!e.isSatisfied(b, env)) {
                        return false;
                    }
                }
                return true;
            });
        }
    }

    /** False for an expression that may answer differently on each call with the same values. */
    static boolean deterministic(Expr e) {
        if (e instanceof E_Random
                || e instanceof E_Now
                || e instanceof E_UUID
                || e instanceof E_StrUUID
                || e instanceof E_BNode
                || e instanceof ExprFunctionOp) {
            return false;
        }
        if (e instanceof ExprFunction f) {
            for (Expr arg : f.getArgs()) {
                if (!deterministic(arg)) {
                    return false;
                }
            }
        }
        return true;
    }
}
