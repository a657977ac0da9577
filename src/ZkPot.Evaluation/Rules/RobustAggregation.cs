namespace ZkPot.Evaluation.Rules;

/// <summary>
/// Byzantine-robust aggregation rules of the literature, over parameter vectors of equal length, as pure functions:
/// coordinate-wise median and trimmed mean (Yin, Chen, Ramchandran, Bartlett, ICML 2018) and Krum (Blanchard,
/// El Mhamdi, Guerraoui, Stainer, NeurIPS 2017). None of them looks at data or proofs: each bounds the pull of the
/// f updates it cannot tell apart from the honest ones by their position among the others.
/// </summary>
public static class RobustAggregation
{
    /// <summary>Per coordinate, the median of the updates' values (the mean of the two middle ones for an even count).</summary>
    public static float[] CoordinateMedian(IReadOnlyList<float[]> updates)
    {
        int length = CheckShapes(updates);
        var result = new float[length];
        var column = new float[updates.Count];
        int m = updates.Count;
        for (int i = 0; i < length; i++)
        {
            for (int u = 0; u < m; u++) column[u] = updates[u][i];
            Array.Sort(column);
            result[i] = m % 2 == 1 ? column[m / 2] : (float)(((double)column[m / 2 - 1] + column[m / 2]) / 2);
        }
        return result;
    }

    /// <summary>Per coordinate, the mean of the values left after dropping the <paramref name="trim"/> largest and the <paramref name="trim"/> smallest.</summary>
    public static float[] TrimmedMean(IReadOnlyList<float[]> updates, int trim)
    {
        int length = CheckShapes(updates);
        int m = updates.Count;
        if (trim < 0 || 2 * trim >= m) throw new ArgumentOutOfRangeException(nameof(trim), trim, $"trimming {trim} from each end of {m} values leaves none");
        var result = new float[length];
        var column = new float[m];
        for (int i = 0; i < length; i++)
        {
            for (int u = 0; u < m; u++) column[u] = updates[u][i];
            Array.Sort(column);
            double sum = 0;
            for (int u = trim; u < m - trim; u++) sum += column[u];
            result[i] = (float)(sum / (m - 2 * trim));
        }
        return result;
    }

    /// <summary>
    /// Krum's choice: the index of the update whose summed squared distance to its m - f - 2 nearest other updates is
    /// smallest (ties: the lowest index). With too few updates for that neighbourhood (m &lt;= f + 2) the nearest one is used.
    /// </summary>
    public static int Krum(IReadOnlyList<float[]> updates, int byzantine)
    {
        CheckShapes(updates);
        ArgumentOutOfRangeException.ThrowIfNegative(byzantine);
        int m = updates.Count;
        if (m == 1) return 0;
        int neighbours = Math.Max(1, m - byzantine - 2);
        var distances = new double[m, m];
        for (int a = 0; a < m; a++)
            for (int b = a + 1; b < m; b++)
                distances[a, b] = distances[b, a] = SquaredDistance(updates[a], updates[b]);
        int best = 0;
        double bestScore = double.PositiveInfinity;
        var row = new double[m - 1];
        for (int a = 0; a < m; a++)
        {
            int k = 0;
            for (int b = 0; b < m; b++) if (b != a) row[k++] = distances[a, b];
            Array.Sort(row);
            double score = 0;
            for (int j = 0; j < Math.Min(neighbours, row.Length); j++) score += row[j];
            if (score < bestScore) { bestScore = score; best = a; }
        }
        return best;
    }

    static double SquaredDistance(float[] a, float[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = (double)a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    static int CheckShapes(IReadOnlyList<float[]> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count == 0) throw new ArgumentException("no updates to aggregate", nameof(updates));
        int length = updates[0].Length;
        foreach (var u in updates)
            if (u.Length != length) throw new ArgumentException($"updates have {length} and {u.Length} parameters", nameof(updates));
        return length;
    }
}
