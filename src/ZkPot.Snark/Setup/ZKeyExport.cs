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
        return VerifyingKey.Create(h.Alpha1, h.Beta2, h.Gamma2, h.Delta2, zkey.IC.ToArray());
    }
}
