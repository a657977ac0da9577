namespace ZkPot.Snark.Groth16;

/// <summary>A Groth16 proof (A in G1, B in G2, C in G1): 128 bytes compressed, 256 uncompressed.</summary>
public sealed record Proof(G1Affine A, G2Affine B, G1Affine C);
