package dev.loupe.model;

import java.util.ArrayList;
import java.util.List;

/// A model-local function (`FunctionProto`): an operator `domain.name` defined by a body of nodes.
///
/// The body is a [Graph] whose inputs and outputs are the function's formal parameters (untyped) and whose
/// `valueInfos` carry the function's `value_info`. Attribute parameters are listed by name; those with a
/// default value are given as [Attribute]s.
public final class Function {

    private String name;
    private String domain;
    private String overload;
    private final Graph body;
    private List<String> attributeNames = List.of();
    private List<Attribute> attributeDefaults = List.of();
    private List<OpsetId> opsetImports = new ArrayList<>();
    private String docString;
    private List<StringEntry> metadataProps = List.of();
    private Opaque extras = Opaque.NONE;

    public Function(String name, String domain, Graph body) {
        this.name = name;
        this.domain = domain;
        this.body = body;
    }

    public String name() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String domain() {
        return domain;
    }

    public void setDomain(String domain) {
        this.domain = domain;
    }

    public String overload() {
        return overload;
    }

    public void setOverload(String overload) {
        this.overload = overload;
    }

    public Graph body() {
        return body;
    }

    /// Names of attribute parameters without a default.
    public List<String> attributeNames() {
        return attributeNames;
    }

    public void setAttributeNames(List<String> names) {
        this.attributeNames = List.copyOf(names);
    }

    /// Attribute parameters with a default value.
    public List<Attribute> attributeDefaults() {
        return attributeDefaults;
    }

    public void setAttributeDefaults(List<Attribute> defaults) {
        this.attributeDefaults = List.copyOf(defaults);
    }

    public List<OpsetId> opsetImports() {
        return opsetImports;
    }

    public void setOpsetImports(List<OpsetId> imports) {
        this.opsetImports = new ArrayList<>(imports);
    }

    public String docString() {
        return docString;
    }

    public void setDocString(String docString) {
        this.docString = docString;
    }

    public List<StringEntry> metadataProps() {
        return metadataProps;
    }

    public void setMetadataProps(List<StringEntry> props) {
        this.metadataProps = List.copyOf(props);
    }

    public Opaque extras() {
        return extras;
    }

    public void setExtras(Opaque extras) {
        this.extras = extras;
    }

    /// Whether a node calls this function.
    public boolean isCalledBy(Node node) {
        return name.equals(node.opType()) && OpsetId.canonicalDomain(domain).equals(node.canonicalDomain())
                && java.util.Objects.equals(emptyToNull(overload), emptyToNull(node.overload()));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    @Override
    public String toString() {
        return "function '" + (domain == null || domain.isEmpty() ? "" : domain + ".") + name + "'";
    }
}
