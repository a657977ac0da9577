using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using ZkPot.Crypto;
using ZkPot.Snark.Formats;

namespace ZkPot.Snark.Setup;

/// <summary>
/// Groth16 phase-2 contributions, record for record as <c>snarkjs zkey contribute</c> makes them, so that snarkjs and
/// <see cref="SetupVerifier"/> check each other's: a contributor draws a secret x, multiplies delta (G1 and G2) by x and
/// divides every C and H point by x, and appends a record proving knowledge of x without revealing it.
/// </summary>
/// <remarks>
/// The record: a random s, g1_s = [s]G1, g1_sx = [s x]G1; the transcript T = BLAKE2b-512(circuit hash, then for each
/// earlier contribution deltaAfter, g1_s, g1_sx, g2_spx and its transcript, then g1_s, g1_sx) with points encoded as
/// <see cref="HashEncoding"/> says; r = <see cref="HashToG2"/>(T); g2_spx = [x] r. A checker recomputes T and r and
/// tests e(g1_s, g2_spx) = e(g1_sx, r) (the contributor knew x) and e(delta_before, g2_spx) = e(delta_after, r) (delta
/// moved by that same x). Since r depends on g1_s and g1_sx through T, a record cannot be copied from another key.
/// </remarks>
public static class Phase2Ceremony
{
    /// <summary>snarkjs keeps at most 64 characters of a contribution name.</summary>
    public const int MaxNameLength = 64;

    /// <summary>
    /// Returns the key after one more contribution. x comes from the operating system's CSPRNG, hashed together with
    /// <paramref name="entropy"/> when given (a contributor may add randomness of their own; it never weakens x).
    /// x is dropped when the method returns, which is the contributor's whole duty.
    /// </summary>
    public static ZKey Contribute(ZKey zkey, string? name, string? entropy = null)
    {
        var x = DeriveSecret(entropy);
        return Contribute(zkey, name, x, NonZeroRandom(), DeriveSecret(entropy), NonZeroRandom());
    }

    /// <summary>The deterministic core: contributes the secret <paramref name="x"/> with proof nonce <paramref name="s"/>.</summary>
    internal static ZKey Contribute(ZKey zkey, string? name, Fr x, Fr s) => Contribute(zkey, name, x, s, NonZeroRandom(), NonZeroRandom());

    /// <summary>
    /// The deterministic core with the commitment's secret too: delta times <paramref name="x"/> and, for a
    /// commit-and-prove key, sigma times <paramref name="y"/> (sigma bases and [sigma]_2), each with its proof of knowledge.
    /// </summary>
    internal static ZKey Contribute(ZKey zkey, string? name, Fr x, Fr s, Fr y, Fr ys)
    {
        ArgumentNullException.ThrowIfNull(zkey);
        CheckName(name);
        var header = zkey.Header;
        var previous = zkey.Contributions.Items;
        var record = CreateRecord(zkey.Contributions.CircuitHash, previous, header.Delta1, x, s, name);

        var inverse = x.Inverse();
        var c = Scale(zkey.C, inverse);
        var h = Scale(zkey.H, inverse);
        var newHeader = new ZKeyHeader(header.NVars, header.NPublic, header.DomainSize, header.Alpha1, header.Beta1, header.Beta2,
            header.Gamma2, record.DeltaAfter, header.Delta2.ToJacobian().Multiply(x).ToAffine());
        var contributions = new ZKeyContributions(zkey.Contributions.CircuitHash.ToArray(), [.. previous, record]);
        ZKeyCommitment? commitment = null;
        if (zkey.Commitment is { } before)
        {
            var sigmaBefore = before.Contributions.Count == 0 ? G1.Generator : before.Contributions[^1].SigmaAfter;
            var sigmaRecord = CreateSigmaRecord(record.Transcript, sigmaBefore, y, ys);
            var sigmaBases = before.SigmaBases.ToArray();
            PointScaling.ByPowers<Fp>(sigmaBases, y, Fr.One);
            commitment = new ZKeyCommitment(before.Bases.ToArray(), sigmaBases, before.Sigma2.ToJacobian().Multiply(y).ToAffine(),
                [.. before.Contributions, sigmaRecord]);
        }
        return new ZKey(newHeader, zkey.IC.ToArray(), zkey.Coefficients.ToArray(), zkey.A.ToArray(), zkey.B1.ToArray(),
            zkey.B2.ToArray(), c, h, contributions, commitment);
    }

