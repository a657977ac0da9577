using System.Buffers.Binary;
using ZkPot.Crypto;
using ZkPot.Learning;
using ZkPot.Snark.Groth16;

namespace ZkPot.Circuits;

/// <summary>
/// The published aggregate of a round: the element-wise sum of the included models' values, the sum of their masks and
/// how many models went in. Its commitment equals the sum of the included proofs' D exactly when it is their sum; the
/// new global model is its mean (<see cref="QuantizedMlp.FromSum"/>).
/// </summary>
/// <remarks>Encoding: model count u32 | mask sum[32, big-endian] | value count u32 | sums (int64 little-endian each).</remarks>
public sealed record ModelSum(int Count, long[] Sums, Fr MaskSum)
{
    /// <summary>The sum of openings (an empty list is refused: a block includes at least its leader's model).</summary>
    public static ModelSum Of(IReadOnlyList<ModelOpening> openings)
    {
        if (openings.Count == 0) throw new ArgumentException("a model sum needs at least one model", nameof(openings));
        var sums = new long[openings[0].Values.Length];
        var mask = Fr.Zero;
        foreach (var o in openings)
        {
            if (o.Values.Length != sums.Length) throw new ArgumentException($"openings have {sums.Length} and {o.Values.Length} values");
            for (int i = 0; i < sums.Length; i++) sums[i] = checked(sums[i] + o.Values[i]);
            mask += o.Mask;
        }
        return new ModelSum(openings.Count, sums, mask);
    }

    /// <summary>A single public model with mask zero (genesis).</summary>
    public static ModelSum Single(QuantizedMlp model) => new(1, model.CommittedValues(), Fr.Zero);

    public G1Affine Commitment(CommitmentVerifyingKey key) => CommitmentAggregate.Commit(key, Sums, MaskSum).ToAffine();

    /// <summary>The global model: the mean of the summed models, rounded half up, in the task's M1.</summary>
    public QuantizedMlp Mean(int hidden, int m1) => QuantizedMlp.FromSum(hidden, m1, Sums, Count);

    public byte[] Encode()
    {
        var bytes = new byte[40 + 8 * Sums.Length];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, Count);
        MaskSum.WriteBigEndian(bytes.AsSpan(4));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(36), Sums.Length);
        for (int i = 0; i < Sums.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(40 + 8 * i), Sums[i]);
        return bytes;
    }

    public static ModelSum Decode(ReadOnlySpan<byte> bytes, int count, string what)
    {
        if (bytes.Length != 40 + 8 * count)
            throw new InvalidDataException($"{what}: expected {40 + 8 * count} bytes (count, mask sum, {count} sums), got {bytes.Length}");
        int models = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        if (models <= 0) throw new InvalidDataException($"{what}: model count {models} is not positive");
        int n = BinaryPrimitives.ReadInt32LittleEndian(bytes[36..]);
        if (n != count) throw new InvalidDataException($"{what}: holds {n} sums, the task's model has {count}");
        var sums = new long[count];
        for (int i = 0; i < count; i++) sums[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes[(40 + 8 * i)..]);
        return new ModelSum(models, sums, FieldBytes.Read(bytes.Slice(4, 32), $"{what}: mask sum"));
    }
}
