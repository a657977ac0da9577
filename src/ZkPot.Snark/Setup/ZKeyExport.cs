using ZkPot.Crypto;
using ZkPot.Snark.Formats;
using ZkPot.Snark.Groth16;

namespace ZkPot.Snark.Setup;

/// <summary>What a proving key hands on to verifiers: the verifying key (<c>snarkjs zkey export verificationkey</c>).</summary>
public static class ZKeyExport
{
    /// <summary>alpha1, beta2, gamma2, delta2 and IC of the key, checked as any verifying key is.</summary>
    public static VerifyingKey ToVerifyingKey(ZKey zkey)
    {
        ArgumentNullException.ThrowIfNull(zkey);
        var h = zkey.Header;
        var vk = VerifyingKey.Create(h.Alpha1, h.Beta2, h.Gamma2, h.Delta2, zkey.IC.ToArray());
        return zkey.Commitment is { } c ? vk.WithCommitment(c.Bases.ToArray(), c.Sigma2) : vk;
    }

    /// <summary>
    /// Refuses a proving key whose proofs would mean nothing: one with no phase-2 contribution (delta = 1, known to
    /// all), or whose verifying key is degenerate (<see cref="VerifyingKey.Create"/>). Proving and verifying both ask.
    /// </summary>
    public static void RequireUsable(ZKey zkey)
    {
        ArgumentNullException.ThrowIfNull(zkey);
        if (zkey.Contributions.Items.Count == 0)
            throw new InvalidDataException("the proving key has no phase-2 contribution: delta = 1 is known to everyone, so anyone could forge its proofs; contribute to it first (zkpot zkey contribute)");
        var h = zkey.Header;
        if (h.Delta1 == G1.Generator)
            throw new InvalidDataException("the proving key's delta is 1: its phase-2 contributions cancelled out or were never applied");
        _ = ToVerifyingKey(zkey);
    }
}
