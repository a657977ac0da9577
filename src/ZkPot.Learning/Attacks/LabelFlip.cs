namespace ZkPot.Learning;

/// <summary>Label-flipping data poisoning: training on systematically wrong labels.</summary>
public static class LabelFlip
{
    /// <summary>The mapping y -> 9 - y (every class moved, none to itself).</summary>
    public static ReadOnlySpan<byte> Reverse => [9, 8, 7, 6, 5, 4, 3, 2, 1, 0];

    /// <summary>The dataset with every label y replaced by 9 - y.</summary>
    public static Dataset Apply(Dataset data) => Apply(data, Reverse);

    /// <summary>The dataset with every label y replaced by <paramref name="permutation"/>[y]; the mapping must be a permutation of 0..9.</summary>
    public static Dataset Apply(Dataset data, ReadOnlySpan<byte> permutation)
    {
        ArgumentNullException.ThrowIfNull(data);
        ValidatePermutation(permutation);
        return data.WithLabels(permutation);
    }

    /// <summary>Throws unless <paramref name="permutation"/> maps 0..9 one-to-one onto 0..9.</summary>
    public static void ValidatePermutation(ReadOnlySpan<byte> permutation)
    {
        if (permutation.Length != Dataset.ClassCount)
        {
            throw new ArgumentException($"Label permutation has {permutation.Length} entries; expected {Dataset.ClassCount}.", nameof(permutation));
        }
        Span<bool> seen = stackalloc bool[Dataset.ClassCount];
        for (int c = 0; c < permutation.Length; c++)
        {
            if (permutation[c] >= Dataset.ClassCount || seen[permutation[c]])
            {
                throw new ArgumentException(
                    $"Label mapping is not a permutation of 0..{Dataset.ClassCount - 1}: entry {c} is {permutation[c]}.", nameof(permutation));
            }
            seen[permutation[c]] = true;
        }
    }
}
