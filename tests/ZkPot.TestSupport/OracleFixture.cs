namespace ZkPot.TestSupport;

/// <summary>
/// Everything snarkjs makes for one circuit: r1cs, wasm, zkey, verification key and a batch of proofs laid out as
/// <c>BatchDirectory/NNN.proof.json</c> with <c>NNN.public.json</c>, proof i made from input i.
/// </summary>
public sealed record OracleFixture(
    string Name,
    string Directory,
    string R1cs,
    string Wasm,
    string Zkey,
    string VerificationKey,
    string BatchDirectory,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<ProofFiles> Proofs);
