namespace ZkPot.TestSupport;

/// <summary>The circom outputs for one circuit: its constraint system and its witness generator.</summary>
public readonly record struct CompiledCircuit(string R1cs, string Wasm);
