package dev.loupe.model;

/// An operator set a model or function imports: its domain (`""` is `ai.onnx`) and version.
public record OpsetId(String domain, long version) {

    /// The default domain's canonical name.
    public static final String ONNX = "";
    public static final String ONNX_ML = "ai.onnx.ml";
    public static final String TRAINING = "ai.onnx.preview.training";

    /// `ai.onnx` may be written as `""` or `"ai.onnx"`; both mean the same set.
    public static String canonicalDomain(String domain) {
        return domain == null || domain.equals("ai.onnx") ? ONNX : domain;
    }
}
