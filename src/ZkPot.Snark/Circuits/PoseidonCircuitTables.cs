using ZkPot.Crypto;

namespace ZkPot.Snark.Circuits;

/// <summary>
/// circomlib's Poseidon for one width t, laid out for a circuit. Linear layers cost nothing in R1CS, so only the S-box
/// inputs matter; in the partial rounds each of them is a fixed linear function of the last full round's t S-box
/// outputs and the partial S-box outputs so far. Those functions depend on the parameters only and are worked out
/// here once per width, so a hash costs one pass over their coefficients instead of a matrix product per round.
/// </summary>
internal sealed class PoseidonCircuitTables
{
    static readonly Lazy<PoseidonCircuitTables>[] Cache =
        Enumerable.Range(PoseidonParameters.MinWidth, PoseidonParameters.MaxWidth - PoseidonParameters.MinWidth + 1)
            .Select(t => new Lazy<PoseidonCircuitTables>(() => new PoseidonCircuitTables(PoseidonParameters.For(t)),
                LazyThreadSafetyMode.ExecutionAndPublication))
            .ToArray();

    readonly Fr[] _roundConstants;
    readonly Fr[] _mds;
    readonly Fr[] _partialInputs;
    readonly Fr[] _resumeInputs;

    PoseidonCircuitTables(PoseidonParameters p)
    {
        int t = p.Width, half = p.FullRounds / 2, partial = p.PartialRounds;
        Width = t;
        HalfFullRounds = half;
        PartialRounds = partial;
        BasisSize = 1 + t + partial;
        _roundConstants = p.RoundConstants.ToArray();
        _mds = new Fr[t * t];
        for (var i = 0; i < t; i++)
            for (var j = 0; j < t; j++)
                _mds[i * t + j] = p.Mds(i, j);

        // Basis: [1, u_0..u_{t-1} (S-box outputs of the last full round before the partial rounds), y_0..y_{P-1}
        // (partial S-box outputs)]. state[i] holds the coefficients of state element i over that basis.
        int b = BasisSize;
        var state = new Fr[t * b];
        var mixed = new Fr[t * b];
        for (var i = 0; i < t; i++)
            for (var j = 0; j < t; j++)
                state[i * b + 1 + j] = _mds[i * t + j];

        _partialInputs = new Fr[partial * b];
        for (var k = 0; k < partial; k++)
        {
            var constants = RoundConstants(half + k);
            for (var i = 0; i < t; i++)
                state[i * b] += constants[i];
            state.AsSpan(0, b).CopyTo(_partialInputs.AsSpan(k * b, b));

            // Element 0 becomes the S-box output y_k; then the MDS layer, over the columns in use so far.
            state.AsSpan(0, b).Clear();
            state[1 + t + k] = Fr.One;
            int used = 1 + t + k + 1;
            for (var i = 0; i < t; i++)
            {
                var row = mixed.AsSpan(i * b, used);
                row.Clear();
                for (var j = 0; j < t; j++)
                {
                    var m = _mds[i * t + j];
                    var source = state.AsSpan(j * b, used);
                    for (var c = 0; c < used; c++)
                        row[c] += m * source[c];
                }
            }
            (state, mixed) = (mixed, state);
        }

        var resume = RoundConstants(half + partial);
        for (var i = 0; i < t; i++)
            state[i * b] += resume[i];
        _resumeInputs = state;
    }

    /// <summary>State width t.</summary>
    public int Width { get; }

    /// <summary>Full rounds on each side of the partial rounds.</summary>
    public int HalfFullRounds { get; }

    public int PartialRounds { get; }

    /// <summary>1 + t + PartialRounds: the length of a coefficient row in <see cref="PartialInput"/> and <see cref="ResumeInput"/>.</summary>
    public int BasisSize { get; }

    /// <summary>The tables for width t (2..17), built on first use and cached.</summary>
    public static PoseidonCircuitTables For(int t) => Cache[t - PoseidonParameters.MinWidth].Value;

    /// <summary>The t constants added at the start of round r (full and partial rounds counted together).</summary>
    public ReadOnlySpan<Fr> RoundConstants(int round) => _roundConstants.AsSpan(round * Width, Width);

    /// <summary>MDS row i: state'[i] = sum over j of row[j] * state[j].</summary>
    public ReadOnlySpan<Fr> MdsRow(int row) => _mds.AsSpan(row * Width, Width);

    /// <summary>The S-box input of partial round k over the basis (its round constant included); columns past 1 + t + k are zero.</summary>
    public ReadOnlySpan<Fr> PartialInput(int k) => _partialInputs.AsSpan(k * BasisSize, BasisSize);

    /// <summary>The S-box input of element i in the first full round after the partial rounds, over the whole basis.</summary>
    public ReadOnlySpan<Fr> ResumeInput(int i) => _resumeInputs.AsSpan(i * BasisSize, BasisSize);
}
