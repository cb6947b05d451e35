package dev.loupe.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/// An ONNX model: IR version, imported operator sets, producer information, the main graph, model-local
/// functions, metadata and training information.
///
/// A model read from a file may hold read-only mappings of that file and its external data; [#close()]
/// releases them, after which the model's tensors must not be read. Optional string fields are `null` when
/// the file leaves them out, so that a save writes back exactly what was read.
public final class Model implements AutoCloseable {

    private Long irVersion;
    private final List<OpsetId> opsetImports = new ArrayList<>();
    private String producerName;
    private String producerVersion;
    private String domain;
    private Long modelVersion;
    private String docString;
    private Graph graph;
    private List<StringEntry> metadataProps = List.of();
    private final List<TrainingInfo> trainingInfos = new ArrayList<>();
    private final List<Function> functions = new ArrayList<>();
    private Opaque extras = Opaque.NONE;
    private Path source;
    private AutoCloseable resources;

    public Model(Graph graph) {
        this.graph = graph;
    }

    /// The IR version, or `null` when the file does not state it.
    public Long irVersion() {
        return irVersion;
    }

    public void setIrVersion(Long irVersion) {
        this.irVersion = irVersion;
    }

    public List<OpsetId> opsetImports() {
        return opsetImports;
    }

    /// The imported version of `domain` (`""` and `"ai.onnx"` are the same), if the model imports it.
    public Optional<Long> opsetVersion(String domainName) {
        var canonical = OpsetId.canonicalDomain(domainName);
        return opsetImports.stream().filter(o -> OpsetId.canonicalDomain(o.domain()).equals(canonical))
                .map(OpsetId::version).findFirst();
    }

    public String producerName() {
        return producerName;
    }

    public void setProducerName(String producerName) {
        this.producerName = producerName;
    }

    public String producerVersion() {
        return producerVersion;
    }

    public void setProducerVersion(String producerVersion) {
        this.producerVersion = producerVersion;
    }

    public String domain() {
        return domain;
    }

    public void setDomain(String domain) {
        this.domain = domain;
    }

    public Long modelVersion() {
        return modelVersion;
    }

    public void setModelVersion(Long modelVersion) {
        this.modelVersion = modelVersion;
    }

    public String docString() {
        return docString;
    }

    public void setDocString(String docString) {
        this.docString = docString;
    }

    /// The main graph; `null` only for a file that has none (the checker reports it).
    public Graph graph() {
        return graph;
    }

    public void setGraph(Graph graph) {
        this.graph = graph;
    }

    public List<StringEntry> metadataProps() {
        return metadataProps;
    }

    public void setMetadataProps(List<StringEntry> props) {
        this.metadataProps = List.copyOf(props);
    }

    public List<TrainingInfo> trainingInfos() {
        return trainingInfos;
    }

    /// Model-local functions, in the file's order.
    public List<Function> functions() {
        return functions;
    }

    /// The local function a node calls, if any.
    public Optional<Function> functionFor(Node node) {
        return functions.stream().filter(f -> f.isCalledBy(node)).findFirst();
    }

    public Opaque extras() {
        return extras;
    }

    public void setExtras(Opaque extras) {
        this.extras = extras;
    }

    /// The file this model was read from, or `null` for a model built in memory.
    public Path source() {
        return source;
    }

    /// Records where the model came from and what must be released with it (file mappings).
    public void attachSource(Path source, AutoCloseable resources) {
        this.source = source;
        this.resources = resources;
    }

    /// Releases the file mappings this model holds. Tensors read from the file become unreadable.
    @Override
    public void close() {
        if (resources != null) {
            try {
                resources.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not release the model's file mappings", e);
            } finally {
                resources = null;
            }
        }
    }
}
