namespace ZkPot.Snark.Circuits;

/// <summary>
/// A witness violates a constraint. The message names the constraint's index and label but, on purpose, no values:
/// witness values are private and messages end up in logs.
/// </summary>
public sealed class UnsatisfiedConstraintException : Exception
{
    public UnsatisfiedConstraintException(int constraintIndex, string? label)
        : base(label is null
            ? $"constraint {constraintIndex} is not satisfied: A.w * B.w != C.w"
            : $"constraint {constraintIndex} ({label}) is not satisfied: A.w * B.w != C.w")
    {
        ConstraintIndex = constraintIndex;
        Label = label;
    }

    /// <summary>Index of the first violated constraint (its row in the .r1cs).</summary>
    public int ConstraintIndex { get; }

    /// <summary>The constraint's scopes and label, if it had any.</summary>
    public string? Label { get; }
}
