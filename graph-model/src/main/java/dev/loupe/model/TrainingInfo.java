package dev.loupe.model;

import java.util.List;

/// A model's training information: an initialization graph, a training algorithm graph and the bindings
/// that say which initializers each updates. Either graph may be `null`.
public record TrainingInfo(Graph initialization, Graph algorithm, List<StringEntry> initializationBinding,
                           List<StringEntry> updateBinding, Opaque extras) {}
