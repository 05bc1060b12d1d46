package io.gennas4j.notebook;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.gennas4j.nn.MacCounter;
import io.gennas4j.space.Architecture;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.space.StageNetwork;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What a list of architectures' networks look like at one size: trainable parameters (weights,
 * BN γ and β; not running statistics), MACs of one 3×32×32 image by ptflops-0.6.9 rules
 * ({@link MacCounter}), and the shapes of the tapped outputs the proxies' heads read
 * (C×H×W, shallowest first). Backbones only, no classifier.
 */
public final class NetworkSummary {

    private NetworkSummary() {}

    /**
     * @param size null: each architecture's space's benchmark size
     * @return columns arch, parameters, macs, taps
     */
    public static Table of(List<? extends Architecture> archs, NetworkSize size) {
        Table t = Table.create("Networks at " + (size == null ? "the benchmark size" : "C=" + size.channels() + ", " + size.cellsPerStage()
                + " per stage") + ", 3x32x32 input", StringColumn.create("arch"), LongColumn.create("parameters"),
                LongColumn.create("macs"), StringColumn.create("taps"));
        Shape one = new Shape(1, 3, 32, 32);
        try (NDManager m = NDManager.newBaseManager()) {
            for (Architecture a : archs) {
                try (NDManager sub = m.newSubManager()) {
                    StageNetwork net = a.network(size == null ? a.space().benchmarkSize() : size);
                    net.initialize(sub, DataType.FLOAT32, one);
                    long params = 0;
                    for (var p : net.getParameters()) {
                        Parameter.Type type = p.getValue().getType();
                        if (type != Parameter.Type.RUNNING_MEAN && type != Parameter.Type.RUNNING_VAR) {
                            params += p.getValue().getArray().size();
                        }
                    }
                    List<String> taps = new ArrayList<>();
                    for (Shape s : net.getOutputShapes(new Shape[] {one})) {
                        taps.add(s.get(1) + "x" + s.get(2) + "x" + s.get(3));
                    }
                    t.stringColumn("arch").append(a.encoding());
                    t.longColumn("parameters").append(params);
                    t.longColumn("macs").append(MacCounter.count(net, one, MacCounter.Convention.PTFLOPS, sub));
                    t.stringColumn("taps").append(String.join(", ", taps));
                }
            }
        }
        return t;
    }
}
