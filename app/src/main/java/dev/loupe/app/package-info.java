/// The JavaFX application.
package dev.loupe.app;
