package dev.loupe.model;

import java.util.List;

/// A graph's quantization annotation for one tensor: the names of its scale and zero-point tensors.
public record TensorAnnotation(String tensorName, List<StringEntry> quantParameterTensorNames) {}
