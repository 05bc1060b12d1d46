package io.gennas4j.space.nbnlp;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.gennas4j.space.InvalidArchitectureException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A NAS-Bench-NLP recurrent cell ("recepie", spec {@code gennas-eproxy.md} §3.5): a DAG of named
 * nodes, each an {@link NlpOp} over a list of inputs, where an input is {@code x} (the step's
 * input), {@code h_prev_i} (hidden state i of the previous step) or another node; the nodes
 * {@code h_new_0 … h_new_{k−1}} are the new hidden states, k the hidden tuple size. Immutable.
 *
 * <p>{@link #canonical()} is the recipe as JSON with its node names sorted (input lists keep their
 * order: it matters for {@code blend} and for which weight a {@code linear} input meets), so a
 * recipe written in another key order is the same cell.
 */
public final class NlpRecipe {

    private static final Pattern H_PREV = Pattern.compile("h_prev_(\\d+)");
    private static final Pattern H_NEW = Pattern.compile("h_new_(\\d+)");

    /** One node: its op and inputs, in recipe order. */
    public record Node(String name, NlpOp op, List<String> inputs) {
        public Node {
            inputs = List.copyOf(inputs);
        }
    }

    private final Map<String, Node> nodes; // recipe order
    private final List<Node> order; // topological: every node after its inputs
    private final int hiddenTupleSize;
    private final String canonical;

    private NlpRecipe(Map<String, Node> nodes, List<Node> order, int hiddenTupleSize) {
        this.nodes = Collections.unmodifiableMap(nodes);
        this.order = List.copyOf(order);
        this.hiddenTupleSize = hiddenTupleSize;
        JsonObject o = new JsonObject();
        for (Node n : new TreeMap<>(nodes).values()) {
            JsonObject v = new JsonObject();
            v.addProperty("op", n.op().label());
            JsonArray in = new JsonArray();
            n.inputs().forEach(in::add);
            v.add("input", in);
            o.add(n.name(), v);
        }
        this.canonical = o.toString();
    }

