package io.shardgate.sql;

import java.util.List;

/** Small helpers shared by the analysis tests. */
final class SqlAnalyzerTestSupport {

    private SqlAnalyzerTestSupport() {
    }

    /** The top-level AND terms of a predicate (the predicate itself when it is not an AND). */
    static List<Predicate> conjuncts(Predicate p) {
        return p instanceof Predicate.And and ? and.terms() : List.of(p);
    }
}
