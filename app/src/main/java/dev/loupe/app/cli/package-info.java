/// The `loupe` command line: one picocli command per subcommand, all on the same engine as the window.
package dev.loupe.app.cli;
