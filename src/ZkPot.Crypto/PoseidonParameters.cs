using System.Numerics;

namespace ZkPot.Crypto;

/// <summary>
/// circomlib's Poseidon instance for state width t over the BN254 scalar field: x^5 S-box, 8 full rounds, the partial
/// round count circomlib fixes per width, and round constants and a Cauchy MDS matrix derived with the Grain LFSR of
/// the Poseidon reference script (generate_parameters_grain.sage), which reproduces circomlib's published constants.
/// </summary>
public sealed class PoseidonParameters
{
    /// <summary>Smallest supported state width (one input).</summary>
    public const int MinWidth = 2;

    /// <summary>Largest supported state width (sixteen inputs).</summary>
    public const int MaxWidth = 17;

    /// <summary>The S-box exponent (x^5).</summary>
    public const int SboxExponent = 5;

    // Seed fields of the reference script: field type 1 is GF(p), S-box type 0 is x^alpha, n = bit length of r.
    const int GrainFieldPrime = 1;
    const int GrainSboxPower = 0;
    const int FieldBits = 254;
    const int FullRoundCount = 8;

    // circomlib's partial round counts, indexed by t - 2.
    static readonly int[] PartialRoundsByWidth = [56, 57, 56, 60, 60, 63, 64, 63, 60, 66, 60, 65, 70, 60, 64, 68];

    static readonly Lazy<PoseidonParameters>[] Cache = Enumerable.Range(MinWidth, MaxWidth - MinWidth + 1)
        .Select(t => new Lazy<PoseidonParameters>(() => Generate(t), LazyThreadSafetyMode.ExecutionAndPublication))
        .ToArray();

    readonly Fr[] _roundConstants;
    readonly Fr[] _mds;

    PoseidonParameters(int width, int partialRounds, Fr[] roundConstants, Fr[] mds)
    {
        Width = width;
        PartialRounds = partialRounds;
        _roundConstants = roundConstants;
        _mds = mds;
    }

    /// <summary>State width t (inputs + 1).</summary>
    public int Width { get; }

    /// <summary>Number of full rounds; half of them run before the partial rounds, half after.</summary>
    public int FullRounds => FullRoundCount;

    /// <summary>Number of partial rounds (S-box on state element 0 only).</summary>
    public int PartialRounds { get; }

    /// <summary>Total number of rounds, FullRounds + PartialRounds.</summary>
    public int Rounds => FullRounds + PartialRounds;

    /// <summary>Round constants in round order: element i of round r is at index r * Width + i.</summary>
    public ReadOnlySpan<Fr> RoundConstants => _roundConstants;

    /// <summary>The MDS matrix entry M[row, column]; a round's linear layer computes state'[row] = sum over column of M[row, column] * state[column].</summary>
    public Fr Mds(int row, int column)
    {
        if ((uint)row >= (uint)Width) throw new ArgumentOutOfRangeException(nameof(row), row, $"MDS row must be 0..{Width - 1} for t = {Width}");
        if ((uint)column >= (uint)Width) throw new ArgumentOutOfRangeException(nameof(column), column, $"MDS column must be 0..{Width - 1} for t = {Width}");
        return _mds[row * Width + column];
    }

    /// <summary>The MDS matrix row-major (index row * Width + column), for the permutation's inner loop.</summary>
    internal ReadOnlySpan<Fr> MdsRowMajor => _mds;

    /// <summary>The parameters for state width <paramref name="t"/> (2..17), generated on first use and cached.</summary>
    public static PoseidonParameters For(int t)
    {
        if (t is < MinWidth or > MaxWidth)
            throw new ArgumentOutOfRangeException(nameof(t), t, $"Poseidon state width must be {MinWidth}..{MaxWidth} (1..16 inputs)");
        return Cache[t - MinWidth].Value;
    }

    static PoseidonParameters Generate(int t)
    {
        int partialRounds = PartialRoundsByWidth[t - MinWidth];
        var lfsr = new GrainLfsr(GrainFieldPrime, GrainSboxPower, FieldBits, t, FullRoundCount, partialRounds);

        // Round constants reject draws >= r so each is uniform in the field.
        var roundConstants = new Fr[(FullRoundCount + partialRounds) * t];
        for (int i = 0; i < roundConstants.Length; i++)
        {
            BigInteger draw;
            do draw = lfsr.NextInteger(FieldBits); while (draw >= Fr.Modulus);
            roundConstants[i] = Fr.FromBigInteger(draw);
        }

        return new PoseidonParameters(t, partialRounds, roundConstants, CauchyMatrix(lfsr, t));
    }

    // The reference draws x_0..x_{t-1}, y_0..y_{t-1} from the continuing stream, reduces them mod r (no rejection),
    // and redraws all 2t when two coincide or some x_i + y_j is zero; M[i, j] = 1 / (x_i + y_j).
    // Its further redraw when a subspace-trail test fails is not reproduced here: the circomlib vectors for every
    // width confirm that the first admissible draw is the published matrix.
    static Fr[] CauchyMatrix(GrainLfsr lfsr, int t)
    {
        var xy = new Fr[2 * t];
        var entries = new Fr[t * t];
        while (true)
        {
            for (int i = 0; i < xy.Length; i++) xy[i] = Fr.FromBigInteger(lfsr.NextInteger(FieldBits));
            if (xy.Distinct().Count() != xy.Length) continue;

            bool singular = false;
            for (int i = 0; i < t && !singular; i++)
                for (int j = 0; j < t; j++)
                {
                    entries[i * t + j] = xy[i] + xy[t + j];
                    if (entries[i * t + j].IsZero) { singular = true; break; }
                }
            if (singular) continue;

            Fr.BatchInverse(entries);
            return entries;
        }
    }
}
