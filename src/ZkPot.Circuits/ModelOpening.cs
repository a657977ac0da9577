using System.Buffers.Binary;
using ZkPot.Crypto;
using ZkPot.Learning;
using ZkPot.Snark.Groth16;

namespace ZkPot.Circuits;

/// <summary>
/// What opens an accuracy proof's commitment D: the model's integer values (<see cref="QuantizedMlp.CommittedValues"/>
/// order) and the mask. A participant hands it to the round's leader only, sealed; D = Commit(values, mask) under the
/// task key's commitment bases is what the leader checks.
/// </summary>
/// <remarks>Encoding: mask[32, big-endian] | value count u32 | values (int32 little-endian each).</remarks>
public sealed record ModelOpening(long[] Values, Fr Mask)
{
    public static ModelOpening Of(QuantizedMlp model, Fr mask) => new(model.CommittedValues(), mask);

    public G1Affine Commitment(CommitmentVerifyingKey key) => CommitmentAggregate.Commit(key, Values, Mask).ToAffine();

    public bool Opens(CommitmentVerifyingKey key, in G1Affine d) => Commitment(key) == d;

    public byte[] Encode()
    {
        var bytes = new byte[36 + 4 * Values.Length];
        Mask.WriteBigEndian(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(32), Values.Length);
        for (int i = 0; i < Values.Length; i++)
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(36 + 4 * i), checked((int)Values[i]));
        return bytes;
    }

    /// <summary>Decodes an opening of exactly <paramref name="count"/> values; InvalidDataException names what is wrong.</summary>
    public static ModelOpening Decode(ReadOnlySpan<byte> bytes, int count, string what)
    {
        if (bytes.Length != 36 + 4 * count)
            throw new InvalidDataException($"{what}: expected {36 + 4 * count} bytes (mask, count, {count} values), got {bytes.Length}");
        int n = BinaryPrimitives.ReadInt32LittleEndian(bytes[32..]);
        if (n != count) throw new InvalidDataException($"{what}: holds {n} values, the task's model has {count}");
        var values = new long[count];
        for (int i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(36 + 4 * i)..]);
        return new ModelOpening(values, FieldBytes.Read(bytes[..32], $"{what}: mask"));
    }
}
