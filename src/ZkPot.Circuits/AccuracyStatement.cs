namespace ZkPot.Circuits;

/// <summary>
/// The public inputs of an accuracy proof, in public.json order: task, round, participant and the number of test-batch
/// samples classified correctly. The model is bound by the proof's commitment D, not by a public input. Binding round
/// and participant makes a copied or replayed proof fail.
/// </summary>
public sealed record AccuracyStatement(Fr Task, ulong Round, Fr Participant, int Correct)
{
    public Fr[] PublicSignals() => [Task, Fr.FromUInt64(Round), Participant, Fr.FromUInt64((ulong)Correct)];

    /// <summary>A 32-byte identifier (task id, node id hash, ...) as a field element: big-endian, reduced mod r.</summary>
    public static Fr IdToField(ReadOnlySpan<byte> id) =>
        Fr.FromBigInteger(new System.Numerics.BigInteger(id, isUnsigned: true, isBigEndian: true));
}
