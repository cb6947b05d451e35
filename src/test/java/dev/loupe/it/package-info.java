/// Cross-module tests: architecture rules and end-to-end checks of the command line and the engine.
package dev.loupe.it;
