package io.wirewrap.fdw;

/** How a source takes one qual. */
public enum Pushdown {
    /** The source applies it exactly: the planner drops it. */
    EXACT,
    /** The source narrows by it but may return extra rows: the planner re-checks it locally. */
    PARTIAL,
    /** The source ignores it: the planner evaluates it locally. */
    NONE
}
