namespace ZkPot.TestSupport;

/// <summary>One snarkjs proof on disk: proof.json and the public.json it goes with.</summary>
public readonly record struct ProofFiles(string Proof, string Public);
