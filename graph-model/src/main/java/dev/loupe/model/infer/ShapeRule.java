package dev.loupe.model.infer;

/// Infers the output types of one operator from what a [NodeContext] knows of its inputs and attributes.
///
/// A rule sets what it can and leaves the rest: outputs it does not set, or sets without element type,
/// get their element type from the operator schema's type constraints afterwards. A rule reports a
/// contradiction through the context and never throws on bad models (an exception is caught, reported
/// and the node's outputs left to the schema).
@FunctionalInterface
interface ShapeRule {

    void apply(NodeContext ctx);
}