    /// <summary>
    /// A sigma record for secret <paramref name="y"/> applied to [sigma]_1 = <paramref name="sigmaBefore"/>, bound to the delta
    /// contribution whose transcript is <paramref name="deltaTranscript"/>.
    /// </summary>
    internal static SigmaContribution CreateSigmaRecord(ReadOnlySpan<byte> deltaTranscript, in G1Affine sigmaBefore, in Fr y, in Fr s)
    {
        if (y.IsZero || s.IsZero)
            throw new ArgumentException("the sigma secret and its proof nonce must be nonzero");
        var g1s = G1.Generator.ToJacobian().Multiply(s).ToAffine();
        var g1sx = G1.Generator.ToJacobian().Multiply(s * y).ToAffine();
        var transcript = SigmaTranscript(deltaTranscript, g1s, g1sx);
        var g2spx = HashToG2.FromTranscript(transcript).ToJacobian().Multiply(y).ToAffine();
        return new SigmaContribution(sigmaBefore.ToJacobian().Multiply(y).ToAffine(), g1s, g1sx, g2spx, transcript);
    }

    /// <summary>BLAKE2b-512("zkpot/sigma" || delta transcript || g1_s || g1_sx).</summary>
    public static byte[] SigmaTranscript(ReadOnlySpan<byte> deltaTranscript, in G1Affine g1s, in G1Affine g1sx)
    {
        var hasher = new Blake2b();
        hasher.Append("zkpot/sigma"u8);
        hasher.Append(deltaTranscript);
        HashEncoding.AppendG1(hasher, g1s);
        HashEncoding.AppendG1(hasher, g1sx);
        return hasher.Finish();
    }

    /// <summary>A contribution record for secret x applied to <paramref name="deltaBefore"/>, with its proof of knowledge.</summary>
    internal static ZKeyContribution CreateRecord(ReadOnlySpan<byte> circuitHash, IReadOnlyList<ZKeyContribution> previous,
        in G1Affine deltaBefore, in Fr x, in Fr s, string? name)
    {
        if (x.IsZero || s.IsZero)
            throw new ArgumentException("the contribution secret and its proof nonce must be nonzero");
        var g1s = G1.Generator.ToJacobian().Multiply(s).ToAffine();
        var g1sx = G1.Generator.ToJacobian().Multiply(s * x).ToAffine();
        var transcript = Transcript(circuitHash, previous, g1s, g1sx);
        var r = HashToG2.FromTranscript(transcript);
        var g2spx = r.ToJacobian().Multiply(x).ToAffine();
        var deltaAfter = deltaBefore.ToJacobian().Multiply(x).ToAffine();
        return new ZKeyContribution(deltaAfter, g1s, g1sx, g2spx, transcript, 0, name);
    }

    /// <summary>The transcript hash a contribution with these g1_s and g1_sx must carry (snarkjs's definition).</summary>
    public static byte[] Transcript(ReadOnlySpan<byte> circuitHash, IReadOnlyList<ZKeyContribution> previous, in G1Affine g1s, in G1Affine g1sx)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var hasher = new Blake2b();
        hasher.Append(circuitHash);
        foreach (var c in previous)
            AppendPublicKey(hasher, c);
        HashEncoding.AppendG1(hasher, g1s);
        HashEncoding.AppendG1(hasher, g1sx);
        return hasher.Finish();
    }

    /// <summary>The contribution hash snarkjs prints for a contribution (BLAKE2b-512 of its public key and transcript).</summary>
    public static byte[] ContributionHash(ZKeyContribution contribution)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        var hasher = new Blake2b();
        AppendPublicKey(hasher, contribution);
        return hasher.Finish();
    }

    static void AppendPublicKey(Blake2b hasher, ZKeyContribution c)
    {
        HashEncoding.AppendG1(hasher, c.DeltaAfter);
        HashEncoding.AppendG1(hasher, c.DeltaG1S);
        HashEncoding.AppendG1(hasher, c.DeltaG1Sx);
        HashEncoding.AppendG2(hasher, c.DeltaG2Spx);
        hasher.Append(c.Transcript);
    }

    static void CheckName(string? name)
    {
        if (name is not null && name.Length > MaxNameLength)
            throw new ArgumentException($"a contribution name holds at most {MaxNameLength} characters (snarkjs cuts longer ones), got {name.Length}", nameof(name));
    }

    static G1Affine[] Scale(ReadOnlySpan<G1Affine> points, Fr factor)
    {
        var source = points.ToArray();
        PointScaling.ByPowers<Fp>(source, factor, Fr.One);
        return source;
    }

    static Fr DeriveSecret(string? entropy)
    {
        while (true)
        {
            var hasher = new Blake2b();
            hasher.Append(RandomNumberGenerator.GetBytes(64));
            if (entropy is not null)
                hasher.Append(Encoding.UTF8.GetBytes(entropy));
            var x = Fr.FromBigInteger(new BigInteger(hasher.Finish(), isUnsigned: true));
            if (!x.IsZero)
                return x;
        }
    }

    static Fr NonZeroRandom()
    {
        while (true)
        {
            var value = Fr.Random();
            if (!value.IsZero)
                return value;
        }
    }
}
