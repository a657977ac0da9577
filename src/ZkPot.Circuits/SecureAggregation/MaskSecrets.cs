using System.Numerics;
using System.Security.Cryptography;
using ZkPot.Crypto;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Circuits.SecureAggregation;

/// <summary>
/// Everything secret in an attempt is derived from the participant's identity and the attempt id, so a restarted
/// participant answers exactly as before and nothing needs storing: the pairwise seed of an edge from the X25519
/// agreement of the two genesis agreement keys, the self mask secret b and its sharing polynomial from the identity seed.
/// </summary>
public static class MaskSecrets
{
    /// <summary>s_ik = HKDF-SHA256(X25519(a_i, A_k), salt = attempt id, info = tag | lower id | higher id): both ends derive the same.</summary>
    public static byte[] PairSeed(NodeIdentity self, MaskContext context, NodeId other)
    {
        byte[] shared = self.Agree(context[other].AgreementKey);
        var (lo, hi) = self.Id.CompareTo(other) < 0 ? (self.Id, other) : (other, self.Id);
        byte[] info = [.. "zkpot/secagg/pair/v1"u8, .. lo.ToArray(), .. hi.ToArray()];
        try { return HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, context.Id.ToArray(), info); }
        finally { CryptographicOperations.ZeroMemory(shared); }
    }

    /// <summary>What an advert publishes about a pairwise seed: a hash that binds a later reveal.</summary>
    public static Hash32 SeedCommitment(ReadOnlySpan<byte> seed) => Hash32.Tagged("zkpot/secagg/pair-commit/v1", seed);

    /// <summary>The self mask secret b and the other coefficients of its sharing polynomial (degree threshold - 1).</summary>
    public static Fr[] SelfPolynomial(NodeIdentity self, MaskContext context)
    {
        byte[] seed = self.ExportSeed();
        try
        {
            return Enumerable.Range(0, context.Threshold).Select(l =>
            {
                byte[] wide = HKDF.DeriveKey(HashAlgorithmName.SHA256, seed, 64, context.Id.ToArray(), [.. "zkpot/secagg/self/v1/"u8, (byte)l, (byte)(l >> 8)]);
                return Fr.FromBigInteger(new BigInteger(wide, isUnsigned: true) % Fr.Modulus);
            }).ToArray();
        }
        finally { CryptographicOperations.ZeroMemory(seed); }
    }

    public static Hash32 SelfHash(in Fr b) => Hash32.Tagged("zkpot/secagg/self-hash/v1", Bytes(b));

    /// <summary>The self mask itself: the PRG of a hash of b (b is a scalar so that it can be shared).</summary>
    public static Fr[] SelfMask(in Fr b, int length) => MaskPrg.Expand(Hash32.Tagged("zkpot/secagg/self-prg/v1", Bytes(b)).ToArray(), length);

    public static Fr[] PairMask(ReadOnlySpan<byte> seed, int length) => MaskPrg.Expand(seed, length);

    /// <summary>Σ_j v_j F_j over the commitment bases (the model's, its mask's last).</summary>
    public static G1Affine Commit(IReadOnlyList<G1Affine> bases, ReadOnlySpan<Fr> vector)
    {
        if (vector.Length != bases.Count) throw new ArgumentException($"{vector.Length} values for {bases.Count} bases", nameof(vector));
        return CpuMsm.Shared.MultiExp(bases as G1Affine[] ?? bases.ToArray(), vector).ToAffine();
    }

    /// <summary>A model opening as a field vector: its values, then its mask ν.</summary>
    public static Fr[] Vector(ModelOpening opening) => [.. opening.Values.Select(SignedField.Of), opening.Mask];

    static byte[] Bytes(in Fr v)
    {
        var b = new byte[32];
        v.WriteBigEndian(b);
        return b;
    }
}
