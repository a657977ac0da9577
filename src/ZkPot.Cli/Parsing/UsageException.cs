namespace ZkPot.Cli;

/// <summary>A mistake in how the command was called, found after parsing (a combination of options that cannot go together).</summary>
public sealed class UsageException(string message) : Exception(message);
