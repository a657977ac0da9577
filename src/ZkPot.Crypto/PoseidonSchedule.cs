namespace ZkPot.Crypto;

/// <summary>
/// An equivalent rewrite of <see cref="PoseidonParameters"/> that makes partial rounds cheap (Poseidon paper,
/// appendix B): each partial round adds one constant and multiplies by a sparse matrix (2t - 1 products instead of t^2).
/// </summary>
internal sealed class PoseidonSchedule
{
    static readonly Lazy<PoseidonSchedule>[] Cache =
        Enumerable.Range(PoseidonParameters.MinWidth, PoseidonParameters.MaxWidth - PoseidonParameters.MinWidth + 1)
            .Select(t => new Lazy<PoseidonSchedule>(() => new PoseidonSchedule(PoseidonParameters.For(t)), LazyThreadSafetyMode.ExecutionAndPublication))
            .ToArray();

    /// <summary>State width t.</summary>
    public readonly int Width;

    /// <summary>Full rounds before (and again after) the partial rounds.</summary>
    public readonly int HalfFullRounds;

    /// <summary>Number of partial rounds.</summary>
    public readonly int PartialRounds;

    /// <summary>Constants of the full rounds, t per round: the first half, then the second half.</summary>
    public readonly Fr[] FullConstants;

    /// <summary>One constant per partial round, added to state element 0.</summary>
    public readonly Fr[] PartialConstants;

    /// <summary>The MDS matrix, row-major, for every full round except the last one before the partial rounds.</summary>
    public readonly Fr[] Mds;

    /// <summary>Linear layer of the last full round before the partial rounds, row-major: the dense remainder of all partial-round matrices folded into the MDS matrix.</summary>
    public readonly Fr[] EntryMds;

    /// <summary>Per partial round, 2t - 1 entries: M00, the rest of row 0 (t - 1), the rest of column 0 (t - 1); the other entries are the identity.</summary>
    public readonly Fr[] Sparse;

    /// <summary>The schedule for width t, built on first use and cached; t must already be checked to be 2..17.</summary>
    public static PoseidonSchedule For(int t) => Cache[t - PoseidonParameters.MinWidth].Value;

    PoseidonSchedule(PoseidonParameters p)
    {
        int t = p.Width;
        Width = t;
        HalfFullRounds = p.FullRounds / 2;
        PartialRounds = p.PartialRounds;
        Mds = p.MdsRowMajor.ToArray();

        var constants = p.RoundConstants.ToArray();
        int firstPartial = HalfFullRounds, endPartial = HalfFullRounds + PartialRounds;

        // In a partial round only element 0 meets the S-box, so the constants added to elements 1..t-1 pass through
        // it unchanged; carry them through the linear layer into the next round's constants.
        for (int r = firstPartial; r < endPartial; r++)
        {
            var current = constants.AsSpan(r * t, t);
            var next = constants.AsSpan((r + 1) * t, t);
            for (int i = 0; i < t; i++)
            {
                var carry = Fr.Zero;
                for (int j = 1; j < t; j++) carry += Mds[i * t + j] * current[j];
                next[i] += carry;
            }
            current[1..].Clear();
        }

        FullConstants = new Fr[p.FullRounds * t];
        constants.AsSpan(0, firstPartial * t).CopyTo(FullConstants);
        constants.AsSpan(endPartial * t).CopyTo(FullConstants.AsSpan(firstPartial * t));
        PartialConstants = new Fr[PartialRounds];
        for (int r = 0; r < PartialRounds; r++) PartialConstants[r] = constants[(firstPartial + r) * t];

        // Walking back from the last partial round, split its linear layer A = S * P with P = diag(1, A') acting on
        // elements 1..t-1 only. P commutes with the partial S-box and with a constant on element 0, so it moves into
        // the previous round's layer (P * M) and only the sparse S stays: S = [[A00, row0' * A'^-1], [col0', I]].
        Sparse = new Fr[PartialRounds * (2 * t - 1)];
        var a = (Fr[])Mds.Clone();
        var lower = new Fr[(t - 1) * (t - 1)];
        var moved = new Fr[t * t];
        for (int r = PartialRounds - 1; r >= 0; r--)
        {
            for (int i = 1; i < t; i++)
                for (int j = 1; j < t; j++) lower[(i - 1) * (t - 1) + j - 1] = a[i * t + j];
            var lowerInverse = Invert(lower, t - 1);

            var sparse = Sparse.AsSpan(r * (2 * t - 1), 2 * t - 1);
            sparse[0] = a[0];
            for (int j = 1; j < t; j++)
            {
                var sum = Fr.Zero;
                for (int k = 1; k < t; k++) sum += a[k] * lowerInverse[(k - 1) * (t - 1) + j - 1];
                sparse[j] = sum;
                sparse[t - 1 + j] = a[j * t];
            }

            for (int c = 0; c < t; c++) moved[c] = Mds[c];
            for (int i = 1; i < t; i++)
                for (int c = 0; c < t; c++)
                {
                    var sum = Fr.Zero;
                    for (int k = 1; k < t; k++) sum += a[i * t + k] * Mds[k * t + c];
                    moved[i * t + c] = sum;
                }
            (a, moved) = (moved, a);
        }
        EntryMds = a;
    }

    // Gauss-Jordan elimination; a block of a Cauchy matrix (and any product of such blocks) is invertible, so a zero
    // pivot column means the parameters are corrupt.
    static Fr[] Invert(ReadOnlySpan<Fr> matrix, int n)
    {
        var work = matrix.ToArray();
        var inverse = new Fr[n * n];
        for (int i = 0; i < n; i++) inverse[i * n + i] = Fr.One;

        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            while (pivot < n && work[pivot * n + col].IsZero) pivot++;
            if (pivot == n) throw new InvalidOperationException($"Poseidon MDS sub-matrix of size {n} is singular at column {col}");
            if (pivot != col)
                for (int c = 0; c < n; c++)
                {
                    (work[col * n + c], work[pivot * n + c]) = (work[pivot * n + c], work[col * n + c]);
                    (inverse[col * n + c], inverse[pivot * n + c]) = (inverse[pivot * n + c], inverse[col * n + c]);
                }

            var scale = work[col * n + col].Inverse();
            for (int c = 0; c < n; c++) { work[col * n + c] *= scale; inverse[col * n + c] *= scale; }

            for (int row = 0; row < n; row++)
            {
                if (row == col || work[row * n + col].IsZero) continue;
                var factor = work[row * n + col];
                for (int c = 0; c < n; c++)
                {
                    work[row * n + c] -= factor * work[col * n + c];
                    inverse[row * n + c] -= factor * inverse[col * n + c];
                }
            }
        }
        return inverse;
    }
}
