/// Step-by-step execution: a [dev.loupe.executor.debug.Debugger] runs a session's model on a worker thread
/// that stops at a gate before every node, at every depth (subgraphs and function bodies included), and
/// is driven by commands — step, step into, step out, run until, resume, pause, cancel — from the UI or
/// the command line. Breakpoints ([dev.loupe.executor.debug.Breakpoint]) stop it on nodes, operator types
/// or conditions over a node's outputs; intermediate values stay inspectable under a retention policy.
package dev.loupe.executor.debug;
