/// String operators: StringNormalizer, TfIdfVectorizer.
package dev.loupe.executor.kernels.text;
