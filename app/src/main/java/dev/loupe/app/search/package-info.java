/// Finding nodes in the diagram shown: by node name, op type, tensor name or attribute value.
package dev.loupe.app.search;
