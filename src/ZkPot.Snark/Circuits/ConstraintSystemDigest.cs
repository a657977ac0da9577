using System.Security.Cryptography;
using ZkPot.Snark.Formats;

namespace ZkPot.Snark.Circuits;

/// <summary>
/// The identity of a constraint system: SHA-256 of its .r1cs encoding as <see cref="R1csWriter"/> writes it, which is
/// the SHA-256 of the .r1cs file itself. A prover compares it with the digest recorded next to a proving key to be sure
/// a witness was made for the circuit the key was made for.
/// </summary>
public static class ConstraintSystemDigest
{
    /// <summary>Size of a digest in bytes.</summary>
    public const int Size = 32;

    /// <summary>SHA-256 of the .r1cs encoding of <paramref name="r1cs"/>.</summary>
    public static byte[] Compute(R1cs r1cs)
    {
        ArgumentNullException.ThrowIfNull(r1cs);
        using var sha = SHA256.Create();
        using (var hashing = new CryptoStream(Stream.Null, sha, CryptoStreamMode.Write, leaveOpen: true))
        {
            R1csWriter.Write(r1cs, hashing);
            hashing.FlushFinalBlock();
        }
        return sha.Hash!;
    }
}
