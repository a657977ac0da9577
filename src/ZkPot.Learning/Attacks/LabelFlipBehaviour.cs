namespace ZkPot.Learning;

/// <summary>Trains on the shard with labels permuted (y -> 9 - y by default) and submits the result.</summary>
public sealed class LabelFlipBehaviour : IParticipantBehaviour
{
    private readonly byte[] _permutation;

    /// <summary>Flips y -> 9 - y.</summary>
    public LabelFlipBehaviour() : this(LabelFlip.Reverse) { }

    /// <summary>Flips labels by <paramref name="permutation"/> (a permutation of 0..9).</summary>
    public LabelFlipBehaviour(ReadOnlySpan<byte> permutation)
    {
        LabelFlip.ValidatePermutation(permutation);
        _permutation = permutation.ToArray();
    }

    /// <inheritdoc/>
    public string Name => "label-flip";

    /// <inheritdoc/>
    public float[] LocalUpdate(IFloatModel global, Dataset shard, SgdOptions options) =>
        SgdTrainer.Train(global, LabelFlip.Apply(shard, _permutation), options).Model.Parameters;
}