    /**
     * Parses and validates a recipe.
     *
     * @throws InvalidArchitectureException naming the node and the problem: not JSON, a node without
     *     {@code op} or {@code input}, an unknown op, an unknown input name, the wrong number of
     *     inputs (a blend takes three), a cycle, a missing {@code h_new_0} or a gap in the
     *     {@code h_new_i}, an {@code h_prev_i} without its {@code h_new_i}
     */
    public static NlpRecipe parse(String json) {
        JsonObject root;
        try {
            JsonElement e = JsonParser.parseString(json == null ? "" : json);
            if (!e.isJsonObject()) {
                throw new IllegalStateException("not a JSON object");
            }
            root = e.getAsJsonObject();
        } catch (RuntimeException e) {
            throw new InvalidArchitectureException("A NAS-Bench-NLP recipe is a JSON object {\"node\": {\"op\": ..., \"input\": [...]}, ...}: "
                    + e.getMessage());
        }
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (var entry : root.entrySet()) {
            String name = entry.getKey();
            if (name.equals("x") || H_PREV.matcher(name).matches()) {
                throw new InvalidArchitectureException("recipe node '" + name + "': x and h_prev_i are the cell's inputs, not nodes");
            }
            if (!entry.getValue().isJsonObject() || !entry.getValue().getAsJsonObject().has("op")
                    || !entry.getValue().getAsJsonObject().has("input") || !entry.getValue().getAsJsonObject().get("input").isJsonArray()) {
                throw new InvalidArchitectureException("recipe node '" + name + "' needs \"op\" and an \"input\" list, got " + entry.getValue());
            }
            JsonObject v = entry.getValue().getAsJsonObject();
            if (!v.get("op").isJsonPrimitive() || !v.get("op").getAsJsonPrimitive().isString()) {
                throw new InvalidArchitectureException("recipe node '" + name + "': \"op\" must be a string such as \"linear\", got " + v.get("op"));
            }
            NlpOp op;
            try {
                op = NlpOp.of(v.get("op").getAsString());
            } catch (IllegalArgumentException e) {
                throw new InvalidArchitectureException("recipe node '" + name + "': " + e.getMessage());
            }
            List<String> inputs = new ArrayList<>();
            for (JsonElement x : v.getAsJsonArray("input")) {
                if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isString()) {
                    throw new InvalidArchitectureException("recipe node '" + name + "': every input is a name (x, h_prev_i or a node), got " + x);
                }
                inputs.add(x.getAsString());
            }
            if (inputs.size() < op.minInputs() || inputs.size() > op.maxInputs()) {
                String want = op.minInputs() == op.maxInputs() ? "exactly " + op.minInputs() : "at least " + op.minInputs();
                throw new InvalidArchitectureException("recipe node '" + name + "': " + op.label() + " takes " + want
                        + " input" + (op.minInputs() == 1 && op.maxInputs() == 1 ? "" : "s")
                        + (op == NlpOp.BLEND ? " (gate, a, b)" : "") + ", got " + inputs.size() + " " + inputs);
            }
            nodes.put(name, new Node(name, op, inputs));
        }
        int k = 0;
        while (nodes.containsKey("h_new_" + k)) {
            k++;
        }
        if (k == 0) {
            throw new InvalidArchitectureException("the recipe has no h_new_0 (the cell's output and first hidden state); nodes: " + nodes.keySet());
        }
        for (String name : nodes.keySet()) {
            Matcher m = H_NEW.matcher(name);
            if (m.matches() && Integer.parseInt(m.group(1)) >= k) {
                throw new InvalidArchitectureException("recipe has " + name + " but no h_new_" + k + ": hidden states must be h_new_0.."
                        + "h_new_(k-1) without gaps");
            }
        }
        for (Node n : nodes.values()) {
            for (String in : n.inputs()) {
                Matcher m = H_PREV.matcher(in);
                if (m.matches()) {
                    if (Integer.parseInt(m.group(1)) >= k) {
                        throw new InvalidArchitectureException("recipe node '" + n.name() + "' reads " + in + ", but the cell has only "
                                + k + " hidden state" + (k == 1 ? "" : "s") + " (h_new_0.." + "h_new_" + (k - 1) + ")");
                    }
                } else if (!in.equals("x") && !nodes.containsKey(in)) {
                    throw new InvalidArchitectureException("recipe node '" + n.name() + "' reads unknown input '" + in
                            + "' (inputs are x, h_prev_i or another node)");
                }
            }
        }
        return new NlpRecipe(nodes, topologicalOrder(nodes), k);
    }

    /**
     * Depth-first topological order over the node names <em>sorted</em>, so that the order (and the
     * order in which a layer creates and initialises its weights) is the same however the recipe's
     * keys were written; names the nodes of a cycle.
     */
    private static List<Node> topologicalOrder(Map<String, Node> nodes) {
        List<Node> out = new ArrayList<>();
        Map<String, Integer> state = new HashMap<>(); // 1 visiting, 2 done
        for (String name : new TreeMap<>(nodes).keySet()) {
            visit(name, nodes, state, out, new ArrayList<>());
        }
        return out;
    }

    private static void visit(String name, Map<String, Node> nodes, Map<String, Integer> state, List<Node> out, List<String> path) {
        Integer s = state.get(name);
        if (s != null && s == 2) {
            return;
        }
        if (s != null) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            throw new InvalidArchitectureException("the recipe has a cycle: " + String.join(" -> ", cycle)
                    + " (a node may read h_prev_i, not a later node)");
        }
        state.put(name, 1);
        path.add(name);
        for (String in : nodes.get(name).inputs()) {
            if (nodes.containsKey(in)) {
                visit(in, nodes, state, out, path);
            }
        }
        path.remove(path.size() - 1);
        state.put(name, 2);
        out.add(nodes.get(name));
    }

    /** The nodes in recipe order. */
    public Map<String, Node> nodes() {
        return nodes;
    }

    /** The nodes in an order that evaluates every node after its inputs. */
    public List<Node> topologicalOrder() {
        return order;
    }

    /** k: the number of hidden states (1 + the largest h_new index). */
    public int hiddenTupleSize() {
        return hiddenTupleSize;
    }

    /** The canonical JSON: node names sorted, input lists as written. */
    public String canonical() {
        return canonical;
    }

    /** How many nodes have each op. */
    public Map<NlpOp, Integer> opCounts() {
        Map<NlpOp, Integer> m = new java.util.EnumMap<>(NlpOp.class);
        nodes.values().forEach(n -> m.merge(n.op(), 1, Integer::sum));
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NlpRecipe r && r.canonical.equals(canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    @Override
    public String toString() {
        return canonical;
    }
}
