namespace ZkPot.TestSupport;

/// <summary>What a finished child process left: its exit code and everything it wrote.</summary>
public readonly record struct ProcessOutput(int ExitCode, string Stdout, string Stderr);
