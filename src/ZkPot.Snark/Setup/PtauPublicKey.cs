using ZkPot.Crypto;
using ZkPot.Snark.Formats;

namespace ZkPot.Snark.Setup;

/// <summary>
/// The public key of one powers-of-tau contribution: for each of its secrets x (tau, alpha, beta) a random [s]G1, [s x]G1
/// and [x] r, where r = hash-to-G2 of (personalization, the previous challenge, [s]G1, [s x]G1). The equation
/// e([s]G1, [x] r) = e([s x]G1, r) shows that the contributor knew x and bound it to the challenge it answered; the
/// pairings between its recorded points and the previous contribution's then show the file was multiplied by that x.
/// </summary>
public sealed record PtauPublicKey(
    G1Affine TauG1S, G1Affine TauG1Sx, G1Affine AlphaG1S, G1Affine AlphaG1Sx, G1Affine BetaG1S, G1Affine BetaG1Sx,
    G2Affine TauG2Spx, G2Affine AlphaG2Spx, G2Affine BetaG2Spx)
{
    /// <summary>Bytes of the key in either encoding: six G1 and three G2 points.</summary>
    public const int Size = 6 * PointCodec.G1Size + 3 * PointCodec.G2Size;

    /// <summary>The personalization bytes snarkjs uses for tau, alpha and beta.</summary>
    public const byte TauPersonalization = 0, AlphaPersonalization = 1, BetaPersonalization = 2;

    /// <summary>Draws the three secrets and the key from the stream, in snarkjs's order (<c>createPTauKey</c>).</summary>
    internal static (Fr Tau, Fr Alpha, Fr Beta, PtauPublicKey Key) Create(ReadOnlySpan<byte> challenge, ChaChaStream rng)
    {
        var tau = PtauRandom.NextScalar(rng);
        var alpha = PtauRandom.NextScalar(rng);
        var beta = PtauRandom.NextScalar(rng);
        var (tauS, tauSx, tauSpx) = Prove(tau, TauPersonalization, challenge, rng);
        var (alphaS, alphaSx, alphaSpx) = Prove(alpha, AlphaPersonalization, challenge, rng);
        var (betaS, betaSx, betaSpx) = Prove(beta, BetaPersonalization, challenge, rng);
        return (tau, alpha, beta, new PtauPublicKey(tauS, tauSx, alphaS, alphaSx, betaS, betaSx, tauSpx, alphaSpx, betaSpx));
    }

    static (G1Affine S, G1Affine Sx, G2Affine Spx) Prove(in Fr secret, byte personalization, ReadOnlySpan<byte> challenge, ChaChaStream rng)
    {
        var s = PtauRandom.NextG1(rng);
        var sx = s.ToJacobian().Multiply(secret).ToAffine();
        var spx = ProofBase(personalization, challenge, s, sx).ToJacobian().Multiply(secret).ToAffine();
        return (s, sx, spx);
    }

    /// <summary>r = hash-to-G2(BLAKE2b-512(personalization || challenge || [s]G1 || [s x]G1)), snarkjs's <c>getG2sp</c>.</summary>
    public static G2Affine ProofBase(byte personalization, ReadOnlySpan<byte> challenge, in G1Affine s, in G1Affine sx)
    {
        var hasher = new Blake2b();
        hasher.Append([personalization]);
        hasher.Append(challenge);
        HashEncoding.AppendG1(hasher, s);
        HashEncoding.AppendG1(hasher, sx);
        return HashToG2.FromTranscript(hasher.Finish());
    }

    /// <summary>The key as the response hash takes it: every point uncompressed, big-endian.</summary>
    public byte[] ToHashBytes()
    {
        var bytes = new byte[Size];
        var span = bytes.AsSpan();
        var at = 0;
        foreach (var p in G1Points)
        {
            HashEncoding.WriteG1(span[at..], p);
            at += PointCodec.G1Size;
        }
        foreach (var q in G2Points)
        {
            HashEncoding.WriteG2(span[at..], q);
            at += PointCodec.G2Size;
        }
        return bytes;
    }

    /// <summary>The key as a .ptau records it: affine points in Montgomery form, little-endian.</summary>
    internal void WriteTo(Span<byte> destination)
    {
        var at = 0;
        foreach (var p in G1Points)
        {
            PointCodec.WriteG1(destination[at..], p);
            at += PointCodec.G1Size;
        }
        foreach (var q in G2Points)
        {
            PointCodec.WriteG2(destination[at..], q);
            at += PointCodec.G2Size;
        }
    }

    G1Affine[] G1Points => [TauG1S, TauG1Sx, AlphaG1S, AlphaG1Sx, BetaG1S, BetaG1Sx];

    G2Affine[] G2Points => [TauG2Spx, AlphaG2Spx, BetaG2Spx];
}
