namespace ZkPot.TestSupport;

/// <summary>An oracle tool (node, snarkjs, circom) failed or timed out; the message names the command and its output.</summary>
public sealed class OracleException(string message) : Exception(message);
