namespace ZkPot.Learning;

/// <summary>Federated averaging: the sample-weighted mean of participants' parameter vectors.</summary>
/// <remarks>
/// w = sum_u (n_u / N) w_u with N = sum_u n_u, accumulated per coordinate in double in the order the updates
/// are given and rounded to float once, so every node that aggregates the same updates in the same order
/// (e.g. sorted by participant id) gets the same bits. Non-finite parameters are rejected rather than averaged:
/// one NaN would poison the whole global model.
/// </remarks>
public static class FedAvg
{
    /// <summary>The weighted average of <paramref name="updates"/> as a new array.</summary>
    public static float[] Aggregate(IReadOnlyList<ModelUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count == 0)
        {
            throw new ArgumentException("FedAvg needs at least one update.", nameof(updates));
        }
        var result = new float[updates[0].Parameters.Length];
        Aggregate(updates, result);
        return result;
    }

    /// <summary>Writes the weighted average of <paramref name="updates"/> into <paramref name="destination"/> (left untouched if any update is invalid).</summary>
    public static void Aggregate(IReadOnlyList<ModelUpdate> updates, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count == 0)
        {
            throw new ArgumentException("FedAvg needs at least one update.", nameof(updates));
        }
        int length = destination.Length;
        long total = 0;
        for (int u = 0; u < updates.Count; u++)
        {
            ModelUpdate update = updates[u];
            if (update.Parameters.Length != length)
            {
                throw new ArgumentException(
                    $"Update {u} has {update.Parameters.Length} parameters; expected {length}.", nameof(updates));
            }
            if (update.SampleCount <= 0)
            {
                throw new ArgumentException($"Update {u} has sample count {update.SampleCount}; it must be positive.", nameof(updates));
            }
            ReadOnlySpan<float> p = update.Parameters.Span;
            for (int i = 0; i < p.Length; i++)
            {
                if (!float.IsFinite(p[i]))
                {
                    throw new ArgumentException($"Update {u} has non-finite parameter {p[i]} at index {i}.", nameof(updates));
                }
            }
            total = checked(total + update.SampleCount);
        }
        var sum = new double[length];
        for (int u = 0; u < updates.Count; u++)
        {
            double weight = (double)updates[u].SampleCount / total;
            ReadOnlySpan<float> p = updates[u].Parameters.Span;
            for (int i = 0; i < length; i++)
            {
                sum[i] += weight * p[i];
            }
        }
        for (int i = 0; i < length; i++)
        {
            destination[i] = (float)sum[i];
        }
    }
}
