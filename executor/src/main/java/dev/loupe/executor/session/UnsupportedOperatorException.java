package dev.loupe.executor.session;

/// A node's operator has no kernel at the opset version in force and no function body to expand. Raised
/// when the session is created, before anything runs.
///
/// @see Session#create
public final class UnsupportedOperatorException extends SessionException {

    private final String opType;
    private final String domain;
    private final long opsetVersion;
    private final String nodeName;

    UnsupportedOperatorException(String opType, String domain, long opsetVersion, String nodeName, String detail) {
        super("unsupported operator " + opType + " (domain " + displayDomain(domain) + ", opset " + opsetVersion
                + ") at node '" + nodeName + "'" + (detail.isEmpty() ? "" : ": " + detail));
        this.opType = opType;
        this.domain = domain;
        this.opsetVersion = opsetVersion;
        this.nodeName = nodeName;
    }

    public String opType() {
        return opType;
    }

    /// The canonical domain (`""` for `ai.onnx`).
    public String domain() {
        return domain;
    }

    public long opsetVersion() {
        return opsetVersion;
    }

    public String nodeName() {
        return nodeName;
    }

    static String displayDomain(String domain) {
        return domain == null || domain.isEmpty() ? "ai.onnx" : domain;
    }
}
