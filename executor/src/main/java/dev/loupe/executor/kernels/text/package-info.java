/// String operators: StringNormalizer and TfIdfVectorizer.
package dev.loupe.executor.kernels.text;
